"""Registration, a review with countersignature, and de-registration, in Chromium."""

import datetime

import pytest
import time_machine
from playwright.sync_api import Page, expect

from safeguard.people.models import Child

from .test_journeys import choose, fill_date, fill_today, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_review_countersign_and_deregister(page: Page, live_server, world, make_case):
    with time_machine.travel(datetime.datetime(2026, 11, 23, 9, 30, tzinfo=datetime.UTC), tick=False):
        case = make_case(first_name="Gary", last_name="Stone", children=1)
        child = case.service_user.child_links.get().child
        base = f"{live_server.url}/cases/{case.pk}"
        sign_in(page, live_server, "officer1")
        page.goto(f"{base}/register/")
        page.get_by_role("link", name="Register the case").click()
        choose(page, "Category", "Linked to a child on a child-protection plan or looked after")
        page.get_by_label(str(child)).check()
        fill_date(page, "Date of the trigger", "13", "11", "2026")
        page.get_by_label("Reason").fill("Daughter on a child-protection plan for neglect")
        fill_today(page, "Date of registration")
        page.get_by_role("button", name="Register", exact=True).click()
        expect(page.get_by_text("First review due 23 March 2027")).to_be_visible()
        expect(page.locator(".sg-case-header")).to_contain_text("C.A.R. in household")
        flag = page.locator(".sg-case-header .sg-flag").first
        flag.focus()
        assert "not necessarily the risk" in flag.get_attribute("data-meaning")

        page.get_by_role("link", name="Review").first.click()
        page.get_by_label("What has changed since registration or the last review?").fill("Plan continues; contact supervised")
        choose(page, "Decision", "Continue the registration")
        fill_today(page, "Date of the review")
        page.get_by_role("button", name="Record review").click()
        expect(page.get_by_text("needs a manager's countersignature")).to_be_visible()
        expect(page.locator("main")).to_contain_text("Not countersigned")

        page.context.clear_cookies()
        sign_in(page, live_server, "manager1")
        page.goto(f"{base}/register/")
        page.get_by_role("button", name="Countersign").click()
        expect(page.get_by_text("Review countersigned")).to_be_visible()
        expect(page.locator("main")).to_contain_text("Countersigned")

        page.context.clear_cookies()
        sign_in(page, live_server, "officer1")
        page.goto(f"{base}/register/")
        page.get_by_role("link", name="De-register").click()
        expect(page.locator("#to-erase")).to_contain_text(str(child))
        page.get_by_role("button", name="Ask the information officer to de-register").click()
        expect(page.locator(".govuk-error-summary")).to_contain_text("Select why the registration ends")
        choose(page, "Why does the registration end?", "The children left the local-authority register")
        page.get_by_role("button", name="Ask the information officer to de-register").click()
        expect(page.get_by_text("De-registration asked for")).to_be_visible()
        assert Child.objects.filter(pk=child.pk).exists()

        page.context.clear_cookies()
        sign_in(page, live_server, "info1")
        page.goto(f"{base}/register/")
        page.get_by_role("link", name="De-register").click()
        expect(page.locator("main")).to_contain_text("The children left the local-authority register")
        page.get_by_role("button", name="De-register and erase").click()
        expect(page.locator(".govuk-error-summary")).to_contain_text("Confirm that you understand")
        page.get_by_label("I understand the children's details listed above will be erased").check()
        page.get_by_role("button", name="De-register and erase").click()
        expect(page.get_by_text("1 child's details erased")).to_be_visible()
        expect(page.locator("#case-notes")).to_contain_text(
            "Children removed from LA CP register. Children's details removed on 23/11/26."
        )
        expect(page.locator(".sg-case-header")).not_to_contain_text("C.A.R. in household")
        assert not Child.objects.filter(pk=child.pk).exists()
