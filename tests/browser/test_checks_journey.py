"""The check journey in Chromium, with the clock under the test's control."""

import datetime
import subprocess

import pytest
import time_machine
from playwright.sync_api import Page, expect

from safeguard.testing import add_children_in_two_councils

from .test_journeys import choose, fill_today, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONDON = datetime.timezone(datetime.timedelta(0))


def at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, 9, 30, tzinfo=LONDON)


def test_checklist_to_two_requests_to_overdue_and_escalated(page: Page, live_server, world, make_case, tmp_path):
    with time_machine.travel(at(datetime.date(2026, 11, 23)), tick=False) as clock:
        case = make_case(first_name="Darren", last_name="Holt")
        add_children_in_two_councils(case, world["officer1"], datetime.date(2017, 5, 4))
        base = f"{live_server.url}/cases/{case.pk}"
        sign_in(page, live_server, "officer1")
        page.goto(f"{base}/checks/")
        expect(page.locator("#tasks")).to_contain_text("Complete the safeguarding children checklist")

        # The children on file need checks with their councils whatever the checklist says: that is the
        # most urgent step (the main button); the checklist is asked too, with a yes.
        expect(page.locator("#next-step")).to_have_text("Prepare a request for information to Herefordshire")
        page.locator("#tasks").get_by_role("link", name="Complete the safeguarding children checklist").click()
        choose(page, "When was it asked?", "Start of order")
        for question in [
            "Are you living with children",
            "Do you have overnight contact",
            "Do you have any parental",
            "Do your children have contact",
            "Are your children excluded",
            "Were your children present",
        ]:
            choose(page, question, "Yes" if question.startswith("Do you have overnight") else "No")
        page.get_by_label("Give details", exact=True).first.fill("Sees Kayleigh and Ruby every other weekend")
        page.get_by_label("Kayleigh Holt").check()
        page.get_by_label("Ruby Holt").check()
        fill_today(page, "Date asked")
        page.get_by_role("button", name="Save checklist").click()
        expect(page.get_by_text("a check is required")).to_be_visible()
        expect(page.locator("#tasks")).to_contain_text("Prepare requests for information")

        # One request per council responsible for a child: the main button is now the next step.
        expect(page.locator("#next-step")).to_have_text("Prepare requests for information (the checklist was answered yes)")
        page.locator("#next-step").click()
        page.get_by_role("button", name="Prepare requests for information").click()
        expect(page.get_by_text("2 requests for information prepared: Herefordshire, Worcestershire")).to_be_visible()

        for authority in ["Herefordshire", "Worcestershire"]:
            page.goto(f"{base}/checks/")
            page.get_by_role("link", name=authority, exact=True).click()
            if authority == "Herefordshire":
                with page.expect_download() as download:
                    page.get_by_role("link", name="Download PDF").click()
                pdf = tmp_path / "request.pdf"
                download.value.save_as(pdf)
                assert pdf.read_bytes().startswith(b"%PDF-")
                text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout  # noqa: S603, S607
                assert "Ruby Holt" in text and "Kayleigh" not in text
            page.get_by_role("link", name="Record as sent").click()
            choose(page, "How was it sent?", "Secure e-mail")
            page.get_by_label("Sent to").fill(f"{authority} MASH")
            fill_today(page, "Date sent")
            page.get_by_role("button", name="Record as sent").click()
            expect(page.get_by_text("Recorded as sent")).to_be_visible()
            expect(page.locator("main")).to_contain_text("7 December 2026")  # 10 working days

        # Worcestershire answers; Herefordshire does not.
        page.get_by_role("link", name="Record the answer").click()
        choose(page, "Is the service user known to children's social care?", "No")
        choose(page, "Is Kayleigh Holt known to children's social care?", "Known")
        page.get_by_label("Kayleigh Holt: status").select_option(label="Child-protection plan")
        page.get_by_label("Kayleigh Holt: child-protection category").select_option(label="Neglect")
        fill_today(page, "Date of the answer")
        page.get_by_role("button", name="Save answer").click()
        expect(page.get_by_text("Answer from Worcestershire recorded")).to_be_visible()

        # Ten working days later the unanswered one is overdue, on the case and on My work.
        clock.move_to(at(datetime.date(2026, 12, 8)))
        sign_in(page, live_server, "officer1")  # the session has expired overnight
        page.goto(f"{base}/checks/")
        task = page.locator("#tasks li", has_text="Reply from Herefordshire")
        expect(task).to_contain_text("Overdue")
        expect(page.locator("#tasks")).not_to_contain_text("Reply from Worcestershire")
        page.get_by_role("link", name="My work").click()
        expect(page.locator("#overdue")).to_contain_text("Darren Holt")
        expect(page.locator("#overdue li", has_text="Reply from Herefordshire")).to_contain_text("Overdue")

        # Five more working days: escalated, on the line manager's view.
        clock.move_to(at(datetime.date(2026, 12, 14)))
        page.context.clear_cookies()
        sign_in(page, live_server, "manager1")
        page.get_by_role("link", name="My work").click()
        escalated = page.locator("#escalated li", has_text="Reply from Herefordshire")
        expect(escalated).to_contain_text("Escalated")
        expect(escalated).to_contain_text("Darren Holt")
