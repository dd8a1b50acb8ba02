"""The case record in Chromium: a phone call with the social worker chosen from the case's key
contacts, amended (both versions kept, with the reason), a second entry marked restricted, both on
the timeline, then the file for the service user with the restricted text absent."""

import datetime
import re
import subprocess

import pytest
import time_machine
from playwright.sync_api import Page, expect

from safeguard.cases import services as cases
from safeguard.people import services as people

from .test_checks_journey import at
from .test_journeys import choose, fill_today, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

D = datetime.date
RESTRICTED = "Kayleigh told her teacher that her father waits at the school gate"


def write_entry(page: Page, *, kind: str, time: str, text: str, section: str, disclosable: str) -> None:
    page.get_by_role("link", name="Write a contact entry").click()
    fill_today(page, "Date of the contact")
    page.get_by_label("Time of the contact").fill(time)
    choose(page, "Type of contact", kind)
    page.get_by_label("What happened").fill(text)
    choose(page, "Which part of the record is it?", section)
    choose(page, "Could the service user see this if they ask for their file?", disclosable)


def test_phone_call_amended_restricted_entry_and_the_file_for_the_service_user(
    page: Page, live_server, world, make_case, tmp_path
):
    with time_machine.travel(at(D(2026, 11, 24)), tick=False):
        case = make_case(first_name="Darren", last_name="Holt")
        people.child_add(
            actor=world["officer1"],
            case=case,
            where="service_user",
            child={"first_name": "Kayleigh", "last_name": "Holt", "date_of_birth": D(2018, 5, 2)},
            link={"relationship": "parent", "contact": "regular", "parental_responsibility": True},
        )
        cases.key_contact_add(
            actor=world["officer1"],
            case=case,
            kind="social_worker",
            name="Jane Aldridge",
            role="Senior social worker",
            organisation="Worcestershire Children First",
            phone="01905 555 123",
        )
        base = f"{live_server.url}/cases/{case.pk}"
        sign_in(page, live_server, "officer1")
        page.goto(f"{base}/")
        page.get_by_role("link", name="Record", exact=True).click()
        expect(page.locator("#timeline")).to_contain_text("Case opened")

        # A phone call with the social worker, chosen from the key contacts, not typed.
        write_entry(
            page,
            kind="Phone call",
            time="8:15am",
            text="Jane says the core group is on 12 March.",
            section="General",
            disclosable="Yes",
        )
        choose(page, "Who was it with?", "A key contact")
        page.get_by_label("Key contact", exact=True).select_option(
            label="Jane Aldridge, social worker (Worcestershire Children First)"
        )
        page.get_by_role("button", name="Save entry").click()
        expect(page.get_by_text("Contact entry saved")).to_be_visible()
        expect(page.get_by_role("heading", name=re.compile("^Phone call with Jane Aldridge"))).to_be_visible()

        # Amended: the wrong date corrected, both versions kept with the reason.
        page.get_by_role("link", name="Amend this entry").click()
        page.get_by_label("What happened").fill("Jane says the core group is on 19 March.")
        page.get_by_label("Why are you amending it?").fill("The social worker rang back: wrong date")
        page.get_by_role("button", name="Save amendment").click()
        expect(page.get_by_text("Amendment saved")).to_be_visible()
        main = page.locator("main")
        expect(main).to_contain_text("Version 2 (latest)")
        expect(main).to_contain_text("Version 1 (replaced)")
        expect(main).to_contain_text("core group is on 12 March")
        expect(main).to_contain_text("core group is on 19 March")
        expect(main).to_contain_text("The social worker rang back: wrong date")

        # A second entry, restricted: what the school told the social worker.
        page.get_by_role("link", name="Record", exact=True).click()
        write_entry(
            page,
            kind="Phone call",
            time="09:05",
            text=RESTRICTED,
            section="Restricted: child-protection material",
            disclosable="No",
        )
        choose(page, "Who was it with?", "A key contact")
        page.get_by_label("Key contact", exact=True).select_option(
            label="Jane Aldridge, social worker (Worcestershire Children First)"
        )
        page.get_by_label("Kayleigh Holt").check()
        page.get_by_role("button", name="Save entry").click()
        expect(page.get_by_text("Contact entry saved")).to_be_visible()

        # Both on the timeline, newest first, the restricted one tagged in words.
        page.get_by_role("link", name="Record", exact=True).click()
        timeline = page.locator("#timeline")
        expect(timeline).to_contain_text(RESTRICTED)
        expect(timeline).to_contain_text("core group is on 19 March")
        expect(timeline).not_to_contain_text("core group is on 12 March")
        items = timeline.locator(".moj-timeline__item")
        expect(items.filter(has_text=RESTRICTED)).to_contain_text("Restricted: child-protection material")
        expect(items.filter(has_text="core group is on 19 March")).to_contain_text("Amended")
        texts = items.all_inner_texts()
        general = "core group is on 19 March"
        assert [i for i, t in enumerate(texts) if RESTRICTED in t] < [
            i for i, t in enumerate(texts) if "19 March" in t
        ]  # newest first

        # The file for the service user: the general entry's latest version, the restricted one absent.
        page.get_by_role("link", name="Produce the file for the service user").click()
        page.get_by_label("Who asked for the file?").fill("Darren Holt")
        fill_today(page, "Date of the request")
        choose(page, "Produce it as", "PDF")
        with page.expect_download() as download:
            page.get_by_role("button", name="Produce the file").click()
        pdf = tmp_path / "file.pdf"
        download.value.save_as(pdf)
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout  # noqa: S603, S607
        text = " ".join(text.split())
        assert general in text and "12 March" not in text
        for words in ("school gate", "Kayleigh told her teacher", "waits at the"):
            assert words not in text, words
        assert "1 item was withheld" in text or "1 item withheld" in text, text[-800:]
