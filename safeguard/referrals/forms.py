import datetime
import re
from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from safeguard.accounts.models import LocalAuthority, Team, User
from safeguard.cases.forms import KeyContactChoice, OffersKeyContacts
from safeguard.cases.models import Case
from safeguard.core import clock
from safeguard.core.forms import GovukDateField, GovukForm, RecordsField, checkboxes, needed_if, radios, text_area
from safeguard.people.forms import yes_no_field
from safeguard.people.models import Child

from .access import escalation_recipients
from .grave import routine_error
from .models import Referral, ReferralEscalation


class ReferralForm(OffersKeyContacts):
    sections = (
        (
            "The child and the concern",
            ("children", "concern", "harms", "risk_level", "response_wanted", "urgency")
            + ("immediate_call_to", "immediate_call_date", "immediate_call_time", "routine_reason"),
        ),
        (
            "Who you referred to, and how",
            ("referred_to", "local_authority", "police_force", "channel", "contact_chosen", "contact", "made_on"),
        ),
        ("Discussed with a manager", ("discussed_with", "not_discussed_reason")),
    )
    children = RecordsField(
        queryset=Child.objects.none(),
        label="Which children is it about?",
        error_messages={"required": "Choose the child or children the referral is about"},
        help_text="An unborn child can be chosen once recorded on the case",
    )
    concern = text_area("The concern, in your own words", rows=5, required="Describe the concern in your own words")
    harms = checkboxes("Nature of the harm", Referral.Harm.choices, required="Select the nature of the harm")
    risk_level = radios("Level of risk, as you assess it", Referral.Risk.choices, required="Select the level of risk")
    response_wanted = radios(
        "What response do you want?",
        Referral.Response.choices,
        required="Say what response you want from children's social care or the police",
    )
    urgency = radios("How urgent is it?", Referral.Urgency.choices, required="Select how urgent it is")
    immediate_call_to = needed_if(
        forms.CharField(label="Who did you call at once?", max_length=200, required=False), "the concern is grave"
    )
    immediate_call_date = needed_if(
        GovukDateField(label="Date of that call", required=False, past_only=True), "the concern is grave"
    )
    immediate_call_time = forms.CharField(
        label="Time of that call",
        max_length=5,
        required=False,
        help_text="For example 14:30",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "numeric"}),
    )
    routine_reason = needed_if(
        text_area("Why is it routine?", rows=3),
        "the harm, the level of risk and the response wanted point to a grave concern",
    )
    reveals = {
        "urgency": {
            "grave": ("immediate_call_to", "immediate_call_date", "immediate_call_time"),
            "routine": ("routine_reason",),
        }
    }
    referred_to = radios("Referred to", Referral.To.choices, required="Select who the referral went to")
    local_authority = forms.ModelChoiceField(
        queryset=LocalAuthority.objects.filter(active=True),
        required=False,
        label="Council (for children's social care or its MASH)",
        empty_label="Select the council",
    )
    police_force = forms.CharField(label="Police force", max_length=120, required=False)
    channel = radios(
        "How did you refer?",
        Referral.Channel.choices,
        required="Select how you referred",
        help_text="A phone referral must be followed up in writing by the next working day",
    )
    contact_chosen = KeyContactChoice(
        fills="contact", label="Who took the referral?", typed_label="Or type who took the referral"
    )
    contact = forms.CharField(label="Who took the referral?", max_length=200, required=False)
    made_on = GovukDateField(label="Date of the referral", past_only=True)
    discussed_with = forms.ModelChoiceField(
        queryset=User.objects.none(), required=False, label="Manager you discussed it with", empty_label="Not discussed"
    )
    not_discussed_reason = forms.ChoiceField(
        choices=[("", "Discussed")] + list(Referral.NotDiscussed.choices),
        required=False,
        widget=forms.RadioSelect,
        label="If not discussed, why not?",
    )

    def __init__(self, *args: Any, case: Case, children: Iterable[Child], **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        self.case = case
        self.fields["children"].queryset = Child.objects.filter(pk__in=[c.pk for c in children])  # type: ignore[attr-defined]
        self.fields["discussed_with"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(is_active=True, managed_teams__area=case.team.area).distinct().order_by("last_name")
        )
        needed_if(self.fields["discussed_with"], "you discussed it with a manager")
        needed_if(self.fields["not_discussed_reason"], "you did not discuss it with a manager")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # Form.clean returns cleaned_data
        time_text = (data.get("immediate_call_time") or "").strip()
        call_at = None
        if time_text:
            match = re.fullmatch(r"(\d{1,2})[:.](\d{2})", time_text)
            if not match or int(match[1]) > 23 or int(match[2]) > 59:
                self.add_error("immediate_call_time", "Enter the time like 14:30")
            elif data.get("immediate_call_date"):
                call_at = timezone.make_aware(
                    datetime.datetime.combine(data["immediate_call_date"], datetime.time(int(match[1]), int(match[2])))
                )
        data["immediate_call_at"] = call_at
        unexplained = routine_error(
            urgency=data.get("urgency") or "",
            routine_reason=data.get("routine_reason") or "",
            harms=data.get("harms") or [],
            risk_level=data.get("risk_level") or "",
            response_wanted=data.get("response_wanted") or "",
            children=list(data.get("children") or []),
            on=data.get("made_on") or clock.today(),
        )
        if unexplained and "routine_reason" not in self.errors:
            self.add_error("routine_reason", unexplained)
        # The model's own rules (the same for every way in), checked now so every error shows at once.
        probe = Referral(case=self.case, **{k: data.get(k) for k in self.model_fields()})
        try:
            probe.clean()
        except forms.ValidationError as error:
            for field, messages in error.message_dict.items():
                target = "immediate_call_to" if field == "immediate_call_at" else field
                if target in self.fields and target not in self.errors:
                    for message in messages:
                        self.add_error(target, message)
        return data

    @staticmethod
    def model_fields() -> list[str]:
        return [
            "referred_to",
            "local_authority",
            "police_force",
            "concern",
            "harms",
            "risk_level",
            "response_wanted",
            "urgency",
            "routine_reason",
            "immediate_call_to",
            "immediate_call_at",
            "channel",
            "contact",
            "discussed_with",
            "not_discussed_reason",
        ]

    def values(self) -> dict:
        data = self.cleaned_data
        values = {k: data.get(k) for k in self.model_fields()}
        values["harms"] = list(data.get("harms") or [])
        for text in ("police_force", "immediate_call_to", "contact", "not_discussed_reason", "routine_reason"):
            values[text] = values[text] or ""
        return values


class DateForm(GovukForm):
    def __init__(self, *args: Any, field: str, label: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[field] = GovukDateField(label=label, past_only=True)


class EscalateForm(GovukForm):
    level = forms.ChoiceField(choices=ReferralEscalation.Level.choices, widget=forms.RadioSelect, label="Escalated to")
    escalated_to = forms.ModelChoiceField(queryset=User.objects.none(), label="Who?", empty_label="Select a manager")
    escalated_on = GovukDateField(label="Date escalated", past_only=True)
    note = forms.CharField(label="What was asked for", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["escalated_to"].queryset = escalation_recipients(case)  # type: ignore[attr-defined]


class AnswerForm(GovukForm):
    answered_on = GovukDateField(label="Date of the written answer", past_only=True)
    outcome = forms.ChoiceField(choices=Referral.Outcome.choices, widget=forms.RadioSelect, label="Outcome")
    outcome_details = forms.CharField(
        label="What they said they will do", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    accepted = yes_no_field("Do you accept the outcome?", error_messages={"required": "Say whether you accept the outcome"})
    dispute_reason = forms.CharField(label="If not, why not?", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # Form.clean returns cleaned_data
        if data.get("accepted") is False and not (data.get("dispute_reason") or "").strip():
            self.add_error("dispute_reason", "Say why you do not accept the outcome")
        return data


class DecisionForm(GovukForm):
    decision = text_area(
        "Your decision",
        rows=4,
        required=True,
        help_text="For example: accept the outcome; or raise with the area manager and children's services",
    )


class RegisterFilterForm(GovukForm):
    date_from = GovukDateField(label="Referred from", required=False)
    date_to = GovukDateField(label="Referred to", required=False)
    team = forms.ModelChoiceField(queryset=Team.objects.none(), required=False, empty_label="All teams")
    officer = forms.ModelChoiceField(queryset=User.objects.none(), required=False, empty_label="All officers")
    local_authority = forms.ModelChoiceField(
        queryset=LocalAuthority.objects.all(), required=False, empty_label="All councils", label="Council"
    )
    status = forms.ChoiceField(choices=[("", "Any status")], required=False)

    def __init__(
        self, *args: Any, teams: QuerySet[Team], officers: QuerySet[User], statuses: Mapping[str, str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]
        self.fields["officer"].queryset = officers  # type: ignore[attr-defined]
        self.fields["status"].choices = [("", "Any status"), *statuses.items()]  # type: ignore[attr-defined]
