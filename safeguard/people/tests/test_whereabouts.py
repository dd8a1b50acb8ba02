"""A child's whereabouts: unknown since a date, found on a date; while unknown, a flag on the child and
a step on every case the child is linked to, which stays until the child is found."""

import datetime
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError

from safeguard.core import flags
from safeguard.core.tasks import OVERDUE, tasks_for_cases
from safeguard.people import services
from safeguard.people.models import ChildWhereabouts
from tests.test_no_preselected_answers import answered_in

D = datetime.date
EMPTY = {"csrfmiddlewaretoken": "sent by every browser"}  # a form sent with nothing answered


def on(day: D):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 10, tzinfo=datetime.UTC), tick=False)


def missing_steps(case):
    return [t for t in tasks_for_cases([case])[case.pk] if t.rule == "people.child_missing"]


@pytest.fixture
def family(world, make_case, fixed_today):
    """A case with one child (on a plan, living with the service user), today Monday 23 November 2026."""
    return make_case(first_name="Dean", last_name="Bishop", children=1)


def child_of(case):
    return case.service_user.child_links.get().child


def test_a_child_whose_whereabouts_are_unknown_raises_a_step_from_that_fact_alone(family, world):
    child = child_of(family)
    assert missing_steps(family) == []
    services.child_missing(
        actor=world["officer1"], case=family, child=child, missing_since=D(2026, 11, 20), what_is_known="Left school at 3pm"
    )
    [step] = missing_steps(family)
    assert step.title == f"Find out where {child} is: tell children's social care and the police"
    assert step.rule == "people.child_missing"
    assert step.why.source == "WM 3.2; local"
    assert step.fact == f"{child}'s whereabouts unknown since 20/11/2026: Left school at 3pm"
    assert step.due_on == D(2026, 11, 23)  # one working day after Friday 20 November
    assert step.subject == ("people.Child", child.pk)
    assert step.url == f"/cases/{family.pk}/children/{child.pk}/found/"


def test_the_step_stays_overdue_until_the_child_is_found_whatever_else_is_answered(family, world):
    """Nothing short of "found" completes it: a 'no trace' answer from the council, weeks passing."""
    from safeguard.checks import services as checks
    from safeguard.checks.models import RequestChild

    child = child_of(family)
    services.child_missing(actor=world["officer1"], case=family, child=child, missing_since=D(2026, 11, 23))
    request = checks.requests_prepare(actor=world["officer1"], case=family)[0]
    checks.request_send(
        actor=world["officer1"], case=family, request=request, sent_on=D(2026, 11, 23), channel="portal", recipient="MASH"
    )
    checks.request_answer(
        actor=world["officer1"],
        case=family,
        request=request,
        answered_on=D(2026, 11, 23),
        service_user_known=False,
        children={child.pk: {"known": RequestChild.Known.NO_TRACE}},
    )
    with on(D(2027, 2, 1)):
        [step] = missing_steps(family)
        assert step.status == OVERDUE
        services.child_found(
            actor=world["officer1"], case=family, child=child, found_on=D(2027, 2, 1), found_where="At her aunt's"
        )
        assert missing_steps(family) == []


def test_the_step_is_on_every_case_the_child_is_linked_to(family, world, make_case):
    child = child_of(family)
    other = make_case(first_name="Lee", last_name="Grant")
    services.child_link_add(actor=world["officer1"], case=other, child=child, relationship="partners_child", contact="regular")
    services.child_missing(actor=world["officer1"], case=family, child=child, missing_since=D(2026, 11, 22))
    by_case = tasks_for_cases([family, other])
    for case in (family, other):
        assert [t.title for t in by_case[case.pk] if t.rule == "people.child_missing"] == [
            f"Find out where {child} is: tell children's social care and the police"
        ]


def test_a_missing_child_carries_a_warning_flag_until_found(family, world):
    child = child_of(family)
    services.child_missing(actor=world["officer1"], case=family, child=child, missing_since=D(2026, 11, 21))
    [flag] = [f for f in flags.for_children([child.pk])[child.pk] if f.label == "Missing"]
    assert flag.since == D(2026, 11, 21) and flag.colour == "red"
    services.child_found(actor=world["officer1"], case=family, child=child, found_on=D(2026, 11, 23), found_where="Home")
    assert not [f for f in flags.for_children([child.pk]).get(child.pk, []) if f.label == "Missing"]


def test_a_child_missing_twice_keeps_both_periods(family, world):
    child = child_of(family)
    services.child_missing(actor=world["officer1"], case=family, child=child, missing_since=D(2026, 10, 1))
    services.child_found(actor=world["officer1"], case=family, child=child, found_on=D(2026, 10, 3), found_where="Friend's house")
    services.child_missing(actor=world["officer1"], case=family, child=child, missing_since=D(2026, 11, 20))
    periods = list(ChildWhereabouts.objects.filter(child=child).order_by("missing_since"))
    assert [(p.missing_since, p.found_on) for p in periods] == [(D(2026, 10, 1), D(2026, 10, 3)), (D(2026, 11, 20), None)]
    [step] = missing_steps(family)
    assert "20/11/2026" in step.fact


def test_the_dates_must_make_sense(family, world):
    child = child_of(family)
    with pytest.raises(ValidationError, match="today or in the past"):
        services.child_missing(actor=world["officer1"], case=family, child=child, missing_since=D(2026, 11, 24))
    services.child_missing(actor=world["officer1"], case=family, child=child, missing_since=D(2026, 11, 20))
    with pytest.raises(ValidationError, match="already recorded as missing"):
        services.child_missing(actor=world["officer1"], case=family, child=child, missing_since=D(2026, 11, 21))
    with pytest.raises(ValidationError, match="on or after"):
        services.child_found(actor=world["officer1"], case=family, child=child, found_on=D(2026, 11, 19), found_where="Home")


def test_the_officer_records_missing_then_found_on_the_childs_pages(client, world, family):
    child = child_of(family)
    client.force_login(world["officer1"])
    page = client.get(f"/cases/{family.pk}/children/{child.pk}/").content.decode()
    assert "Record that the child’s whereabouts are unknown" in page
    missing = client.get(f"/cases/{family.pk}/children/{child.pk}/missing/").content.decode()
    assert not re.search(r'name="missing_since_(day|month|year)"[^>]*value="\d', missing)  # no date filled in
    empty = client.post(f"/cases/{family.pk}/children/{child.pk}/missing/", EMPTY).content.decode()
    assert "Enter date the child&#x27;s whereabouts became unknown" in empty
    response = client.post(
        f"/cases/{family.pk}/children/{child.pk}/missing/",
        {"missing_since_day": "20", "missing_since_month": "11", "missing_since_year": "2026", "what_is_known": "Seen in town"},
    )
    assert response.status_code == 302
    page = client.get(f"/cases/{family.pk}/children/{child.pk}/").content.decode()
    assert "Unknown since 20 November 2026" in page and "Seen in town" in page
    assert "Record that the child has been found" in page
    found_form = client.get(f"/cases/{family.pk}/children/{child.pk}/found/").content.decode()
    assert answered_in(found_form) == [] and answered_in(missing) == []  # nothing answered, no date filled in
    overview = client.get(f"/cases/{family.pk}/").content.decode()
    assert "Missing" in overview
    empty = client.post(f"/cases/{family.pk}/children/{child.pk}/found/", EMPTY).content.decode()
    assert "Enter date the child was found" in empty and "Enter where the child was found" in empty
    response = client.post(
        f"/cases/{family.pk}/children/{child.pk}/found/",
        {"found_on_day": "23", "found_on_month": "11", "found_on_year": "2026", "found_where": "At her grandmother's"},
    )
    assert response.status_code == 302
    page = client.get(f"/cases/{family.pk}/children/{child.pk}/").content.decode()
    assert "Found on 23 November 2026" in page and "At her grandmother" in page
    assert missing_steps(family) == []


def test_recording_found_for_a_child_not_missing_goes_back_to_the_child(client, world, family):
    child = child_of(family)
    client.force_login(world["officer1"])
    response = client.get(f"/cases/{family.pk}/children/{child.pk}/found/")
    assert response.status_code == 302 and response["Location"] == f"/cases/{family.pk}/children/{child.pk}/"


def test_the_pages_are_refused_for_a_child_on_another_case(client, world, make_case, family):
    child = child_of(family)
    far = make_case(last_name="Far", team=world.far, holder=world["officer3"])
    client.force_login(world["officer3"])
    for page in ("missing", "found"):
        assert client.get(f"/cases/{far.pk}/children/{child.pk}/{page}/").status_code == 404


def test_the_provider_loads_missing_children_in_one_query_for_any_number_of_cases(world, make_case, fixed_today):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from safeguard.people.tasks import whereabouts_tasks

    def count(cases):
        by_id = {case.pk: case for case in cases}
        with CaptureQueriesContext(connection) as queries:
            found = list(whereabouts_tasks(by_id, lambda rule, start, case: start, D(2026, 11, 23)))
        return len(queries), found

    cases = []
    for i in range(6):
        case = make_case(last_name=f"Gone{i}", children=2)
        cases.append(case)
        for link in case.service_user.child_links.all():
            services.child_missing(actor=world["officer1"], case=case, child=link.child, missing_since=D(2026, 11, 20))
    small, found_small = count(cases[:1])
    large, found_large = count(cases)
    assert (len(found_small), len(found_large)) == (2, 12)
    assert small == large == 1
