"""Every page under a case, whichever app adds it, gets the case through the one choke point.

Walks the URL resolver: each route under `cases/<pk>/` must be a `core.access.case_view`, and for
every role, asking for it on a case outside the role's scope gets the "restricted or does not exist"
page (404) with the refusal written to the access log, before any record under the case is looked at.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from safeguard.accounts import roles
from safeguard.core.models import AccessLog
from safeguard.testing import make_user


def case_routes() -> list[tuple[str, URLPattern]]:
    """(route, pattern) for every URL under cases/<int:pk>/ in the project."""
    found = []

    def walk(patterns: list, prefix: str) -> None:
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, route)
            elif route.startswith("cases/<int:pk>/"):
                found.append((route, entry))

    walk(get_resolver().url_patterns, "")
    return found


def test_there_are_case_routes_from_every_step_app():
    names = {pattern.lookup_str.split(".")[1] for _, pattern in case_routes()}
    assert {"cases", "people", "checks", "referrals", "register"} <= names


@pytest.mark.parametrize("route", [route for route, _ in case_routes()])
def test_every_case_route_uses_the_choke_point(route):
    pattern = dict(case_routes())[route]
    assert getattr(pattern.callback, "case_access", None) is not None, f"{route} does not use core.access.case_view"


def _path(route: str, case_id: int) -> str:
    path = route.replace("<int:pk>", str(case_id))
    return "/" + re.sub(r"<int:\w+>", "1", path)


@pytest.mark.parametrize("role", roles.ALL_ROLES)
def test_a_case_outside_the_scope_is_refused_on_every_route_and_logged(client, world, make_case, role):
    """A user of each role with a team in another area (the safeguarding lead sees every case, so is
    checked against nothing) asks for every case page of a North case."""
    case = make_case(children=1)
    user = make_user(f"far_{role.split()[0].lower()}", role, team=world.far, area=world.other_area)
    client.force_login(user)
    if role == roles.SAFEGUARDING_LEAD:
        assert client.get(f"/cases/{case.pk}/").status_code == 200
        return
    for route, _ in case_routes():
        before = AccessLog.objects.filter(user=user, object_type="cases.Case", object_id=str(case.pk)).count()
        for method in ("get", "post"):
            response = getattr(client, method)(_path(route, case.pk))
            assert response.status_code in (404, 405), f"{role} {method} {route}: {response.status_code}"
            if response.status_code == 404:
                assert "restricted" in response.content.decode().lower()
        after = AccessLog.objects.filter(user=user, object_type="cases.Case", object_id=str(case.pk)).count()
        assert after > before, f"{role} {route}: the refusal was not logged"
