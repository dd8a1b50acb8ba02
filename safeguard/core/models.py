"""Base model and the two logs every capability writes to: the audit trail and the access log."""

from django.conf import settings
from django.db import models


class TrackedModel(models.Model):
    """Every record says who created it and who last changed it, and when."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    modified_at = models.DateTimeField(auto_now=True)
    modified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """One row per change: actor, object, what changed (old and new values). Append-only."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=80, db_index=True)
    object_type = models.CharField(max_length=80)
    object_id = models.CharField(max_length=40)
    object_repr = models.CharField(max_length=200)
    # The case the change belongs to, so a case can show its own history (the one timeline).
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="audit_events")
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["case", "-at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit events are never changed")
        super().save(*args, **kwargs)


class AccessLog(models.Model):
    """Who asked for what, when, and whether it was refused."""

    class Outcome(models.TextChoices):
        REFUSED = "refused", "Refused"
        GRANTED = "granted", "Granted"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    object_type = models.CharField(max_length=80)
    object_id = models.CharField(max_length=40)
    path = models.CharField(max_length=500)
    method = models.CharField(max_length=10)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["user", "-at"]), models.Index(fields=["outcome", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.outcome} {self.object_type} {self.object_id}"


class DeadlineRule(TrackedModel):
    """One timescale: "<length> <unit> after <anchor>". Editable by administrators; code refers to
    rules only by their stable name, so changing a length needs no code change."""

    class Unit(models.TextChoices):
        CALENDAR_DAYS = "calendar_days", "Calendar days"
        WORKING_DAYS = "working_days", "Working days"
        MONTHS = "months", "Months"

    name = models.SlugField(max_length=60, unique=True, help_text="Stable name used by the code; do not change")
    label = models.CharField(max_length=150)
    anchor = models.CharField("counted from", max_length=150)
    length = models.PositiveSmallIntegerField()
    unit = models.CharField(max_length=14, choices=Unit.choices)
    source = models.CharField(max_length=150, blank=True, help_text="Procedure or guidance the timescale comes from")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.label}: {self.length} {self.get_unit_display().lower()} after {self.anchor}"
