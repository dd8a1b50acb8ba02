from collections.abc import Iterable, Sequence
from typing import Any

from django import forms

from safeguard.cases.models import Case
from safeguard.core.forms import GovukDateField, GovukForm, GovukModelForm, RecordsField, needed_if, text_area
from safeguard.people.forms import local_authority_field, yes_no_field
from safeguard.people.models import Child, CPCategory, CSCStatus, OtherAdult

from .models import CHECKLIST_IF_YES, CHECKLIST_QUESTIONS, Channel, Checklist, Notification, RequestChild, SignificantEvent


class ChecklistForm(GovukModelForm):
    asked_on = GovukDateField(label="Date asked", past_only=True)

    class Meta:
        model = Checklist
        fields = ["stage", "asked_on", "order"]
        widgets = {"stage": forms.RadioSelect}
        labels = {"stage": "When was it asked?", "order": "For which order"}
        error_messages = {"stage": {"required": "Select when it was asked"}}

    def __init__(self, *args: Any, case: Case, children: Iterable[Child], adults: Iterable[OtherAdult], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["order"].queryset = case.orders.all()  # type: ignore[attr-defined]
        self.fields["order"].required = False
        self.fields["order"].empty_label = "Not for a particular order"  # type: ignore[attr-defined]
        for name, question, details in CHECKLIST_QUESTIONS:
            self.fields[name] = yes_no_field(question, if_yes=CHECKLIST_IF_YES[name])
            self.fields[f"{name}_details"] = needed_if(
                forms.CharField(label=details, required=False, widget=forms.Textarea(attrs={"rows": 2})), "the answer is yes"
            )
        self.reveals = {name: {"True": (f"{name}_details",)} for name, _, _ in CHECKLIST_QUESTIONS}
        self.fields["children"] = RecordsField(
            queryset=Child.objects.filter(pk__in=[c.pk for c in children]),
            required=False,
            label="Children named in the answers",
            help_text="Add any child not listed to the case first, then come back",
        )
        self.fields["adults"] = RecordsField(
            queryset=OtherAdult.objects.filter(pk__in=[a.pk for a in adults]), required=False, label="Adults named in the answers"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # Form.clean returns cleaned_data
        for name, _, _ in CHECKLIST_QUESTIONS:
            if data.get(name) and not (data.get(f"{name}_details") or "").strip():
                self.add_error(f"{name}_details", "Give details for a yes answer")
        return data

    def question_answers(self) -> dict[str, Any]:
        """Each question's yes or no, and its details."""
        data = self.cleaned_data
        values = {}
        for name, _, _ in CHECKLIST_QUESTIONS:
            values[name] = data.get(name)
            values[f"{name}_details"] = data.get(f"{name}_details", "")
        return values

    def answers(self) -> dict[str, Any]:
        """What `services.checklist_record` takes, from the answers given."""
        data = self.cleaned_data
        names = ("stage", "asked_on", "order", "children", "adults")
        return {name: data[name] for name in names} | {"answers": self.question_answers()}


class SendForm(GovukForm):
    sent_on = GovukDateField(label="Date sent", past_only=True)
    channel = forms.ChoiceField(
        label="How was it sent?",
        choices=Channel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how it was sent"},
    )
    recipient = forms.CharField(label="Sent to", max_length=200, help_text="Team, person or secure e-mail address")


STATUS_CHOICES = [("", "Select a status")] + [c for c in CSCStatus.choices if c[0] != CSCStatus.NOT_KNOWN]


class RequestAnswerForm(GovukForm):
    answered_on = GovukDateField(label="Date of the answer", past_only=True)
    service_user_known = yes_no_field(
        "Is the service user known to children's social care?",
        error_messages={"required": "Say whether the service user is known to children's social care"},
    )
    service_user_capacity = forms.CharField(label="In what capacity?", max_length=300, required=False)
    reveals = {"service_user_known": {"True": ("service_user_capacity",)}}

    def __init__(self, *args: Any, rows: Sequence[RequestChild], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        self.child_groups = []
        for row in rows:
            prefix = f"child_{row.child_id}"
            self.fields[f"{prefix}_known"] = forms.ChoiceField(
                label=f"Is {row.child} known to children's social care?",
                choices=RequestChild.Known.choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Say whether {row.child} is known or there is no trace"},
            )
            self.fields[f"{prefix}_status"] = forms.ChoiceField(
                label=f"{row.child}: status", choices=STATUS_CHOICES, required=False
            )
            self.fields[f"{prefix}_category"] = forms.ChoiceField(
                label=f"{row.child}: child-protection category",
                choices=[("", "Not a child-protection plan"), *CPCategory.choices],
                required=False,
            )
            self.fields[f"{prefix}_plan_date"] = GovukDateField(
                label=f"{row.child}: date of the plan or status", required=False, past_only=True
            )
            self.fields[f"{prefix}_social_worker"] = forms.CharField(
                label=f"{row.child}: social worker", max_length=150, required=False
            )
            self.fields[f"{prefix}_social_worker_contact"] = forms.CharField(
                label=f"{row.child}: social worker's phone or e-mail", max_length=150, required=False
            )
            self.child_groups.append(
                (
                    row,
                    [
                        self[f"{prefix}_{part}"]
                        for part in ("known", "status", "category", "plan_date", "social_worker", "social_worker_contact")
                    ],
                )
            )
        self.fields["notes"] = forms.CharField(
            label="Anything else they said", required=False, widget=forms.Textarea(attrs={"rows": 3})
        )

    def answers(self) -> dict[str, Any]:
        """What `services.request_answer` takes, from the answers given."""
        data = self.cleaned_data
        names = ("answered_on", "service_user_known", "service_user_capacity", "notes")
        return {name: data[name] for name in names} | {"children": self.children_answers()}

    def children_answers(self) -> dict[int, dict]:
        data = self.cleaned_data
        return {
            row.child_id: {
                part: data.get(f"child_{row.child_id}_{part}")
                for part in ("known", "status", "category", "plan_date", "social_worker", "social_worker_contact")
            }
            for row in self.rows
        }


class PoliceCheckForm(GovukForm):
    police_force = forms.CharField(label="Police force", max_length=120, help_text="For example West Mercia Police")


class PoliceAnswerForm(GovukForm):
    answered_on = GovukDateField(label="Date of the answer", past_only=True)
    callouts = yes_no_field(
        "Were there domestic-abuse call-outs?", error_messages={"required": "Say whether there were domestic-abuse call-outs"}
    )
    callout_details = needed_if(
        forms.CharField(label="Details of the call-outs", required=False, widget=forms.Textarea(attrs={"rows": 3})),
        "there were call-outs",
    )
    children_present = needed_if(
        yes_no_field("Were children present at any of the call-outs?", required=False, empty_value=None),
        "there were call-outs",
    )
    child_intelligence = yes_no_field(
        "Is there intelligence about children?", error_messages={"required": "Say whether there is intelligence about children"}
    )
    intelligence_details = needed_if(
        forms.CharField(label="Details of the intelligence", required=False, widget=forms.Textarea(attrs={"rows": 3})),
        "there is intelligence",
    )
    reveals = {
        "callouts": {"True": ("callout_details", "children_present")},
        "child_intelligence": {"True": ("intelligence_details",)},
    }


class NotificationForm(GovukForm):
    kind = forms.ChoiceField(label="What kind of notification?", choices=Notification.Kind.choices, widget=forms.RadioSelect)
    local_authority = local_authority_field(label="To the children's social care of")
    children = RecordsField(queryset=Child.objects.none(), required=False, label="About these children")
    recipient = forms.CharField(label="Key worker or team", max_length=200, required=False)
    details = text_area("Relationship and nature of contact between the service user and the children")

    def __init__(self, *args: Any, children: Iterable[Child], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["children"].queryset = Child.objects.filter(pk__in=[c.pk for c in children])  # type: ignore[attr-defined]


class AcknowledgeForm(GovukForm):
    acknowledged_on = GovukDateField(label="Date acknowledged", past_only=True)


class EventForm(GovukModelForm):
    occurred_on = GovukDateField(label="Date of the event", past_only=True)

    class Meta:
        model = SignificantEvent
        fields = ["kind", "occurred_on", "description"]
        widgets = {"kind": forms.RadioSelect}
        labels = {"kind": "What happened?", "description": "Details"}


class ResolveForm(GovukForm):
    outcome = forms.ChoiceField(
        label="Which is right?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select which is right: the council's answer or what was recorded"},
    )
    resolution = forms.CharField(
        label="How was it resolved?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter how it was resolved"},
    )

    def __init__(self, *args: Any, outcomes: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        """`outcomes`: when an answer differs from the record, the two to choose between."""
        super().__init__(*args, **kwargs)
        if outcomes:
            self.fields["outcome"].choices = outcomes  # type: ignore[attr-defined]
        else:
            del self.fields["outcome"]


class DecisionForm(GovukForm):
    choice = forms.ChoiceField(
        label="What have you decided?", widget=forms.RadioSelect, error_messages={"required": "Select your decision"}
    )
    reason = needed_if(
        forms.CharField(label="Why?", required=False, widget=forms.Textarea(attrs={"rows": 4})),
        "you decide not to act on what was reported",
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], reason_needed: Iterable[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["choice"].choices = choices  # type: ignore[attr-defined]
        self.reveals = {"choice": {str(value): ("reason",) for value in reason_needed}}


class NoCheckForm(GovukForm):
    resolution = forms.CharField(
        label="Why is no fresh check needed?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why no fresh check is needed"},
    )


class WhereaboutsForm(GovukForm):
    since = GovukDateField(
        label="Contact lost since", required=False, past_only=True, help_text="Leave blank when contact has been re-established"
    )
