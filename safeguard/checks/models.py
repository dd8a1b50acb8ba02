"""Identify and check: the safeguarding children checklist, requests for information to children's
social care, police checks, notifications of probation involvement, significant events, and
contradictions between what the service user said and what a check found."""

from django.db import models

from safeguard.core.models import ChaseRecord, TrackedModel
from safeguard.people.models import CPCategory, CSCStatus


class ChecklistStage(models.TextChoices):
    COURT = "court", "Court"
    PSR = "psr", "Pre-sentence report"
    START_OF_ORDER = "start_of_order", "Start of order"
    RELEASE = "release", "Release from custody"
    SIGNIFICANT_EVENT = "significant_event", "Significant event"


# The six questions of the London Safeguarding Children Checklist (HMIP 2014, Appendix 4).
CHECKLIST_QUESTIONS = [
    ("living_with_children", "Are you living with children (including siblings under 18)?", "How are they related to you?"),
    (
        "significant_contact",
        "Do you have overnight contact with children who do not normally live with you, or any other "
        "significant contact with other children (for example nieces, nephews, stepchildren from previous relationships)?",
        "Give details",
    ),
    (
        "parental_responsibility",
        "Do you have any parental responsibilities?",
        "What is the nature of your parental responsibilities and what is your children's age group?",
    ),
    (
        "children_known_to_agencies",
        "Do your children have contact with the police, gangs, social workers or similar?",
        "Give details",
    ),
    ("children_excluded", "Are your children excluded from school, or have they been excluded before?", "Give details"),
    ("children_present_at_offence", "Were your children present when you committed this or a previous offence?", "Give details"),
]

# The end of "Select yes if …" for each question, when it is left unanswered (GOV.UK error messages).
CHECKLIST_IF_YES = {
    "living_with_children": "they live with children",
    "significant_contact": "they have overnight or other significant contact with other children",
    "parental_responsibility": "they have any parental responsibilities",
    "children_known_to_agencies": "their children have contact with the police, gangs, social workers or similar",
    "children_excluded": "their children are or have been excluded from school",
    "children_present_at_offence": "their children were present at this or a previous offence",
}


def checklist_unanswered(name: str) -> str:
    return f"Select yes if {CHECKLIST_IF_YES[name]}"


class Checklist(TrackedModel):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="checklists")
    order = models.ForeignKey("cases.Order", null=True, blank=True, on_delete=models.SET_NULL, related_name="checklists")
    stage = models.CharField(max_length=20, choices=ChecklistStage.choices)
    asked_on = models.DateField()
    living_with_children = models.BooleanField()
    living_with_children_details = models.TextField(blank=True)
    significant_contact = models.BooleanField()
    significant_contact_details = models.TextField(blank=True)
    parental_responsibility = models.BooleanField()
    parental_responsibility_details = models.TextField(blank=True)
    children_known_to_agencies = models.BooleanField()
    children_known_to_agencies_details = models.TextField(blank=True)
    children_excluded = models.BooleanField()
    children_excluded_details = models.TextField(blank=True)
    children_present_at_offence = models.BooleanField()
    children_present_at_offence_details = models.TextField(blank=True)
    children = models.ManyToManyField("people.Child", blank=True, related_name="checklists")
    adults = models.ManyToManyField("people.OtherAdult", blank=True, related_name="checklists")

    class Meta:
        ordering = ["-asked_on", "-id"]
        indexes = [models.Index(fields=["case", "-asked_on"], name="checklist_case_idx")]

    def __str__(self) -> str:
        return f"Safeguarding checklist, {self.get_stage_display().lower()}, {self.asked_on:%d/%m/%Y}"

    @property
    def answer_rows(self) -> list[tuple[str, str, bool, str]]:
        return [
            (name, question, getattr(self, name), getattr(self, f"{name}_details")) for name, question, _ in CHECKLIST_QUESTIONS
        ]

    @property
    def yes_answers(self) -> list[str]:
        return [question for name, question, _ in CHECKLIST_QUESTIONS if getattr(self, name)]

    @property
    def any_yes(self) -> bool:
        return bool(self.yes_answers)

    @property
    def says_no_children(self) -> bool:
        """The service user said they neither live with nor have significant contact with children."""
        return not self.living_with_children and not self.significant_contact and not self.parental_responsibility


class Channel(models.TextChoices):
    SECURE_EMAIL = "secure_email", "Secure e-mail"
    PORTAL = "portal", "Portal"
    PHONE = "phone", "Phone"
    LETTER = "letter", "Letter"


class CheckStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SENT = "sent", "Sent"
    ANSWERED = "answered", "Answered"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Trigger(models.TextChoices):
    CHECKLIST = "checklist", "Checklist answered yes"
    SIGNIFICANT_EVENT = "significant_event", "Significant event"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic-abuse marker"
    OFFICER = "officer", "Officer's decision"


class CheckRequest(TrackedModel):
    """What requests for information and police checks share: their lifecycle and clock."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=CheckStatus.choices, default=CheckStatus.DRAFT, db_index=True)
    trigger = models.CharField(max_length=20, choices=Trigger.choices, default=Trigger.OFFICER)
    checklist = models.ForeignKey(Checklist, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    event = models.ForeignKey("checks.SignificantEvent", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    sent_on = models.DateField(null=True, blank=True)
    channel = models.CharField(max_length=14, choices=Channel.choices, blank=True)
    recipient = models.CharField(max_length=200, blank=True, help_text="Team, person or address it was sent to")
    due_on = models.DateField("reply due", null=True, blank=True, db_index=True)
    escalate_on = models.DateField(null=True, blank=True, db_index=True)
    answered_on = models.DateField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_open(self) -> bool:
        return self.status == CheckStatus.SENT


class RequestForInformation(CheckRequest):
    """A request to the children's social care of one local authority about the children it is responsible for."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="requests_for_information")
    local_authority = models.ForeignKey("accounts.LocalAuthority", on_delete=models.PROTECT, related_name="+")
    children = models.ManyToManyField(  # type: ignore[var-annotated]
        "people.Child", through="RequestChild", related_name="requests_for_information"
    )
    stage_of_proceedings = models.CharField(max_length=150, blank=True)
    # The answer: never inferred from silence.
    service_user_known = models.BooleanField("service user known to children's social care", null=True, blank=True)
    service_user_capacity = models.CharField("in what capacity", max_length=300, blank=True)
    answer_notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "request for information"
        verbose_name_plural = "requests for information"
        indexes = [
            models.Index(fields=["case", "status"], name="rfi_case_status_idx"),
            models.Index(fields=["status", "due_on"], name="rfi_status_due_idx"),
        ]

    def __str__(self) -> str:
        return f"Request for information to {self.local_authority}"


class RequestChild(models.Model):
    """A child named in a request, and the authority's answer about them."""

    class Known(models.TextChoices):
        KNOWN = "known", "Known"
        NO_TRACE = "no_trace", "No trace"

    request = models.ForeignKey(RequestForInformation, on_delete=models.CASCADE, related_name="request_children")
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="request_links")
    known = models.CharField(max_length=10, choices=Known.choices, blank=True, help_text="Blank until answered")
    status = models.CharField(max_length=24, choices=CSCStatus.choices, blank=True)
    category = models.CharField(max_length=12, choices=CPCategory.choices, blank=True)
    plan_date = models.DateField("date of child-protection plan", null=True, blank=True)
    social_worker = models.CharField(max_length=150, blank=True)
    social_worker_contact = models.CharField(max_length=150, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["request", "child"], name="requestchild_unique")]

    def __str__(self) -> str:
        return f"{self.child} in {self.request}"


class PoliceCheck(CheckRequest):
    """Domestic-abuse call-outs and child-related intelligence, asked of the police."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="police_checks")
    police_force = models.CharField(max_length=120)
    callouts = models.BooleanField("domestic-abuse call-outs", null=True, blank=True)
    callout_details = models.TextField(blank=True)
    children_present = models.BooleanField("children present at any call-out", null=True, blank=True)
    child_intelligence = models.BooleanField("intelligence about children", null=True, blank=True)
    intelligence_details = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["case", "status"], name="police_case_status_idx")]

    def __str__(self) -> str:
        return f"Police check with {self.police_force}"


class Chase(ChaseRecord):
    """A chase of an unanswered request or police check."""

    request = models.ForeignKey(RequestForInformation, null=True, blank=True, on_delete=models.CASCADE, related_name="chases")
    police_check = models.ForeignKey(PoliceCheck, null=True, blank=True, on_delete=models.CASCADE, related_name="chases")
    method = models.CharField(max_length=14, choices=Channel.choices)

    class Meta(ChaseRecord.Meta):
        constraints = [
            models.CheckConstraint(
                condition=models.Q(request__isnull=False, police_check__isnull=True)
                | models.Q(request__isnull=True, police_check__isnull=False),
                name="chase_has_one_target",
            )
        ]


class Notification(TrackedModel):
    """Notification to children's social care: of probation involvement (WM Appendix 1) or of loss of contact."""

    class Kind(models.TextChoices):
        INVOLVEMENT = "involvement", "Notification of probation involvement"
        LOSS_OF_CONTACT = "loss_of_contact", "Loss of contact"

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    local_authority = models.ForeignKey("accounts.LocalAuthority", on_delete=models.PROTECT, related_name="+")
    children = models.ManyToManyField("people.Child", related_name="notifications")
    recipient = models.CharField("key worker or team", max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=CheckStatus.choices, default=CheckStatus.DRAFT)
    sent_on = models.DateField(null=True, blank=True)
    channel = models.CharField(max_length=14, choices=Channel.choices, blank=True)
    acknowledge_due_on = models.DateField(null=True, blank=True)
    acknowledged_on = models.DateField(null=True, blank=True)
    details = models.TextField("relationship and nature of contact", blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["case", "kind", "status"], name="notification_case_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.local_authority}"


class SignificantEvent(TrackedModel):
    """A change that calls for a fresh check (HMIP 2014 2.4)."""

    class Kind(models.TextChoices):
        NEW_CHILD = "new_child", "New child in the household"
        NEW_PARTNER = "new_partner", "New partner"
        PREGNANCY = "pregnancy", "Pregnancy"
        CHANGE_OF_ADDRESS = "change_of_address", "Change of address"
        RELEASE = "release", "Release from custody"
        OTHER = "other", "Other"

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="significant_events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    occurred_on = models.DateField()
    description = models.CharField(max_length=300, blank=True)
    # Closed by a fresh check (a request for information created for it) or by a recorded decision.
    resolved_on = models.DateField(null=True, blank=True)
    resolution = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["case", "resolved_on"], name="event_case_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.occurred_on:%d/%m/%Y}"


class Contradiction(TrackedModel):
    """What a check found that contradicts what the service user said; shown until resolved."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="contradictions")
    request = models.ForeignKey(
        RequestForInformation, null=True, blank=True, on_delete=models.CASCADE, related_name="contradictions"
    )
    child = models.ForeignKey("people.Child", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    description = models.TextField()
    # A difference worked out from the facts on file (`checks.facts`) is recorded only when it is
    # resolved, under the key that names the two facts; one raised by an answer has no key.
    key = models.CharField(max_length=120, blank=True)
    resolved_on = models.DateField(null=True, blank=True)
    resolution = models.TextField(blank=True)
    # For an answer that differs from the child's recorded status: which the officer found right.
    outcome = models.CharField(max_length=10, choices=[("answer", "The answer"), ("record", "The record")], blank=True)

    class Meta:
        ordering = ["resolved_on", "-created_at"]
        indexes = [models.Index(fields=["case", "resolved_on"], name="contradiction_case_idx")]
        constraints = [
            models.UniqueConstraint(fields=["case", "key"], condition=~models.Q(key=""), name="contradiction_one_per_key")
        ]

    def __str__(self) -> str:
        return self.description[:80]


class Decision(TrackedModel):
    """An officer's decision on a fact that called for one: whether to refer after an answer that
    reported harm or risk to a child, whether to set the domestic-abuse marker after the police
    reported call-outs. `key` names the fact (`checks.facts`), so the step goes once it is decided."""

    class Choice(models.TextChoices):
        REFER = "refer", "Refer to children's social care"
        ALREADY_ACTING = "already_acting", "No referral: children's social care already knows and is acting"
        NO_REFERRAL = "no_referral", "No referral is needed"
        SET_MARKER = "set_marker", "Set the domestic-abuse marker"
        NO_MARKER = "no_marker", "Do not set the marker"

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="decisions")
    key = models.CharField(max_length=120)
    fact = models.TextField("what called for the decision")
    choice = models.CharField("decision", max_length=16, choices=Choice.choices)
    reason = models.TextField(blank=True)
    decided_on = models.DateField()

    class Meta:
        ordering = ["-decided_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["case", "key"], name="decision_one_per_key")]

    def __str__(self) -> str:
        return f"{self.get_choice_display()} ({self.decided_on:%d/%m/%Y})"
