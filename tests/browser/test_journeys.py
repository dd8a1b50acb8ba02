"""User journeys in Debian's Chromium (Playwright) against a live server on the test database."""

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

from safeguard.core.models import AccessLog
from safeguard.people.models import ServiceUser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("demo")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Cases", level=1)).to_be_visible()


def fill_date(page: Page, group: str, day: str, month: str, year: str) -> None:
    fieldset = page.get_by_role("group", name=re.compile(f"^{group}"))
    fieldset.get_by_label("Day").fill(day)
    fieldset.get_by_label("Month").fill(month)
    fieldset.get_by_label("Year").fill(year)


def fill_today(page: Page, group: str) -> None:
    """A date question answered with the (test's) today: no date is filled in for the officer."""
    today = datetime.date.today()  # noqa: DTZ011 - the test's clock, shared with the live server
    fill_date(page, group, str(today.day), str(today.month), str(today.year))


def choose(page: Page, group: str, option: str) -> None:
    page.get_by_role("group", name=re.compile(f"^{re.escape(group)}")).get_by_label(option, exact=True).check()


def fill_new_case(page: Page, *, dob=("14", "2", "1988")) -> None:
    page.get_by_label("First name").fill("Kieran")
    page.get_by_label("Last name").fill("Doyle")
    fill_date(page, "Date of birth", *dob)
    choose(page, "Gender", "Male")
    page.get_by_label("CRN").fill("K123456")
    page.get_by_label("Ethnicity").select_option(label="White: English, Welsh, Scottish, Northern Irish or British")
    choose(page, "Needs an interpreter?", "No")
    choose(page, "Risk of serious harm", "High")
    choose(page, "MAPPA level", "Not MAPPA")
    choose(page, "Known to MARAC?", "No")
    choose(page, "Domestic-abuse marker?", "No")
    choose(page, "Poses a risk to children in general", "No")
    choose(page, "Type of address", "Given address")
    page.get_by_label("Address line 1").fill("9 Canal Walk")
    page.get_by_label("Town or city").fill("Worcester")
    page.get_by_label("Postcode").fill("WR1 3XY")
    page.get_by_label("Council (local authority)").select_option(label="Worcestershire")


def test_officer_records_a_family_and_sees_the_picture(page: Page, live_server, world):
    sign_in(page, live_server, "officer1")
    page.get_by_role("button", name="Add a new case").click()
    fill_new_case(page)
    page.get_by_role("button", name="Save and open case").click()
    expect(page.get_by_role("heading", name="Kieran Doyle", level=1)).to_be_visible()
    expect(page.get_by_text("Case opened for Kieran Doyle")).to_be_visible()

    for first, day, where in [("Maisie", "2", "service_user"), ("Leo", "9", "new")]:
        page.get_by_role("link", name="Add a child").click()
        page.get_by_label("First name").fill(first)
        page.get_by_label("Last name").fill("Doyle")
        fill_date(page, "Date of birth", day, "6", "2018")
        choose(page, "Gender", "Female" if first == "Maisie" else "Male")
        choose(page, "Children's social care status", "Not known")
        if where == "new":
            choose(page, "Where do they live?", "At another address")
            page.get_by_label("Address line 1").fill("22 Bridge Street")
            page.get_by_label("Council (local authority)").select_option(label="Herefordshire")
        else:
            choose(page, "Where do they live?", "At the service user's address")
        choose(page, "The service user's relationship to the child", "Parent")
        choose(page, "Contact with the child", "Lives with" if where == "service_user" else "Regular contact")
        choose(page, "Does the service user have parental responsibility?", "Yes")
        choose(page, "What is the service user to this child?", "Poses a risk" if first == "Leo" else "Not known")
        page.get_by_role("button", name="Add child").click()
        expect(page.get_by_text(f"{first} Doyle added")).to_be_visible()

    page.get_by_role("link", name="Add another adult").click()
    page.get_by_label("First name").fill("Shannon")
    page.get_by_label("Last name").fill("Price")
    choose(page, "Gender", "Female")
    choose(page, "Their relationship to the service user", "Partner")
    choose(page, "Do they live with the service user?", "Yes")
    choose(page, "Where do they live?", "At the service user's address")
    page.get_by_role("button", name="Add adult").click()
    expect(page.get_by_text("Shannon Price added")).to_be_visible()

    children = page.get_by_role("region", name=re.compile("^Children")).get_by_role("table")
    expect(children).to_contain_text("Herefordshire")
    expect(children).to_contain_text("Worcestershire")

    page.get_by_role("link", name="Family network").click()
    picture = page.locator("svg[role=img]")
    expect(picture).to_be_visible()
    expect(picture.locator("g.sg-node")).to_have_count(4)
    for name in ["Kieran Doyle", "Maisie Doyle", "Leo Doyle", "Shannon Price"]:
        expect(picture.locator("text", has_text=name)).to_have_count(1)
        expect(page.locator("#network-list")).to_contain_text(name)
    expect(picture.locator("line.sg-edge--risk")).to_have_count(1)
    expect(page.locator("#network-list")).to_contain_text("service user: poses a risk")


def test_other_team_is_restricted_and_the_refusal_is_logged(page: Page, live_server, world, make_case):
    case = make_case(first_name="Private", last_name="Person")
    sign_in(page, live_server, "officer2")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You are restricted from viewing this page, or it does not exist")
    expect(page.get_by_text("Private Person")).to_have_count(0)
    refusal = AccessLog.objects.get(user=world["officer2"], outcome="refused")
    assert refusal.object_id == str(case.pk) and refusal.path == f"/cases/{case.pk}/"


def test_future_date_of_birth_shows_error_summary_and_saves_nothing(page: Page, live_server, world):
    sign_in(page, live_server, "officer1")
    page.goto(f"{live_server.url}/cases/new/")
    fill_new_case(page, dob=("1", "1", "2099"))
    page.get_by_role("button", name="Save and open case").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Date of birth must be today or in the past")
    expect(summary).to_be_focused()  # GOV.UK Frontend moves focus to the summary
    assert page.title().startswith("Error: ")
    summary.get_by_role("link", name="Date of birth must be today or in the past").click()
    expect(page.get_by_role("group", name=re.compile("^Date of birth")).get_by_label("Day")).to_be_focused()
    expect(page.get_by_label("Last name")).to_have_value("Doyle")
    assert not ServiceUser.objects.exists()
