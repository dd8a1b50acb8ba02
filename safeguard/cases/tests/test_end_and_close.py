"""Ending an order and closing a case from the case's own pages: when and why, and what follows (a
registered case's review falls due now; after the last order, de-registration is the next step)."""

import datetime

import pytest

from safeguard.cases.models import Case, Order
from safeguard.core.models import AccessLog
from safeguard.core.tasks import tasks_for_cases
from safeguard.register import services as register


@pytest.fixture
def registered(world, make_case, fixed_today):
    case = make_case(children=1)
    child = case.service_user.child_links.get().child
    day = datetime.date(2026, 11, 2)
    order = case.orders.create(stage="court_order", order_type="community_order", start_date=datetime.date(2026, 1, 5))
    register.register_case(
        actor=world["officer1"],
        case=case,
        category="linked_child",
        trigger_date=day,
        registered_on=day,
        children=[child],
        reason="Plan",
    )
    return case, order


def _end(client, case, order, **overrides):
    data = {"ended_on_day": "20", "ended_on_month": "11", "ended_on_year": "2026", "end_reason": "completed"} | overrides
    return client.post(f"/cases/{case.pk}/orders/{order.pk}/end/", data)


def test_ending_the_last_order_makes_the_review_due_now_and_asks_about_de_registration(client, world, registered):
    case, order = registered
    client.force_login(world["officer1"])
    overview = client.get(f"/cases/{case.pk}/").content.decode()
    assert f"/cases/{case.pk}/orders/{order.pk}/end/" in overview and "Close the case" not in overview
    assert _end(client, case, order).status_code == 302
    order.refresh_from_db()
    assert (order.ended_on, order.end_reason) == (datetime.date(2026, 11, 20), "completed")
    tasks = {task.kind: task for task in tasks_for_cases([Case.objects.get(pk=case.pk)])[case.pk]}
    assert "register_review_now" in tasks
    prompt = tasks["register_last_order_ended"]
    assert prompt.due_on == datetime.date(2026, 11, 20)
    assert prompt.url == f"/cases/{case.pk}/register/{case.registrations.get().pk}/deregister/"
    overview = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Close the case" in overview and "ended 20 November 2026 (completed)" in overview


def test_a_second_open_order_means_no_de_registration_prompt(client, world, registered):
    case, order = registered
    case.orders.create(stage="licence", order_type="licence", start_date=datetime.date(2026, 3, 1))
    client.force_login(world["officer1"])
    _end(client, case, order)
    kinds = {task.kind for task in tasks_for_cases([Case.objects.get(pk=case.pk)])[case.pk]}
    assert "register_last_order_ended" not in kinds


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"end_reason": ""}, "Select why the order ended"),
        ({"ended_on_year": "2025"}, "The date it ended must be on or after the order&#x27;s start"),
        ({"ended_on_year": "2027"}, "must be today or in the past"),
    ],
)
def test_an_order_end_that_cannot_be_right_is_refused(client, world, registered, overrides, message):
    case, order = registered
    client.force_login(world["officer1"])
    page = _end(client, case, order, **overrides).content.decode()
    assert message in page
    order.refresh_from_db()
    assert order.ended_on is None


def test_an_order_ends_once(client, world, registered):
    case, order = registered
    client.force_login(world["officer1"])
    _end(client, case, order)
    page = _end(client, case, order, ended_on_day="21").content.decode()
    assert "This order already ended on 20/11/2026" in page
    assert Order.objects.get(pk=order.pk).ended_on == datetime.date(2026, 11, 20)


def test_a_case_closes_only_when_every_order_has_ended(client, world, registered):
    case, order = registered
    client.force_login(world["officer1"])
    close = {"closed_on_day": "23", "closed_on_month": "11", "closed_on_year": "2026", "close_reason": "completed"}
    page = client.post(f"/cases/{case.pk}/close/", close).content.decode()
    assert "End the open orders first: Community order from 05/01/2026" in page
    assert Case.objects.get(pk=case.pk).status == Case.Status.OPEN
    _end(client, case, order)
    assert client.post(f"/cases/{case.pk}/close/", close).status_code == 302
    closed = Case.objects.get(pk=case.pk)
    assert (closed.status, closed.closed_on, closed.close_reason) == ("closed", datetime.date(2026, 11, 23), "completed")
    assert "Closed on 23 November 2026: completed" in client.get(f"/cases/{case.pk}/").content.decode()


def test_a_trainee_cannot_close_a_case_and_the_refusal_is_logged(client, world, registered):
    case, order = registered
    client.force_login(world["trainee1"])
    response = client.post(f"/cases/{case.pk}/close/", {"close_reason": "completed"})
    assert response.status_code in (403, 404)
    assert AccessLog.objects.filter(user=world["trainee1"], outcome="refused").exists()
    assert Case.objects.get(pk=case.pk).status == Case.Status.OPEN
