"""axe-core (from the project's own npm packages) run in Chromium on the main pages.

Fails on any violation of WCAG 2.2 A/AA rules that axe rates serious or critical.
"""

from pathlib import Path

import pytest
from playwright.sync_api import Page

from .test_journeys import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    """axe is injected as a script, which the pages' Content-Security-Policy rightly refuses: the
    checker's browser bypasses the policy (every other browser test runs under it)."""
    return {**browser_context_args, "bypass_csp": True}


AXE = Path(__file__).resolve().parents[2] / "frontend" / "node_modules" / "axe-core" / "axe.min.js"


def violations(page: Page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_main_pages_have_no_serious_accessibility_failures(page: Page, live_server, world, make_case):
    case = make_case(children=3, adults=1)
    child = case.service_user.child_links.first().child
    sign_in(page, live_server, "officer1")
    found = {}
    for path in [
        "/cases/",
        f"/cases/{case.pk}/",
        f"/cases/{case.pk}/family/",
        f"/cases/{case.pk}/history/",
        f"/cases/{case.pk}/children/{child.pk}/",
        f"/cases/{case.pk}/children/add/",
        "/cases/new/",
        "/cases/999999/",
        f"/cases/{case.pk}/checks/",
        f"/cases/{case.pk}/checks/checklist/new/",
        f"/cases/{case.pk}/checks/police/new/",
        f"/cases/{case.pk}/checks/notifications/new/",
        "/my-work/",
        f"/cases/{case.pk}/referrals/new/",
        f"/cases/{case.pk}/register/",
        f"/cases/{case.pk}/register/new/",
        "/register/",
        "/register/report/",
    ]:
        page.goto(f"{live_server.url}{path}")
        found[path] = violations(page)
    page.goto(f"{live_server.url}/cases/new/")
    page.get_by_role("button", name="Save and open case").click()  # every field empty: the error state
    found["/cases/new/ with errors"] = violations(page)
    assert {path: v for path, v in found.items() if v} == {}
