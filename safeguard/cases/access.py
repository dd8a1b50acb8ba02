"""The one access choke point for cases, and who may do what with a case.

Every page under a case gets it through `core.access.case_view`, which calls `load_case` here (the
cases app declares it as the case loader): it returns the case or raises `CaseNotFound`, the same
whether the case does not exist or the user may not see it, so existence does not leak, and writes
each refusal to the access log. Which cases a user may see is `visible_cases`, the scope of their
roles (`accounts.scope`).
"""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

from safeguard.accounts import roles
from safeguard.accounts.models import Team
from safeguard.accounts.scope import scope_filter
from safeguard.core import flags
from safeguard.core.access import refuse
from safeguard.core.exceptions import RecordNotFound
from safeguard.core.registry import CaseRecord

from .models import Case


class CaseNotFound(RecordNotFound):
    """Raised for a missing case and for a case the user may not see alike."""


CASE_RECORDS = [
    CaseRecord("cases.Case", "pk"),
    CaseRecord("cases.Order"),
    CaseRecord("cases.CaseNote"),
    CaseRecord("cases.KeyContact"),
    CaseRecord("cases.Allocation", standard_permissions=False),  # changed only by allocating the case
    CaseRecord("cases.HolderApproval", standard_permissions=False),  # recorded by the case's managers
    CaseRecord("cases.RiskManagerConsultation"),
]

ROLE_PERMISSIONS = {
    roles.OFFENDER_MANAGER: ["cases.close_case"],
    roles.LINE_MANAGER: ["cases.allocate_case", "cases.close_case", "cases.add_holderapproval", "cases.view_holderapproval"],
    roles.SAFEGUARDING_LEAD: [
        "cases.allocate_case",
        "cases.manage_any_case",
        "cases.close_case",
        "cases.add_holderapproval",
        "cases.view_holderapproval",
    ],
    roles.ADMIN_RECEPTION: ["cases.add_case", "cases.change_case", "cases.close_case"],
}


def visible_cases(user: Any) -> QuerySet[Case]:
    """The only definition of which cases a user may see."""
    condition = scope_filter(user, "team")
    cases = Case.objects.all()
    return cases if condition is None else cases.filter(condition)


def load_case(request: HttpRequest, case_id: int, for_change: bool = False) -> Case:
    """The case if this user may see it (and change it, when asked), with its flags; otherwise CaseNotFound."""
    user = request.user
    case = (
        visible_cases(user)
        .select_related("service_user", "team", "team__area", "case_holder", "line_manager")
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        refuse(request, object_type="cases.Case", object_id=case_id, reason="outside the user's access or not found")
        raise CaseNotFound("case not found or restricted")
    if for_change and not user.has_perm("cases.change_case"):
        refuse(request, object_type="cases.Case", object_id=case_id, reason="no permission to change")
        raise CaseNotFound("case not found or restricted")
    flags.attach_to_cases([case])
    return case


def manages_case(user: Any, case: Case) -> bool:
    """The one meaning of "manager of this case": a line manager of the case's team (the case's own
    line manager is always one), or someone whose role makes a manager's decisions on every case
    they can see (the safeguarding lead). Used wherever a decision needs the case's manager: a
    disputed referral outcome, countersigning a register review."""
    if user.has_perm("cases.manage_any_case"):
        return True
    return user.managed_teams.filter(pk=case.team_id).exists()


def allocatable_teams(user: Any) -> QuerySet[Team]:
    """Teams a user may put a case in: the teams whose cases they may see."""
    condition = scope_filter(user, "")
    teams = Team.objects.select_related("area")
    return teams if condition is None else teams.filter(condition)


def holds_cases(user: Any) -> bool:
    """Whether the user is someone who holds cases (a qualified offender manager)."""
    return user.has_role(roles.OFFENDER_MANAGER)
