"""Every fact on file drives the next step, in Chromium: an all-"no" checklist, then a partner and an
unborn child, then a police answer of call-outs with children present."""

import datetime
import re

import pytest
import time_machine
from playwright.sync_api import Page, expect

from .test_checks_journey import at
from .test_journeys import choose, fill_date, fill_today, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_facts_after_an_all_no_checklist_raise_a_check_a_referral_decision_and_a_difference_for_the_manager(
    page: Page, live_server, world, make_case
):
    with time_machine.travel(at(datetime.date(2026, 11, 23)), tick=False):
        case = make_case(first_name="Wayne", last_name="Garside")
        base = f"{live_server.url}/cases/{case.pk}"
        sign_in(page, live_server, "officer1")

        # The service user says no to every question: nothing to check yet.
        page.goto(f"{base}/checks/")
        page.locator("#next-step").click()
        choose(page, "When was it asked?", "Start of order")
        for question in [
            "Are you living with children",
            "Do you have overnight contact",
            "Do you have any parental",
            "Do your children have contact",
            "Are your children excluded",
            "Were your children present",
        ]:
            choose(page, question, "No")
        fill_today(page, "Date asked")
        page.get_by_role("button", name="Save checklist").click()
        expect(page.get_by_text("Nothing outstanding on this case.")).to_be_visible()

        # A partner moves in, and she is expecting.
        page.goto(f"{base}/")
        page.get_by_role("link", name=re.compile("^Add (an|another) adult")).click()
        page.get_by_label("First name").fill("Kerry")
        page.get_by_label("Last name").fill("Dyer")
        choose(page, "Gender", "Female")
        choose(page, "Their relationship to the service user", "Partner")
        choose(page, "Do they live with the service user?", "Yes")
        choose(page, "Where do they live?", "At the service user's address")
        page.get_by_role("button", name="Add adult").click()
        expect(page.get_by_text("Kerry Dyer added")).to_be_visible()

        page.get_by_role("link", name=re.compile("^Add (a|another) child")).click()
        page.get_by_label("Last name").fill("Dyer")
        fill_date(page, "Expected date of delivery", "1", "3", "2027")
        choose(page, "Gender", "Not known")
        choose(page, "Children's social care status", "Not known")
        choose(page, "Where do they live?", "At the service user's address")
        choose(page, "The service user's relationship to the child", "Parent")
        choose(page, "Contact with the child", "Lives with")
        choose(page, "Does the service user have parental responsibility?", "No")
        choose(page, "What is the service user to this child?", "Not known")
        page.get_by_role("button", name="Add child").click()

        # A check is required at once, and each step says which rule and which fact raised it.
        page.goto(f"{base}/checks/")
        tasks = page.locator("#tasks")
        expect(tasks).to_contain_text("Fresh check after: new partner")
        expect(tasks).to_contain_text("Fresh check after: pregnancy")
        expect(tasks.locator("li", has_text="Fresh check after: pregnancy")).to_contain_text("Why: Pregnancy on 23/11/2026")
        expect(tasks.locator("li", has_text="Fresh check after: pregnancy")).to_contain_text("HMIP 2014 2.4")
        expect(page.get_by_text("Nothing outstanding on this case.")).to_have_count(0)

        # The police answer: call-outs, with children present.
        page.get_by_role("link", name="Prepare a police check").click()
        page.get_by_label("Police force").fill("West Mercia Police")
        page.get_by_role("button", name=re.compile("^(Prepare|Save)")).click()
        page.get_by_role("link", name="Record as sent").click()
        choose(page, "How was it sent?", "Secure e-mail")
        page.get_by_label("Sent to").fill("Public protection unit")
        fill_today(page, "Date sent")
        page.get_by_role("button", name="Record as sent").click()
        page.get_by_role("link", name="Record the answer").click()
        page.locator("input[name=callouts][value=True]").check()  # its group holds the revealed question too
        page.get_by_label("Details of the call-outs").fill("Three call-outs to the address in 2026")
        choose(page, "Were children present at any of the call-outs?", "Yes")
        choose(page, "Is there intelligence about children?", "No")
        fill_today(page, "Date of the answer")
        page.get_by_role("button", name="Record answer").click()
        expect(page.get_by_text("Police answer recorded")).to_be_visible()

        # A referral decision is required, and so is the marker; the checklist is contradicted.
        page.goto(f"{base}/checks/")
        expect(tasks).to_contain_text("Decide whether to refer to children's social care")
        expect(tasks).to_contain_text("Decide whether to set the domestic-abuse marker")
        difference = tasks.locator("li", has_text="Resolve a difference")
        expect(difference).to_contain_text("no children were present at their offences")

        # The line manager sees the difference on My work.
        page.context.clear_cookies()
        sign_in(page, live_server, "manager1")
        page.get_by_role("link", name="My work").click()
        differences = page.locator("#differences")
        expect(differences).to_contain_text("Wayne Garside")
        expect(differences).to_contain_text("children were present at call-outs")

        # The officer decides to refer and is taken on to make the referral.
        page.context.clear_cookies()
        sign_in(page, live_server, "officer1")
        page.goto(f"{base}/checks/")
        tasks.get_by_role("link", name=re.compile("Decide whether to refer")).click()
        choose(page, "What have you decided?", "Refer to children's social care")
        page.get_by_role("button", name="Record decision").click()
        expect(page.get_by_text("Decision recorded: now make the referral")).to_be_visible()
        expect(page).to_have_url(re.compile(f"/cases/{case.pk}/referrals/new/"))
