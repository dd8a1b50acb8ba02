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
from safeguard.testing import every_kind_of_record, make_user


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
    assert {"cases", "people", "checks", "referrals", "register", "meetings", "record", "visits", "transfers", "plans"} <= names


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


RECORD_ID = re.compile(r"<int:(\w+)>")
MISSING, HUGE = "999999", "9" * 20


def _record_routes() -> list[str]:
    return [route for route, _ in case_routes() if len(RECORD_ID.findall(route)) > 1]  # pk and a record id


def _with_ids(route: str, case_id: int, record_id: str) -> str:
    return "/" + RECORD_ID.sub(lambda m: str(case_id) if m[1] == "pk" else record_id, route)


@pytest.fixture
def csrf_client(client):
    """A client that, like a browser, must send the CSRF token with every POST."""
    from django.test import Client

    return Client(enforce_csrf_checks=True)


def _token(client, case_id: int) -> str:
    client.get(f"/cases/{case_id}/")
    return client.cookies["csrftoken"].value


@pytest.mark.parametrize("role", roles.ALL_ROLES)
def test_a_record_id_that_is_not_the_cases_is_refused_on_every_route_and_logged(csrf_client, world, make_case, role):
    """On a case the user may see, every route that takes a record id is asked for with an id that
    names nothing (and a 20-digit one), by GET and by POST with a valid CSRF token: never a 200, never
    a 500; a 404 is the restricted page and is in the access log. New routes are covered as they come."""
    case = make_case(children=1)
    user = make_user(f"near_{role.split()[0].lower()}", role, team=world.north, area=world.area)
    csrf_client.force_login(user)
    token = _token(csrf_client, case.pk)
    assert _record_routes(), "the walk found no route with a record id"
    for route in _record_routes():
        for record_id in (MISSING, HUGE):
            path = _with_ids(route, case.pk, record_id)
            for method, data in (("get", {}), ("post", {"csrfmiddlewaretoken": token})):
                before = AccessLog.objects.filter(user=user, outcome="refused").count()
                response = getattr(csrf_client, method)(path, data)
                assert response.status_code in (403, 404, 405), f"{role} {method} {path}: {response.status_code}"
                if response.status_code in (403, 404):
                    assert AccessLog.objects.filter(user=user, outcome="refused").count() > before, f"{method} {path}: not logged"
                if response.status_code == 404:
                    assert "restricted" in response.content.decode().lower()


def test_a_case_id_that_could_name_nothing_is_refused_on_every_route(client, world):
    client.force_login(world["lead1"])  # sees every case: only the id can refuse it
    for route, _ in case_routes():
        path = "/" + RECORD_ID.sub(lambda m: HUGE if m[1] == "pk" else "1", route)
        response = client.get(path)
        assert response.status_code in (404, 405), f"{path}: {response.status_code}"


@pytest.fixture
def elsewhere(world, make_case):
    """A case in the other area with one record of every kind a case route takes by id: the ids an
    attacker would swap in."""
    case = make_case(last_name="Far", team=world.far, holder=world["officer3"], children=1, adults=1)
    return case, every_kind_of_record(case, officer=world["officer3"], lead=world["lead1"])


@pytest.mark.parametrize("username", ["officer1", "lead1"])
def test_another_cases_record_ids_on_ones_own_case_are_refused_on_every_route(csrf_client, world, make_case, elsewhere, username):
    """Every record id a case route takes, swapped for the id of that kind of record on a case in
    another area, on a case the user may see: the restricted page and a logged refusal, by GET and
    POST. The lead sees both cases, so only the record's own case can refuse it."""
    _, ids = elsewhere
    case = make_case(children=1)
    user = world[username]
    csrf_client.force_login(user)
    token = _token(csrf_client, case.pk)
    missing = {name for route in _record_routes() for name in RECORD_ID.findall(route)} - {"pk"} - set(ids)
    assert not missing, f"add a record of each kind to the fixture: {missing}"
    for route in _record_routes():
        if route.endswith("children/find/<int:child_id>/link/") and username == "lead1":
            continue  # links a child the user may see on any case to this one: the lead sees the far child
        path = "/" + RECORD_ID.sub(lambda m: str(case.pk) if m[1] == "pk" else str(ids[m[1]]), route)
        for method, data in (("get", {}), ("post", {"csrfmiddlewaretoken": token})):
            before = AccessLog.objects.filter(user=user, outcome="refused").count()
            response = getattr(csrf_client, method)(path, data)
            assert response.status_code in (403, 404, 405), f"{username} {method} {path}: {response.status_code}"
            if response.status_code != 405:
                assert AccessLog.objects.filter(user=user, outcome="refused").count() > before, f"{method} {path}: not logged"
