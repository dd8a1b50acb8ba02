"""Who may do what with referrals. A referral is a record under a case and inherits its access check.

- Recording a referral and everything after it: the standard case-record permissions.
- Deciding a disputed outcome: the case's manager (`cases.access.manages_case`, the one meaning).
- The referral register across teams: line managers, risk managers and the safeguarding lead
  (`referrals.view_referral_register`), each over the cases they may see.
"""

from typing import Any

from django.db.models import Q, QuerySet

from safeguard.accounts import roles
from safeguard.accounts.models import Team, User
from safeguard.cases.access import manages_case
from safeguard.core.registry import CaseRecord

CASE_RECORDS = [
    CaseRecord("referrals.Referral"),
    CaseRecord("referrals.ReferralChase", "referral__case"),
    CaseRecord("referrals.ReferralEscalation", "referral__case"),
]

VIEW_REGISTER = "referrals.view_referral_register"

ROLE_PERMISSIONS = {
    roles.LINE_MANAGER: [VIEW_REGISTER],
    roles.RISK_MANAGER: [VIEW_REGISTER],
    roles.SAFEGUARDING_LEAD: [VIEW_REGISTER],
}


def can_decide(user: Any, case: Any, referral: Any) -> bool:
    """Whether the user may record the decision on this referral's disputed outcome now."""
    return bool(referral.awaiting_decision) and manages_case(user, case)


def escalation_recipients(case: Any) -> QuerySet[User]:
    """Who a referral can be escalated to (West Mercia 4.7): a line manager in the case's area, a risk
    manager or the safeguarding lead."""
    area_teams = Team.objects.filter(area=case.team.area)
    senior = Q(groups__name__in=[roles.SAFEGUARDING_LEAD, roles.RISK_MANAGER])
    return User.objects.filter(is_active=True).filter(Q(managed_teams__in=area_teams) | senior).distinct().order_by("last_name")
