"""Navigation on the demo data: a task links to where it is done, never to the page showing it; the
main button is the next thing to do; a case sub-page's back link goes back, never off the site."""

import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import resolve

from safeguard.cases.models import Case
from safeguard.checks.models import Notification, PoliceCheck, RequestForInformation
from safeguard.core.tasks import tasks_for_cases
from safeguard.referrals.models import Referral

pytestmark = pytest.mark.django_db

# The pages that show a case's tasks: linking a task there sends the user to a list, not to the work.
SHOWING_TASKS = {"cases:detail", "checks:index"}


@pytest.fixture
def demo(db):
    with open("/dev/null", "w") as quiet:
        call_command("seed_demo", stdout=quiet)


def demo_cases() -> list[Case]:
    return list(Case.objects.filter(service_user__crn__startswith="D1").select_related("service_user", "team__area"))


def record_pages(case: Case) -> list[str]:
    base = f"/cases/{case.pk}/"
    return (
        [f"{base}checks/requests/{pk}/" for pk in RequestForInformation.objects.filter(case=case).values_list("pk", flat=True)]
        + [f"{base}checks/police/{pk}/" for pk in PoliceCheck.objects.filter(case=case).values_list("pk", flat=True)]
        + [f"{base}checks/notifications/{pk}/" for pk in Notification.objects.filter(case=case).values_list("pk", flat=True)]
        + [f"{base}referrals/{pk}/" for pk in Referral.objects.filter(case=case).values_list("pk", flat=True)]
    )


def task_links(html: str) -> list[str]:
    return re.findall(r'<a class="govuk-link govuk-task-list__link" href="([^"]+)"', html)


def test_every_task_links_to_where_it_is_done(demo):
    found = [task for tasks in tasks_for_cases(demo_cases()).values() for task in tasks]
    assert len({task.kind for task in found}) >= 6  # the demo has many kinds of step
    wrong = [(task.title, task.url) for task in found if resolve(urlsplit(task.url).path).view_name in SHOWING_TASKS]
    assert wrong == []


@pytest.mark.parametrize("username", ["officer1", "officer2", "manager2", "lead1"])
def test_no_task_links_to_the_page_it_is_shown_on(client, demo, username):
    from safeguard.accounts.models import User

    client.force_login(User.objects.get(username=username))
    pages = ["/my-work/"]
    for case in demo_cases():
        pages += [f"/cases/{case.pk}/", f"/cases/{case.pk}/checks/", *record_pages(case)]
    shown, wrong = 0, []
    for path in pages:
        response = client.get(path)
        if response.status_code != 200:
            continue  # a case outside this user's access
        links = task_links(response.content.decode())
        shown += len(links)
        wrong += [(path, link) for link in links if urlsplit(link).path == path]
    assert shown > 0
    assert wrong == []


def primary_buttons(html: str) -> list[tuple[str, str]]:
    """The green buttons a page offers (not the timeout warning's): (address or form action, words)."""
    links = re.findall(r'<a class="govuk-button"[^>]*href="([^"]+)"[^>]*>([^<]+)</a>', html)
    buttons = re.findall(r'<button type="submit" class="govuk-button"[^>]*>([^<]+)</button>', html)
    return links + [("", words) for words in buttons]


def test_the_main_button_is_the_next_thing_to_do(client, demo):
    cases = demo_cases()
    tasks = tasks_for_cases(cases)
    checked = 0
    for case in cases:
        client.force_login(case.case_holder)
        actionable = [t for t in tasks[case.pk] if not t.waiting and not t.needs_manager]
        expected = [(actionable[0].url, actionable[0].title)] if actionable else []
        for path in [f"/cases/{case.pk}/", f"/cases/{case.pk}/checks/"]:
            html = client.get(path).content.decode()
            assert primary_buttons(html) == expected, path
            assert "govuk-button--warning" not in html, path  # making a referral is not a destructive act
            checked += bool(expected)
        if case.checklists.exists():
            assert all(title != "Complete the checklist" for _, title in primary_buttons(html))
    assert checked >= 4


def back_link(html: str) -> str:
    found = re.findall(r'<a href="([^"]*)" class="govuk-back-link">', html)
    assert len(found) == 1, found
    return found[0].replace("&amp;", "&")


def test_a_case_sub_page_goes_back_to_its_tab_or_where_the_user_came_from(client, demo):
    holt = Case.objects.get(service_user__crn="D100001")
    request = RequestForInformation.objects.filter(case=holt).earliest("pk")
    client.force_login(holt.case_holder)
    base = f"/cases/{holt.pk}/"
    expected = {
        base: "/cases/",  # a case tab goes back to the case list
        f"{base}checks/": "/cases/",
        f"{base}checks/checklist/new/": f"{base}checks/",  # a question page: the tab it belongs to
        f"{base}checks/requests/{request.pk}/": f"{base}checks/",  # a record: its tab
        f"{base}children/add/": base,
        f"{base}register/new/": f"{base}register/",
        f"{base}checks/requests/{request.pk}/?back=/my-work/": "/my-work/",  # where the user came from
        f"{base}checks/checklist/new/?back=/cases/%3Fq%3Dholt": "/cases/?q=holt",
    }
    for evil in ["https://evil.example/", "//evil.example/", "javascript:alert(1)", "/\\evil.example", "http://testserver/x"]:
        expected[f"{base}checks/checklist/new/?back={evil}"] = f"{base}checks/"  # never off the site
    found = {path: back_link(client.get(path).content.decode()) for path in expected}
    assert found == expected


def test_my_work_task_links_come_back_to_my_work(client, demo):
    from safeguard.accounts.models import User

    client.force_login(User.objects.get(username="officer1"))
    links = task_links(client.get("/my-work/").content.decode())
    assert links and all(link.replace("&amp;", "&").endswith("back=/my-work/") for link in links)
