"""Every fact on file drives the next step: each rule raised from the facts alone (no checklist
answered yes), naming the rule and the fact on the step (`Task.rule`, `Task.fact`)."""

import datetime

import pytest

from safeguard.checks import services
from safeguard.checks.models import CHECKLIST_QUESTIONS, SignificantEvent
from safeguard.core.tasks import tasks_for_cases
from safeguard.people import services as people_services
from safeguard.testing import council

D = datetime.date
ALL_NO = {name: False for name, _, _ in CHECKLIST_QUESTIONS}


def steps(case, rule=None):
    return [t for t in tasks_for_cases([case])[case.pk] if rule is None or t.rule == rule]


def link_child(world, case, first="Tyler", *, contact="regular", pr=True, risk="not_known", where="service_user", **child):
    return people_services.child_add(
        actor=world["officer1"],
        case=case,
        where=where,
        child={"first_name": first, "last_name": "Garside", "date_of_birth": D(2020, 4, 2), **child},
        link={"relationship": "parent", "contact": contact, "parental_responsibility": pr, "risk_role": risk},
    )


def all_no(world, case):
    return services.checklist_record(
        actor=world["officer1"], case=case, stage="start_of_order", asked_on=D(2026, 11, 2), answers=ALL_NO
    )


# --- A child on file requires a check with the child's council (WM 1.7) ----------------------------


def test_a_linked_child_requires_a_check_with_their_council_though_the_checklist_said_no(world, make_case, fixed_today):
    case = make_case()
    all_no(world, case)
    link_child(world, case)
    [step] = steps(case, "checks.child_on_file")
    assert step.title == "Prepare a request for information to Worcestershire"
    assert "Tyler Garside" in step.fact and "regular contact" in step.fact and "parental responsibility" in step.fact
    assert step.url.endswith(f"/cases/{case.pk}/checks/requests/prepare/")
    assert step.due_on == D(2026, 11, 25)  # 2 working days from the day the child was recorded
    assert step.why.source.startswith("WM 1.7")


def test_a_child_with_no_contact_no_responsibility_and_no_risk_raises_no_check(world, make_case, fixed_today):
    case = make_case()
    all_no(world, case)
    link_child(world, case, contact="none", pr=False)
    assert steps(case, "checks.child_on_file") == []


def test_a_child_the_service_user_poses_a_risk_to_requires_a_check_even_without_contact(world, make_case, fixed_today):
    case = make_case()
    link_child(world, case, contact="none", pr=False, risk="poses_risk")
    [step] = steps(case, "checks.child_on_file")
    assert "poses a risk" in step.fact


def test_a_draft_naming_the_child_is_the_check_in_hand(world, make_case, fixed_today):
    case = make_case()
    all_no(world, case)
    link_child(world, case)
    [request] = services.requests_prepare(actor=world["officer1"], case=case)
    assert steps(case, "checks.child_on_file") == []
    assert [t.rule for t in steps(case) if t.subject == ("checks.RequestForInformation", request.pk)] == ["checks.request_send"]


def test_a_child_who_moves_to_another_council_needs_a_check_there(world, make_case, fixed_today):
    case = make_case()
    all_no(world, case)
    tyler = link_child(world, case).child
    [request] = services.requests_prepare(actor=world["officer1"], case=case)
    services.request_send(
        actor=world["officer1"], case=case, request=request, sent_on=D(2026, 11, 23), channel="secure_email", recipient="MASH"
    )
    assert steps(case, "checks.child_on_file") == []
    people_services.child_address_change(
        actor=world["officer1"],
        case=case,
        child=tyler,
        where="new",
        address={"line_1": "4 Bridge Street", "local_authority": council("Herefordshire")},
    )
    [step] = steps(case, "checks.child_on_file")
    assert step.title == "Prepare a request for information to Herefordshire"


def test_a_child_without_an_address_is_asked_for_first(world, make_case, fixed_today):
    case = make_case()
    tyler = link_child(world, case, where="").child
    [step] = steps(case, "checks.child_on_file")
    assert step.title == "Record where Tyler Garside lives, to send a check to their council"
    assert step.url.endswith(f"/children/{tyler.pk}/address/")


def test_one_step_per_case_when_the_checklist_or_an_event_already_asks_for_the_check(world, make_case, fixed_today):
    case = make_case()
    link_child(world, case)
    answers = {**ALL_NO, "living_with_children": True, "living_with_children_details": "Tyler"}
    services.checklist_record(
        actor=world["officer1"], case=case, stage="start_of_order", asked_on=D(2026, 11, 23), answers=answers
    )
    assert [t.rule for t in steps(case) if t.url.endswith("/requests/prepare/")] == ["checks.checklist_yes"]


# --- A change in the family is a significant event whether or not a check has been sent ----------


def test_a_new_partner_and_an_unborn_child_after_an_all_no_checklist_are_significant_events(world, make_case, fixed_today):
    case = make_case()
    all_no(world, case)
    people_services.adult_add(
        actor=world["officer1"],
        case=case,
        adult={"first_name": "Kerry", "last_name": "Dyer"},
        link={"relationship": "partner", "lives_with": True},
        where="service_user",
    )
    people_services.child_add(
        actor=world["officer1"],
        case=case,
        where="service_user",
        child={"first_name": "", "last_name": "Dyer", "expected_date_of_delivery": D(2027, 3, 1)},
        link={"relationship": "parent", "contact": "none", "parental_responsibility": False},
    )
    events = steps(case, "checks.significant_event")
    assert sorted(t.fact.split(" on ")[0] for t in events) == ["New partner", "Pregnancy"]
    assert {t.due_on for t in events} == {D(2026, 11, 30)}  # 5 working days from today, when they were recorded
    assert steps(case) and "Nothing" not in [t.title for t in steps(case)]


def test_the_first_family_recorded_before_any_screening_is_not_an_event(world, make_case, fixed_today):
    """Recording the family while opening the case is screening, not a change: the child is still
    required to be checked (child_on_file), but no "fresh check" event is raised."""
    case = make_case()
    link_child(world, case, contact="lives_with")
    assert not SignificantEvent.objects.filter(case=case).exists()
    assert steps(case, "checks.child_on_file")


def test_a_request_drafted_for_an_event_is_timed_from_the_event_not_an_old_checklist(world, make_case, fixed_today):
    case = make_case()
    link_child(world, case)
    answers = {**ALL_NO, "living_with_children": True, "living_with_children_details": "Tyler"}
    services.checklist_record(
        actor=world["officer1"], case=case, stage="start_of_order", asked_on=D(2026, 10, 26), answers=answers
    )
    [first] = services.requests_prepare(actor=world["officer1"], case=case)
    services.request_send(
        actor=world["officer1"], case=case, request=first, sent_on=D(2026, 10, 27), channel="secure_email", recipient="MASH"
    )
    event = services.event_record(actor=world["officer1"], case=case, kind="new_partner", occurred_on=D(2026, 11, 20))
    [draft] = services.requests_prepare(actor=world["officer1"], case=case, event=event)
    [send] = [t for t in steps(case) if t.subject == ("checks.RequestForInformation", draft.pk)]
    assert send.due_on == D(2026, 11, 24)  # 2 working days after the event, not after October's checklist
    assert send.status == "Due soon"


@pytest.mark.parametrize("kind", ["new_partner", "pregnancy", "new_child", "change_of_address", "release"])
def test_every_kind_of_significant_event_names_its_rule(world, make_case, fixed_today, kind):
    case = make_case()
    services.event_record(actor=world["officer1"], case=case, kind=kind, occurred_on=D(2026, 11, 20))
    [step] = steps(case, "checks.significant_event")
    assert step.fact.startswith(SignificantEvent.Kind(kind).label)
