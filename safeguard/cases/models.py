"""A case is one period of supervision of a service user: its orders and who holds it."""

import datetime
from collections.abc import Collection
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from safeguard.core import clock
from safeguard.core.models import TrackedModel

from . import reach
from .reach import EMAIL_MESSAGE as EMAIL
from .reach import PHONE_MESSAGE as PHONE


class EndReason(models.TextChoices):
    """Why an order ended or a case closed."""

    COMPLETED = "completed", "Completed"
    REVOKED = "revoked", "Revoked or terminated early"
    TRANSFERRED_OUT = "transferred_out", "Transferred out"
    DIED = "died", "The person died"


class Case(TrackedModel):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    service_user = models.ForeignKey("people.ServiceUser", on_delete=models.PROTECT, related_name="cases")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="cases")
    case_holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="held_cases"
    )
    line_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="managed_cases"
    )
    opened_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    close_reason = models.CharField("reason for closing", max_length=20, choices=EndReason.choices, blank=True)
    whereabouts_unknown_since = models.DateField(
        null=True, blank=True, help_text="Set when contact is lost: the key workers of children involved must be told"
    )

    class Meta:
        ordering = ["service_user__last_name_key", "service_user__first_name_key", "id"]
        permissions = [
            ("allocate_case", "Can allocate and transfer cases"),
            ("manage_any_case", "Can make a line manager's decisions on any case they can see"),
            ("close_case", "Can close a case once its orders have ended"),
        ]
        indexes = [
            models.Index(fields=["team", "status"], name="case_team_status_idx"),
            models.Index(fields=["case_holder", "status"], name="case_holder_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.service_user} ({self.service_user.crn})"

    # The holder as read from the database (set by from_db), so a change of holder is seen without a
    # query; and the holder last checked against the allocation rules, so a change is checked once.
    _loaded_holder: int | None = None
    _holder_checked: int | None = None

    @classmethod
    def from_db(cls, db: str | None, field_names: Collection[str], values: Collection[Any]) -> "Case":
        instance = super().from_db(db, field_names, values)
        instance._loaded_holder = instance.__dict__.get("case_holder_id")
        return instance

    def _holder_refusal(self) -> str | None:
        """Why the new holder may not hold this case (`allocation_rules`), when the holder changed."""
        if self.pk is None or self.case_holder_id in (None, self._loaded_holder, self._holder_checked):
            return None
        from .allocation_rules import refusal  # the rules read this module's records

        reason = refusal(self, self.case_holder)
        if reason is None:
            self._holder_checked = self.case_holder_id
        return reason

    def clean(self) -> None:
        super().clean()
        if reason := self._holder_refusal():
            raise ValidationError({"case_holder": reason})

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Every path that sets a holder meets the allocation rules, not only the pages that clean first.
        if reason := self._holder_refusal():
            raise ValidationError({"case_holder": reason})
        super().save(*args, **kwargs)
        self._loaded_holder = self.case_holder_id

    @property
    def nation(self) -> str:
        """Whose bank holidays count for the case's working-day deadlines: its area's nation."""
        return self.team.area.nation

    def get_absolute_url(self) -> str:
        """The case's overview."""
        return reverse("cases:detail", args=[self.pk])


class Allocation(TrackedModel):
    """Who held the case, in which team, under which manager, from when to when."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="allocations")
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="+")
    case_holder = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    line_manager = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    start_at = models.DateTimeField()
    end_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-start_at", "-id"]
        indexes = [models.Index(fields=["case", "-start_at"], name="allocation_case_idx")]

    def __str__(self) -> str:
        return f"{self.case_holder or 'Unallocated'} ({self.team}) from {self.start_at:%d/%m/%Y}"


class Stage(models.TextChoices):
    PSR = "psr", "Pre-sentence report"
    COURT_ORDER = "court_order", "Court order"
    CUSTODY = "custody", "Custody"
    LICENCE = "licence", "Licence"


class OrderType(models.TextChoices):
    PSR = "psr", "Pre-sentence report (no order yet)"
    COMMUNITY_ORDER = "community_order", "Community order"
    SUSPENDED_SENTENCE = "suspended_sentence", "Suspended sentence order"
    UNPAID_WORK_ONLY = "unpaid_work_only", "Unpaid work only"
    CUSTODY = "custody", "Custodial sentence"
    LICENCE = "licence", "Licence"
    YOUNG_OFFENDER_LICENCE = "yo_licence", "Young offender licence"
    POST_SENTENCE_SUPERVISION = "pss", "Post-sentence supervision"


class Order(TrackedModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="orders")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    order_type = models.CharField("type", max_length=24, choices=OrderType.choices)
    start_date = models.DateField()
    expected_end_date = models.DateField(null=True, blank=True)
    offence = models.CharField(
        "main offence", max_length=200, blank=True, help_text="As on the order, for example Assault by beating (domestic)"
    )
    requirements = models.TextField(blank=True, help_text="For example: 150 hours unpaid work; accredited programme")
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField("reason it ended", max_length=20, choices=EndReason.choices, blank=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        indexes = [models.Index(fields=["case", "-start_date"], name="order_case_idx")]

    def __str__(self) -> str:
        return f"{self.get_order_type_display()} from {self.start_date:%d/%m/%Y}"

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.expected_end_date and self.expected_end_date < self.start_date:
            raise ValidationError({"expected_end_date": "Expected end date must be after the start date"})
        if self.start_date and self.ended_on and self.ended_on < self.start_date:
            raise ValidationError({"ended_on": "End date must be on or after the start date"})


class CaseNote(TrackedModel):
    """A dated, signed note on the case. Notes are added, never changed (the contact log builds on this)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    written_on = models.DateField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()

    class Meta:
        ordering = ["-written_on", "-id"]

    def __str__(self) -> str:
        return f"Note of {self.written_on:%d/%m/%Y}"


class KeyContact(TrackedModel):
    """An agency worker involved with the case: the case's one list of the organisations and contacts
    relevant to it (West Mercia 2.5), from which other pages choose instead of typing a name again.
    The prison's child-protection co-ordinator is one kind, contacted whenever the service user is in
    custody and there are child-protection concerns (West Mercia 2.4).

    A contact no longer involved is ended (`ended_on`), never deleted: an entry, a referral or a
    meeting that named them still reads."""

    class Kind(models.TextChoices):
        SOCIAL_WORKER = "social_worker", "Social worker"
        TEAM_MANAGER = "team_manager", "Team manager (children’s services)"
        HEALTH_VISITOR = "health_visitor", "Health visitor"
        SCHOOL = "school_dsl", "School (designated safeguarding lead)"
        HEALTH = "health", "GP or health"
        POLICE = "police", "Police officer"
        PRISON_CP_COORDINATOR = "prison_cp_coordinator", "Prison child-protection co-ordinator"
        PROBATION = "probation", "Other probation unit or team"
        YOUTH_OFFENDING_TEAM = "yot", "Youth offending team"
        HOUSING = "housing", "Housing"
        OTHER = "other", "Other agency"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="key_contacts")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    name = models.CharField(max_length=150)
    role = models.CharField("job title", max_length=150, blank=True)
    organisation = models.CharField(max_length=150)
    phone = models.CharField(
        "phone number", max_length=40, blank=True, validators=[reach.validate_phone], error_messages={"invalid": PHONE}
    )
    email = models.EmailField("email address", max_length=254, blank=True, error_messages={"invalid": EMAIL})
    # Before phone and email had fields of their own, this one box held either; what was plainly one
    # of them moved there (migration 0009), anything else stays here.
    contact_details = models.CharField("other contact details", max_length=150, blank=True)
    children = models.ManyToManyField("people.Child", blank=True, related_name="key_contacts")
    contacted_on = models.DateField("date contacted", null=True, blank=True)
    ended_on = models.DateField("no longer involved from", null=True, blank=True)

    class Meta:
        ordering = ["-contacted_on", "-id"]
        indexes = [models.Index(fields=["case", "kind"], name="keycontact_case_kind_idx")]

    def __str__(self) -> str:
        return f"{self.name}, {self.get_kind_display().lower()} ({self.organisation})"

    @property
    def since(self) -> datetime.date:
        """Since when they are on the list: when first contacted, else when added."""
        return self.contacted_on or timezone.localdate(self.created_at)

    @property
    def described(self) -> str:
        """Who they are in a few words, as a typed answer would say it: "Jane Aldridge (Worcestershire
        Children First)"."""
        return f"{self.name} ({self.organisation})"

    def clean(self) -> None:
        super().clean()
        today = clock.today()
        if self.contacted_on and self.contacted_on > today:
            raise ValidationError({"contacted_on": "The date you contacted them must be today or in the past"})
        if self.ended_on and self.ended_on > today:
            raise ValidationError({"ended_on": "The date they stopped being involved must be today or in the past"})
        if self.ended_on and self.contacted_on and self.ended_on < self.contacted_on:
            raise ValidationError(
                {"ended_on": "The date they stopped being involved must be on or after the date you first contacted them"}
            )

    def clean_fields(self, exclude: Collection[str] | None = None) -> None:
        """The co-ordinator's contact is recorded once made: its date is required, and a way to reach
        them (checked with the fields, so a form that has already said so does not say it twice)."""
        errors: dict[str, Any] = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        skipped = set(exclude or ()) | set(errors)
        if self.kind == self.Kind.PRISON_CP_COORDINATOR:
            if self.contacted_on is None and "contacted_on" not in skipped:
                errors["contacted_on"] = ["Enter date you contacted them"]
            ways = ("phone", "email", "contact_details")
            if not any((getattr(self, way) or "").strip() for way in ways) and not skipped & set(ways):
                errors["contact_details"] = ["Enter a phone number or email address for the co-ordinator"]
        if errors:
            raise ValidationError(errors)


class HolderApproval(TrackedModel):
    """A line manager's approval, on the record, for a probation service officer to hold this
    child-protection case (West Mercia 6.3: only with the line manager's approval, the nature of their
    contact clearly noted). Recorded by the manager themselves."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="holder_approvals")
    approved_for = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_on = models.DateField()
    contact = models.TextField("the nature of their work with the service user and family")

    class Meta:
        ordering = ["-approved_on", "-id"]
        indexes = [models.Index(fields=["case", "approved_for"], name="holderapproval_case_idx")]

    def __str__(self) -> str:
        return f"Approval for {self.approved_for} to hold the case, {self.approved_on:%d/%m/%Y}"


class RiskManagerConsultation(TrackedModel):
    """A risk manager consulted on a high-risk case with significant child-protection concerns (West
    Mercia 6.1): who, when, and what they advised, as the recorder heard it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="risk_consultations")
    risk_manager = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    consulted_on = models.DateField()
    advice = models.TextField("what the risk manager advised")

    class Meta:
        ordering = ["-consulted_on", "-id"]
        indexes = [models.Index(fields=["case", "-consulted_on"], name="riskconsult_case_idx")]

    def __str__(self) -> str:
        return f"Risk manager {self.risk_manager} consulted {self.consulted_on:%d/%m/%Y}"
