"""Two people edit the same child at once, each in their own browser: the second save shows what the
first changed, their answer and the second person's, and saving again keeps both changes."""

import pytest
from playwright.sync_api import Browser, expect

from safeguard.people.models import Child

from .test_journeys import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_two_people_edit_one_child_and_both_changes_are_kept(browser: Browser, live_server, world, make_case):
    case = make_case(children=1)
    child = case.service_user.child_links.get().child
    Child.objects.filter(pk=child.pk).update(school="St Mary's Primary")
    edit = f"{live_server.url}/cases/{case.pk}/children/{child.pk}/edit/"
    officer, manager = browser.new_context().new_page(), browser.new_context().new_page()
    sign_in(officer, live_server, "officer1")
    sign_in(manager, live_server, "manager1")
    officer.goto(edit)
    manager.goto(edit)

    officer.get_by_label("School").fill("Oak Primary")
    officer.get_by_role("button", name="Save child").click()
    expect(officer.get_by_text(f"{child} saved")).to_be_visible()

    manager.get_by_label("Notes").fill("Attends breakfast club")
    manager.get_by_role("button", name="Save child").click()
    expect(manager.get_by_role("heading", name="Someone else changed this while you were editing it")).to_be_visible()
    changes = manager.locator("#conflict-changes")
    expect(changes).to_contain_text("School")
    expect(changes).to_contain_text("Oak Primary")  # their answer, saved
    expect(changes).to_contain_text("St Mary's Primary")  # the answer the manager's form still had
    expect(manager.get_by_label("School")).to_have_value("Oak Primary")
    expect(manager.get_by_label("Notes")).to_have_value("Attends breakfast club")

    manager.get_by_role("button", name="Save child").click()
    expect(manager.get_by_text(f"{child} saved")).to_be_visible()
    child.refresh_from_db()
    assert (child.school, child.notes) == ("Oak Primary", "Attends breakfast club")
