"""Home visits (Jersey review; West Mercia 2.1; HMIP 2002 55): a visit to one of the service user's
current addresses, with the householder's consent, who was present, each linked child seen or not
(and, when seen, their presentation and demeanour in the officer's words), and the concerns arising.

A visit the householder refused (`consent_given` false) was not carried out: it is kept on file as
refused, no child is seen on it, and it covers neither the address nor a registered case's period.

When a registered case has no visit, the officer records the reason (`NoVisitReason`) and the case's
line manager agrees it or not; only an agreed reason covers the period.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from safeguard.core import clock
from safeguard.core.models import TrackedModel
from safeguard.people.models import AddressType


def field_name(child_id: int, part: str) -> str:
    """The name of a child's question on the visit form; the service names its errors the same way."""
    return f"child_{child_id}_{part}"


class HomeVisit(TrackedModel):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="home_visits")
    address = models.ForeignKey("people.Address", on_delete=models.PROTECT, related_name="home_visits")
    # What the address was to the service user on the day (given address, where they stay, ...).
    address_type = models.CharField(max_length=20, choices=AddressType.choices)
    visited_on = models.DateField("date of the visit")
    consent_given = models.BooleanField("the householder consented to the visit")
    consent_by = models.CharField("who gave or refused consent", max_length=200)
    consent_words = models.TextField("what they said", blank=True)
    present = models.TextField("who was present", blank=True)
    concerns = models.TextField("concerns arising", blank=True)

    class Meta:
        ordering = ["-visited_on", "-id"]
        indexes = [models.Index(fields=["case", "-visited_on"], name="homevisit_case_idx")]

    def __str__(self) -> str:
        return f"Home visit, {self.visited_on:%d/%m/%Y}"

    @property
    def refused(self) -> bool:
        return not self.consent_given

    def clean(self) -> None:
        super().clean()
        if self.visited_on and self.visited_on > clock.today():
            raise ValidationError({"visited_on": "The date of the visit must be today or in the past"})


class HomeVisitChild(TrackedModel):
    """A linked child on a visit: seen or not; when seen, how they presented in the officer's words;
    when not, why."""

    visit = models.ForeignKey(HomeVisit, on_delete=models.CASCADE, related_name="child_rows")
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="home_visit_rows")
    seen = models.BooleanField()
    presentation = models.TextField("presentation and demeanour", blank=True)
    not_seen_reason = models.TextField("why the child was not seen", blank=True)

    class Meta:
        ordering = ["visit", "id"]
        constraints = [models.UniqueConstraint(fields=["visit", "child"], name="homevisitchild_once")]
        indexes = [models.Index(fields=["child"], name="homevisitchild_child_idx")]

    def __str__(self) -> str:
        return f"{self.child}: {'seen' if self.seen else 'not seen'}"

    def clean(self) -> None:
        super().clean()
        if self.seen and not self.presentation.strip():
            raise ValidationError({"presentation": f"Describe {self.child}'s presentation and demeanour"})
        if not self.seen and not self.not_seen_reason.strip():
            raise ValidationError({"not_seen_reason": f"Enter why {self.child} was not seen"})
        if self.seen:
            self.not_seen_reason = ""
        else:
            self.presentation = ""


class NoVisitReason(TrackedModel):
    """Why a registered case has had no home visit, in the officer's words, and the line manager's
    decision on it: agreed (the period is covered from the day of the agreement) or not agreed."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="no_visit_reasons")
    reason = models.TextField("reason for no home visit")
    recorded_on = models.DateField("date recorded")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agreed = models.BooleanField("the manager agrees", null=True, blank=True)
    decided_on = models.DateField("date of the manager's decision", null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    manager_comment = models.TextField("manager's comment", blank=True)

    class Meta:
        ordering = ["-recorded_on", "-id"]
        permissions = [("agree_no_visit_reason", "Can agree or not an officer's reason for no home visit")]
        indexes = [models.Index(fields=["case", "-recorded_on"], name="novisitreason_case_idx")]

    def __str__(self) -> str:
        return f"Reason for no home visit, {self.recorded_on:%d/%m/%Y}"

    @property
    def decided(self) -> bool:
        return self.agreed is not None

    def clean(self) -> None:
        super().clean()
        today = clock.today()
        if self.recorded_on and self.recorded_on > today:
            raise ValidationError({"recorded_on": "The date must be today or in the past"})
        if self.decided_on is not None:
            if self.decided_on > today:
                raise ValidationError({"decided_on": "The date of the decision must be today or in the past"})
            if self.recorded_on and self.decided_on < self.recorded_on:
                raise ValidationError(
                    {
                        "decided_on": f"The date of the decision must be on or after {self.recorded_on:%d/%m/%Y}, when the reason was recorded"
                    }
                )
