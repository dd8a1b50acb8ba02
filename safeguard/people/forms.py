from collections.abc import Iterable
from typing import Any, cast

from django import forms

from safeguard.accounts.models import LocalAuthority
from safeguard.core.forms import GovukDateField, GovukForm, GovukModelForm, needed_if

from .models import (
    AddressType,
    AdultChildLink,
    AdultLink,
    Alias,
    Child,
    ChildLink,
    ChildNameVariant,
    CPCategory,
    CSCStatus,
    OtherAdult,
    ServiceUser,
    SocialCareStatus,
    which_address_message,
)

YES_NO = [(True, "Yes"), (False, "No")]


def yes_no_field(label: str, *, if_yes: str = "", **kwargs: Any) -> forms.TypedChoiceField:
    """Yes/no radios, neither chosen; `if_yes` completes the GOV.UK message "Select yes if …"."""
    if if_yes:
        kwargs.setdefault("error_messages", {})["required"] = f"Select yes if {if_yes}"
    return forms.TypedChoiceField(
        label=label, choices=YES_NO, widget=forms.RadioSelect, coerce=lambda v: v in (True, "True"), **kwargs
    )


def local_authority_field(**kwargs: Any) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(queryset=LocalAuthority.objects.filter(active=True), empty_label="Select the council", **kwargs)


class ServiceUserForm(GovukModelForm):
    interpreter_required = yes_no_field("Needs an interpreter?", if_yes="they need an interpreter")
    marac = yes_no_field("Known to MARAC?", if_yes="they are known to MARAC")
    domestic_abuse = yes_no_field(
        "Domestic-abuse marker?",
        if_yes="they have a domestic-abuse marker",
        help_text="Perpetrator or victim of domestic abuse: a police check is then required",
    )
    risk_to_unspecified_children = yes_no_field(
        "Poses a risk to children in general, not only to named children?",
        if_yes="they pose a risk to children in general",
        help_text="For example after a sexual offence against a child",
    )

    reveals = {"risk_to_unspecified_children": {"True": ("risk_to_children_details",)}}

    class Meta:
        model = ServiceUser
        fields = [
            "first_name",
            "middle_names",
            "last_name",
            "date_of_birth",
            "gender",
            "ethnicity",
            "first_language",
            "interpreter_required",
            "crn",
            "pnc",
            "rosh_level",
            "mappa_level",
            "marac",
            "domestic_abuse",
            "risk_to_unspecified_children",
            "risk_to_children_details",
        ]
        field_classes = {"date_of_birth": GovukDateField}
        widgets = {
            "gender": forms.RadioSelect,
            "rosh_level": forms.RadioSelect,
            "mappa_level": forms.RadioSelect,
            "risk_to_children_details": forms.Textarea(attrs={"rows": 3}),
            "crn": forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
            "pnc": forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
        }


class AddressForm(GovukForm):
    """An address typed in, with the council it belongs to (it decides where checks go)."""

    line_1 = forms.CharField(label="Address line 1", max_length=150)
    line_2 = forms.CharField(label="Address line 2", max_length=150, required=False)
    town = forms.CharField(
        label="Town or city", max_length=100, required=False, widget=forms.TextInput(attrs={"class": "govuk-!-width-two-thirds"})
    )
    postcode = forms.CharField(max_length=10, required=False, widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}))
    local_authority = local_authority_field(label="Council (local authority)")

    def address_values(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("line_1", "line_2", "town", "postcode", "local_authority")}


class ServiceUserAddressForm(AddressForm):
    address_type = forms.ChoiceField(label="Type of address", choices=AddressType.choices, widget=forms.RadioSelect)
    start_date = GovukDateField(label="Living here since", required=False, past_only=True)


class WhereForm(GovukForm):
    """Where a child or adult lives: with the service user, at another address, or not known."""

    where = forms.ChoiceField(
        label="Where do they live?",
        widget=forms.RadioSelect,
        choices=[
            ("service_user", "At the service user's address"),
            ("new", "At another address"),
            ("", "Not known"),
        ],
        required=False,
    )
    line_1 = forms.CharField(label="Address line 1", max_length=150, required=False)
    line_2 = forms.CharField(label="Address line 2", max_length=150, required=False)
    town = forms.CharField(label="Town or city", max_length=100, required=False)
    postcode = forms.CharField(max_length=10, required=False, widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}))
    local_authority = local_authority_field(label="Council (local authority)", required=False)

    def __init__(self, *args: Any, service_user: ServiceUser | None = None, who: str = "the child", **kwargs: Any) -> None:
        """With the `service_user` given and several current addresses, asks which of them (radios under
        "At the service user's address", none chosen): the address is never guessed."""
        super().__init__(*args, **kwargs)
        self.service_user, self.who = service_user, who
        uses = list(service_user.addresses.filter(end_date__isnull=True).select_related("address")) if service_user else []
        if len(uses) > 1:
            self.fields["service_user_address"] = needed_if(
                forms.TypedChoiceField(
                    label=f"Which of {service_user.full_name}'s addresses?" if service_user else "",
                    choices=[(use.address_id, f"{use.address} ({use.get_address_type_display().lower()})") for use in uses],
                    coerce=int,
                    widget=forms.RadioSelect,
                    required=False,
                    help_text=f"{service_user.full_name} has {len(uses)} current addresses" if service_user else "",
                ),
                "they live at the service user's address",
            )
            self.reveals = {"where": {"service_user": ("service_user_address",)}}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # Form.clean returns cleaned_data
        asked = "service_user_address" in self.fields and self.service_user is not None
        if asked and data.get("where") == "service_user" and not data.get("service_user_address"):
            self.add_error("service_user_address", which_address_message(self.service_user, self.who))  # type: ignore[arg-type]
        if data.get("where") == "new":
            if not data.get("line_1"):
                self.add_error("line_1", "Enter address line 1")
            if not data.get("local_authority"):
                self.add_error("local_authority", "Select the council for this address")
        return data

    def chosen_address(self) -> int | None:
        """Which of the service user's current addresses was chosen, when they were asked."""
        if self.cleaned_data.get("where") != "service_user":
            return None
        return self.cleaned_data.get("service_user_address") or None

    def address_values(self) -> dict | None:
        if self.cleaned_data.get("where") != "new":
            return None
        return {k: self.cleaned_data[k] for k in ("line_1", "line_2", "town", "postcode", "local_authority")}


class AliasForm(GovukModelForm):
    class Meta:
        model = Alias
        fields = ["first_name", "last_name", "date_of_birth"]
        field_classes = {"date_of_birth": GovukDateField}


class ChildForm(GovukModelForm):
    class Meta:
        model = Child
        fields = [
            "first_name",
            "last_name",
            "date_of_birth",
            "expected_date_of_delivery",
            "gender",
            "school",
            "local_authority_override",
            "notes",
        ]
        field_classes = {"date_of_birth": GovukDateField, "expected_date_of_delivery": GovukDateField}
        widgets = {"gender": forms.RadioSelect, "notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "date_of_birth": "For example, 27 3 2019. Leave blank for an unborn child.",
            "expected_date_of_delivery": "Only for an unborn child",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        local_authority = cast(forms.ModelChoiceField, self.fields["local_authority_override"])
        local_authority.queryset = LocalAuthority.objects.filter(active=True)
        local_authority.empty_label = "The council of the child's address"
        needed_if(self.fields["date_of_birth"], "the child is born")
        needed_if(self.fields["expected_date_of_delivery"], "the child is not yet born")


class ChildLinkForm(GovukModelForm):
    parental_responsibility = yes_no_field(
        "Does the service user have parental responsibility?", if_yes="the service user has parental responsibility"
    )

    class Meta:
        model = ChildLink
        fields = ["relationship", "contact", "parental_responsibility", "risk_role", "notes"]
        labels = {
            "relationship": "The service user's relationship to the child",
            "contact": "Contact with the child",
            "risk_role": "What is the service user to this child?",
        }
        error_messages = {"risk_role": {"required": "Select what the service user is to this child"}}
        widgets = {
            "relationship": forms.RadioSelect,
            "contact": forms.RadioSelect,
            "risk_role": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 2}),
        }


class ChildNameVariantForm(GovukModelForm):
    class Meta:
        model = ChildNameVariant
        fields = ["first_name", "last_name", "note"]
        labels = {"note": "Where this name is used"}


class StatusForm(GovukModelForm):
    class Meta:
        model = SocialCareStatus
        fields = ["status", "category", "start_date", "local_authority", "social_worker", "social_worker_contact"]
        field_classes = {"start_date": GovukDateField}
        widgets = {"status": forms.RadioSelect, "category": forms.RadioSelect}
        labels = {"status": "Children's social care status", "start_date": "Since"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["status"]).choices = [c for c in CSCStatus.choices if c[0] != CSCStatus.NOT_KNOWN]
        cast(forms.ChoiceField, self.fields["category"]).choices = CPCategory.choices
        self.fields["category"].required = False
        self.fields["category"].help_text = "Only for a child-protection plan"
        cast(forms.ModelChoiceField, self.fields["local_authority"]).queryset = LocalAuthority.objects.filter(active=True)


class StatusInitialForm(StatusForm):
    """The status asked when a child is first recorded: 'Not known' is allowed and needs no date."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["status"]).choices = CSCStatus.choices
        self.fields["start_date"].required = False
        needed_if(self.fields["start_date"], "the status is known")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # Form.clean returns cleaned_data
        if data.get("status") not in (None, "", CSCStatus.NOT_KNOWN) and not data.get("start_date"):
            self.add_error("start_date", "Enter the date the status started")
        return data


class AdultForm(GovukModelForm):
    class Meta:
        model = OtherAdult
        fields = ["first_name", "last_name", "date_of_birth", "gender", "notes"]
        field_classes = {"date_of_birth": GovukDateField}
        widgets = {"gender": forms.RadioSelect, "notes": forms.Textarea(attrs={"rows": 3})}


class AdultLinkForm(GovukModelForm):
    lives_with = yes_no_field("Do they live with the service user?", if_yes="they live with the service user")

    class Meta:
        model = AdultLink
        fields = ["relationship", "lives_with", "notes"]
        labels = {"relationship": "Their relationship to the service user"}
        widgets = {"relationship": forms.RadioSelect, "notes": forms.Textarea(attrs={"rows": 2})}


class AdultChildLinkForm(GovukModelForm):
    parental_responsibility = yes_no_field("Do they have parental responsibility?", if_yes="they have parental responsibility")

    class Meta:
        model = AdultChildLink
        fields = ["child", "relationship", "contact", "parental_responsibility"]
        labels = {"relationship": "Their relationship to the child", "contact": "Contact with the child"}
        widgets = {"child": forms.RadioSelect, "relationship": forms.RadioSelect, "contact": forms.RadioSelect}

    def __init__(self, *args: Any, children: Iterable[Child] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        child = cast(forms.ModelChoiceField, self.fields["child"])
        child.queryset = Child.objects.filter(pk__in=[c.pk for c in children])
        child.empty_label = None


class FindChildForm(GovukForm):
    q = forms.CharField(label="Child's name", max_length=100, required=False, help_text="For example Ruby or Ruby Bishop")
    date_of_birth = GovukDateField(label="Date of birth", required=False, past_only=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # Form.clean returns cleaned_data
        if not (data.get("q") or "").strip() and not data.get("date_of_birth") and not self.errors:
            raise forms.ValidationError("Enter the child's name or date of birth")
        return data


class EndAddressForm(GovukForm):
    end_date = GovukDateField(label="Date they stopped living here", past_only=True)


class SamePersonForm(GovukForm):
    """Whether the person being added is one already recorded: their record, or a new one. Nothing is
    chosen to begin with: the officer decides."""

    answer = forms.ChoiceField(label="", widget=forms.RadioSelect)

    def __init__(self, *args: Any, people: Iterable[Any] = (), noun: str = "person", new_label: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        answer = cast(forms.ChoiceField, self.fields["answer"])
        answer.label = f"Is the {noun} you are adding one of these?"
        answer.choices = [(str(p.pk), f"Yes, {p}{born(p)}") for p in people] + [("new", new_label)]
        answer.error_messages["required"] = (
            f"Select whether this is one of these {'children' if noun == 'child' else 'people'} or a new {noun}"
        )


def born(person: Any) -> str:
    """ ", born 3 May 2019", ", due 1 December 2026" or nothing, to tell people of the same name apart."""
    if person.date_of_birth:
        return f", born {person.date_of_birth.day} {person.date_of_birth:%B %Y}"
    expected = getattr(person, "expected_date_of_delivery", None)
    return f", due {expected.day} {expected:%B %Y}" if expected else ""


class ChildMissingForm(GovukForm):
    """The child's whereabouts are unknown: since when, and what is known. No date is filled in."""

    missing_since = GovukDateField(
        label="Date the child's whereabouts became unknown",
        past_only=True,
        help_text="The day the child was last seen or last known to be where they live. For example, 27 3 2026",
    )
    what_is_known = forms.CharField(
        label="What is known about where the child may be",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, who they were last seen with, places they may go, who has been told",
    )


class ChildFoundForm(GovukForm):
    """The child has been found: when and where. No date is filled in."""

    found_on = GovukDateField(label="Date the child was found", past_only=True, help_text="For example, 27 3 2026")
    found_where = forms.CharField(
        label="Where was the child found?",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Enter where the child was found"},
    )
