"""A conference with a plan for two children, in Chromium: the statutory clock across Christmas, the
written report when the officer cannot attend (drafted, edited, PDF), the minutes with two actions,
and probation's action on My work until it is done."""

import datetime
import re
import subprocess

import pytest
import time_machine
from playwright.sync_api import Page, expect

from safeguard.people import services as people

from .test_checks_journey import at
from .test_journeys import choose, fill_date, fill_today, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

D = datetime.date


def test_conference_clock_report_minutes_and_probations_action(page: Page, live_server, world, make_case, tmp_path):
    with time_machine.travel(at(D(2026, 12, 18)), tick=False):
        case = make_case(first_name="Wayne", last_name="Garside")
        for first in ("Tyler", "Kayleigh"):
            people.child_add(
                actor=world["officer1"],
                case=case,
                where="service_user",
                child={"first_name": first, "last_name": "Garside", "date_of_birth": D(2020, 4, 2)},
                link={"relationship": "parent", "contact": "lives_with", "parental_responsibility": True},
            )
        base = f"{live_server.url}/cases/{case.pk}"
        sign_in(page, live_server, "officer1")

        # The initial conference, today, for both children.
        page.goto(f"{base}/meetings/")
        page.get_by_role("link", name="Record a meeting").click()
        choose(page, "What kind of meeting is it?", "Initial child-protection conference")
        page.get_by_label("Tyler Garside").check()
        page.get_by_label("Kayleigh Garside").check()
        page.get_by_label("Convening agency").fill("Worcestershire children's services")
        page.get_by_label("Chair").fill("Helen Price")
        fill_today(page, "Date of the meeting")
        page.get_by_label("Time").fill("09:30")
        page.get_by_label("Place").fill("Wildwood, Worcester")
        fill_date(page, "Date the invitation was received", "15", "12", "2026")
        page.get_by_role("button", name="Record meeting").click()
        expect(page.get_by_text("Meeting recorded")).to_be_visible()
        expect(page.locator("main")).to_contain_text("3 days' notice")
        expect(page.locator("main")).to_contain_text("Late invitation")

        # The conference makes a plan: the clock runs from it, skipping Christmas and New Year.
        page.get_by_role("link", name="Record the decision on a plan").click()
        choose(page, "Were the children made subject to a child-protection plan", "Yes")
        choose(page, "Category of the plan", "Neglect")
        page.get_by_role("button", name="Save decision").click()
        expect(page.get_by_text("Decision recorded")).to_be_visible()
        page.goto(f"{base}/meetings/")
        expected = page.locator("#meetings-expected")
        expect(expected.get_by_role("row", name=re.compile("First core group"))).to_contain_text("6 January 2027")
        expect(expected.get_by_role("row", name=re.compile("First review conference"))).to_contain_text("18 March 2027")
        meeting_url = page.get_by_role("link", name="Initial child-protection conference").get_attribute("href")

        # The officer could not attend: a written report is owed until it is sent.
        page.goto(f"{live_server.url}{meeting_url}")
        page.get_by_role("link", name="Record attendance").click()
        choose(page, "Did anyone from probation attend?", "Nobody from probation attended")
        page.get_by_label("Why did nobody attend?").fill("At Crown Court all day for a trial")
        choose(page, "Was it agreed with the line manager?", "Yes")
        page.get_by_role("button", name="Save attendance").click()
        tasks = page.locator("#meeting-tasks")
        expect(tasks).to_contain_text("Record the written report to the initial child-protection conference")
        tasks.get_by_role("link", name=re.compile("Record the written report")).click()
        page.get_by_role("button", name="Draft the report from the case record").click()
        expect(page.get_by_text("Report drafted from the case record")).to_be_visible()  # and opened to edit
        expect(page.locator("main")).to_contain_text("Tyler Garside")
        statements = page.get_by_role("group", name=re.compile(r"^Is statement \d+ a fact"))
        for index in range(statements.count()):
            statements.nth(index).get_by_label("Fact", exact=True).check()
        page.get_by_label(re.compile("^Add a statement: knowledge of the child")).fill(
            "Both children attend school every day; the school reports no concerns about their health"
        )
        choose(page, "Is the new statement on knowledge of the child", "Observation")
        page.get_by_role("button", name=re.compile("^Save")).click()
        expect(page.locator("main")).to_contain_text("the school reports no concerns")

        with page.expect_download() as download:
            page.get_by_role("link", name="Download PDF").click()
        pdf = tmp_path / "report.pdf"
        download.value.save_as(pdf)
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout  # noqa: S603, S607
        assert "Tyler Garside" in text and "Kayleigh Garside" in text and "the school reports no concerns" in text
        assert "Observation" in text

        page.get_by_role("link", name="Record the report as sent").click()
        fill_today(page, "Date the written report was sent")
        page.get_by_role("button", name=re.compile("^(Save|Record)")).click()
        page.goto(f"{live_server.url}{meeting_url}")
        expect(page.locator("main")).not_to_contain_text("Record the written report to the")
        expect(page.locator("main")).to_contain_text("Sent 18 December 2026")

        # The minutes come with two actions, one of them probation's.
        page.get_by_role("link", name="Record the minutes received").click()
        fill_today(page, "Date the minutes were received")
        page.get_by_role("button", name="Save").click()
        for action, agency, ours in [
            ("Share the risk-management plan with the social worker", "Probation", "Yes"),
            ("Home visit to see both children", "Worcestershire children's services", "No"),
        ]:
            page.get_by_role("link", name="Record an action").click()
            page.get_by_label("The action").fill(action)
            page.get_by_label("Agency that owns it").fill(agency)
            choose(page, "Does probation own it?", ours)
            fill_date(page, "Date due", "21", "12", "2026")
            page.get_by_role("button", name="Record action").click()
            expect(page.get_by_text("Action recorded")).to_be_visible()
        expect(page.locator("#meeting-actions")).to_contain_text("Home visit to see both children")

        # Probation's action is on My work, not the council's; done, it goes.
        page.goto(f"{live_server.url}/my-work/")
        main = page.locator("main")
        expect(main).to_contain_text("Complete the action from the initial child-protection conference")
        expect(main).to_contain_text("Share the risk-management plan with the social worker")
        expect(main).not_to_contain_text("Home visit to see both children")
        main.get_by_role(
            "link", name=re.compile("Complete the action from the initial child-protection conference")
        ).first.click()
        choose(page, "Was the action done?", "Done")
        fill_today(page, "Date")
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_text("Action recorded as done")).to_be_visible()
        page.goto(f"{live_server.url}/my-work/")
        expect(page.locator("main")).not_to_contain_text("Complete the action from the initial child-protection conference")
