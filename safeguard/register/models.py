"""The probation child-protection register (West Mercia section 5, Appendix 4; HMIP 2002 50–52)."""

from django.conf import settings
from django.db import models

from safeguard.core.models import TrackedModel


class Category(models.TextChoices):
    LINKED_CHILD = "linked_child", "Linked to a child on a child-protection plan or looked after"
    RISK_IDENTIFIED = "risk_identified", "Risk to children: identified children"
    RISK_UNSPECIFIED = "risk_unspecified", "Risk to children: unspecified children"
    CONCERNS = "concerns", "Child-protection concerns, not on a plan"


# Warning flags, derived from registrations (never typed): short label and what it means in words.
SERVICE_USER_FLAGS = {
    Category.LINKED_CHILD: (
        "C.A.R. in household",
        "Lives with or has contact with a child on a child-protection plan or looked "
        "after. The service user is not necessarily the risk.",
    ),
    Category.RISK_IDENTIFIED: ("Risk to children", "Poses a risk to identified children."),
    Category.RISK_UNSPECIFIED: (
        "Risk to children (unspecified)",
        "Poses a risk to children, including children not yet identified.",
    ),
    Category.CONCERNS: (
        "CP concerns",
        "There are child-protection concerns about children linked to this service user; no plan.",
    ),
}
CHILD_FLAG = ("Child at risk", "This child is named in a probation child-protection registration.")


class EndReason(models.TextChoices):
    """Why a registration ends; each writes its standard note (register.services.STANDARD_NOTES)."""

    CHILD_LEFT_REGISTER = "child_left_register", "The children left the local-authority register"
    ORDER_ENDED = "order_ended", "The order ended"
    OTHER = "other", "Other"


class Registration(TrackedModel):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="registrations")
    category = models.CharField(max_length=20, choices=Category.choices)
    trigger_date = models.DateField("date of the trigger", help_text="When the concern or the child's plan became known")
    registered_on = models.DateField(db_index=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    children = models.ManyToManyField("people.Child", blank=True, related_name="registrations")
    reason = models.TextField()
    next_review_due = models.DateField(db_index=True)
    # The first due date, kept so a past month's report can say what was due then (reviews keep theirs).
    first_review_due = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True, db_index=True)
    end_reason = models.CharField(max_length=200, blank=True)
    # De-registration is two steps (West Mercia 5.3): the case holder or manager asks, the information
    # officer confirms (and the children's details are then erased).
    deregistration_asked_on = models.DateField(null=True, blank=True)
    deregistration_asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    deregistration_reason = models.CharField(max_length=30, blank=True, choices=EndReason.choices)

    class Meta:
        ordering = ["-registered_on", "-id"]
        permissions = [
            ("view_register", "Can see the child-protection register and its monthly report"),
            ("confirm_deregistration", "Can confirm a de-registration the case holder or manager asked for"),
        ]
        indexes = [models.Index(fields=["case", "ended_on"], name="registration_case_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "category"],
                condition=models.Q(ended_on__isnull=True),
                name="registration_one_active_per_category",
                violation_error_message="The case is already registered in this category",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} (registered {self.registered_on:%d/%m/%Y})"

    @property
    def days_to_register(self) -> int:
        return (self.registered_on - self.trigger_date).days

    @property
    def flag(self) -> tuple[str, str]:
        return SERVICE_USER_FLAGS[Category(self.category)]


class Review(TrackedModel):
    class Decision(models.TextChoices):
        CONTINUE = "continue", "Continue the registration"
        CHANGE_CATEGORY = "change_category", "Change the category"
        DEREGISTER = "deregister", "De-register"

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField()
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    what_changed = models.TextField()
    decision = models.CharField(max_length=16, choices=Decision.choices)
    new_category = models.CharField(max_length=20, choices=Category.choices, blank=True)
    countersigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    countersigned_on = models.DateField(null=True, blank=True)
    # The next review this one made due (the registration's due date from this review on).
    next_review_due = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-reviewed_on", "-id"]
        permissions = [("countersign_review", "Can countersign register reviews of any case they can see")]

    def __str__(self) -> str:
        return f"Review on {self.reviewed_on:%d/%m/%Y}: {self.get_decision_display().lower()}"


class ReviewTrigger(TrackedModel):
    """A change of circumstances that makes a review of the registration due now (West Mercia 5.2)."""

    class Reason(models.TextChoices):
        ORDER_ENDED = "order_ended", "Order completed or terminated"
        PLAN_ENDED = "plan_ended", "A linked child's plan ended or the child left the local-authority register"
        SERVICE_USER_ADDRESS = "change_of_address", "The service user's address changed"
        CHILD_ADDRESS = "child_address_change", "A linked child's address changed"
        NEW_CHILD = "new_child", "Another child joined the household"
        CASE_HOLDER = "case_holder_change", "The case holder changed"
        ROSH = "rosh_change", "The risk-of-serious-harm level changed"

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="review_triggers")
    reason = models.CharField(max_length=24, choices=Reason.choices)
    occurred_on = models.DateField()
    description = models.CharField(max_length=300, blank=True)
    resolved_by = models.ForeignKey(Review, null=True, blank=True, on_delete=models.SET_NULL, related_name="triggers")

    class Meta:
        ordering = ["occurred_on", "id"]
        indexes = [models.Index(fields=["case", "resolved_by"], name="reviewtrigger_case_idx")]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} on {self.occurred_on:%d/%m/%Y}"


class LegalHold(TrackedModel):
    """Records secured (e.g. for a serious case review): nothing on the case may be erased."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="legal_holds")
    placed_on = models.DateField()
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    lifted_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-placed_on"]
        permissions = [("place_legal_hold", "Can place and lift a legal hold on a case")]

    def __str__(self) -> str:
        return f"Legal hold from {self.placed_on:%d/%m/%Y}: {self.reason[:60]}"


class DeregistrationRecord(models.Model):
    """What statistics keep of a de-registration: counts and categories, no personal data."""

    case = models.ForeignKey("cases.Case", null=True, on_delete=models.SET_NULL, related_name="+")
    team = models.ForeignKey("accounts.Team", null=True, on_delete=models.SET_NULL, related_name="+")
    category = models.CharField(max_length=20, choices=Category.choices)
    registered_on = models.DateField()
    deregistered_on = models.DateField()
    reason = models.CharField(max_length=30)
    children_named = models.PositiveSmallIntegerField()
    children_erased = models.PositiveSmallIntegerField()

    def __str__(self) -> str:
        return f"De-registration {self.deregistered_on:%d/%m/%Y}"
