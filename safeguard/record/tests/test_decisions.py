"""Manager decisions made measurable (West Mercia 5.6; HMIP 2002 72-74): a child-protection case not
discussed by its manager for four weeks raises the manager's step; a supervision covering several of
an officer's cases records a discussion on each case ticked, all or nothing, only on cases the manager
may see and manages."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from safeguard.accounts import roles
from safeguard.cases.models import Case
from safeguard.core import deadlines
from safeguard.core import steps as stored_steps
from safeguard.core.models import AccessLog, DeadlineRule
from safeguard.core.tasks import tasks_for_cases
from safeguard.people import services as people
from safeguard.record import services
from safeguard.record.models import ManagerDecision
from safeguard.record.tasks import DEADLINE, discussion_tasks
from safeguard.testing import council, make_user

LONDON = zoneinfo.ZoneInfo("Europe/London")
D = datetime.date
RULE = "record.manager_discussion"
OPENED = D(2026, 10, 12)  # a Monday: the cases open, Tyler has been on a plan since 2 October
SUPERVISION = "/record/supervision/"


def moment(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, 10, 0, tzinfo=LONDON)


@pytest.fixture
def clock():
    with time_machine.travel(moment(OPENED), tick=False) as traveller:
        yield traveller


def on(clock, day: datetime.date) -> None:
    clock.move_to(moment(day))


@pytest.fixture
def cp_case(world, make_case, clock):
    """Wayne Garside's case in North, held by officer1: Tyler, on a child-protection plan."""
    return make_case(first_name="Wayne", last_name="Garside", children=1)


def steps(case: Case) -> list:
    case = Case.objects.select_related("service_user", "team__area").get(pk=case.pk)
    return [task for task in tasks_for_cases([case])[case.pk] if task.rule == RULE]


def decide(world, case, day, kind="supervision", **values):
    return services.decision_record(
        actor=world["manager1"],
        case=case,
        decided_on=day,
        kind=kind,
        decision=values.pop("decision", "Continue the plan"),
        section=values.pop("section", "general"),
        **values,
    )


def test_the_step_appears_the_day_after_four_weeks_without_a_discussion(world, cp_case, clock):
    decide(world, cp_case, OPENED)
    on(clock, OPENED + datetime.timedelta(days=28))
    assert steps(cp_case) == []
    on(clock, OPENED + datetime.timedelta(days=29))
    [step] = steps(cp_case)
    assert step.title == "Discuss the case in supervision"
    assert step.fact == "No manager discussion recorded since 12 October 2026"
    assert step.needs_manager and step.due_on == D(2026, 11, 9) and step.is_overdue
    assert step.url == f"/cases/{cp_case.pk}/record/decisions/new/"
    assert step.why.source == "West Mercia 5.6; HMIP 2002 72-74"


def test_without_any_discussion_the_clock_runs_from_the_case_becoming_a_child_protection_case(world, cp_case, clock):
    on(clock, D(2026, 11, 9))
    assert steps(cp_case) == []
    on(clock, D(2026, 11, 10))
    [step] = steps(cp_case)
    assert step.fact == "No manager discussion recorded" and step.due_on == D(2026, 11, 9)


def test_the_step_goes_when_a_decision_of_either_kind_is_recorded_and_the_clock_restarts(world, cp_case, clock):
    on(clock, D(2026, 11, 20))
    assert steps(cp_case)
    decide(world, cp_case, D(2026, 11, 20), kind="decision", decision="Refer to the MASH")
    assert steps(cp_case) == []
    on(clock, D(2026, 12, 18))
    assert steps(cp_case) == []
    on(clock, D(2026, 12, 19))
    assert [step.fact for step in steps(cp_case)] == ["No manager discussion recorded since 20 November 2026"]


def test_a_case_without_a_child_on_a_plan_or_closed_raises_nothing(world, make_case, clock):
    plain = make_case(first_name="No", last_name="Plan")
    people.child_add(
        actor=world["officer1"],
        case=plain,
        where="service_user",
        child={"first_name": "Amy", "last_name": "Plan", "date_of_birth": D(2019, 1, 1)},
        link={"relationship": "parent", "contact": "lives_with", "parental_responsibility": True},
        status={"status": "child_in_need", "start_date": D(2026, 10, 1), "local_authority": council()},
    )
    closed = make_case(first_name="Closed", last_name="Case", children=1)
    Case.objects.filter(pk=closed.pk).update(status=Case.Status.CLOSED)
    stored_steps.touch([closed.pk])  # written past save(): its steps worked out again
    on(clock, D(2027, 1, 30))
    assert steps(plain) == [] and steps(closed) == []


def test_a_plan_that_starts_later_starts_the_clock_and_an_earlier_discussion_does_not_count(world, make_case, clock):
    case = make_case(first_name="Late", last_name="Plan")
    child = people.child_add(
        actor=world["officer1"],
        case=case,
        where="service_user",
        child={"first_name": "Ruby", "last_name": "Plan", "date_of_birth": D(2019, 1, 1)},
        link={"relationship": "parent", "contact": "lives_with", "parental_responsibility": True},
    ).child
    decide(world, case, OPENED)  # before the case was a child-protection case
    on(clock, D(2026, 11, 2))
    assert steps(case) == []
    people.status_add(
        actor=world["officer1"], case=case, child=child, status="cpp", category="neglect", start_date=D(2026, 11, 2)
    )
    on(clock, D(2026, 11, 30))
    assert steps(case) == []
    on(clock, D(2026, 12, 1))
    [step] = steps(case)
    assert step.due_on == D(2026, 11, 30)


def test_the_length_comes_from_the_deadline_rule(world, cp_case, clock):
    decide(world, cp_case, OPENED)
    DeadlineRule.objects.filter(name=DEADLINE).update(length=14)
    stored_steps.verify(repair=True)  # written past save(): every case worked out again
    on(clock, D(2026, 10, 26))
    assert steps(cp_case) == []
    on(clock, D(2026, 10, 27))
    [step] = steps(cp_case)
    assert step.due_on == D(2026, 10, 26)
    DeadlineRule.objects.filter(name=DEADLINE).update(length=2, unit=DeadlineRule.Unit.MONTHS)
    stored_steps.verify(repair=True)
    on(clock, D(2026, 12, 12))
    assert steps(cp_case) == []
    on(clock, D(2026, 12, 13))
    assert [step.due_on for step in steps(cp_case)] == [D(2026, 12, 12)]


def test_one_query_per_kind_of_record_whatever_the_number_of_cases(world, make_case, clock):
    def count(cases: list[Case]) -> int:
        loaded = {case.pk: case for case in Case.objects.filter(pk__in=[c.pk for c in cases]).select_related("team__area")}
        due = deadlines.due_by_case([DEADLINE])
        with CaptureQueriesContext(connection) as queries:
            found = discussion_tasks(loaded, due, D(2027, 1, 30))
        assert len(found) == len(cases)
        return len(queries)

    few = [make_case(last_name=f"Few{i}", children=1) for i in range(2)]
    many = few + [make_case(last_name=f"Many{i}", children=2) for i in range(6)]
    for case in many[:3]:
        decide(world, case, OPENED)
    assert count(few) == count(many) == 2


def test_my_work_shows_the_step_to_the_manager_as_a_decision_waiting(client, world, cp_case, clock):
    on(clock, D(2026, 11, 10))
    client.force_login(world["manager1"])
    page = client.get("/my-work/").content.decode()
    waiting = page.split('id="decisions-heading"')[1].split("<h2")[0]
    assert "Discuss the case in supervision" in waiting and "Wayne Garside" in waiting
    client.force_login(world["manager2"])  # South's manager: not their case
    assert "Discuss the case in supervision" not in client.get("/my-work/").content.decode()
    client.force_login(world["officer1"])  # the case holder sees it as waiting on the manager, not overdue for them
    page = client.get("/my-work/").content.decode()
    overdue = page.split('id="overdue-heading"')[1].split("<h2")[0]
    later = page.split('id="later"')[1]
    assert "Discuss the case in supervision" not in overdue and "Discuss the case in supervision" in later


# The supervision page: several cases at once.


@pytest.fixture
def officer_cases(world, make_case, clock):
    """officer1's three open North cases, and officer2's case in South (manager1 does not manage South)."""
    north = [make_case(first_name=first, last_name="North", children=1) for first in ("Adam", "Bea", "Cal")]
    south = make_case(first_name="Dee", last_name="South", team=world.south, holder=world["officer2"])
    return north, south


def _step_two(world, day=OPENED) -> str:
    return f"{SUPERVISION}?officer={world['officer1'].pk}&decided_on_day={day.day}&decided_on_month={day.month}&decided_on_year={day.year}"


def _answers(cases, per_case=None, submission="") -> dict:
    data = {"cases": [case.pk for case in cases], "submission": submission}
    for case in cases:
        for name, value in (per_case or {}).get(case.pk, {}).items():
            data[f"case-{case.pk}-{name}"] = value
    return data


def test_the_manager_chooses_among_the_officers_of_the_cases_they_manage(client, world, officer_cases):
    client.force_login(world["manager1"])
    page = client.get(SUPERVISION).content.decode()
    assert f'value="{world["officer1"].pk}"' in page
    assert f'value="{world["officer2"].pk}"' not in page and f'value="{world["officer3"].pk}"' not in page
    assert 'href="/record/supervision/"' in page  # the service navigation's item
    client.force_login(world["officer1"])
    assert client.get(SUPERVISION).status_code == 403
    assert 'href="/record/supervision/"' not in client.get("/my-work/").content.decode()


def test_a_manager_supervises_the_teams_they_manage_not_every_case_they_see(client, world, officer_cases):
    """A line manager of North who works in South sees South's cases (their own team) but manages North's."""
    manager = make_user("manager9", roles.LINE_MANAGER, team=world.south)
    world.north.line_managers.add(manager)
    client.force_login(manager)
    page = client.get(SUPERVISION).content.decode()
    assert f'value="{world["officer1"].pk}"' in page and f'value="{world["officer2"].pk}"' not in page


def test_step_two_lists_only_the_officers_open_cases_the_manager_manages(client, world, officer_cases):
    north, south = officer_cases
    client.force_login(world["manager1"])
    page = client.get(_step_two(world)).content.decode()
    assert "Supervision with Officer1 on 12 October 2026" in page
    for case in north:
        assert f'name="cases" value="{case.pk}"' in page
    assert f'value="{south.pk}"' not in page and "Dee South" not in page


def test_saving_writes_one_supervision_discussion_per_case_ticked(client, world, officer_cases):
    north, _ = officer_cases
    adam, bea, cal = north
    client.force_login(world["manager1"])
    response = client.post(
        _step_two(world),
        _answers(
            north,
            {
                adam.pk: {"discussed": "on", "decision": "Visit weekly", "guidance": "Ask about school", "restricted": "False"},
                bea.pk: {"discussed": "on", "decision": "Share the plan with police", "restricted": "True"},
            },
        ),
    )
    assert response.status_code == 302 and response["Location"] == SUPERVISION
    saved = {d.case_id: d for d in ManagerDecision.objects.all()}
    assert set(saved) == {adam.pk, bea.pk}
    assert all(d.kind == "supervision" and d.decided_on == OPENED for d in saved.values())
    assert all(d.manager == world["manager1"] and d.officer == world["officer1"] for d in saved.values())
    assert (saved[adam.pk].section, saved[adam.pk].not_for_disclosure, saved[adam.pk].guidance) == (
        "general",
        False,
        "Ask about school",
    )
    assert (saved[bea.pk].section, saved[bea.pk].not_for_disclosure) == ("restricted", True)
    assert "recorded on 2 cases" in client.get(SUPERVISION).content.decode()
    on_record = client.get(f"/cases/{adam.pk}/record/").content.decode()
    assert "Discussed in supervision" in on_record and "Visit weekly" in on_record


def test_an_error_on_one_case_saves_none_and_shows_every_error(client, world, officer_cases):
    north, _ = officer_cases
    adam, bea, cal = north
    client.force_login(world["manager1"])
    response = client.post(
        _step_two(world),
        _answers(
            north,
            {
                adam.pk: {"discussed": "on", "decision": "Visit weekly", "restricted": "False"},
                bea.pk: {"discussed": "on", "decision": " "},
                cal.pk: {"guidance": "Written but not ticked"},
            },
        ),
    )
    page = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in page and "<title>Error:" in page
    assert f"Enter the decision about {bea}" in page
    assert f"Select yes if what was decided about {bea} is restricted material" in page
    assert f"Tick {cal} as discussed" in page
    assert "Written but not ticked" in page  # what was typed is kept
    assert not ManagerDecision.objects.exists()
    nothing = client.post(_step_two(world), _answers(north))
    assert "Tick at least one case you discussed" in nothing.content.decode()
    assert not ManagerDecision.objects.exists()


def test_the_service_saves_all_or_nothing(world, officer_cases):
    north, _ = officer_cases
    good = {"decision": "Visit weekly", "guidance": "", "section": "general", "not_for_disclosure": False}
    with pytest.raises(ValidationError, match="Enter the decision"):
        services.supervision_record(
            actor=world["manager1"],
            officer=world["officer1"],
            decided_on=OPENED,
            discussed=[(north[0], good), (north[1], good | {"decision": ""})],
        )
    assert not ManagerDecision.objects.exists()
    other = north[2]
    Case.objects.filter(pk=other.pk).update(case_holder=world["pso1"])
    stored_steps.touch([other.pk])
    other.refresh_from_db()
    with pytest.raises(ValidationError, match="not one of"):
        services.supervision_record(
            actor=world["manager1"], officer=world["officer1"], decided_on=OPENED, discussed=[(north[0], good), (other, good)]
        )
    assert not ManagerDecision.objects.exists()


@pytest.mark.parametrize("stray", ["south", "far", "abc", "9" * 20])
def test_a_case_posted_by_hand_outside_the_managers_cases_is_refused_and_logged(client, world, make_case, officer_cases, stray):
    north, south = officer_cases
    far = make_case(first_name="Far", last_name="Away", team=world.far, holder=world["officer3"])
    value = {"south": south.pk, "far": far.pk}.get(stray, stray)
    client.force_login(world["manager1"])
    data = _answers(north[:1], {north[0].pk: {"discussed": "on", "decision": "Visit weekly", "restricted": "False"}})
    data["cases"] = [north[0].pk, value]
    data[f"case-{value}-discussed"] = "on"
    data[f"case-{value}-decision"] = "Slipped in"
    data[f"case-{value}-restricted"] = "False"
    response = client.post(_step_two(world), data)
    assert response.status_code == 404 and "restricted" in response.content.decode().lower()
    assert AccessLog.objects.filter(user=world["manager1"], outcome="refused", object_id=str(value)[:40]).exists()
    assert not ManagerDecision.objects.exists()


@pytest.mark.parametrize("officer", ["officer2", "abc", "9" * 20, ""])
def test_an_officer_whose_cases_the_manager_does_not_manage_is_an_error_not_a_page(client, world, officer_cases, officer):
    client.force_login(world["manager1"])
    chosen = world[officer].pk if officer.startswith("officer") else officer
    for method in ("get", "post"):
        response = getattr(client, method)(
            f"{SUPERVISION}?officer={chosen}&decided_on_day=12&decided_on_month=10&decided_on_year=2026"
        )
        page = response.content.decode()
        assert response.status_code == 200 and "govuk-error-summary" in page
        assert "Select the officer you supervised" in page or "Select one of the officers holding cases you manage" in page
    assert not ManagerDecision.objects.exists()


def test_a_date_in_the_future_is_an_error(client, world, officer_cases):
    client.force_login(world["manager1"])
    page = client.get(_step_two(world, D(2026, 10, 13))).content.decode()
    assert "Date of the supervision must be today or in the past" in page


def test_the_form_sent_twice_saves_once(client, world, officer_cases):
    north, _ = officer_cases
    client.force_login(world["manager1"])
    data = _answers(
        north, {north[0].pk: {"discussed": "on", "decision": "Visit", "restricted": "False"}}, submission="token-" + "x" * 30
    )
    assert client.post(_step_two(world), data).status_code == 302
    assert client.post(_step_two(world), data).status_code == 302
    assert ManagerDecision.objects.count() == 1


def test_the_safeguarding_lead_supervises_every_officer_they_see(client, world, officer_cases):
    north, _ = officer_cases
    client.force_login(world["lead1"])
    page = client.get(SUPERVISION).content.decode()
    assert f'value="{world["officer1"].pk}"' in page and f'value="{world["officer2"].pk}"' in page
    assert f'value="{world["officer3"].pk}"' not in page  # another area's: not a case the lead sees
    page = client.get(_step_two(world)).content.decode()
    assert all(f'name="cases" value="{case.pk}"' in page for case in north)


def test_a_case_overdue_for_discussion_is_marked_on_the_supervision_page(client, world, officer_cases, clock):
    on(clock, D(2026, 11, 20))
    client.force_login(world["manager1"])
    page = client.get(_step_two(world, D(2026, 11, 20))).content.decode()
    assert page.count("Discussion overdue") == 3  # the three North cases, each with a child on a plan
