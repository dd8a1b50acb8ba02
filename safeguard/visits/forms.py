"""The questions of a home visit, a reason for no visit and the manager's decision. Nothing starts
answered: not the householder's consent, not whether any child was seen, not the manager's decision."""

from collections.abc import Sequence
from typing import Any

from django import forms

from safeguard.core.forms import GovukDateField, GovukForm, needed_if, text_area
from safeguard.people.forms import yes_no_field
from safeguard.people.models import ChildLink

from .models import field_name

CHILD_PARTS = ("seen", "presentation", "not_seen_reason")


class VisitForm(GovukForm):
    visited_on = GovukDateField(label="Date of the visit", past_only=True)
    consent_given = yes_no_field(
        "Did the householder consent to the visit?",
        if_yes="the householder consented to the visit",
        help_text="If they refused, the visit is recorded as refused: it was not carried out and no child is recorded as seen",
    )
    consent_by = forms.CharField(
        label="Who gave or refused consent",
        max_length=200,
        help_text="Their name, and who they are to the household",
        error_messages={"required": "Enter who gave or refused consent"},
    )
    consent_words = text_area("What they said", help_text="In their own words")
    present = text_area("Who was present", help_text="Everyone in the home during the visit, adults and children")

    def __init__(self, *args: Any, links: Sequence[ChildLink], address_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.links = list(links)
        self.reveals = {}
        self.child_groups = []
        for link in self.links:
            child = link.child
            seen, presentation, reason = (field_name(child.pk, part) for part in CHILD_PARTS)
            self.fields[seen] = needed_if(
                yes_no_field(f"Was {child} seen?", required=False, empty_value=None), "the householder consented to the visit"
            )
            self.fields[presentation] = needed_if(
                text_area(f"{child}'s presentation and demeanour", rows=4, help_text="In your own words: what you saw and heard"),
                "the child was seen",
            )
            self.fields[reason] = needed_if(text_area(f"Why was {child} not seen?"), "the child was not seen")
            self.reveals[seen] = {"True": (presentation,), "False": (reason,)}
            lives_here = child.address_id == address_id
            self.child_groups.append((link, lives_here, self[seen]))
        self.fields["concerns"] = text_area(
            "Concerns arising",
            rows=5,
            help_text="Anything seen or heard that worries you: you can then make a referral or a contact entry",
        )

    def answers(self) -> dict[str, Any]:
        data = self.cleaned_data
        names = ("visited_on", "consent_given", "consent_by", "consent_words", "present", "concerns")
        children = {
            link.child_id: {part: data.get(field_name(link.child_id, part)) for part in CHILD_PARTS} for link in self.links
        }
        return {name: data.get(name) for name in names} | {"children": children}


class ReasonForm(GovukForm):
    reason = text_area(
        "Why has there been no home visit?",
        rows=5,
        required="Enter the reason there is no home visit",
        help_text="In your own words: your line manager will agree it or not",
    )


class DecisionForm(GovukForm):
    agreed = yes_no_field("Do you agree the reason?", if_yes="you agree the reason")
    decided_on = GovukDateField(label="Date of your decision", past_only=True)
    manager_comment = needed_if(text_area("Your comment", rows=4), "you do not agree")
