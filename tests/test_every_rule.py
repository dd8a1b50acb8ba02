"""Every declared rule, raised from the facts alone: for each rule of every app (`data/rules.csv`), a
case built from facts with no checklist answered yes, and the step it must raise, naming that rule
and the fact on the case. A rule added without a scenario here fails the first test."""

import datetime
from collections.abc import Callable

import pytest

from safeguard.accounts import roles
from safeguard.cases import services as cases
from safeguard.cases.models import Case
from safeguard.checks import services as checks
from safeguard.checks.models import CHECKLIST_QUESTIONS
from safeguard.core import registry
from safeguard.core.tasks import tasks_for_cases
from safeguard.meetings import services as meetings
from safeguard.people import services as people
from safeguard.plans import services as plans
from safeguard.record import services as record
from safeguard.referrals import services as referrals
from safeguard.referrals.tests.conftest import referral_values
from safeguard.register import services as register
from safeguard.testing import council, make_user
from safeguard.visits import services as visits

D = datetime.date
TODAY = D(2026, 11, 23)


def _child(world, case, *, contact="regular", risk="not_known", status=None, where="service_user"):
    return people.child_add(
        actor=world["officer1"],
        case=case,
        where=where,
        child={"first_name": "Tyler", "last_name": "Garside", "date_of_birth": D(2020, 4, 2)},
        link={"relationship": "parent", "contact": contact, "parental_responsibility": True, "risk_role": risk},
        status=status,
    ).child


def _plan():
    return {"status": "cpp", "category": "neglect", "start_date": D(2026, 11, 2), "local_authority": council()}


def _police(world, case, *, sent=True, **answer):
    check = checks.police_check_prepare(actor=world["officer1"], case=case, police_force="West Mercia Police")
    if sent:
        checks.police_check_send(actor=world["officer1"], case=case, check=check, sent_on=TODAY, channel="phone", recipient="PPU")
    if answer:
        values = {"callouts": False, "child_intelligence": False, **answer}
        checks.police_check_answer(actor=world["officer1"], case=case, check=check, answered_on=TODAY, **values)
    return check


def _request(world, case, *, sent=True):
    _child(world, case)
    [request] = checks.requests_prepare(actor=world["officer1"], case=case)
    if sent:
        checks.request_send(
            actor=world["officer1"], case=case, request=request, sent_on=TODAY, channel="portal", recipient="MASH"
        )
    return request


def _notification(world, case):
    child = _child(world, case, status=_plan())
    notification = checks.notification_prepare(
        actor=world["officer1"], case=case, kind="involvement", local_authority=council(), children=[child]
    )
    checks.notification_send(
        actor=world["officer1"], case=case, notification=notification, sent_on=TODAY, channel="portal", recipient="Key worker"
    )


def _referral(world, case, **values):
    child = _child(world, case)
    return referrals.referral_make(
        actor=world["officer1"], case=case, children=[child], made_on=TODAY, **referral_values(**values)
    )


def _disputed(world, case):
    referral = _referral(world, case)
    referrals.referral_answer(
        actor=world["officer1"],
        case=case,
        referral=referral,
        answered_on=TODAY,
        outcome="nfa",
        accepted=False,
        dispute_reason="The hammer was thrown at the child",
    )


def _registered(world, case):
    child = _child(world, case, status=_plan())
    return register.register_case(
        actor=world["officer1"],
        case=case,
        category="linked_child",
        trigger_date=TODAY,
        registered_on=TODAY,
        children=[child],
        reason="Child on a plan",
    )


def _reviewed(world, case):
    registration = _registered(world, case)
    register.review_record(
        actor=world["officer1"], case=case, registration=registration, reviewed_on=TODAY, what_changed="None", decision="continue"
    )


def _order_ended(world, case):
    _registered(world, case)
    order = cases.order_add(
        actor=world["officer1"], case=case, stage="court_order", order_type="community_order", start_date=D(2026, 1, 5)
    )
    cases.order_end(actor=world["officer1"], case=case, order=order, ended_on=TODAY, end_reason="completed")


def _all_no_then_lives_with(world, case):
    answers = {name: False for name, _, _ in CHECKLIST_QUESTIONS}
    checks.checklist_record(actor=world["officer1"], case=case, stage="start_of_order", asked_on=D(2026, 11, 2), answers=answers)
    _child(world, case, contact="lives_with")


def _missing(world, case):
    child = _child(world, case)
    people.child_missing(actor=world["officer1"], case=case, child=child, missing_since=TODAY, what_is_known="Left school")


def _custody(world, case):
    _child(world, case, status=_plan())
    cases.order_add(actor=world["officer1"], case=case, stage="custody", order_type="custody", start_date=D(2026, 11, 16))


def _trainee_holds(world, case):
    cases.case_allocate(
        actor=world["manager1"], case=case, team=case.team, case_holder=world["trainee1"], line_manager=case.line_manager
    )
    _child(world, case, status=_plan())


def _high_risk(world, case):
    _child(world, case, status=_plan())
    people.service_user_update(actor=world["officer1"], case=case, service_user=case.service_user, rosh_level="high")


def _checklist_yes(world, case):
    answers: dict[str, object] = {name: name == "significant_contact" for name, _, _ in CHECKLIST_QUESTIONS}
    answers["significant_contact_details"] = "Sees his niece"
    checks.checklist_record(actor=world["officer1"], case=case, stage="start_of_order", asked_on=TODAY, answers=answers)


def _meeting(world, case, kind, held_on, **values):
    child = _child(world, case)
    return meetings.meeting_record(
        actor=world["officer1"], case=case, kind=kind, children=[child], held_on=held_on, convened_by="Worcestershire", **values
    )


def _conference(world, case, held_on):
    conference = _meeting(world, case, "initial_conference", held_on)
    meetings.meeting_decision(actor=world["officer1"], case=case, meeting=conference, plan_made=True, plan_category="neglect")


def _not_attended(world, case):
    meeting = _meeting(world, case, "core_group", TODAY)
    meetings.meeting_attendance(
        actor=world["officer1"],
        case=case,
        meeting=meeting,
        attendance="not_attended",
        absence_reason="In court",
        absence_agreed=True,
    )


def _action(world, case):
    meeting = _meeting(world, case, "core_group", TODAY)
    meetings.action_add(
        actor=world["officer1"],
        case=case,
        meeting=meeting,
        description="Share the risk management plan",
        owner_agency="Probation",
        probation_owns=True,
    )


def _minutes(world, case):
    meeting = _meeting(world, case, "core_group", TODAY)
    meetings.minutes_received(actor=world["officer1"], case=case, meeting=meeting, minutes_received_on=TODAY)


def _not_discussed(world, case):
    """A case open since September, Tyler on a plan since then, last discussed by the manager on 1 October."""
    since = D(2026, 9, 1)
    Case.objects.filter(pk=case.pk).update(opened_on=since)  # the case opened before the clock's today
    case.opened_on = since
    _child(world, case, status=_plan() | {"start_date": since})
    record.decision_record(
        actor=world["manager1"],
        case=case,
        kind="supervision",
        decided_on=D(2026, 10, 1),
        decision="Visit weekly",
        section="general",
    )


def _registered_in_august(world, case):
    """Registered on 20 August, with no visit since: the 3 months ran out on 20 November."""
    since = D(2026, 8, 20)
    Case.objects.filter(pk=case.pk).update(opened_on=since)
    case.opened_on = since
    child = _child(world, case, status=_plan() | {"start_date": since})
    register.register_case(
        actor=world["officer1"],
        case=case,
        category="linked_child",
        trigger_date=since,
        registered_on=since,
        children=[child],
        reason="Child on a plan",
    )


def _transfer(world, case, before=None):
    """The case moved from officer1 to another officer of North (after `before` builds its facts)."""
    if before is not None:
        before(world, case)
    newcomer = make_user("officer9", roles.OFFENDER_MANAGER, world.north)
    cases.case_allocate(
        actor=world["manager1"], case=case, team=world.north, case_holder=newcomer, line_manager=world["manager1"]
    )


def _other_unit(world, case):
    cases.key_contact_add(actor=world["officer1"], case=case, kind="probation", name="Unpaid work", organisation="UPW")


def _custody_order(world, case):
    cases.order_add(actor=world["officer1"], case=case, stage="custody", order_type="custody", start_date=TODAY)


def _objective_due(world, case):
    """An objective whose review date is today."""
    plans.objective_add(
        actor=world["officer1"],
        case=case,
        work="Visit the home monthly to see Tyler and talk about the drinking",
        informing="Email the social worker after each home visit",
        review_on=TODAY,
    )


# rule key → (what to make the case with, how to build the facts, words the step's fact must contain)
SCENARIOS: dict[str, tuple[dict, Callable, str]] = {
    "checks.checklist_due": ({}, lambda w, c: None, "Case opened on 23/11/2026"),
    "checks.checklist_yes": ({}, _checklist_yes, "answered yes"),
    "checks.child_on_file": ({}, lambda w, c: _child(w, c), "Tyler Garside (parent, regular contact, parental responsibility)"),
    "checks.significant_event": (
        {},
        lambda w, c: checks.event_record(actor=w["officer1"], case=c, kind="release", occurred_on=TODAY),
        "Release from custody on 23/11/2026",
    ),
    "checks.request_send": ({}, lambda w, c: _request(w, c, sent=False), "drafted on 23/11/2026, not sent"),
    "checks.request_reply": ({}, _request, "sent on 23/11/2026, not yet answered"),
    "checks.police_required": ({"domestic_abuse": True}, lambda w, c: None, "domestic-abuse marker is set"),
    "checks.police_send": ({}, lambda w, c: _police(w, c, sent=False), "Police check drafted on 23/11/2026"),
    "checks.police_reply": ({}, _police, "Police check with West Mercia Police sent on 23/11/2026"),
    "checks.notify": ({}, lambda w, c: _child(w, c, status=_plan()), "Tyler Garside: child-protection plan"),
    "checks.notification_acknowledged": ({}, _notification, "sent on 23/11/2026, not acknowledged"),
    "checks.loss_of_contact": (
        {},
        lambda w, c: cases.whereabouts_record(actor=w["officer1"], case=c, since=TODAY),
        "Whereabouts unknown since 23/11/2026",
    ),
    "checks.contradiction": ({}, _all_no_then_lives_with, "Tyler Garside is recorded as living with them"),
    "checks.answer_reports_harm": (
        {"domestic_abuse": True},
        lambda w, c: _police(w, c, callouts=True, callout_details="Two", children_present=True),
        "children were present at call-outs (Two)",
    ),
    "checks.marker_suggested": (
        {},
        lambda w, c: _police(w, c, callouts=True, callout_details="Two", children_present=False),
        "no domestic-abuse marker",
    ),
    "people.child_missing": ({}, _missing, "Left school"),
    "cases.prison_cp_coordinator": ({}, _custody, "Tyler Garside is on a child-protection plan"),
    "cases.cp_case_holder": ({}, _trainee_holds, "is a trainee and cannot hold a child-protection case"),
    "cases.risk_manager_consulted": ({}, _high_risk, "a risk manager must be consulted"),
    "referrals.referral_followup": ({}, lambda w, c: _referral(w, c, channel="phone"), "made by phone on 23/11/2026"),
    "referrals.referral_reply": ({}, _referral, "made on 23/11/2026, not yet answered"),
    "referrals.referral_decision": ({}, _disputed, "The officer disputes the outcome"),
    "meetings.next_meeting": ({}, lambda w, c: _conference(w, c, TODAY), "not yet on record"),
    "meetings.no_invitation": ({}, lambda w, c: _conference(w, c, D(2026, 11, 2)), "First core group due by 16/11/2026"),
    "meetings.written_report": ({}, _not_attended, "Nobody from probation attended the Core group on 23/11/2026"),
    "meetings.probation_action": ({}, _action, "not done: Share the risk management plan"),
    "meetings.minutes_checked": ({}, _minutes, "received 23/11/2026, not yet checked"),
    "meetings.plan_on_file": ({}, lambda w, c: _child(w, c, status=_plan()), "no copy on file: Tyler Garside (since 02/11/2026)"),
    "meetings.risk_plan_shared": ({}, lambda w, c: _child(w, c, status=_plan()), "plan since 02/11/2026"),
    "register.linked_child_on_plan": ({}, lambda w, c: _child(w, c, status=_plan()), "Tyler Garside: child-protection plan"),
    "register.risk_unspecified": (
        {"risk_to_unspecified_children": True, "risk_to_children_details": "Offence against a child"},
        lambda w, c: None,
        "posing a risk to children generally",
    ),
    "register.review": ({}, _registered, "registration of 23/11/2026"),
    "register.review_now": (
        {"rosh_level": "medium"},
        lambda w, c: (
            _registered(w, c),
            people.service_user_update(actor=w["officer1"], case=c, service_user=c.service_user, rosh_level="high"),
        ),
        "on 23/11/2026",
    ),
    "register.countersign": ({}, _reviewed, "not countersigned"),
    "register.last_order_ended": ({}, _order_ended, "The last order ended on 23/11/2026"),
    "record.manager_discussion": ({}, _not_discussed, "No manager discussion recorded since 1 October 2026"),
    "visits.address_visit": ({}, lambda w, c: _child(w, c, contact="lives_with"), "Tyler Garside lives at 1 High Street"),
    "visits.registered_visit": ({}, _registered_in_august, "no visit or agreed reason since the registration on 20/08/2026"),
    "visits.reason_decision": (
        {},
        lambda w, c: visits.reason_record(actor=w["officer1"], case=c, reason="In hospital"),
        "recorded on 23/11/2026, not yet agreed",
    ),
    "transfers.acknowledge": ({}, _transfer, "to Officer9 (North) on 23/11/2026; not yet acknowledged"),
    "transfers.inform_probation": ({}, lambda w, c: _transfer(w, c, _other_unit), "other probation unit or team (UPW)"),
    "transfers.inform_prison": ({}, lambda w, c: _transfer(w, c, _custody_order), "no prison child-protection co-ordinator"),
    "plans.cp_objective": ({}, lambda w, c: _child(w, c, status=_plan()), "no active child-protection objective"),
    "plans.objective_review": ({}, _objective_due, "The objective's review date is 23 November 2026"),
}


def test_every_rule_has_a_scenario():
    declared = {key for key, rule in registry.rules().items() if rule.app_label != "example_capability"}
    assert set(SCENARIOS) == declared


@pytest.mark.parametrize("key", sorted(SCENARIOS))
def test_the_rule_is_raised_from_the_facts_and_names_them(world, make_case, fixed_today, key):
    extra, build, words = SCENARIOS[key]
    case = make_case(first_name="Wayne", last_name="Garside", **extra)
    build(world, case)
    raised = [task for task in tasks_for_cases([case])[case.pk] if task.rule == key]
    assert raised, f"{key} raised nothing: {[(t.rule, t.title) for t in tasks_for_cases([case])[case.pk]]}"
    assert any(words in task.fact for task in raised), [task.fact for task in raised]
    assert all(task.why.source and task.why.title for task in raised)
