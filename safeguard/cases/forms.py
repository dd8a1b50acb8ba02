from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from safeguard.accounts.models import Team, User
from safeguard.core import forms as core_forms
from safeguard.core.forms import GovukDateField, GovukForm, GovukModelForm, RecordsField, model_values, radios
from safeguard.core.validation import is_key
from safeguard.people.models import Child

from . import reach
from .models import Case, EndReason, KeyContact, Order
from .selectors import current_key_contacts


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        roles = ", ".join(obj.role_names)
        return f"{obj} ({obj.team or 'no team'}{' – ' + roles if roles else ''})"


class AllocationForm(GovukForm):
    team = forms.ModelChoiceField(
        queryset=Team.objects.select_related("area"), empty_label="Select a team", error_messages={"required": "Select the team"}
    )
    case_holder = StaffChoiceField(queryset=User.objects.none(), required=False, empty_label="Not yet allocated")
    line_manager = StaffChoiceField(queryset=User.objects.none(), required=False, empty_label="The team's line manager")
    reason = forms.CharField(label="Reason for the change", max_length=200, required=False)

    def __init__(self, *args: Any, teams: QuerySet[Team] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if teams is not None:
            self.fields["team"].queryset = teams  # type: ignore[attr-defined]
        staff = User.objects.filter(is_active=True, team__in=self.fields["team"].queryset).select_related("team")  # type: ignore[attr-defined]
        self.fields["case_holder"].queryset = staff.prefetch_related("groups")  # type: ignore[attr-defined]
        self.fields["line_manager"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(is_active=True, managed_teams__in=self.fields["team"].queryset)  # type: ignore[attr-defined]
            .distinct()
            .select_related("team")
            .prefetch_related("groups")
        )


class NewCaseAllocationForm(AllocationForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["reason"]


class OrderForm(GovukModelForm):
    class Meta:
        model = Order
        fields = ["stage", "order_type", "start_date", "expected_end_date", "offence", "requirements"]
        field_classes = {"start_date": GovukDateField, "expected_end_date": GovukDateField}
        widgets = {"stage": forms.RadioSelect, "order_type": forms.RadioSelect, "requirements": forms.Textarea(attrs={"rows": 3})}


class CaseSearchForm(GovukForm):
    q = forms.CharField(
        label="Search by name, CRN, PNC number or date of birth",
        required=False,
        max_length=100,
        help_text="For example SMITH, John or John Smith, part of a CRN or PNC number like X1234, or a date of birth like 27 March 1990 or 27/03/90",
    )
    scope = forms.ChoiceField(
        choices=[("mine", "My cases"), ("all", "All cases I can see")], required=False, widget=forms.RadioSelect
    )


class EndOrderForm(GovukForm):
    ended_on = GovukDateField(label="Date the order ended", past_only=True)
    end_reason = radios("Why did it end?", EndReason.choices, required="Select why the order ended")


class CloseCaseForm(GovukForm):
    closed_on = GovukDateField(label="Date the case closed", past_only=True)
    close_reason = radios("Why is the case closing?", EndReason.choices, required="Select why the case is closing")


class PrisonCoordinatorForm(GovukModelForm):
    """The prison's child-protection co-ordinator and when they were contacted (West Mercia 2.4). No
    date is filled in: when they were contacted is the officer's to give. One box takes a phone
    number or an email address; it is kept in the field it belongs in (`reach.split`)."""

    contacted_on = GovukDateField(label="Date you contacted them", past_only=True, help_text="For example, 27 3 2026")
    contact_details = forms.CharField(
        label="Phone number or email address",
        max_length=150,
        error_messages={"required": "Enter a phone number or email address for the co-ordinator"},
    )

    class Meta:
        model = KeyContact
        fields = ["organisation", "name", "contact_details", "contacted_on"]
        labels = {"organisation": "Prison", "name": "Co-ordinator’s name"}
        help_texts = {"organisation": "For example, HMP Hewell"}
        error_messages = {
            "organisation": {"required": "Enter the name of the prison"},
            "name": {"required": "Enter the co-ordinator’s name"},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.kind = KeyContact.Kind.PRISON_CP_COORDINATOR

    def answers(self) -> dict[str, Any]:
        values = model_values(self)
        return values | {"contact_details": ""} | reach.split(values.pop("contact_details", ""))


def _say_how_long(form: forms.BaseForm) -> None:
    """GOV.UK messages for text that is too long: "Name must be 150 characters or fewer"."""
    for field in form.fields.values():
        if isinstance(field, forms.CharField) and field.max_length:
            field.error_messages["max_length"] = f"{field.label} must be {field.max_length} characters or fewer"


class KeyContactForm(GovukModelForm):
    """Who a key contact is, how to reach them and the children they work with. A new contact starts
    with nothing answered; a change starts from what is on file."""

    kind = forms.ChoiceField(
        label="Kind of contact",
        choices=KeyContact.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of key contact"},
    )
    children = RecordsField(
        queryset=Child.objects.none(),
        label="Children they work with",
        required=False,
        help_text="Tick each child they work with: a social worker or a school, for example, is often one child’s",
    )
    contacted_on = GovukDateField(
        label="Date you first contacted them",
        required=False,
        past_only=True,
        help_text="Needed for a prison’s child-protection co-ordinator. For example, 27 3 2026",
    )

    class Meta:
        model = KeyContact
        fields = ["kind", "name", "role", "organisation", "phone", "email", "contact_details", "children", "contacted_on"]
        labels = {"name": "Name", "role": "Job title", "organisation": "Organisation", "email": "Email address"}
        widgets = {
            "phone": forms.TextInput(attrs={"class": "govuk-input--width-20", "inputmode": "tel", "autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
        }
        help_texts = {
            "role": "For example, Senior social worker or Designated safeguarding lead",
            "organisation": "For example, Worcestershire Children First, Oak Hill Primary School or HMP Hewell",
            "phone": "Spaces are fine. Add an extension after the number, like 01905 555 0101 ext 204",
            "contact_details": "For example, a secure email address, a team’s duty line or the days they work",
        }
        error_messages = {
            "name": {"required": "Enter their name"},
            "organisation": {"required": "Enter the organisation they work for"},
            "email": {"invalid": reach.EMAIL_MESSAGE},
        }

    def __init__(self, *args: Any, children: Iterable[Child], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        child_ids = [child.pk for child in children]
        if child_ids:
            self.fields["children"].queryset = Child.objects.filter(pk__in=child_ids)  # type: ignore[attr-defined]
        else:
            del self.fields["children"]
        _say_how_long(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        ways = ("phone", "email", "contact_details")
        if data.get("kind") == KeyContact.Kind.PRISON_CP_COORDINATOR and not any((data.get(way) or "").strip() for way in ways):
            if not any(way in self.errors for way in ways):
                self.add_error("phone", "Enter a phone number or email address for the co-ordinator")
        return data


class EndKeyContactForm(GovukForm):
    ended_on = GovukDateField(label="Date they stopped being involved", past_only=True, help_text="For example, 27 3 2026")


NOT_THIS_CASES = "Choose one of this case’s key contacts from the list, or type the name"


class KeyContactChoice(forms.ModelChoiceField):
    """An optional choice among the case's current key contacts, beside a question otherwise typed
    (who took a referral, who chaired a meeting): choosing one answers it with the contact's words
    (`fills`), in the form's `clean`, so the record is stored as if typed. Never chosen for the
    officer. `also` fills other typed answers left empty (a meeting's convening agency, from its
    chair's organisation)."""

    def __init__(
        self,
        *,
        fills: str,
        label: str,
        typed_label: str,
        words: Callable[[KeyContact], str] = lambda contact: contact.described,
        also: Mapping[str, Callable[[KeyContact], str]] | None = None,
        help_text: str = "",
    ) -> None:
        super().__init__(
            queryset=KeyContact.objects.none(),
            required=False,
            label=label,
            help_text=help_text or "Choose one of the case’s key contacts, or type the name below",
            empty_label="Select a key contact",
            error_messages={"invalid_choice": NOT_THIS_CASES},
        )
        self.fills = fills
        self.typed_label = typed_label
        self.words = words
        self.also = dict(also or {})

    def label_from_instance(self, obj: KeyContact) -> str:
        return f"{obj.name}, {obj.role or obj.get_kind_display()} ({obj.organisation})"

    def to_python(self, value: Any) -> KeyContact | None:
        if value in self.empty_values:
            return None
        if not is_key(str(value).strip()):  # "abc" or a number no record could have: not a database error
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(str(value).strip())


class OffersKeyContacts(GovukForm):
    """A form that offers the case's current key contacts (its `KeyContactChoice` fields) in place of
    typing a name again. Without any, the choices are left out and the typed questions read as
    before; a contact posted anyway (another case's, or one no longer involved) is refused, never
    stored."""

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        contacts = list(current_key_contacts(case))
        self.key_contact_choices: dict[str, KeyContactChoice] = {}
        self.withdrawn_choices: list[str] = []
        self.chosen_contacts: dict[str, KeyContact] = {}  # by choice: who was chosen, once clean
        for name, field in list(self.fields.items()):
            if not isinstance(field, KeyContactChoice):
                continue
            if contacts:
                field.queryset = KeyContact.objects.filter(pk__in=[contact.pk for contact in contacts]).order_by("name", "pk")
                self.fields[field.fills].label = field.typed_label
                self.key_contact_choices[name] = field
            else:
                del self.fields[name]
                self.withdrawn_choices.append(name)
        if self.withdrawn_choices and self.sections:
            self.sections = tuple(
                (heading, tuple(n for n in names if n not in self.withdrawn_choices)) for heading, names in self.sections
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in self.withdrawn_choices:
            if str(self.data.get(self.add_prefix(name)) or "").strip():
                self.add_error(None, NOT_THIS_CASES)
        for name, field in self.key_contact_choices.items():
            # The choice is how the question was answered, not an answer of its own: the services and
            # the record see only the typed answer it fills.
            contact = data.pop(name, None)
            if contact is not None:
                self.chosen_contacts[name] = contact
                self._answer_with(field, contact, data)
        return data

    def _answer_with(self, field: KeyContactChoice, contact: KeyContact, data: dict[str, Any]) -> None:
        typed_field = self.fields[field.fills]
        words = self._fitting(field.words(contact), contact, typed_field)
        typed = (data.get(field.fills) or "").strip()
        if typed and typed.casefold() != words.casefold():
            if field.fills not in self.errors:
                self.add_error(
                    field.fills,
                    f"You chose {contact.name} from the key contacts: clear this box, or select no key contact to type a name",
                )
            return
        data[field.fills] = words
        for other, word in field.also.items():
            if other in self.fields and not (data.get(other) or "").strip():
                data[other] = self._fitting(word(contact), contact, self.fields[other])

    @staticmethod
    def _fitting(words: str, contact: KeyContact, field: forms.Field) -> str:
        """The contact's words, or their name alone when those are longer than the typed answer may be."""
        longest = getattr(field, "max_length", None)
        return contact.name if longest and len(words) > longest else words


class ChaseForm(OffersKeyContacts, core_forms.ChaseForm):
    """A chase (`core.forms.ChaseForm`) whose "who did you chase?" may be one of the case's key
    contacts."""

    spoke_to_contact = KeyContactChoice(fills="spoke_to", label="Who did you chase?", typed_label="Or type who you chased")
    field_order = ["chased_on", "method", "spoke_to_contact", "spoke_to", "note"]


class HolderApprovalForm(GovukForm):
    """A line manager's approval for someone whose role needs it to hold the case (West Mercia 6.3)."""

    approved_for = StaffChoiceField(
        queryset=User.objects.none(),
        label="Who may hold the case",
        empty_label="Select a member of the team",
        error_messages={"required": "Select who may hold the case"},
    )
    contact = forms.CharField(
        label="The nature of their work with the service user and the family",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What they will do, and how you will oversee it. The offender manager’s responsibility for the work "
        "with the family is noted on the case record.",
        error_messages={"required": "Describe the nature of their work with the service user and family"},
    )

    def __init__(self, *args: Any, staff: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["approved_for"].queryset = staff  # type: ignore[attr-defined]


class RiskConsultationForm(GovukForm):
    """The risk manager consulted on a high-risk case with child-protection concerns (West Mercia 6.1)."""

    risk_manager = StaffChoiceField(
        queryset=User.objects.none(),
        label="Risk manager consulted",
        empty_label="Select the risk manager",
        error_messages={"required": "Select the risk manager you consulted"},
    )
    consulted_on = GovukDateField(label="Date you consulted them", past_only=True, help_text="For example, 27 3 2026")
    advice = forms.CharField(
        label="What the risk manager advised",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="In their words, as far as you can",
        error_messages={"required": "Enter what the risk manager advised"},
    )

    def __init__(self, *args: Any, risk_managers: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["risk_manager"].queryset = risk_managers  # type: ignore[attr-defined]


class TransferTeamForm(GovukForm):
    """The first question of a transfer: which team, in this area or another, takes the case."""

    team = forms.ModelChoiceField(
        queryset=Team.objects.none(),
        label="Team taking the case",
        empty_label="Select a team",
        error_messages={"required": "Select the team taking the case", "invalid_choice": "Select the team taking the case"},
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["team"]
        field.queryset = Team.objects.select_related("area").exclude(pk=case.team_id).order_by("area__name", "name")  # type: ignore[attr-defined]
        field.label_from_instance = lambda team: f"{team.name} ({team.area.name})"  # type: ignore[attr-defined]


class TransferForm(GovukForm):
    """Who holds and manages the case in the team taking it, and why it moves."""

    case_holder = StaffChoiceField(
        queryset=User.objects.none(),
        label="New case holder",
        empty_label="Select the new case holder",
        error_messages={"required": "Select the new case holder"},
    )
    line_manager = StaffChoiceField(queryset=User.objects.none(), required=False, empty_label="The team's line manager")
    reason = forms.CharField(
        label="Why the case is moving",
        max_length=200,
        help_text="For example, the service user moved to Telford",
        error_messages={"required": "Enter why the case is moving"},
    )

    def __init__(self, *args: Any, team: Team, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.team = team
        self.fields["case_holder"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(is_active=True, team=team).select_related("team").prefetch_related("groups")
        )
        self.fields["line_manager"].queryset = (  # type: ignore[attr-defined]
            team.line_managers.filter(is_active=True).select_related("team").prefetch_related("groups")
        )

    def answers(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["team"] = self.team
        if data.get("line_manager") is None:
            data["line_manager"] = self.team.line_managers.order_by("pk").first()
        return data
