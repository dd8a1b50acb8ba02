"""Every address in the service asks for sign-in first, except the few a signed-out person needs:
walks the URL resolver, so a new route is covered the day it is added."""

import re

from django.urls import URLPattern, URLResolver, get_resolver

# Addresses a signed-out person must reach (each is also protected in its own way).
OPEN = {
    "accounts/login/",  # signing in
    "healthz",  # the load balancer's check: says only whether the database answers
    "accounts/reset/<uidb64>/<token>/",  # the owner's reset link: the token is the protection
    "accounts/reset/done/",
    "accounts/logout/",  # signing out (POST only)
}


def all_routes() -> list[str]:
    found = []

    def walk(patterns: list, prefix: str) -> None:
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                if not route.startswith("admin/"):  # the admin has its own sign-in (staff only)
                    walk(entry.url_patterns, route)
            elif isinstance(entry, URLPattern) and not route.startswith(("^", "static/", "media/")):
                found.append(route)

    walk(get_resolver().url_patterns, "")
    return found


def test_every_route_but_the_open_ones_sends_a_signed_out_person_to_sign_in(client, db):
    routes = all_routes()
    assert "audit-trail/" in routes and "accounts/keep-alive/" in routes and len(routes) > 70
    assert OPEN <= set(routes), "an open route has moved: update the list"
    for route in sorted(set(routes) - OPEN):
        path = "/" + re.sub(r"<(?:int:)?\w+>", "1", route)
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            assert response.status_code in (302, 405), f"{method} {path}: {response.status_code}"
            if response.status_code == 302:
                assert response["Location"].startswith("/accounts/login/"), f"{method} {path}: {response['Location']}"
