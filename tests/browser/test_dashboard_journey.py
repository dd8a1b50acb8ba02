"""A line manager's dashboard, in Chromium: the manager opens it from the service navigation, sees
their teams' outstanding steps by kind, filters by one officer, opens the overdue list and, from it,
the case."""

import re

import pytest
from playwright.sync_api import Page, expect

from .test_journeys import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_manager_filters_the_dashboard_by_officer_and_opens_a_case(page: Page, live_server, demo):
    sign_in(page, live_server, "manager1")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    expect(page.get_by_text("Your teams: North")).to_be_visible()
    page.get_by_text("Filter", exact=True).click()
    page.get_by_label("Officer").select_option(label="Olivia Okafor")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"officer=\d+"))
    every = page.locator("#kinds tr[data-kind='']")
    total = int(re.match(r"\d+", every.locator("td[data-status='all']").inner_text()).group())
    assert total > 0
    every.locator("td[data-status='all'] a").click()
    expect(page.locator("#steps-count")).to_have_text(str(total) if total <= 50 else re.compile(r"\d+"))
    holders = page.locator("#steps tbody tr td:nth-child(3)").all_inner_texts()
    assert holders and set(holders) == {"Olivia Okafor"}
    first_case = page.locator("#steps tbody tr").first.locator("td").first.get_by_role("link")
    name = first_case.inner_text()
    first_case.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)
