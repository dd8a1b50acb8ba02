"""The one access choke point for cases and everything recorded under them.

Every view that shows or changes a case gets it through `get_case_for_user`, which returns the
case or raises `CaseNotFound` — the same whether the case does not exist or the user may not
see it, so existence does not leak — and writes each refusal to the access log.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from safeguard.accounts import roles
from safeguard.core.exceptions import RecordNotFound
from safeguard.core.models import AccessLog

from .models import Case

log = logging.getLogger("safeguard.access")


class CaseNotFound(RecordNotFound):
    """Raised for a missing case and for a case the user may not see alike."""


def case_scope_filter(user) -> Q | None:
    """The Q that limits cases to the user's scope; None means every case; Q(pk__in=[]) none."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    scopes = {roles.ROLE_SCOPES.get(name, roles.SCOPE_NONE) for name in user.role_names}
    if roles.SCOPE_ALL in scopes:
        return None
    condition = Q(pk__in=[])
    if roles.SCOPE_AREA in scopes and user.home_area_id:
        condition |= Q(team__area_id=user.home_area_id)
    if roles.SCOPE_MANAGED_TEAMS in scopes:
        condition |= Q(team__in=user.managed_teams.values("pk"))
        if user.team_id:
            condition |= Q(team_id=user.team_id)
    if roles.SCOPE_TEAM in scopes and user.team_id:
        condition |= Q(team_id=user.team_id)
    return condition


def visible_cases(user) -> QuerySet[Case]:
    condition = case_scope_filter(user)
    cases = Case.objects.all()
    return cases if condition is None else cases.filter(condition)


def refuse(request, *, object_type: str, object_id, reason: str) -> None:
    user = request.user if request.user.is_authenticated else None
    AccessLog.objects.create(
        user=user,
        object_type=object_type,
        object_id=str(object_id)[:40],
        path=request.get_full_path()[:500],
        method=request.method,
        outcome=AccessLog.Outcome.REFUSED,
        reason=reason[:200],
    )
    log.warning("refused %s %s to %s: %s", object_type, object_id, user, reason)


def get_case_for_user(request, case_id, *, for_change: bool = False) -> Case:
    """The case if this user may see it (and change it, when asked); otherwise CaseNotFound."""
    user = request.user
    case = (
        visible_cases(user)
        .select_related("service_user", "team", "team__area", "case_holder", "line_manager")
        .prefetch_related(_active_registrations())
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        refuse(request, object_type="cases.Case", object_id=case_id, reason="outside the user's access or not found")
        raise CaseNotFound("case not found or restricted")
    if for_change and not user.has_perm("cases.change_case"):
        refuse(request, object_type="cases.Case", object_id=case_id, reason="no permission to change")
        raise CaseNotFound("case not found or restricted")
    return case


def require_perm(request, perm: str, *, object_type: str, object_id) -> None:
    """Refuse (403, logged) an action the user's roles do not allow."""
    if not request.user.has_perm(perm):
        refuse(request, object_type=object_type, object_id=object_id, reason=f"lacks permission {perm}")
        raise PermissionDenied(f"You do not have permission to do this ({perm})")


def get_child_link(request, case: Case, child_id):
    from safeguard.people.models import ChildLink

    link = (
        ChildLink.objects.filter(service_user_id=case.service_user_id, child_id=child_id)
        .select_related("child", "child__address", "child__address__local_authority", "child__local_authority_override")
        .first()
    )
    if link is None:
        refuse(request, object_type="people.Child", object_id=child_id, reason=f"not linked to case {case.pk}")
        raise CaseNotFound("record not found or restricted")
    return link


def get_adult_link(request, case: Case, adult_id):
    from safeguard.people.models import AdultLink

    link = AdultLink.objects.filter(service_user_id=case.service_user_id, adult_id=adult_id).select_related("adult").first()
    if link is None:
        refuse(request, object_type="people.OtherAdult", object_id=adult_id, reason=f"not linked to case {case.pk}")
        raise CaseNotFound("record not found or restricted")
    return link


def visible_children(user):
    """Children linked to at least one case the user may see."""
    from safeguard.people.models import Child, ChildLink

    people = visible_cases(user).values("service_user_id")
    return Child.objects.filter(pk__in=ChildLink.objects.filter(service_user_id__in=people).values("child_id"))


def get_visible_child(request, child_id):
    child = visible_children(request.user).filter(pk=child_id).first()
    if child is None:
        refuse(request, object_type="people.Child", object_id=child_id, reason="not linked to any case the user may see")
        raise CaseNotFound("record not found or restricted")
    return child


def _active_registrations():
    """Flags on every case page come from the active registrations, loaded with the case."""
    from safeguard.register.selectors import prefetch_active

    return prefetch_active()
