"""The questions of the case record. Nothing starts answered on a new entry: not the type of
contact, who it was with, the section or whether it may be disclosed. An amendment starts from what
the entry says now, and asks why it changes."""

import datetime
from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils import timezone

from safeguard.accounts.models import User
from safeguard.cases.models import Case, KeyContact
from safeguard.core import clock
from safeguard.core.forms import GovukDateField, GovukForm, RecordsField, needed_if, radios, text_area
from safeguard.people.forms import yes_no_field
from safeguard.people.models import Child, OtherAdult

from .models import ContactEntry, ManagerDecision, Section

TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M", "%I:%M%p", "%I.%M%p", "%I%p", "%I:%M %p", "%I %p"]


def _time_field(label: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        help_text="For example 14:30 or 2:30pm",
        input_formats=TIME_FORMATS,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={"required": "Enter the time of the contact", "invalid": "Enter the time like 14:30 or 2:30pm"},
    )


class PersonChoice(forms.ModelChoiceField):
    """A choice among the case's own people or contacts (the view narrows the list)."""

    def label_from_instance(self, obj: Any) -> str:
        return getattr(obj, "full_name", None) or str(obj)


def _section_field() -> forms.ChoiceField:
    return radios(
        "Which part of the record is it?",
        Section.choices,
        required="Select which part of the record it is",
        help_text=(
            "Restricted: child-protection material not to be disclosed to the service user. "
            "Victim: information about or from a victim. Third-party: what someone else told us in confidence."
        ),
    )


def _disclosure_field() -> forms.TypedChoiceField:
    return yes_no_field(
        "Could the service user see this if they ask for their file?",
        required=True,
        error_messages={"required": "Select yes if the service user could see this entry"},
    )


class EntryForm(GovukForm):
    contact_on = GovukDateField(label="Date of the contact", past_only=True)
    contact_time = _time_field("Time of the contact")
    kind = radios("Type of contact", ContactEntry.Kind.choices, required="Select the type of contact")
    with_whom = radios("Who was it with?", ContactEntry.With.choices, required="Select who the contact was with")
    key_contact = needed_if(
        PersonChoice(
            queryset=KeyContact.objects.none(), label="Key contact", required=False, empty_label="Select the key contact"
        ),
        "it was with a key contact",
    )
    child = needed_if(
        PersonChoice(queryset=Child.objects.none(), label="Child", required=False, empty_label="Select the child"),
        "it was with a child",
    )
    adult = needed_if(
        PersonChoice(queryset=OtherAdult.objects.none(), label="Adult", required=False, empty_label="Select the adult"),
        "it was with another adult",
    )
    with_other = needed_if(forms.CharField(label="Name and role", max_length=200, required=False), "it was with someone else")
    text = text_area("What happened", rows=8, required="Enter what happened")
    children = RecordsField(
        queryset=Child.objects.none(), label="Children mentioned", required=False, help_text="Tick every child the entry names"
    )
    section = _section_field()
    disclosable = _disclosure_field()

    reveals = {
        "with_whom": {
            ContactEntry.With.KEY_CONTACT: ("key_contact",),
            ContactEntry.With.CHILD: ("child",),
            ContactEntry.With.ADULT: ("adult",),
            ContactEntry.With.OTHER: ("with_other",),
        }
    }

    def __init__(
        self,
        *args: Any,
        key_contacts: Iterable[KeyContact],
        children: Iterable[Child],
        adults: Iterable[OtherAdult],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        contact_ids = [c.pk for c in key_contacts]
        self.fields["key_contact"].queryset = KeyContact.objects.filter(pk__in=contact_ids)  # type: ignore[attr-defined]
        if not contact_ids:
            self.fields["key_contact"].help_text = "No key contacts on this case yet: add them on the case's Key contacts page"
        child_ids = [c.pk for c in children]
        self.fields["child"].queryset = Child.objects.filter(pk__in=child_ids)  # type: ignore[attr-defined]
        self.fields["children"].queryset = Child.objects.filter(pk__in=child_ids)  # type: ignore[attr-defined]
        self.fields["adult"].queryset = OtherAdult.objects.filter(pk__in=[a.pk for a in adults])  # type: ignore[attr-defined]
        if not child_ids:
            del self.fields["children"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, at = data.get("contact_on"), data.get("contact_time")
        if day and at and timezone.make_aware(datetime.datetime.combine(day, at)) > clock.now():
            self.add_error("contact_time", "The time of the contact must be now or in the past")
        return data

    def answers(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        day: datetime.date = data.pop("contact_on")
        at: datetime.time = data.pop("contact_time")
        data["contact_at"] = timezone.make_aware(datetime.datetime.combine(day, at))
        data["not_for_disclosure"] = not data.pop("disclosable")
        data.setdefault("children", [])
        return data

    @classmethod
    def initial_from(cls, entry: ContactEntry) -> dict[str, Any]:
        """What the entry says now, as this form's answers (an amendment starts from them)."""
        local = timezone.localtime(entry.contact_at)
        return {
            "contact_on": local.date(),
            "contact_time": local.strftime("%H:%M"),
            "kind": entry.kind,
            "with_whom": entry.with_whom,
            "key_contact": entry.key_contact_id,
            "child": entry.child_id,
            "adult": entry.adult_id,
            "with_other": entry.with_other,
            "text": entry.text,
            "children": [child.pk for child in entry.children.all()],
            "section": entry.section,
            "disclosable": not entry.not_for_disclosure,
        }


class AmendForm(EntryForm):
    reason = text_area("Why are you amending it?", rows=2, required="Enter the reason for the amendment")


class SearchForm(GovukForm):
    """The timeline's filters; every answer optional, a bad one is ignored with a message."""

    words = forms.CharField(label="Search the record", max_length=200, required=False)
    kind = forms.ChoiceField(label="Kind", required=False)
    section = forms.ChoiceField(label="Section", required=False)
    child = forms.TypedChoiceField(label="Child", required=False, coerce=int, empty_value=None)
    contact = forms.TypedChoiceField(label="Key contact", required=False, coerce=int, empty_value=None)
    since = GovukDateField(label="From", required=False)
    until = GovukDateField(label="To", required=False)

    def __init__(
        self,
        *args: Any,
        kinds: Iterable[str],
        sections: Iterable[tuple[str, str]],
        children: Iterable[Child],
        contacts: Iterable[KeyContact] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "All kinds"), *((kind, kind) for kind in kinds)]  # type: ignore[attr-defined]
        self.fields["section"].choices = [("", "All sections"), *sections]  # type: ignore[attr-defined]
        self.fields["child"].choices = [("", "All children"), *((c.pk, c.full_name) for c in children)]  # type: ignore[attr-defined]
        self.fields["contact"].choices = [("", "All key contacts"), *((c.pk, str(c)) for c in contacts)]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", "The end of the period must be on or after its start")
        return data


class DecisionForm(GovukForm):
    kind = radios(
        "What is it?", ManagerDecision.Kind.choices, required="Select whether it was a supervision discussion or a decision"
    )
    decided_on = GovukDateField(label="Date", past_only=True)
    discussion = text_area("What was discussed", rows=4)
    decision = text_area("Decision", rows=4, required="Enter the decision")
    guidance = text_area("Guidance to the officer", rows=3)
    children = RecordsField(queryset=Child.objects.none(), label="Children it is about", required=False)
    section = _section_field()
    disclosable = _disclosure_field()

    def __init__(self, *args: Any, children: Iterable[Child], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        child_ids = [c.pk for c in children]
        self.fields["children"].queryset = Child.objects.filter(pk__in=child_ids)  # type: ignore[attr-defined]
        if not child_ids:
            del self.fields["children"]

    def answers(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["not_for_disclosure"] = not data.pop("disclosable")
        data.setdefault("children", [])
        return data


class DisclosureForm(GovukForm):
    requested_by = forms.CharField(
        label="Who asked for the file?",
        max_length=200,
        help_text="The service user, or who asked on their behalf (for example their solicitor)",
        error_messages={"required": "Enter who asked for the file"},
    )
    requested_on = GovukDateField(label="Date of the request", past_only=True)
    format = radios("Produce it as", [("pdf", "PDF"), ("html", "Web page to print")], required="Select how to produce it")


class SupervisionChoiceForm(GovukForm):
    """Step 1 of recording a supervision: whose cases, and when (asked on a GET form)."""

    officer = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label="Officer",
        empty_label="Select the officer",
        help_text="Officers holding open cases you manage",
        error_messages={
            "required": "Select the officer you supervised",
            "invalid_choice": "Select one of the officers holding cases you manage",
        },
    )
    decided_on = GovukDateField(label="Date of the supervision", past_only=True)

    def __init__(self, *args: Any, officers: Iterable[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = User.objects.filter(pk__in=[o.pk for o in officers])  # type: ignore[attr-defined]


class SupervisionCaseForm(GovukForm):
    """Step 2, one per case of the officer's: discussed or not, and for a case discussed the decision,
    the guidance and whether it is restricted. Nothing starts ticked or answered."""

    discussed = forms.BooleanField(required=False)
    decision = needed_if(text_area("Decision", rows=3), "you discussed the case")
    guidance = text_area("Guidance to the officer", rows=2)
    restricted = needed_if(
        yes_no_field(
            "Is it restricted child-protection material?",
            required=False,
            help_text="Needed if you discussed the case. Restricted material is never disclosed to the service user; "
            "anything else could be, if they ask for their file",
        ),
        "you discussed the case",
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, prefix=f"case-{case.pk}", **kwargs)
        self.case = case
        self.about = str(case)  # the service user and their CRN
        self.fields["discussed"].label = f"Discussed {self.about}"
        self.fields["decision"].label = f"Decision about {self.about}"
        self.fields["guidance"].label = f"Guidance to the officer about {self.about}"
        self.fields["restricted"].label = f"Is what was decided about {self.about} restricted child-protection material?"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("discussed"):
            if not (data.get("decision") or "").strip():
                self.add_error("decision", f"Enter the decision about {self.about}")
            if data.get("restricted") not in (True, False):
                self.add_error("restricted", f"Select yes if what was decided about {self.about} is restricted material")
        elif (data.get("decision") or "").strip() or (data.get("guidance") or "").strip():
            self.add_error("discussed", f"Tick {self.about} as discussed, or clear the decision and guidance written about it")
        return data

    @property
    def ticked(self) -> bool:
        return bool(self.cleaned_data.get("discussed"))

    def answers(self) -> dict[str, Any]:
        restricted = self.cleaned_data["restricted"] is True
        return {
            "kind": ManagerDecision.Kind.SUPERVISION,
            "decision": self.cleaned_data["decision"],
            "guidance": self.cleaned_data.get("guidance") or "",
            "section": Section.RESTRICTED if restricted else Section.GENERAL,
            "not_for_disclosure": restricted,
        }
