"""Base model and the two logs every capability writes to: the audit trail and the access log."""

import contextvars
import datetime
from typing import Any, ClassVar

from django.conf import settings
from django.db import models

# Audit events are never changed or deleted, with one exception: lawful erasure of a child's details
# (`safeguard.people.erasure`), which opens this window while it runs (`core.audit.erasure_window`).
erasure_open: contextvars.ContextVar[bool] = contextvars.ContextVar("audit_erasure_open", default=False)


class AuditEventChanged(Exception):
    """Raised when something tries to change or delete an audit event outside lawful erasure."""


def _refuse_change(what: str) -> None:
    if not erasure_open.get():
        raise AuditEventChanged(f"Audit events are never {what} (only lawful erasure may)")


class AuditEventQuerySet(models.QuerySet):
    """Bulk changes refused too: `update()` and `delete()` work only inside the erasure window."""

    def update(self, **kwargs: Any) -> int:
        _refuse_change("changed")
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        _refuse_change("deleted")
        return super().delete()

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        _refuse_change("changed")
        return super().bulk_update(*args, **kwargs)


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
    # Raised by one on every change, so an edit opened on an older version is refused (core.concurrency).
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class Rewritten(Exception):
    """Raised when something tries to save again, or delete, a record that is written once."""


class WrittenOnce(TrackedModel):
    """A record that, once written, is never written again nor deleted (a contact-log version, a
    manager's decision, a progress entry): what changes is added as a new record. Only lawful erasure
    scrubs one, with a queryset update. `REWRITTEN` is the exception a model raises, `ADD_INSTEAD`
    what to do instead."""

    REWRITTEN: ClassVar[type[Rewritten]] = Rewritten
    ADD_INSTEAD: ClassVar[str] = "add a new version"

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise self.REWRITTEN(f"A {self._meta.verbose_name} is never changed once written: {self.ADD_INSTEAD}")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise self.REWRITTEN(f"A {self._meta.verbose_name} is never deleted (only lawful erasure scrubs it)")


class ChaseRecord(TrackedModel):
    """A chase of a reply that has not come (a request, a police check, a referral): when, how, to
    whom, what was said. Each kind declares `method` with its own ways of chasing."""

    chased_on = models.DateField()
    spoke_to = models.CharField("chased with", max_length=200, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        abstract = True
        ordering = ["chased_on", "id"]

    def __str__(self) -> str:
        return f"Chased {self.chased_on:%d/%m/%Y} by {self.get_method_display().lower()}"  # type: ignore[attr-defined]


class AuditEvent(models.Model):
    """One row per change: actor, object, what changed (old and new values). Append-only."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=80, db_index=True)
    object_type = models.CharField(max_length=80)
    object_id = models.CharField(max_length=40)
    object_repr = models.CharField(max_length=200)
    # The id of the case the change belongs to, so a case can show its own history (the one
    # timeline). A plain number, not a foreign key: the log sits below every app, outlives what it
    # describes and never stops a record being removed.
    case_id = models.BigIntegerField(null=True, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    # The section of the case record the change belongs to when not everyone who sees the case may
    # read it ("restricted", "victim", "third_party"; blank for the rest): a History page leaves out
    # the events of the sections its reader may not read (`registry.unreadable_sections`).
    section = models.CharField(max_length=20, blank=True, default="")

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        base_manager_name = "objects"  # so code using `_base_manager` meets the same refusal
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="core_audite_object__bbabc4_idx"),
            models.Index(fields=["case_id", "-at"], name="core_audite_case_id_a48911_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AuditEventChanged("Audit events are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        _refuse_change("deleted")
        return super().delete(*args, **kwargs)


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


class Submission(models.Model):
    """A form that saved something, by the one-time token its page carried: the same form sent twice
    (a double click, a resent page) saves once, and the second answer goes where the first went. Kept
    for a day."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    then = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.token} → {self.then}"


class OutstandingStep(models.Model):
    """One outstanding step of a case, stored (`core.steps`): what every provider of steps
    (`core.tasks`) says the case's records call for, written in the same transaction as the record
    that changes it, so My work, the dashboards and the reminders read rows instead of working every
    step out again. A step no longer called for is closed, not deleted (`closed_at`): the charts of
    overdue work over the past year count the steps that were open on each day.

    Time alone never changes a row: a step that appears or goes with the calendar carries the days it
    is outstanding (`shows_from`, `shows_until`), and its status (due soon, overdue, escalated) comes
    from its dates and the day it is read. Who it is for is the case's: holder, team, area, nation.
    """

    EVER = datetime.date(1, 1, 1)
    NEVER = datetime.date(9999, 12, 31)

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64)  # identifies the step from one refresh to the next (`steps.key`)
    kind = models.CharField(max_length=60)
    rule = models.CharField(max_length=80)  # the rule that raised it (`registry.rules()`)
    fact = models.TextField()  # the fact on this case that raised it
    title = models.CharField(max_length=300)
    detail = models.TextField(blank=True, default="")
    url = models.CharField(max_length=300)
    subject_type = models.CharField(max_length=80, blank=True, default="")
    subject_id = models.BigIntegerField(null=True, blank=True)
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    team = models.ForeignKey("accounts.Team", on_delete=models.CASCADE, related_name="+")
    area = models.ForeignKey("accounts.Area", on_delete=models.CASCADE, related_name="+")
    nation = models.CharField(max_length=20)
    due_on = models.DateField(null=True, blank=True)
    escalate_on = models.DateField(null=True, blank=True)
    shows_from = models.DateField(default=EVER)
    shows_until = models.DateField(default=NEVER)
    waiting = models.BooleanField(default=False)
    needs_manager = models.BooleanField(default=False)
    chases = models.PositiveIntegerField(default=0)
    escalated_to = models.JSONField(default=list, blank=True)  # user ids it was escalated to by name
    opened_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "key"], condition=models.Q(closed_at__isnull=True), name="one_open_step_per_key"
            )
        ]
        indexes = [
            # "mine", "my team's", "my area's", each by due date; the open ones only.
            models.Index(
                fields=["holder", "team", "due_on"], condition=models.Q(closed_at__isnull=True), name="step_open_holder"
            ),
            models.Index(fields=["team", "due_on"], condition=models.Q(closed_at__isnull=True), name="step_open_team"),
            models.Index(fields=["area", "due_on"], condition=models.Q(closed_at__isnull=True), name="step_open_area"),
            models.Index(fields=["due_on"], condition=models.Q(closed_at__isnull=True), name="step_open_due"),
            models.Index(fields=["case"], condition=models.Q(closed_at__isnull=True), name="step_open_case"),
            # The charts: every step, open or closed, by team and when it fell due.
            models.Index(fields=["team", "due_on", "closed_at"], name="step_history_team"),
        ]

    def __str__(self) -> str:
        return f"{self.title} (case {self.case_id})"


class StepsVersion(models.Model):
    """How many times a team's stored steps have changed (`core.steps` adds one in the same
    transaction as each change): what the dashboards' counts are cached under, so a count is never
    older than the team's latest change, in any process."""

    team = models.OneToOneField("accounts.Team", on_delete=models.CASCADE, primary_key=True, related_name="+")
    version = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"team {self.team_id}: {self.version}"
