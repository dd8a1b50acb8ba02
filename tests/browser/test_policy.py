"""Under the Content-Security-Policy the pages' own scripts still run (GOV.UK Frontend starts its
components) and the browser reports no violation."""

import pytest
from playwright.sync_api import Page, expect

from .test_journeys import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_govuk_frontend_runs_under_the_policy_and_nothing_is_refused(page: Page, live_server, world, make_case):
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("officer1")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Sign in").click()
    # govuk-error-summary's script moves focus to the summary: it only happens when the module ran.
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    assert "govuk-frontend-supported" in page.evaluate("document.body.className")
    case = make_case(children=1)
    sign_in(page, live_server, "officer1")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    assert refused == []
