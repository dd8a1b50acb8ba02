"""The sentence plan's steps: a child-protection case without an active objective; an objective whose
review date has come. Raised from the facts, timed by the deadline rules, in fixed queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from safeguard.cases.models import Case
from safeguard.core import deadlines
from safeguard.core.tasks import tasks_for_cases
from safeguard.plans import services
from safeguard.plans.tasks import plan_tasks

from .conftest import D, moment


def steps(case, rule):
    return [t for t in tasks_for_cases([Case.objects.get(pk=case.pk)])[case.pk] if t.rule == rule]


def test_a_child_protection_case_needs_an_objective_within_the_timescale(world, cp_case, add):
    [step] = steps(cp_case, "plans.cp_objective")
    # 15 working days from the case's opening (23 November; the plan began before it)
    assert step.due_on == D(2026, 12, 14) and step.url == f"/cases/{cp_case.pk}/plans/objectives/new/"
    assert "on a child-protection plan" in step.fact
    objective = add()
    assert not steps(cp_case, "plans.cp_objective")
    services.objective_end(
        actor=world["officer1"], case=cp_case, objective=objective, status="achieved", ended_on=D(2026, 11, 23), end_reason="Done"
    )
    assert steps(cp_case, "plans.cp_objective")  # no active objective again


def test_a_case_without_concerns_needs_no_objective(make_case, fixed_today):
    assert not steps(make_case(last_name="Quiet"), "plans.cp_objective")


def test_the_review_step_comes_near_the_review_date_and_goes_with_the_review(world, cp_case, add, fixed_today):
    objective = add(review_on=D(2026, 12, 14))
    assert not steps(cp_case, "plans.objective_review")
    fixed_today.move_to(moment(D(2026, 12, 10)))
    [step] = steps(cp_case, "plans.objective_review")
    assert step.status == "Due soon" and step.due_on == D(2026, 12, 14)
    fixed_today.move_to(moment(D(2026, 12, 15)))
    [step] = steps(cp_case, "plans.objective_review")
    assert step.status == "Overdue"
    services.objective_review(
        actor=world["officer1"],
        case=cp_case,
        objective=objective,
        written_on=D(2026, 12, 15),
        text="Seen",
        next_review_on=D(2027, 3, 1),
    )
    assert not steps(cp_case, "plans.objective_review")


def test_fixed_queries_whatever_the_number_of_cases(world, make_case, fixed_today):
    def count(cases) -> int:
        loaded = {c.pk: c for c in Case.objects.filter(pk__in=[c.pk for c in cases]).select_related("service_user", "team__area")}
        due = deadlines.due_by_case()
        with CaptureQueriesContext(connection) as queries:
            found = plan_tasks(loaded, due, D(2027, 2, 1))
        assert found
        return len(queries)

    few = [make_case(last_name=f"Few{i}", children=1) for i in range(2)]
    many = few + [make_case(last_name=f"Many{i}", children=2) for i in range(5)]
    for case in many[2:5]:
        services.objective_add(
            actor=world["officer1"],
            case=case,
            work="Visit the home monthly to see the children",
            informing="Email the social worker after each visit",
            review_on=D(2027, 1, 4),
        )
    assert count(few) == count(many) == 4
