"""Home visits in Chromium: an officer records a visit at the service user's address, where Tyler
lives, with Kayleigh (who lives with her mother) not seen; the visit page offers a referral for the
concerns; the Record tab's timeline shows the visit with the child not seen and why."""

import datetime

import pytest
import time_machine
from playwright.sync_api import Page, expect

from safeguard.people import services as people
from safeguard.testing import council

from .test_checks_journey import at
from .test_journeys import choose, fill_today, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

D = datetime.date


def test_a_home_visit_with_a_child_not_seen_is_on_the_timeline(page: Page, live_server, world, make_case):
    with time_machine.travel(at(D(2026, 11, 24)), tick=False):
        case = make_case(first_name="Darren", last_name="Holt")
        people.child_add(
            actor=world["officer1"],
            case=case,
            where="service_user",
            child={"first_name": "Tyler", "last_name": "Holt", "date_of_birth": D(2019, 2, 14)},
            link={"relationship": "parent", "contact": "lives_with", "parental_responsibility": True},
        )
        people.child_add(
            actor=world["officer1"],
            case=case,
            where="new",
            address={"line_1": "9 Elm Road", "town": "Worcester", "local_authority": council()},
            child={"first_name": "Kayleigh", "last_name": "Holt", "date_of_birth": D(2021, 6, 3)},
            link={"relationship": "parent", "contact": "regular", "parental_responsibility": True},
        )
        sign_in(page, live_server, "officer1")
        page.goto(f"{live_server.url}/cases/{case.pk}/")
        page.get_by_role("link", name="Home visits", exact=True).click()
        card = page.locator(".govuk-summary-card").filter(has_text="1 High Street")
        expect(card).to_contain_text("Tyler Holt (lives with)")
        expect(card).to_contain_text("Not visited")
        card.get_by_role("link", name="Record a visit").click()

        fill_today(page, "Date of the visit")
        choose(page, "Did the householder consent to the visit?", "Yes")
        page.get_by_label("Who gave or refused consent").fill("Darren Holt, the tenant")
        page.get_by_label("Who was present").fill("Darren and Tyler")
        choose(page, "Was Tyler Holt seen?", "Yes")
        page.get_by_label("Tyler Holt's presentation and demeanour").fill(
            "Chatty, showed me his drawings; clean and well dressed"
        )
        choose(page, "Was Kayleigh Holt seen?", "No")
        page.get_by_label("Why was Kayleigh Holt not seen?").fill("She lives with her mother")
        page.get_by_label("Concerns arising").fill("Empty bottles in the kitchen")
        page.get_by_role("button", name="Save the visit").click()

        expect(page.get_by_text("Home visit recorded")).to_be_visible()
        expect(page.locator("#visit-children")).to_contain_text("Chatty, showed me his drawings")
        expect(page.get_by_role("link", name="Make a referral")).to_be_visible()
        expect(page.get_by_role("link", name="Add a contact entry")).to_be_visible()

        page.get_by_role("link", name="Record", exact=True).click()
        item = page.locator("#timeline .moj-timeline__item").filter(has_text="Home visit at 1 High Street")
        expect(item).to_contain_text("Seen: Tyler Holt.")
        expect(item).to_contain_text("Not seen: Kayleigh Holt (She lives with her mother).")
