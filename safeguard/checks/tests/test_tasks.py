"""Outstanding steps come from the records: what is missing, due, overdue, escalated."""

import datetime

import pytest
import time_machine

from safeguard.cases import services as case_services
from safeguard.checks import services
from safeguard.checks.models import CHECKLIST_QUESTIONS
from safeguard.core.tasks import tasks_for_cases
from safeguard.people import services as people_services
from safeguard.testing import council

D = datetime.date
ALL_NO = {name: False for name, _, _ in CHECKLIST_QUESTIONS}


def on(day: D):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 10, tzinfo=datetime.UTC), tick=False)


def titles(case):
    return [(t.title, t.status) for t in tasks_for_cases([case])[case.pk]]


@pytest.fixture
def case(world, make_case, fixed_today):
    case = make_case(children=1)
    case_services.order_add(
        actor=world["officer1"], case=case, stage="court_order", order_type="unpaid_work_only", start_date=D(2026, 11, 16)
    )
    return case


def test_a_new_case_needs_a_checklist_even_for_unpaid_work_only(case):
    assert ("Complete the safeguarding children checklist", "Due soon") in titles(case)
    task = next(t for t in tasks_for_cases([case])[case.pk] if t.kind == "checklist")
    assert task.due_on == D(2026, 11, 23)  # 5 working days after the order started


def test_every_new_order_needs_its_own_checklist(case, world):
    services.checklist_record(
        actor=world["officer1"], case=case, stage="start_of_order", asked_on=D(2026, 11, 16), answers=ALL_NO
    )
    # the child has been on a plan since 13 November, probation involved since 23 November (case opened):
    # notification due 5 working days after the later date (30 November: within the 5 working days of "due soon")
    assert ("Notify Worcestershire of probation involvement", "Due soon") in titles(case)
    assert not any("checklist" in title for title, _ in titles(case))
    notify = next(t for t in tasks_for_cases([case])[case.pk] if t.kind == "notify")
    assert notify.due_on == D(2026, 11, 30)
    with on(D(2027, 6, 1)):
        case_services.order_add(
            actor=world["officer1"], case=case, stage="licence", order_type="licence", start_date=D(2027, 6, 1)
        )
        assert any("checklist for the licence" in title for title, _ in titles(case))


def test_yes_answer_requires_requests_then_sending_then_a_reply(case, world):
    answers = {**ALL_NO, "living_with_children": True, "living_with_children_details": "Son"}
    services.checklist_record(
        actor=world["officer1"], case=case, stage="start_of_order", asked_on=D(2026, 11, 23), answers=answers
    )
    assert ("Prepare requests for information (the checklist was answered yes)", "Due soon") in titles(case)
    request = services.requests_prepare(actor=world["officer1"], case=case, trigger="checklist")[0]
    assert ("Send the request for information to Worcestershire", "Due soon") in titles(case)
    services.request_send(
        actor=world["officer1"], case=case, request=request, sent_on=D(2026, 11, 23), channel="portal", recipient="MASH"
    )
    assert ("Reply from Worcestershire children's social care", "Awaiting reply") in titles(case)
    with on(D(2026, 12, 3)):
        assert ("Reply from Worcestershire children's social care", "Due soon") in titles(case)
    with on(D(2026, 12, 8)):
        assert ("Reply from Worcestershire children's social care", "Overdue") in titles(case)
        services.request_chase(actor=world["officer1"], case=case, request=request, chased_on=D(2026, 12, 8), method="phone")
        task = next(t for t in tasks_for_cases([case])[case.pk] if t.kind == "request")
        assert (task.status, task.chases) == ("Overdue", 1)
    with on(D(2026, 12, 14)):
        assert ("Reply from Worcestershire children's social care", "Escalated") in titles(case)
        services.request_answer(
            actor=world["officer1"],
            case=case,
            request=request,
            answered_on=D(2026, 12, 14),
            service_user_known=False,
            children={request.request_children.get().child_id: {"known": "no_trace"}},
        )
        assert not any("Reply from" in title for title, _ in titles(case))


def test_domestic_abuse_marker_requires_a_police_check(case, world):
    people_services.service_user_update(actor=world["officer1"], case=case, service_user=case.service_user, domestic_abuse=True)
    case.service_user.refresh_from_db()
    assert any(title == "Send a police check (domestic-abuse marker)" for title, _ in titles(case))
    services.police_check_prepare(actor=world["officer1"], case=case, police_force="West Mercia Police")
    assert not any(title == "Send a police check (domestic-abuse marker)" for title, _ in titles(case))


def test_child_known_to_social_care_requires_a_notification_until_sent_and_acknowledged(case, world):
    child = case.service_user.child_links.get().child
    assert ("Notify Worcestershire of probation involvement", "Due soon") in titles(case)  # due 30 November
    notification = services.notification_prepare(
        actor=world["officer1"], case=case, kind="involvement", local_authority=council(), children=[child]
    )
    assert ("Send the notification of probation involvement to Worcestershire", "Due soon") in titles(case)
    services.notification_send(
        actor=world["officer1"],
        case=case,
        notification=notification,
        sent_on=D(2026, 11, 23),
        channel="secure_email",
        recipient="Key worker",
    )
    assert ("Acknowledgement from Worcestershire", "Awaiting reply") in titles(case)
    services.notification_acknowledge(
        actor=world["officer1"], case=case, notification=notification, acknowledged_on=D(2026, 11, 23)
    )
    # Nothing is left of the notification; the child still needs a check with the council (checks.child_on_file).
    assert [title for title, _ in titles(case) if "Worcestershire" in title] == [
        "Prepare a request for information to Worcestershire"
    ]


def test_loss_of_contact_requires_a_notification(case, world):
    case_services.whereabouts_record(actor=world["officer1"], case=case, since=D(2026, 11, 19))  # due the next working day
    case.refresh_from_db()
    assert ("Tell children's social care that contact has been lost", "Overdue") in titles(case)


def test_tasks_are_sorted_by_due_date(case, world):
    due = [t.due_on or D.max for t in tasks_for_cases([case])[case.pk]]  # undated steps come last
    assert due == sorted(due)
