"""Multi-agency meetings on a case (West Mercia 4; HMIP 2014 2.28, 2.39): strategy discussions,
child-protection conferences, core groups and the rest, each for one or more of the case's children.

A meeting records when the invitation came (how much notice probation had), who from probation
attended or why nobody did, and, for a child-protection conference, whether the children were made
subject to a plan and when the plan ended. The statutory clock (`meetings.clock`) reads them.

The kinds of meeting are `Meeting.Kind` (TextChoices), not a data file: the clock and the steps
reason about particular kinds (a strategy discussion, an initial or review conference, a core
group), so a kind an administrator could rename or remove would silently stop the clock; a new kind
is one line here (and a migration for the choices). How late an invitation may come is
configuration: `SAFEGUARD["MEETING_LATE_NOTICE_DAYS"]` (default 5 calendar days).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from safeguard.core.models import TrackedModel
from safeguard.people.models import CPCategory

# An invitation received fewer days than this before the meeting counts as late (HMIP 2014 2.39).
DEFAULT_LATE_NOTICE_DAYS = 5


def late_notice_days() -> int:
    return int(settings.SAFEGUARD.get("MEETING_LATE_NOTICE_DAYS", DEFAULT_LATE_NOTICE_DAYS))


class Meeting(TrackedModel):
    class Kind(models.TextChoices):
        STRATEGY = "strategy", "Strategy discussion"
        INITIAL_CONFERENCE = "initial_conference", "Initial child-protection conference"
        CORE_GROUP = "core_group", "Core group"
        REVIEW_CONFERENCE = "review_conference", "Review child-protection conference"
        CHILD_IN_NEED = "child_in_need", "Child-in-need meeting"
        LOOKED_AFTER_REVIEW = "looked_after_review", "Looked-after child review"
        FAMILY_GROUP = "family_group", "Family group conference"
        PROFESSIONALS = "professionals", "Professionals meeting"
        MAPPA = "mappa", "MAPPA meeting"
        MARAC = "marac", "MARAC"

    class Attendance(models.TextChoices):
        ATTENDED = "attended", "Someone from probation attended"
        NOT_ATTENDED = "not_attended", "Nobody from probation attended"

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField("kind of meeting", max_length=24, choices=Kind.choices)
    children = models.ManyToManyField("people.Child", related_name="meetings")
    convened_by = models.CharField("convening agency", max_length=200)
    chair = models.CharField(max_length=200, blank=True)
    held_on = models.DateField("date of the meeting", db_index=True)
    starts_at = models.TimeField("time", null=True, blank=True)
    place = models.CharField(max_length=200, blank=True)
    invited_on = models.DateField("invitation received", null=True, blank=True)
    attendance = models.CharField(max_length=12, choices=Attendance.choices, blank=True)
    attended_by = models.CharField("who from probation attended", max_length=200, blank=True)
    absence_reason = models.TextField("why nobody attended", blank=True)
    absence_agreed = models.BooleanField("agreed with the line manager", null=True, blank=True)
    report_submitted_on = models.DateField("written report sent", null=True, blank=True)
    plan_made = models.BooleanField("children subject to a child-protection plan", null=True, blank=True)
    plan_category = models.CharField("category of the plan", max_length=12, choices=CPCategory.choices, blank=True)
    plan_ended_on = models.DateField("plan ended", null=True, blank=True)
    minutes_received_on = models.DateField("minutes received", null=True, blank=True)
    minutes_checked_on = models.DateField("minutes checked for accuracy", null=True, blank=True)
    minutes_accurate = models.BooleanField("minutes accurate", null=True, blank=True)
    minutes_correction = models.TextField("correction asked of the chair", blank=True)

    CONFERENCES = frozenset({Kind.INITIAL_CONFERENCE, Kind.REVIEW_CONFERENCE})

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["case", "held_on"], name="meeting_case_held_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.held_on:%d/%m/%Y}"

    @property
    def is_conference(self) -> bool:
        return self.kind in self.CONFERENCES

    @property
    def notice_days(self) -> int | None:
        """Calendar days between the invitation and the meeting."""
        if self.invited_on is None:
            return None
        return (self.held_on - self.invited_on).days

    @property
    def invited_late(self) -> bool:
        days = self.notice_days
        return days is not None and days < late_notice_days()

    @property
    def needs_minutes_check(self) -> bool:
        return self.minutes_received_on is not None and self.minutes_checked_on is None

    @property
    def needs_report(self) -> bool:
        return self.attendance == self.Attendance.NOT_ATTENDED and self.report_submitted_on is None

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.invited_on and self.held_on and self.invited_on > self.held_on:
            errors["invited_on"] = "The date the invitation was received must be on or before the date of the meeting"
        if self.attendance == self.Attendance.ATTENDED and not self.attended_by.strip():
            errors["attended_by"] = "Enter who from probation attended"
        if self.attendance == self.Attendance.NOT_ATTENDED:
            if not self.absence_reason.strip():
                errors["absence_reason"] = "Enter why nobody from probation attended"
            if self.absence_agreed is None:
                errors["absence_agreed"] = "Select whether the line manager agreed"
        if self.plan_made is not None and not self.is_conference:
            errors["plan_made"] = "Only a child-protection conference decides on a plan"
        if self.plan_made and not self.plan_category:
            errors["plan_category"] = "Select the category of the child-protection plan"
        if self.plan_ended_on and not self.plan_made:
            errors["plan_ended_on"] = "Record the end of a plan on the conference that made or continued it"
        elif self.plan_ended_on and self.held_on and self.plan_ended_on < self.held_on:
            errors["plan_ended_on"] = "The date the plan ended must be on or after the date of the conference"
        if self.minutes_checked_on and not self.minutes_received_on:
            errors["minutes_checked_on"] = "Record the minutes received before checking them"
        elif self.minutes_checked_on and self.minutes_checked_on < self.minutes_received_on:  # type: ignore[operator]
            errors["minutes_checked_on"] = "The date the minutes were checked must be on or after the date they were received"
        if self.minutes_accurate is False and not self.minutes_correction.strip():
            errors["minutes_correction"] = "Enter the correction asked of the chair"
        if errors:
            raise ValidationError(errors)
        if self.minutes_accurate is not False:
            self.minutes_correction = ""
        if not self.plan_made:
            self.plan_category = ""
        if self.attendance != self.Attendance.NOT_ATTENDED:
            self.absence_reason, self.absence_agreed = "", None
        if self.attendance != self.Attendance.ATTENDED:
            self.attended_by = ""

    def held_by(self, today: datetime.date) -> bool:
        return self.held_on <= today


class ProtectionPlan(TrackedModel):
    """A child-protection plan on the probation file (HMIP 2014 2.26: "in most cases the child
    protection plan was not on the probation file"; 2.28: no role for probation in it): the date
    of the plan, its category, the children it covers, when the copy was received, and probation's
    role in it in the officer's words."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="protection_plans")
    children = models.ManyToManyField("people.Child", related_name="protection_plans")
    made_on = models.DateField("date of the plan")
    category = models.CharField("category", max_length=12, choices=CPCategory.choices)
    received_on = models.DateField("copy received")
    probation_role = models.TextField("probation's role in the plan")

    class Meta:
        ordering = ["-made_on", "-id"]

    def __str__(self) -> str:
        return f"Child-protection plan of {self.made_on:%d/%m/%Y}"

    def clean(self) -> None:
        super().clean()
        if self.made_on and self.received_on and self.received_on < self.made_on:
            raise ValidationError({"received_on": "The date the copy was received must be on or after the date of the plan"})


class RiskPlanShared(TrackedModel):
    """The probation risk-management plan shared with the child's social worker (HMIP 2014 2.26:
    no probation plan on any children's social care file seen)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="risk_plans_shared")
    shared_on = models.DateField("date shared")
    shared_with = models.CharField("social worker it was shared with", max_length=200)

    class Meta:
        ordering = ["-shared_on", "-id"]

    def __str__(self) -> str:
        return f"Risk-management plan shared on {self.shared_on:%d/%m/%Y}"


class MeetingAction(TrackedModel):
    """An action agreed at a meeting: who owns it, whether it is probation's, when it is due and done
    (HMIP 2014 2.28: actions for probation were often missing)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField("the action")
    owner_agency = models.CharField("agency that owns it", max_length=200)
    probation_owns = models.BooleanField("probation owns it")

    class Outcome(models.TextChoices):
        DONE = "done", "Done"
        NOT_DONE = "not_done", "Not done: the reason is given in writing"

    due_on = models.DateField("due", null=True, blank=True)
    done_on = models.DateField("date of the outcome", null=True, blank=True)
    outcome = models.CharField(max_length=8, choices=Outcome.choices, blank=True)
    not_done_reason = models.TextField("why it was not done", blank=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"Action for {self.owner_agency}: {self.description[:60]}"

    def clean(self) -> None:
        super().clean()
        if self.done_on and self.meeting_id and self.done_on < self.meeting.held_on:
            raise ValidationError({"done_on": "The date must be on or after the date of the meeting"})
        if self.outcome == self.Outcome.NOT_DONE and not self.not_done_reason.strip():
            raise ValidationError({"not_done_reason": "Enter why the action was not done"})
        if self.outcome != self.Outcome.NOT_DONE:
            self.not_done_reason = ""


class WrittenReport(TrackedModel):
    """Probation's written report to a meeting (West Mercia Appendix 2), one per meeting: drafted in
    Safeguard from what the case records, edited by the officer statement by statement, and sent.
    Once sent it is what the meeting was told, and is not changed again.

    A report may be written for any meeting; one is required when nobody from probation attends
    (`Meeting.needs_report`). When it is sent, the meeting's `report_submitted_on` is set with it, in
    the same service (`services.report_submitted`), so the meeting's step closes."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="written_report")
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="drafted by"
    )
    drafted_at = models.DateTimeField("drafted")
    submitted_on = models.DateField("sent", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="sending recorded by",
    )

    def __str__(self) -> str:
        return f"Written report to the {self.meeting}"

    @property
    def is_sent(self) -> bool:
        return self.submitted_on is not None


class ReportStatement(TrackedModel):
    """One statement of a written report, in one of the sections of West Mercia Appendix 2, marked as
    fact, observation, allegation or opinion ("All those attending should take care to distinguish
    between fact, observation, allegation and opinion"). A drafted statement has no basis: only the
    officer marks it, and the report is not sent until every statement is marked."""

    class Section(models.TextChoices):
        CHILD = "child", "Name of the child"
        ADDRESS = "address", "Address"
        FAMILY = "family", "Family composition"
        INVOLVEMENT = "involvement", "Nature of the involvement"
        HEALTH = "health", "Knowledge of the child's health and development"
        CAPACITY = "capacity", "Capacity of the parents to safeguard the child and to promote the child's health and development"

    class Basis(models.TextChoices):
        FACT = "fact", "Fact"
        OBSERVATION = "observation", "Observation"
        ALLEGATION = "allegation", "Allegation"
        OPINION = "opinion", "Opinion"

    # Sections Safeguard holds nothing for: the officer writes them (nothing is drafted).
    JUDGEMENT = frozenset({Section.HEALTH, Section.CAPACITY})

    report = models.ForeignKey(WrittenReport, on_delete=models.CASCADE, related_name="statements")
    section = models.CharField(max_length=12, choices=Section.choices)
    text = models.TextField("statement")
    basis = models.CharField(max_length=12, choices=Basis.choices, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["report", "order", "id"]

    def __str__(self) -> str:
        return f"{self.get_section_display()}: {self.text[:60]}"
