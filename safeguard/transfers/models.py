"""A transfer's handover: what the case's new holder is given to read when the case moves to them,
frozen as it stood (Ansbro: new officers restarted the case from scratch after each transfer), and
the other probation units and prison co-ordinator told of the move (West Mercia 3.3, 2.4)."""

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from safeguard.core import clock
from safeguard.core.models import TrackedModel


class Handover(TrackedModel):
    """The case moved to a new holder (or team): from whom to whom, and the summary handed over, kept
    as it stood then (`summary`: a list of parts, each `{"title", "lines", "empty"}`) so what the new
    holder acknowledges is what they were given. Produced by the allocation itself (`services`)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="handovers")
    allocation = models.OneToOneField("cases.Allocation", on_delete=models.PROTECT, related_name="handover")
    from_holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="from"
    )
    from_team = models.ForeignKey("accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    to_holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="to")
    to_team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="+")
    summary = models.JSONField(default=list, editable=False)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["case", "-created_at"], name="handover_case_idx")]

    def __str__(self) -> str:
        return f"Handover to {self.to_holder} on {timezone.localdate(self.created_at):%d/%m/%Y}"

    @property
    def parts(self) -> list[dict[str, Any]]:
        return list(self.summary or [])

    @property
    def moved_on(self) -> datetime.date:
        return timezone.localdate(self.created_at)

    @property
    def between_areas(self) -> bool:
        return self.from_team is not None and self.from_team.area_id != self.to_team.area_id


class HandoverNotice(TrackedModel):
    """Another probation unit involved, or the prison's child-protection co-ordinator, told that the
    case moved: who, when, how, by whom."""

    class How(models.TextChoices):
        PHONE = "phone", "Phone"
        EMAIL = "email", "E-mail"
        SECURE_EMAIL = "secure_email", "Secure e-mail"
        LETTER = "letter", "Letter"
        IN_PERSON = "in_person", "In person"

    handover = models.ForeignKey(Handover, on_delete=models.CASCADE, related_name="notices")
    key_contact = models.ForeignKey("cases.KeyContact", on_delete=models.PROTECT, related_name="+")
    informed_on = models.DateField("date told")
    how = models.CharField("how they were told", max_length=14, choices=How.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["informed_on", "id"]
        constraints = [models.UniqueConstraint(fields=["handover", "key_contact"], name="handovernotice_once_per_contact")]

    def __str__(self) -> str:
        return f"{self.key_contact.described} told on {self.informed_on:%d/%m/%Y}"

    def clean(self) -> None:
        super().clean()
        if self.informed_on and self.informed_on > clock.today():
            raise ValidationError({"informed_on": "The date you told them must be today or in the past"})
