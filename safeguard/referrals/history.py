"""How the referrals app's changes read on a case's History tab (`core.history`)."""

from safeguard.core.registry import HistoryWording

from .models import Referral

HISTORY = HistoryWording(
    kind="Referrals",
    actions={
        "referral.make": "Referral made",
        "referral.followup": "Written follow-up of a referral sent",
        "referral.acknowledge": "Referral acknowledged",
        "referral.chase": "Referral chased",
        "referral.answer": "Reply to a referral recorded",
        "referral.escalate": "Referral escalated",
        "referral.decide": "Line manager's decision on a referral recorded",
    },
    choices={"Referral.harms": Referral.Harm},
)
