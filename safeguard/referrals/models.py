"""Referrals of concern to children's social care and the police (West Mercia 3.1; HMIP 2014 2.46–2.52).

A referral cannot be empty: the child, the concern, the nature and level of harm and the response
wanted are required wherever it is made from. Its answer is tracked on the deadline engine.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from safeguard.core.models import ChaseRecord, TrackedModel


class Referral(TrackedModel):
    class To(models.TextChoices):
        CSC = "csc", "Children's social care"
        POLICE = "police", "Police"
        BOTH = "both", "Children's social care and the police"
        MASH = "mash", "Multi-agency safeguarding hub"

    class Harm(models.TextChoices):
        NEGLECT = "neglect", "Neglect"
        PHYSICAL = "physical", "Physical abuse"
        EMOTIONAL = "emotional", "Emotional abuse"
        SEXUAL = "sexual", "Sexual abuse"
        DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse witnessed"
        EXPLOITATION = "exploitation", "Exploitation"
        OTHER = "other", "Other"

    class Risk(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"
        IMMEDIATE = "immediate", "Immediate risk of significant harm"

    class Response(models.TextChoices):
        INFORMATION = "information", "Information only"
        ASSESSMENT = "assessment", "An assessment (child in need or early help)"
        SECTION_47 = "section_47", "A section 47 enquiry"
        STRATEGY = "strategy", "A strategy discussion"
        PROTECTION = "protection", "Immediate protection"

    class Urgency(models.TextChoices):
        GRAVE = "grave", "Grave: immediate action needed"
        ROUTINE = "routine", "Routine"

    class Channel(models.TextChoices):
        PHONE = "phone", "Phone"
        EMAIL = "email", "E-mail"
        PORTAL = "portal", "Portal"
        FORM = "form", "Referral form"

    class NotDiscussed(models.TextChoices):
        ABSENT = "absent", "No manager was available"
        GRAVE = "grave", "The concern was grave: referred at once"

    class Outcome(models.TextChoices):
        NFA = "nfa", "No further action"
        EARLY_HELP = "early_help", "Early help"
        CIN = "cin", "Child-in-need assessment"
        SECTION_47 = "section_47", "Section 47 enquiry"
        STRATEGY = "strategy", "Strategy discussion"
        CONFERENCE = "conference", "Child-protection conference"
        OTHER = "other", "Other"

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="referrals")
    made_on = models.DateField("date of referral", db_index=True)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="referrals_made")
    referred_to = models.CharField(max_length=8, choices=To.choices)
    local_authority = models.ForeignKey(
        "accounts.LocalAuthority", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    police_force = models.CharField(max_length=120, blank=True)
    children = models.ManyToManyField("people.Child", related_name="referrals")
    concern = models.TextField("the concern")
    harms = models.JSONField("nature of the harm", default=list)
    risk_level = models.CharField("level of risk", max_length=10, choices=Risk.choices)
    response_wanted = models.CharField("response wanted", max_length=12, choices=Response.choices)
    urgency = models.CharField(max_length=8, choices=Urgency.choices)
    # Why a referral whose content points to a grave concern was made routine (`referrals.grave`).
    routine_reason = models.TextField("why routine", blank=True)
    immediate_call_to = models.CharField("immediate call made to", max_length=200, blank=True)
    immediate_call_at = models.DateTimeField("immediate call made at", null=True, blank=True)
    channel = models.CharField("how the referral was made", max_length=8, choices=Channel.choices)
    contact = models.CharField("who took the referral", max_length=200, blank=True)
    discussed_with = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="discussed with"
    )
    not_discussed_reason = models.CharField("why not discussed", max_length=8, choices=NotDiscussed.choices, blank=True)
    followup_due_on = models.DateField("written follow-up due", null=True, blank=True)
    followup_sent_on = models.DateField("written follow-up sent", null=True, blank=True)
    due_on = models.DateField("reply due", db_index=True)
    escalate_on = models.DateField()
    acknowledged_on = models.DateField(null=True, blank=True)
    answered_on = models.DateField(null=True, blank=True, db_index=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    outcome_details = models.TextField(blank=True)
    outcome_accepted = models.BooleanField("officer accepts the outcome", null=True, blank=True)
    dispute_reason = models.TextField(blank=True)
    decision = models.TextField("line manager's decision", blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-made_on", "-id"]
        permissions = [("view_referral_register", "Can see the referral register of their teams or area")]
        indexes = [
            models.Index(fields=["case", "closed_on"], name="referral_case_open_idx"),
            models.Index(fields=["local_authority", "made_on"], name="referral_la_made_idx"),
            models.Index(fields=["made_by", "made_on"], name="referral_officer_made_idx"),
        ]

    def __str__(self) -> str:
        return f"Referral to {self.get_referred_to_display().lower()} on {self.made_on:%d/%m/%Y}"

    @property
    def to_label(self) -> str:
        parts = []
        if self.referred_to in (self.To.CSC, self.To.BOTH, self.To.MASH) and self.local_authority_id:
            parts.append(f"{self.local_authority}{' MASH' if self.referred_to == self.To.MASH else ''}")
        if self.referred_to in (self.To.POLICE, self.To.BOTH):
            parts.append(self.police_force or "Police")
        return " and ".join(parts)

    @property
    def harm_labels(self) -> list[str]:
        labels = dict(self.Harm.choices)
        return [str(labels.get(h, h)) for h in self.harms]

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    @property
    def awaiting_decision(self) -> bool:
        return self.outcome_accepted is False and self.decided_on is None

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if not (self.concern or "").strip():
            errors["concern"] = "Describe the concern in your own words"
        valid = set(self.Harm.values)
        if not self.harms or any(h not in valid for h in self.harms):
            errors["harms"] = "Select the nature of the harm"
        if self.referred_to in (self.To.CSC, self.To.BOTH, self.To.MASH) and not self.local_authority_id:
            errors["local_authority"] = "Select the council whose children's social care the referral went to"
        if self.referred_to == self.To.MASH and self.local_authority is not None and not self.local_authority.mash_name:
            errors["referred_to"] = (
                f"{self.local_authority} has no multi-agency safeguarding hub recorded: refer to children's social care"
            )
        if self.referred_to in (self.To.POLICE, self.To.BOTH) and not (self.police_force or "").strip():
            errors["police_force"] = "Enter the police force"
        if self.urgency == self.Urgency.GRAVE and (not (self.immediate_call_to or "").strip() or not self.immediate_call_at):
            errors["immediate_call_to"] = "For a grave concern, record first who you called and when"
        if not self.discussed_with_id and not self.not_discussed_reason:
            errors["discussed_with"] = "Say which manager you discussed the concern with, or why you could not"
        if self.outcome_accepted is False and not (self.dispute_reason or "").strip():
            errors["dispute_reason"] = "Say why you do not accept the outcome"
        if errors:
            raise ValidationError(errors)


class ReferralChase(ChaseRecord):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="chases")
    method = models.CharField(max_length=8, choices=Referral.Channel.choices)


class ReferralEscalation(TrackedModel):
    """An unanswered or disputed referral taken up the line (West Mercia 3.1, 4.7)."""

    class Level(models.TextChoices):
        LINE_MANAGER = "line_manager", "Line manager"
        SENIOR_MANAGER = "senior_manager", "Senior manager"

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="escalations")
    level = models.CharField(max_length=16, choices=Level.choices)
    escalated_on = models.DateField()
    escalated_to = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["escalated_on", "id"]

    def __str__(self) -> str:
        return f"Escalated to {self.get_level_display().lower()} {self.escalated_to} on {self.escalated_on:%d/%m/%Y}"
