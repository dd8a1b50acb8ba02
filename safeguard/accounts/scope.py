"""Which cases a user may see, as a query: the scope of their roles (team, managed teams, area, all).

Written here, beside the roles, so any model that reaches a team can be limited the same way: cases
(`team`), children through their service users' cases (`service_user__cases__team`), or teams
themselves (`""`). `safeguard.cases.access.visible_cases` is the one place that applies it to cases.
"""

from typing import Any

from django.db.models import Q

from . import roles


def _at(team_field: str, suffix: str) -> str:
    """The lookup `team_field__suffix`; when the rows are teams themselves (no field), the row is the team."""
    if not team_field:
        return {"area": "area", "in": "pk__in", "": "pk"}[suffix]
    return f"{team_field}__{suffix}" if suffix else team_field


def scopes(user: Any) -> set[str]:
    if not user.is_authenticated or not user.is_active:
        return set()
    return {roles.ROLE_SCOPES.get(name, roles.SCOPE_NONE) for name in user.role_names}


def scope_filter(user: Any, team_field: str = "team") -> Q | None:
    """The Q limiting rows (reached through `team_field`) to the user's scope; None means every row,
    `Q(pk__in=[])` none."""
    held = scopes(user)
    if roles.SCOPE_ALL in held:
        return None
    condition = Q(pk__in=[])
    if roles.SCOPE_AREA in held and user.home_area_id:
        condition |= Q(**{_at(team_field, "area"): user.home_area_id})
    if roles.SCOPE_MANAGED_TEAMS in held:
        condition |= Q(**{_at(team_field, "in"): user.managed_teams.values("pk")})
    if (roles.SCOPE_MANAGED_TEAMS in held or roles.SCOPE_TEAM in held) and user.team_id:
        condition |= Q(**{_at(team_field, ""): user.team_id})
    return condition
