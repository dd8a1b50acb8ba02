"""Who may do what with referrals. A referral is a record under a case and inherits its access check.

- Recording a referral and everything after it: the standard case-record permissions.
- Deciding a disputed outcome: the case's manager (`cases.access.manages_case`, the one meaning).
- Escalating: only to someone who can open the case (`escalation_recipients`, `sees_case`); it is
  then on their My work under "Escalated to you" until the referral closes.
- The referral register across teams: line managers, risk managers and the safeguarding lead
  (`referrals.view_referral_register`), each over the cases they may see.
"""

from typing import Any

from django.db.models import Q, QuerySet

from safeguard.accounts import roles
from safeguard.accounts.models import Team, User
from safeguard.cases.access import manages_case, visible_cases
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


def sees_case(user: Any, case: Any) -> bool:
    """Whether the user may open the case (the one rule: `cases.access.visible_cases`)."""
    return visible_cases(user).filter(pk=case.pk).exists()


def escalation_recipients(case: Any) -> QuerySet[User]:
    """Who a referral can be escalated to (West Mercia 4.7): a line manager in the case's area, a risk
    manager or the safeguarding lead, who can open the case. The escalation is on that person's My
    work, and it leads to the referral: naming someone the case is closed to would leave it with
    nobody, so they are not offered (and `services.referral_escalate` refuses them)."""
    area_teams = Team.objects.filter(area=case.team.area)
    senior = Q(groups__name__in=[roles.SAFEGUARDING_LEAD, roles.RISK_MANAGER])
    candidates = User.objects.filter(is_active=True).filter(Q(managed_teams__in=area_teams) | senior).distinct()
    return User.objects.filter(pk__in=[user.pk for user in candidates if sees_case(user, case)]).order_by(
        "last_name", "first_name"
    )
