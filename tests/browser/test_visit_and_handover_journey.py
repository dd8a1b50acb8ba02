"""A registered case from a home visit to its handover, in Chromium.

An officer records a visit at the service user's address, where Tyler lives, with Kayleigh (who lives
with her mother) not seen; the visit page offers a referral for the concerns; the Record tab's
timeline shows the visit with the child not seen and why. The line manager then transfers the case
to an officer of another area (the sender loses sight of it); the new case holder finds the step on
My work, reads the handover (each child, the registration's next review, the last home visit),
downloads it as a PDF that names each child and the next review date, and acknowledges it."""

import datetime
import re
import subprocess

import pytest
import time_machine
from playwright.sync_api import Page, expect

from safeguard.people import services as people
from safeguard.register import services as register
from safeguard.testing import council

from .test_checks_journey import at
from .test_journeys import choose, fill_today, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

D = datetime.date


def test_a_home_visit_with_a_child_not_seen_then_a_transfer_with_a_handover_acknowledged(
    page: Page, live_server, world, make_case, tmp_path
):
    with time_machine.travel(at(D(2026, 11, 24)), tick=False):
        case = make_case(first_name="Darren", last_name="Holt")
        people.child_add(
            actor=world["officer1"],
            case=case,
            where="service_user",
            child={"first_name": "Tyler", "last_name": "Holt", "date_of_birth": D(2019, 2, 14)},
            link={"relationship": "parent", "contact": "lives_with", "parental_responsibility": True},
        )
        kayleigh = people.child_add(
            actor=world["officer1"],
            case=case,
            where="new",
            address={"line_1": "9 Elm Road", "town": "Worcester", "local_authority": council()},
            child={"first_name": "Kayleigh", "last_name": "Holt", "date_of_birth": D(2021, 6, 3)},
            link={"relationship": "parent", "contact": "regular", "parental_responsibility": True},
        ).child
        register.register_case(
            actor=world["officer1"],
            case=case,
            category="concerns",
            trigger_date=D(2026, 11, 24),
            registered_on=D(2026, 11, 24),
            children=[link.child for link in case.service_user.child_links.all()],
            reason="Concerns about the children's care",
        )
        children = ["Tyler Holt", str(kayleigh)]
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

        # The line manager moves the case to an officer of another area.
        page.context.clear_cookies()
        sign_in(page, live_server, "manager1")
        page.goto(f"{live_server.url}/cases/{case.pk}/")
        page.get_by_role("link", name="Transfer the case to another team or area").click()
        page.get_by_label("Team taking the case").select_option(label="Far (Other area)")
        page.get_by_role("button", name="Continue").click()
        page.get_by_label("New case holder").select_option(label="Officer3 (Far – Offender manager)")
        page.get_by_label("Why the case is moving").fill("Mr Holt moved to Telford")
        page.get_by_role("button", name="Transfer the case").click()
        expect(
            page.get_by_text("Case transferred to Officer3 in Far (Other area). You can no longer see the case")
        ).to_be_visible()

        # The new case holder reads, downloads and acknowledges the handover.
        page.context.clear_cookies()
        sign_in(page, live_server, "officer3")
        page.goto(f"{live_server.url}/my-work/")
        page.get_by_text("Later, or waiting for others").click()  # due in 5 working days: not yet due soon
        page.get_by_role("link", name=re.compile("Darren Holt .*: Read and acknowledge the handover")).click()
        expect(page.get_by_role("heading", name="Handover to Officer3")).to_be_visible()
        summary = page.locator("#handover-summary")
        for child in children:
            expect(summary).to_contain_text(child)
        review = "next review due 24 November 2026"  # a change of case holder brings the review to today (WM 5.2)
        expect(summary).to_contain_text(review)
        expect(summary).to_contain_text("Last home visit 24 November 2026 at 1 High Street")

        pdf_url = page.get_by_role("link", name="Download PDF").get_attribute("href")
        response = page.context.request.get(f"{live_server.url}{pdf_url}")
        assert response.ok and response.headers["content-type"] == "application/pdf"
        path = tmp_path / "handover.pdf"
        path.write_bytes(response.body())
        pdf = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)  # noqa: S603, S607
        text = " ".join(pdf.stdout.split())
        assert all(child in text for child in children) and review in text

        page.get_by_role("button", name="I have read the handover").click()
        expect(page.get_by_text("Handover acknowledged")).to_be_visible()
        page.goto(f"{live_server.url}/my-work/")
        expect(page.get_by_text("Read and acknowledge the handover")).to_have_count(0)
