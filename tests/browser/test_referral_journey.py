"""A phone referral in Chromium: follow-up, no answer, overdue, chased, escalated, disputed, decided."""

import datetime

import pytest
import time_machine
from playwright.sync_api import Page, expect

from safeguard.referrals.models import Referral

from .test_journeys import choose, fill_today, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, 9, 30, tzinfo=datetime.UTC)


def test_phone_referral_is_followed_up_chased_escalated_and_decided(page: Page, live_server, world, make_case):
    with time_machine.travel(at(datetime.date(2026, 11, 23)), tick=False) as clock:
        case = make_case(first_name="Lee", last_name="Stevenson", children=1)
        child = case.service_user.child_links.get().child
        base = f"{live_server.url}/cases/{case.pk}"
        sign_in(page, live_server, "officer1")
        page.goto(f"{base}/checks/")
        page.get_by_role("link", name="Make a referral").click()
        page.get_by_label(str(child)).check()
        page.get_by_label("The concern, in your own words").fill("He threw a hammer across the room towards the child.")
        page.get_by_label("Physical abuse").check()
        choose(page, "Level of risk", "High")
        choose(page, "What response do you want?", "A section 47 enquiry")
        choose(page, "How urgent is it?", "Routine")
        # Physical harm to a baby, high risk, a section 47 enquiry: routine only with a reason.
        page.get_by_label("Why is it routine?").fill("Children's social care opened a section 47 enquiry this morning.")
        choose(page, "Referred to", "Children's social care")
        page.get_by_label("Council (for children's social care or its MASH)").select_option(label="Worcestershire")
        choose(page, "How did you refer?", "Phone")
        page.get_by_label("Who took the referral?").fill("Duty social worker")
        page.get_by_label("Manager you discussed it with").select_option(label="Manager1")
        fill_today(page, "Date of the referral")
        page.get_by_role("button", name="Record referral").click()
        expect(page.get_by_text("A written reply is due by 7 December 2026")).to_be_visible()
        expect(page.get_by_text("The written follow-up is due by 24 November 2026")).to_be_visible()
        followup = page.locator("#referral-tasks li", has_text="written follow-up")
        expect(followup).to_contain_text("Due 24 November 2026")

        page.get_by_role("link", name="Record the written follow-up").click()
        fill_today(page, "Date the written follow-up was sent")
        page.get_by_role("button", name="Record follow-up").click()
        expect(page.get_by_text("Written follow-up recorded")).to_be_visible()

        # No answer: ten working days later it is overdue on the case, My work and the register.
        clock.move_to(at(datetime.date(2026, 12, 8)))
        sign_in(page, live_server, "officer1")
        page.goto(f"{base}/checks/")
        expect(page.locator("#tasks li", has_text="Reply to the referral")).to_contain_text("Overdue")
        page.get_by_role("link", name="My work").click()
        expect(page.locator("#overdue li", has_text="Reply to the referral")).to_contain_text("Overdue")
        page.goto(f"{base}/checks/")
        page.locator("#tasks").get_by_role("link", name="Reply to the referral from Worcestershire").click()
        page.get_by_role("link", name="Record a chase").click()
        choose(page, "How did you chase?", "Phone")
        page.get_by_label("Who did you chase?").fill("MASH duty manager")
        fill_today(page, "Date chased")
        page.get_by_role("button", name="Record chase").click()
        expect(page.get_by_text("Chase recorded")).to_be_visible()
        expect(page.locator("#referral-tasks")).to_contain_text("chased 1 time")

        page.context.clear_cookies()
        sign_in(page, live_server, "manager1")
        page.get_by_role("link", name="Referral register").click()
        expect(page.locator("#register")).to_contain_text("Overdue")
        expect(page.locator('[data-status="unanswered"]')).to_have_text("1")

        # Five more working days: escalated, on the line manager's view.
        clock.move_to(at(datetime.date(2026, 12, 14)))
        page.context.clear_cookies()
        sign_in(page, live_server, "manager1")
        page.get_by_role("link", name="My work").click()
        expect(page.locator("#escalated li", has_text="Reply to the referral")).to_contain_text("Escalated")
        page.get_by_role("link", name="Referral register").click()
        expect(page.locator('[data-status="escalated"]')).to_have_text("1")

        # The answer: no further action. The officer disputes it; the manager decides.
        page.context.clear_cookies()
        sign_in(page, live_server, "officer1")
        page.goto(f"{base}/checks/")
        page.locator("#tasks").get_by_role("link", name="Reply to the referral from Worcestershire").click()
        page.get_by_role("link", name="Record the answer").click()
        choose(page, "Outcome", "No further action")
        choose(page, "Do you accept the outcome?", "No")
        page.get_by_label("If not, why not?").fill("The risk from the hammer incident has not been assessed.")
        fill_today(page, "Date of the written answer")
        page.get_by_role("button", name="Save answer").click()
        expect(page.get_by_text("Answer recorded")).to_be_visible()

        page.context.clear_cookies()
        sign_in(page, live_server, "manager1")
        page.get_by_role("link", name="My work").click()
        page.locator("#decisions").get_by_role("link", name="Decide on the disputed outcome").click()
        # The task leads straight to where the decision is recorded.
        expect(page.get_by_role("heading", name="Line manager's decision")).to_be_visible()
        page.get_by_label("Your decision").fill("Escalate to the area manager to raise with children's services (WM 4.7).")
        page.get_by_role("button", name="Record decision").click()
        expect(page.get_by_text("Decision recorded: the referral is closed")).to_be_visible()
        referral = Referral.objects.get()
        assert referral.closed_on == datetime.date(2026, 12, 14) and referral.decided_by == world["manager1"]
