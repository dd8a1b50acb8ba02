"""A transfer in Chromium: North's line manager moves a registered case with two children to another
officer through the allocation page; the new case holder signs in, finds the step on My work, opens
the handover, downloads it as a PDF (every child named, the next review date) and acknowledges it."""

import datetime
import re
import subprocess

import pytest
from playwright.sync_api import Page, expect

from safeguard.accounts import roles
from safeguard.register import services as register
from safeguard.testing import make_user

from .test_journeys import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_manager_transfers_the_case_and_the_new_holder_acknowledges_the_handover(
    page: Page, live_server, world, make_case, tmp_path
):
    case = make_case(first_name="Wayne", last_name="Garside", children=2)
    children = [link.child for link in case.service_user.child_links.all()]
    today = datetime.date.today()  # noqa: DTZ011 - the test's clock, shared with the live server
    register.register_case(
        actor=world["officer1"],
        case=case,
        category="linked_child",
        trigger_date=today,
        registered_on=today,
        children=children,
        reason="On a plan",
    )
    make_user("officer4", roles.OFFENDER_MANAGER, world.north)
    base = f"{live_server.url}/cases/{case.pk}"

    sign_in(page, live_server, "manager1")
    page.goto(f"{base}/allocation/")
    page.get_by_label("Case holder").select_option(label="Officer4 (North – Offender manager)")
    page.get_by_label("Reason for the change").fill("Officer1 moves to the courts team")
    page.get_by_role("button", name="Save allocation").click()
    expect(page.get_by_text("Allocation changed")).to_be_visible()
    page.context.clear_cookies()

    sign_in(page, live_server, "officer4")
    page.goto(f"{live_server.url}/my-work/")
    page.get_by_role("link", name=re.compile("Wayne Garside .*: Read and acknowledge the handover")).click()
    expect(page.get_by_role("heading", name="Handover to Officer4")).to_be_visible()
    summary = page.locator("#handover-summary")
    for child in children:
        expect(summary).to_contain_text(str(child))
    # The change of case holder brings the register review forward to today (West Mercia 5.2).
    review = f"next review due {today:%-d %B %Y}"
    expect(summary).to_contain_text(review)

    pdf_url = page.get_by_role("link", name="Download PDF").get_attribute("href")
    response = page.context.request.get(f"{live_server.url}{pdf_url}")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    path = tmp_path / "handover.pdf"
    path.write_bytes(response.body())
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout.split())  # noqa: S603, S607
    assert all(str(child) in text for child in children) and review in text

    page.get_by_role("button", name="I have read the handover").click()
    expect(page.get_by_text("Handover acknowledged")).to_be_visible()
    expect(page.locator("#handover-details")).to_contain_text("Officer4")
    page.goto(f"{live_server.url}/my-work/")
    expect(page.get_by_text("Read and acknowledge the handover")).to_have_count(0)
