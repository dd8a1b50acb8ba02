"""The steps home visits raise: a visit to every current address where a linked child lives (a second
address where the service user stays included); a registered case's visit every 3 months, counted
from the registration, the last visit or the last agreed reason; the manager's decision on a reason."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError

from safeguard.core.models import DeadlineRule
from safeguard.core.tasks import tasks_for_cases
from safeguard.people import services as people
from safeguard.register import services as register
from safeguard.testing import council
from safeguard.visits import services

from .conftest import child

D = datetime.date


def on(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, 10, 0, tzinfo=zoneinfo.ZoneInfo("Europe/London"))


def steps(case, rule):
    return [t for t in tasks_for_cases([case])[case.pk] if t.rule == rule]


def stays_with_kayleigh(world, case):
    """Darren also stays at 9 Elm Road, where Kayleigh lives with her mother."""
    return people.service_user_address_add(
        actor=world["officer1"],
        case=case,
        service_user=case.service_user,
        address=child(case, "Kayleigh").address,
        address_type="stays",
    )


def test_a_second_address_where_a_linked_child_lives_needs_a_visit(world, visit_case, visit):
    [first] = steps(visit_case, "visits.address_visit")
    assert first.title == "Visit 1 High Street, Worcester, WR1 1AA: children live or stay there"
    assert "Tyler Holt lives at 1 High Street" in first.fact
    use = stays_with_kayleigh(world, visit_case)
    raised = {t.title: t for t in steps(visit_case, "visits.address_visit")}
    second = raised["Visit 9 Elm Road, Worcester, WR2 4AA: children live or stay there"]
    assert "Kayleigh Holt lives at 9 Elm Road" in second.fact and "known to stay here" in second.fact
    assert second.url == f"/cases/{visit_case.pk}/visits/new/{use.pk}/"
    assert second.due_on == D(2026, 12, 7)  # 10 working days from the day the address was recorded

    visit(address=use.address, visited_on=D(2026, 11, 23))
    assert [t.title for t in steps(visit_case, "visits.address_visit")] == [first.title]


def test_a_refused_visit_leaves_the_address_to_visit(visit, visit_case):
    visit(consent_given=False, children={})
    assert steps(visit_case, "visits.address_visit")
    visit()
    assert not steps(visit_case, "visits.address_visit")


def test_a_visit_before_the_service_user_lived_there_does_not_count(world, visit, visit_case, fixed_today):
    visit(visited_on=D(2026, 11, 20))
    assert not steps(visit_case, "visits.address_visit")
    people.service_user_address_end(
        actor=world["officer1"], case=visit_case, use=visit_case.service_user.addresses.get(), end_date=D(2026, 11, 23)
    )
    people.service_user_address_add(
        actor=world["officer1"],
        case=visit_case,
        service_user=visit_case.service_user,
        address=child(visit_case, "Tyler").address,
        address_type="given",
        start_date=D(2026, 11, 23),
    )
    assert steps(visit_case, "visits.address_visit")  # back at the same address: visited before this stay began


@pytest.fixture
def registered(world, visit_case):
    tyler = child(visit_case, "Tyler")
    people.status_add(
        actor=world["officer1"],
        case=visit_case,
        child=tyler,
        status="cpp",
        category="neglect",
        start_date=D(2026, 11, 2),
        local_authority=council(),
    )
    register.register_case(
        actor=world["officer1"],
        case=visit_case,
        category="linked_child",
        trigger_date=D(2026, 11, 23),
        registered_on=D(2026, 11, 23),
        children=[tyler],
        reason="Tyler on a plan",
    )
    return visit_case


def test_a_registered_case_needs_a_visit_every_three_months(registered, visit, fixed_today):
    assert DeadlineRule.objects.get(name="home_visit_registered").unit == "months"
    assert not steps(registered, "visits.registered_visit")  # not due for three months
    fixed_today.move_to(on(D(2027, 2, 18)))
    [step] = steps(registered, "visits.registered_visit")
    assert step.due_on == D(2027, 2, 23) and step.status == "Due soon"
    assert "since the registration on 23/11/2026" in step.fact
    fixed_today.move_to(on(D(2027, 2, 24)))
    [step] = steps(registered, "visits.registered_visit")
    assert step.status == "Overdue"

    visit(visited_on=D(2027, 2, 24))
    assert not steps(registered, "visits.registered_visit")
    fixed_today.move_to(on(D(2027, 5, 25)))
    [step] = steps(registered, "visits.registered_visit")
    assert step.due_on == D(2027, 5, 24) and "last home visit on 24/02/2027" in step.fact and step.status == "Overdue"


def test_a_reason_agreed_by_the_manager_covers_the_period(world, registered, fixed_today):
    fixed_today.move_to(on(D(2027, 2, 24)))
    reason = services.reason_record(actor=world["officer1"], case=registered, reason="Darren was in hospital all month")
    [manager_step] = steps(registered, "visits.reason_decision")
    assert manager_step.needs_manager and manager_step.url.endswith(f"/visits/reasons/{reason.pk}/decide/")
    assert steps(registered, "visits.registered_visit")[0].status == "Overdue"  # a reason alone does not cover

    services.reason_decide(actor=world["manager1"], case=registered, reason=reason, agreed=True, decided_on=D(2027, 2, 24))
    assert not steps(registered, "visits.registered_visit") and not steps(registered, "visits.reason_decision")
    fixed_today.move_to(on(D(2027, 5, 25)))
    [step] = steps(registered, "visits.registered_visit")
    assert step.due_on == D(2027, 5, 24) and "reason for no visit agreed on 24/02/2027" in step.fact


def test_a_reason_not_agreed_leaves_the_visit_overdue(world, registered, fixed_today):
    fixed_today.move_to(on(D(2027, 2, 24)))
    reason = services.reason_record(actor=world["officer1"], case=registered, reason="Too busy")
    with pytest.raises(ValidationError, match="Enter why you do not agree"):
        services.reason_decide(actor=world["manager1"], case=registered, reason=reason, agreed=False, decided_on=D(2027, 2, 24))
    services.reason_decide(
        actor=world["manager1"],
        case=registered,
        reason=reason,
        agreed=False,
        decided_on=D(2027, 2, 24),
        manager_comment="Visit this week",
    )
    assert steps(registered, "visits.registered_visit")[0].status == "Overdue"
    assert not steps(registered, "visits.reason_decision")


def test_only_a_manager_of_the_case_decides_and_only_once(world, registered, fixed_today):
    reason = services.reason_record(actor=world["officer1"], case=registered, reason="Away")
    with pytest.raises(ValidationError, match="already waiting"):
        services.reason_record(actor=world["officer1"], case=registered, reason="Away again")
    for someone in ("officer1", "manager2"):  # no permission; a manager of another team
        with pytest.raises(ValidationError, match="Only a line manager of this case"):
            services.reason_decide(actor=world[someone], case=registered, reason=reason, agreed=True, decided_on=D(2026, 11, 23))
    services.reason_decide(actor=world["lead1"], case=registered, reason=reason, agreed=True, decided_on=D(2026, 11, 23))
    with pytest.raises(ValidationError, match="already recorded"):
        services.reason_decide(
            actor=world["manager1"],
            case=registered,
            reason=reason,
            agreed=False,
            decided_on=D(2026, 11, 23),
            manager_comment="No",
        )


def test_the_steps_of_many_cases_load_in_a_fixed_number_of_queries(world, make_case, fixed_today, django_assert_max_num_queries):
    from safeguard.cases.models import Case
    from safeguard.core import deadlines
    from safeguard.visits.tasks import visit_tasks

    for i in range(4):
        make_case(last_name=f"Many{i}", children=2)
    cases = {c.pk: c for c in Case.objects.select_related("service_user", "team__area")}
    due = deadlines.due_by_case()
    with django_assert_max_num_queries(6):
        found = visit_tasks(cases, due, D(2026, 11, 23))
    assert len(found) == 4
