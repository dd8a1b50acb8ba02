"""The Django admin's own addresses, walked from the URL resolver like the case routes: every route
that takes an object id, asked for by every role and signed out, with ids that name nothing, are too
long for the database, or are not numbers at all. Nobody but a system administrator gets past the
admin's sign-in, and nobody, the administrator included, gets a 500. New admin pages are covered the
day they are registered."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from safeguard.accounts import roles
from safeguard.testing import make_user

SIGN_IN = ("/admin/login/", "/accounts/login/")
BAD_IDS = ("999999", "9" * 20, "abc", "-1", "1%00")


def admin_id_routes() -> list[str]:
    found = []

    def walk(patterns: list, prefix: str) -> None:
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, route)
            elif isinstance(entry, URLPattern) and route.startswith("admin/") and "<path:object_id>" in route:
                found.append(route)

    walk(get_resolver().url_patterns, "")
    return found


def _paths() -> list[str]:
    paths = []
    for route in admin_id_routes():
        route = re.sub(r"<path:content_type_id>", "1", route)
        paths += ["/" + route.replace("<path:object_id>", bad) for bad in BAD_IDS]
    return paths


def test_the_walk_finds_the_admin_pages():
    routes = admin_id_routes()
    assert any(route.startswith("admin/accounts/user/") for route in routes)
    assert any(route.startswith("admin/accounts/rolechange/") for route in routes)
    assert len(routes) >= 12


def test_signed_out_every_admin_id_route_asks_for_sign_in(client, db):
    for path in _paths():
        response = client.get(path)
        assert response.status_code == 302, f"{path}: {response.status_code}"
        assert response["Location"].startswith(SIGN_IN), path


@pytest.mark.parametrize("role", [role for role in roles.ALL_ROLES if role != roles.SYSTEM_ADMINISTRATOR])
def test_no_other_role_gets_past_the_admin_sign_in(client, world, role):
    client.force_login(make_user(f"x_{role.split()[0].lower()}", role, team=world.north, area=world.area))
    for path in _paths():
        response = client.get(path)
        assert response.status_code == 302, f"{role} {path}: {response.status_code}"
        assert response["Location"].startswith(SIGN_IN), f"{role} {path}"


def test_the_administrator_gets_a_not_found_for_ids_that_name_nothing(client, world):
    """The admin sends a missing object back to its list with a message; an id the database cannot
    hold is the same, never a 500; and POSTs that change or delete nothing are refused the same way."""
    client.force_login(world["admin1"])
    for path in _paths():
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            assert response.status_code in (302, 403, 404), f"{method} {path}: {response.status_code}"
            if response.status_code == 302:
                assert not response["Location"].startswith(SIGN_IN), f"{method} {path} asked admin1 to sign in"
