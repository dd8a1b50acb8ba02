"""Every fact on file drives the next step: each rule raised from the facts alone (no checklist
answered yes), naming the rule and the fact on the step (`Task.rule`, `Task.fact`)."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError

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


# --- Differences between what the service user said and what is on file (HMIP 2014 2.10) ---------


def police_answer(world, case, **answer):
    check = services.police_check_prepare(actor=world["officer1"], case=case, police_force="West Mercia Police")
    services.police_check_send(
        actor=world["officer1"], case=case, check=check, sent_on=D(2026, 11, 23), channel="secure_email", recipient="PPU"
    )
    values = {"callouts": False, "child_intelligence": False, **answer}
    return services.police_check_answer(actor=world["officer1"], case=case, check=check, answered_on=D(2026, 11, 23), **values)


def council_answer(world, case, child, **answer):
    [request] = services.requests_prepare(actor=world["officer1"], case=case)
    services.request_send(
        actor=world["officer1"], case=case, request=request, sent_on=D(2026, 11, 23), channel="secure_email", recipient="MASH"
    )
    return services.request_answer(
        actor=world["officer1"],
        case=case,
        request=request,
        answered_on=D(2026, 11, 23),
        service_user_known=True,
        children={child.pk: {"known": "known", **answer}},
    )


@pytest.mark.parametrize(
    "question,link,said",
    [
        ("living_with_children", {"contact": "lives_with", "pr": False}, "do not live with children"),
        ("significant_contact", {"contact": "regular", "pr": False}, "no overnight or other significant contact"),
        ("parental_responsibility", {"contact": "supervised", "pr": True}, "no parental responsibilities"),
    ],
)
def test_the_checklist_against_the_children_on_file(world, make_case, fixed_today, question, link, said):
    case = make_case()
    all_no(world, case)
    tyler = link_child(world, case, **link).child
    [step] = steps(case, "checks.contradiction")
    assert said in step.fact and "Tyler Garside" in step.fact
    key = step.url.split("key=")[1]
    assert key.startswith(f"checklist:{case.checklists.get().pk}:{question}:")
    resolved = services.difference_resolve(actor=world["officer1"], case=case, key=key, resolution="He moved in last week")
    assert (resolved.child, resolved.resolved_on) == (tyler, D(2026, 11, 23))
    assert steps(case, "checks.contradiction") == []


def test_the_checklist_against_a_status_on_file(world, make_case, fixed_today):
    case = make_case()
    all_no(world, case)
    tyler = link_child(world, case, contact="none", pr=False, risk="poses_risk").child
    people_services.status_add(
        actor=world["officer1"],
        case=case,
        child=tyler,
        status="child_in_need",
        start_date=D(2026, 10, 1),
        local_authority=council(),
    )
    [step] = steps(case, "checks.contradiction")
    assert "no contact with the police, gangs, social workers or similar" in step.fact
    assert "the record says Tyler Garside is a child in need" in step.fact


def test_the_checklist_against_the_councils_answer(world, make_case, fixed_today):
    case = make_case()
    all_no(world, case)
    tyler = link_child(world, case, contact="none", pr=False, risk="poses_risk").child
    council_answer(world, case, tyler, status="cpp", category="neglect", plan_date=D(2026, 9, 1))
    facts_raised = [t.fact for t in steps(case, "checks.contradiction")]
    assert any("social workers or similar" in f and "Tyler Garside is on a child-protection plan" in f for f in facts_raised)


@pytest.mark.parametrize(
    "answer,said",
    [
        ({"callouts": True, "callout_details": "Three in 2026", "children_present": True}, "no children were present"),
        ({"child_intelligence": True, "intelligence_details": "Child seen at address"}, "no contact with the police"),
    ],
)
def test_the_checklist_against_the_police_answer(world, make_case, fixed_today, answer, said):
    case = make_case(domestic_abuse=True)
    all_no(world, case)
    police_answer(world, case, **answer)
    [step] = steps(case, "checks.contradiction")
    assert said in step.fact and "West Mercia Police" in step.fact


def test_a_council_answer_that_differs_from_the_record_becomes_the_childs_status_once_resolved(world, make_case, fixed_today):
    """Resolved in favour of the answer, the child's status follows, and what that status calls for
    (registration) follows too."""
    case = make_case()
    tyler = link_child(world, case).child
    people_services.status_add(
        actor=world["officer1"],
        case=case,
        child=tyler,
        status="child_in_need",
        start_date=D(2026, 10, 1),
        local_authority=council(),
    )
    council_answer(world, case, tyler, status="cpp", category="physical", plan_date=D(2026, 11, 2))
    tyler.refresh_from_db()
    assert tyler.csc_status == "child_in_need"  # not overwritten until resolved
    assert steps(case, "register.linked_child_on_plan") == []
    contradiction = case.contradictions.get()
    with pytest.raises(ValidationError) as refused:
        services.contradiction_resolve(actor=world["officer1"], case=case, contradiction=contradiction, resolution="Checked")
    assert "outcome" in refused.value.message_dict
    services.contradiction_resolve(
        actor=world["officer1"], case=case, contradiction=contradiction, resolution="Social worker confirmed", outcome="answer"
    )
    tyler.refresh_from_db()
    assert tyler.csc_status == "cpp"
    latest = tyler.statuses.get(end_date__isnull=True)
    assert (latest.start_date, latest.category) == (D(2026, 11, 2), "physical")
    assert "difference resolved" in latest.source
    [register] = steps(case, "register.linked_child_on_plan")
    assert "Tyler Garside: child-protection plan" in register.fact


def test_keeping_the_record_leaves_the_status(world, make_case, fixed_today):
    case = make_case()
    tyler = link_child(world, case).child
    people_services.status_add(
        actor=world["officer1"],
        case=case,
        child=tyler,
        status="child_in_need",
        start_date=D(2026, 10, 1),
        local_authority=council(),
    )
    council_answer(world, case, tyler, status="early_help")
    services.contradiction_resolve(
        actor=world["officer1"], case=case, contradiction=case.contradictions.get(), resolution="Old record", outcome="record"
    )
    tyler.refresh_from_db()
    assert tyler.csc_status == "child_in_need"


# --- Answers that report harm or risk call for a recorded referral decision (WM 3.1) --------------


def test_children_present_at_call_outs_call_for_a_referral_decision(world, make_case, fixed_today):
    case = make_case(domestic_abuse=True)
    police_answer(world, case, callouts=True, callout_details="Three call-outs in 2026", children_present=True)
    [step] = steps(case, "checks.answer_reports_harm")
    assert step.title == "Decide whether to refer to children's social care"
    assert "children were present at call-outs (Three call-outs in 2026)" in step.fact
    assert step.due_on == D(2026, 11, 24)
    key = step.url.split("key=")[1]
    with pytest.raises(ValidationError) as refused:
        services.decision_record(actor=world["officer1"], case=case, key=key, choice="no_referral")
    assert "reason" in refused.value.message_dict
    services.decision_record(actor=world["officer1"], case=case, key=key, choice="no_referral", reason="Known to the MASH")
    assert steps(case, "checks.answer_reports_harm") == []


def test_intelligence_about_children_calls_for_a_referral_decision(world, make_case, fixed_today):
    case = make_case(domestic_abuse=True)
    police_answer(world, case, child_intelligence=True, intelligence_details="Child seen with bruises")
    [step] = steps(case, "checks.answer_reports_harm")
    assert "intelligence about children (Child seen with bruises)" in step.fact


def test_a_child_on_a_plan_in_a_councils_answer_calls_for_a_referral_decision(world, make_case, fixed_today):
    case = make_case()
    tyler = link_child(world, case).child
    council_answer(world, case, tyler, status="looked_after")
    [step] = steps(case, "checks.answer_reports_harm")
    assert "Tyler Garside is looked after" in step.fact
    services.decision_record(actor=world["officer1"], case=case, key=step.url.split("key=")[1], choice="refer")
    assert steps(case, "checks.answer_reports_harm") == []


def test_call_outs_with_no_marker_call_for_the_marker(world, make_case, fixed_today):
    case = make_case()
    police_answer(world, case, callouts=True, callout_details="Two call-outs", children_present=False)
    [step] = steps(case, "checks.marker_suggested")
    assert "no domestic-abuse marker" in step.fact
    assert steps(case, "checks.answer_reports_harm") == []  # no child was reported
    services.decision_record(actor=world["officer1"], case=case, key=step.url.split("key=")[1], choice="set_marker")
    case.service_user.refresh_from_db()
    assert case.service_user.domestic_abuse
    assert steps(case, "checks.marker_suggested") == []


def test_a_decision_is_refused_for_a_fact_not_on_file(world, make_case, fixed_today):
    case = make_case()
    with pytest.raises(ValidationError):
        services.decision_record(actor=world["officer1"], case=case, key="police:999999", choice="refer")
    with pytest.raises(ValidationError):
        services.difference_resolve(actor=world["officer1"], case=case, key="checklist:1:x:child:1", resolution="x")


def test_children_present_is_asked_when_there_were_call_outs(world, make_case, fixed_today):
    case = make_case(domestic_abuse=True)
    with pytest.raises(ValidationError) as refused:
        police_answer(world, case, callouts=True, callout_details="One")
    assert refused.value.message_dict["children_present"] == ["Select yes if children were present at any of the call-outs"]


# --- The pages that settle them ---------------------------------------------------------------------


def test_the_decision_page_records_a_referral_and_goes_on_to_make_it(client, world, make_case, fixed_today):
    case = make_case(domestic_abuse=True)
    police_answer(world, case, callouts=True, callout_details="Three call-outs", children_present=True)
    [step] = steps(case, "checks.answer_reports_harm")
    client.force_login(world["officer1"])
    page = client.get(step.url)
    assert page.status_code == 200 and "children were present at call-outs" in page.content.decode()
    assert "checked" not in page.content.decode().split("What have you decided?")[1].split("</fieldset>")[0]
    refused = client.post(step.url, {"choice": "no_referral", "reason": ""})
    assert refused.status_code == 200 and "Give the reason for your decision" in refused.content.decode()
    made = client.post(step.url, {"choice": "refer"})
    assert made.status_code == 302 and made.url == f"/cases/{case.pk}/referrals/new/"
    assert steps(case, "checks.answer_reports_harm") == []
    assert client.get(step.url).status_code == 404  # decided: no longer a fact to decide on


def test_the_difference_page_records_the_resolution(client, world, make_case, fixed_today):
    case = make_case()
    all_no(world, case)
    link_child(world, case, contact="lives_with", pr=False)
    [step] = steps(case, "checks.contradiction")
    client.force_login(world["officer1"])
    assert "do not live with children" in client.get(step.url).content.decode()
    assert client.post(step.url, {"resolution": "He moved in after the checklist"}).status_code == 302
    assert steps(case, "checks.contradiction") == []
    assert client.get(f"/cases/{case.pk}/checks/differences/?key=checklist:0:x").status_code == 404
    assert client.get(f"/cases/{case.pk}/checks/decisions/?key=nonsense").status_code == 404


def test_the_line_manager_sees_the_teams_differences_until_resolved(client, world, make_case, fixed_today):
    case = make_case()
    all_no(world, case)
    link_child(world, case, contact="lives_with", pr=False)
    client.force_login(world["manager1"])
    page = client.get("/my-work/").content.decode()
    differences = page.split('id="differences-heading"')[1].split("<h2")[0]
    assert "do not live with children" in differences and case.service_user.crn in differences
    [step] = steps(case, "checks.contradiction")
    services.difference_resolve(actor=world["officer1"], case=case, key=step.url.split("key=")[1], resolution="Moved in")
    page = client.get("/my-work/").content.decode()
    assert "No differences waiting." in page.split('id="differences-heading"')[1].split("<h2")[0]


# --- A closed case asks for nothing more ------------------------------------------------------------


def test_closing_a_case_withdraws_its_drafts_and_stops_asking(world, make_case, fixed_today):
    from safeguard.cases import services as case_services
    from safeguard.checks.models import Notification, RequestForInformation

    case = make_case(children=1)  # a child on a plan: a notification is owed, no checklist asked yet
    assert {t.rule for t in steps(case)} >= {"checks.checklist_due", "checks.notify", "checks.child_on_file"}
    [draft] = services.requests_prepare(actor=world["officer1"], case=case)
    notification = services.notification_prepare(
        actor=world["officer1"],
        case=case,
        kind="involvement",
        local_authority=council(),
        children=[case.service_user.child_links.get().child],
    )
    case_services.case_close(actor=world["officer1"], case=case, closed_on=D(2026, 11, 23), close_reason="transferred_out")
    assert [t.rule for t in steps(case) if t.rule.startswith("checks.")] == []
    assert RequestForInformation.objects.get(pk=draft.pk).status == "withdrawn"
    assert Notification.objects.get(pk=notification.pk).status == "withdrawn"


def test_a_closed_case_still_waits_for_what_was_sent(world, make_case, fixed_today):
    from safeguard.cases import services as case_services

    case = make_case(domestic_abuse=True)
    check = services.police_check_prepare(actor=world["officer1"], case=case, police_force="West Mercia Police")
    services.police_check_send(
        actor=world["officer1"], case=case, check=check, sent_on=D(2026, 11, 23), channel="secure_email", recipient="PPU"
    )
    case_services.case_close(actor=world["officer1"], case=case, closed_on=D(2026, 11, 23), close_reason="completed")
    assert [t.rule for t in steps(case) if t.rule.startswith("checks.")] == ["checks.police_reply"]


def test_the_officer_sees_what_an_answer_changed(client, world, make_case, fixed_today):
    case = make_case()
    tyler = link_child(world, case).child
    ruby = link_child(world, case, first="Ruby").child
    people_services.status_add(
        actor=world["officer1"],
        case=case,
        child=ruby,
        status="child_in_need",
        start_date=D(2026, 10, 1),
        local_authority=council(),
    )
    [request] = services.requests_prepare(actor=world["officer1"], case=case)
    services.request_send(
        actor=world["officer1"], case=case, request=request, sent_on=D(2026, 11, 23), channel="secure_email", recipient="MASH"
    )
    client.force_login(world["officer1"])
    answer = {"answered_on_day": "23", "answered_on_month": "11", "answered_on_year": "2026", "service_user_known": "False"}
    answer |= {f"child_{tyler.pk}_known": "known", f"child_{tyler.pk}_status": "looked_after"}
    answer |= {f"child_{ruby.pk}_known": "known", f"child_{ruby.pk}_status": "early_help"}
    page = client.post(f"/cases/{case.pk}/checks/requests/{request.pk}/answer/", answer, follow=True).content.decode()
    assert "govuk-error-summary" not in page, re.sub(r"<[^>]+>", " ", page.split("govuk-error-summary__body")[1][:3000])
    assert "Tyler Garside&#x27;s status is now looked after." in page
    assert "1 difference from what was recorded to resolve." in page


# --- A marker set later times its step from the day it was set ------------------------------------


def test_a_marker_set_months_after_the_case_opened_is_not_overdue_at_once(world, make_case, fixed_today):
    import time_machine

    case = make_case()
    with time_machine.travel(datetime.datetime(2027, 3, 1, 10, tzinfo=datetime.UTC), tick=False):
        people_services.service_user_update(
            actor=world["officer1"],
            case=case,
            service_user=case.service_user,
            domestic_abuse=True,
            risk_to_unspecified_children=True,
            risk_to_children_details="Offence against a child",
        )
        case.service_user.refresh_from_db()
        assert case.service_user.domestic_abuse_marked_on == D(2027, 3, 1)
        [police] = steps(case, "checks.police_required")
        assert police.due_on == D(2027, 3, 3) and police.status == "Due soon"
        assert "since 01/03/2027" in police.fact
        [register] = steps(case, "register.risk_unspecified")
        assert register.due_on == D(2027, 3, 8) and register.status != "Overdue"
    people_services.service_user_update(actor=world["officer1"], case=case, service_user=case.service_user, domestic_abuse=False)
    case.service_user.refresh_from_db()
    assert case.service_user.domestic_abuse_marked_on is None


@pytest.mark.parametrize(
    "offence,suggested",
    [
        ("Assault by beating (domestic)", True),
        ("Controlling or coercive behaviour in an intimate relationship", True),
        ("Breach of a non-molestation order", True),
        ("Theft from a shop", False),
        ("Domesticated animal cruelty", False),  # whole words only
    ],
)
def test_an_offence_that_suggests_domestic_abuse_calls_for_the_marker(world, make_case, fixed_today, offence, suggested):
    from safeguard.cases import services as case_services

    case = make_case()
    case_services.order_add(
        actor=world["officer1"],
        case=case,
        stage="court_order",
        order_type="community_order",
        start_date=D(2026, 11, 16),
        offence=offence,
    )
    raised = steps(case, "checks.marker_suggested")
    assert bool(raised) is suggested
    if suggested:
        assert f'"{offence}"' in raised[0].fact
        services.decision_record(
            actor=world["officer1"],
            case=case,
            key=raised[0].url.split("key=")[1],
            choice="no_marker",
            reason="The victim was his brother",
        )
        assert steps(case, "checks.marker_suggested") == []


def test_one_difference_names_every_fact_against_one_answer_and_a_new_fact_raises_it_again(world, make_case, fixed_today):
    case = make_case()
    all_no(world, case)
    link_child(world, case, first="Tyler", contact="lives_with", pr=False)
    link_child(world, case, first="Ruby", contact="lives_with", pr=False)
    [step] = steps(case, "checks.contradiction")
    assert "Tyler Garside is recorded as living with them; Ruby Garside is recorded as living with them" in step.fact
    services.difference_resolve(actor=world["officer1"], case=case, key=step.url.split("key=")[1], resolution="Both moved in")
    assert steps(case, "checks.contradiction") == []
    link_child(world, case, first="Mia", contact="lives_with", pr=False)
    [again] = steps(case, "checks.contradiction")
    assert "Mia Garside" in again.fact


def test_one_referral_decision_for_an_answer_about_several_children(world, make_case, fixed_today):
    case = make_case()
    tyler = link_child(world, case).child
    ruby = link_child(world, case, first="Ruby").child
    [request] = services.requests_prepare(actor=world["officer1"], case=case)
    services.request_send(
        actor=world["officer1"], case=case, request=request, sent_on=D(2026, 11, 23), channel="secure_email", recipient="MASH"
    )
    services.request_answer(
        actor=world["officer1"],
        case=case,
        request=request,
        answered_on=D(2026, 11, 23),
        service_user_known=True,
        children={
            tyler.pk: {"known": "known", "status": "cpp", "category": "neglect"},
            ruby.pk: {"known": "known", "status": "looked_after"},
        },
    )
    [step] = steps(case, "checks.answer_reports_harm")
    assert "Tyler Garside is on a child-protection plan; Ruby Garside is looked after" in step.fact
