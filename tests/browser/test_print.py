"""The printable forms in Chromium: a way back and a Print button, neither of them printed."""

import pytest
from playwright.sync_api import Page, expect

from safeguard.cases.models import Case
from safeguard.checks import services as checks
from safeguard.checks.models import Notification, RequestForInformation

from .test_journeys import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_print_pages_have_a_way_back_and_a_print_button(page: Page, live_server, demo):
    holt = Case.objects.get(service_user__crn="D100001")
    child = holt.service_user.child_links.first().child
    request = RequestForInformation.objects.filter(case=holt).first()
    notification = checks.notification_prepare(
        actor=holt.case_holder,
        case=holt,
        kind=Notification.Kind.INVOLVEMENT,
        local_authority=child.responsible_local_authority,
        children=[child],
    )
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, live_server, "officer1")
    base = f"{live_server.url}/cases/{holt.pk}/checks"
    for record, printable in [
        (f"{base}/requests/{request.pk}/", f"{base}/requests/{request.pk}/print/"),
        (f"{base}/notifications/{notification.pk}/", f"{base}/notifications/{notification.pk}/print/"),
    ]:
        page.goto(record)
        page.get_by_role("link", name="Printable form").click()
        assert page.url == printable
        print_button = page.get_by_role("button", name="Print")
        expect(print_button).to_be_visible()
        print_button.click()
        page.emulate_media(media="print")
        expect(print_button).to_be_hidden()
        expect(page.get_by_role("link", name="Back")).to_be_hidden()
        page.emulate_media(media="screen")
        page.get_by_role("link", name="Back").click()
        assert page.url == record
    # Come from My work, go back to My work.
    page.goto(f"{base}/requests/{request.pk}/print/?back=/my-work/")
    page.get_by_role("link", name="Back").click()
    assert page.url == f"{live_server.url}/my-work/"
    assert errors == []
