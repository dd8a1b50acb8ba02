"""A review made due by a change of circumstances counts as overdue everywhere the register counts.

The rule (West Mercia 5.2: the review follows the change): an unresolved change of circumstances
makes the review due on the day of the change, the date the "Review the registration now" step
carries. No grace period: like every other step, it is overdue from the day after its due date. The
register page (each row and its count), its "overdue" filter, the monthly report (its count and its
rows) and the CSV say what the steps say.

A change applies to a registration that was on record when the change was recorded (even if the
change itself happened earlier and was only learnt of later); a change left over from a registration
that has since ended does not make a new registration overdue, nor raise a step on its own.
"""

import csv
import datetime
import io

import pytest
import time_machine

from safeguard.core import clock
from safeguard.core.tasks import tasks_for_cases
from safeguard.people import services as people
from safeguard.register import services
from safeguard.register.models import ReviewTrigger
from safeguard.testing import council, deregister

D = datetime.date
DEC_1 = datetime.datetime(2026, 12, 1, 10, tzinfo=datetime.UTC)


def register(world, case, *, on, category="linked_child"):
    children = [link.child for link in case.service_user.child_links.all()] if category == "linked_child" else []
    return services.register_case(
        actor=world["officer1"],
        case=case,
        category=category,
        trigger_date=on,
        registered_on=on,
        children=children,
        reason="On a plan",
    )


def review_now_steps(case):
    return [t for t in tasks_for_cases([case])[case.pk] if t.kind == "register_review_now"]


def what_the_register_says(client):
    """(names listed as overdue on the page, the page's overdue count, names the filter lists, the
    report's overdue count, CSV rows marked overdue)."""
    page = client.get("/register/").content.decode()
    rows = page.split('<tbody class="govuk-table__body">')[1].split("</tbody>")[0].split("</tr>")
    overdue_on_page = sorted(name for name in ("Changed", "Steady") for row in rows if name in row and "Overdue" in row)
    count = page.split('id="register-count">')[1].split("</p>")[0]
    filtered = client.get("/register/?review_overdue=on").content.decode()
    listed = sorted(name for name in ("Changed", "Steady") if name in filtered)
    report = client.get("/register/report/", {"month": f"{clock.today():%Y-%m}"}).content.decode()
    summary = report.split('id="report-summary">')[1].split("</p>")[0]
    response = client.get("/register/report/", {"month": f"{clock.today():%Y-%m}", "format": "csv"})
    lines = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))[1:]
    in_csv = sorted(line[0].split()[-1].title() for line in lines if line[10] == "Overdue")
    return overdue_on_page, count, listed, summary, in_csv


@pytest.fixture
def two_registered(world, make_case, fixed_today):
    """Two cases registered on 20 November 2026 (reviews due in March); on 23 November the child of
    one moves house, which makes that case's review due now."""
    changed = make_case(last_name="Changed", children=1)
    steady = make_case(last_name="Steady", children=1)
    for case in (changed, steady):
        register(world, case, on=D(2026, 11, 20))
    child = changed.service_user.child_links.get().child
    people.child_address_change(
        actor=world["officer1"],
        case=changed,
        child=child,
        where="new",
        address={"line_1": "2 New Road", "local_authority": council("Herefordshire")},
    )
    return changed, steady


def test_a_review_due_after_a_change_is_overdue_on_the_page_the_filter_the_report_and_the_csv(client, world, two_registered):
    changed, steady = two_registered
    client.force_login(world["lead1"])
    # The day of the change: due today, not yet overdue, on the register as in the steps.
    assert [t.is_overdue for t in review_now_steps(changed)] == [False]
    assert what_the_register_says(client) == (
        [],
        "2 current registrations, 0 with the review overdue",
        [],
        "2 registered cases, 0 with the review overdue (listed first).",
        [],
    )
    with time_machine.travel(DEC_1, tick=False):
        client.force_login(world["lead1"])
        assert [t.is_overdue for t in review_now_steps(changed)] == [True]
        assert not any(t.is_overdue for t in tasks_for_cases([steady])[steady.pk] if t.kind.startswith("register_review"))
        assert what_the_register_says(client) == (
            ["Changed"],
            "2 current registrations, 1 with the review overdue",
            ["Changed"],
            "2 registered cases, 1 with the review overdue (listed first).",
            ["Changed"],
        )


def test_a_change_learnt_of_after_registration_is_counted_from_the_day_it_happened(client, world, make_case, fixed_today):
    """The service user moved on 1 November; the officer registered on 20 November and recorded the
    move on 23 November: the step is due from 1 November, so the register says overdue too."""
    case = make_case(last_name="Changed", children=1)
    register(world, case, on=D(2026, 11, 20))
    people.service_user_address_add(
        actor=world["officer1"],
        case=case,
        service_user=case.service_user,
        address={"line_1": "9 Elm Close", "local_authority": council()},
        address_type="stays",
        start_date=D(2026, 11, 1),
    )
    [step] = review_now_steps(case)
    assert step.due_on == D(2026, 11, 1) and step.is_overdue
    client.force_login(world["lead1"])
    page, count, listed, summary, in_csv = what_the_register_says(client)
    assert page == listed == in_csv == ["Changed"]
    assert count == "1 current registration, 1 with the review overdue"
    assert summary == "1 registered case, 1 with the review overdue (listed first)."
    assert "01/11/2026 (change of circumstances)" in client.get("/register/").content.decode()


def test_a_change_left_from_an_ended_registration_does_not_make_a_new_one_overdue(client, world, make_case, fixed_today):
    case = make_case(last_name="Changed", children=1)
    first = register(world, case, on=D(2026, 11, 20))
    people.service_user_update(actor=world["officer1"], case=case, service_user=case.service_user, rosh_level="high")
    assert ReviewTrigger.objects.filter(case=case, resolved_by__isnull=True).count() == 1
    deregister(world, case, first, "other")
    assert review_now_steps(case) == []  # nothing registered, nothing to review
    with time_machine.travel(DEC_1, tick=False):
        register(world, case, on=D(2026, 12, 1), category="risk_unspecified")
        assert review_now_steps(case) == []
        client.force_login(world["lead1"])
        page, count, listed, summary, in_csv = what_the_register_says(client)
        assert page == listed == in_csv == []
        assert count == "1 current registration, 0 with the review overdue"
