"""The GOV.UK timeout warning: two minutes before an idle session ends, a dialog; "Stay signed in"
tells the server and closes it. The browser's clock is moved, not waited for."""

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_warning_shows_before_the_session_ends_and_stay_signed_in_keeps_it(page: Page, live_server, world, settings):
    settings.SAFEGUARD = {**settings.SAFEGUARD, "IDLE_TIMEOUT_MINUTES": 30}
    page.clock.install()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("officer1")
    page.get_by_label("Password").fill("demo")
    page.get_by_role("button", name="Sign in").click()
    dialog = page.get_by_role("dialog", name="You're about to be signed out")
    expect(dialog).to_be_hidden()
    page.clock.fast_forward("27:00")
    expect(dialog).to_be_hidden()
    page.clock.fast_forward("01:30")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Stay signed in")).to_be_focused()
    with page.expect_response(lambda r: r.url.endswith("/accounts/keep-alive/")) as kept:
        dialog.get_by_role("button", name="Stay signed in").click()
    assert kept.value.status == 204
    expect(dialog).to_be_hidden()
    page.clock.fast_forward("27:00")  # the half hour starts again from "stay"
    expect(dialog).to_be_hidden()
