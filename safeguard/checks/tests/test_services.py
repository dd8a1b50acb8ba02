"""The lifecycle of checks: every transition, and every refusal that changes nothing."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from safeguard.checks import services
from safeguard.checks.models import CHECKLIST_QUESTIONS, CheckStatus, Contradiction, RequestForInformation, SignificantEvent
from safeguard.core.models import AuditEvent, DeadlineRule
from safeguard.people import services as people_services
from safeguard.people.models import CSCStatus
from safeguard.testing import council

D = datetime.date
ALL_NO = {name: False for name, _, _ in CHECKLIST_QUESTIONS}


def checklist(case, officer, **answers):
    values: dict[str, Any] = {**ALL_NO}
    for name, value in answers.items():
        values[name] = value
        if value:
            values[f"{name}_details"] = "Details given"
    return services.checklist_record(actor=officer, case=case, stage="start_of_order", asked_on=D(2026, 11, 23), answers=values)


def test_checklist_needs_every_answer_and_details_for_yes(family, world):
    answers = {**ALL_NO, "living_with_children": True}
    with pytest.raises(ValidationError) as error:
        services.checklist_record(actor=world["officer1"], case=family, stage="court", asked_on=D(2026, 11, 23), answers=answers)
    assert error.value.message_dict == {"living_with_children_details": ["Give details for a yes answer"]}
    answers.pop("children_excluded")
    with pytest.raises(ValidationError) as error:
        services.checklist_record(actor=world["officer1"], case=family, stage="court", asked_on=D(2026, 11, 23), answers=answers)
    assert "children_excluded" in error.value.message_dict
    assert not family.checklists.exists()


def test_checklist_cannot_be_dated_in_the_future(family, world):
    with pytest.raises(ValidationError):
        services.checklist_record(actor=world["officer1"], case=family, stage="court", asked_on=D(2026, 11, 24), answers=ALL_NO)


def test_one_request_per_council_responsible_for_the_children(family, world):
    checklist(family, world["officer1"], living_with_children=True)
    prepared = services.requests_prepare(actor=world["officer1"], case=family, trigger="checklist")
    assert [(str(r.local_authority), [str(c) for c in r.children.all()]) for r in prepared] == [
        ("Herefordshire", ["Ruby Holt"]),
        ("Worcestershire", ["Kayleigh Holt"]),
    ]
    assert all(r.status == CheckStatus.DRAFT for r in prepared)
    again = services.requests_prepare(actor=world["officer1"], case=family)
    assert {r.pk for r in again} == {r.pk for r in prepared}  # drafts reused, never doubled


def test_request_is_refused_when_a_childs_council_is_unknown(family, world):
    people_services.child_add(
        actor=world["officer1"],
        case=family,
        where="",
        child={"first_name": "Mason", "last_name": "Holt", "date_of_birth": D(2020, 1, 1)},
        link={"relationship": "parent", "contact": "regular"},
    )
    with pytest.raises(ValidationError, match="Mason Holt"):
        services.requests_prepare(actor=world["officer1"], case=family)
    assert not RequestForInformation.objects.exists()


def test_send_sets_due_and_escalation_dates_from_the_rules(family, world):
    request = services.requests_prepare(actor=world["officer1"], case=family)[0]
    sent = services.request_send(
        actor=world["officer1"], case=family, request=request, sent_on=D(2026, 11, 23), channel="secure_email", recipient="MASH"
    )
    assert sent.status == CheckStatus.SENT
    assert sent.due_on == D(2026, 12, 7)  # 10 working days
    assert sent.escalate_on == D(2026, 12, 14)  # 5 more working days
    assert AuditEvent.objects.filter(action="request.send", object_id=str(request.pk)).exists()


def test_administrators_change_of_rule_applies_to_new_requests(family, world):
    first, second = services.requests_prepare(actor=world["officer1"], case=family)
    services.request_send(
        actor=world["officer1"], case=family, request=first, sent_on=D(2026, 11, 23), channel="portal", recipient="x"
    )
    DeadlineRule.objects.filter(name="request_for_information_reply").update(length=15)
    services.request_send(
        actor=world["officer1"], case=family, request=second, sent_on=D(2026, 11, 23), channel="portal", recipient="x"
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.due_on == D(2026, 12, 7) and second.due_on == D(2026, 12, 14)


@pytest.mark.parametrize(
    "values,message",
    [
        ({"sent_on": D(2026, 11, 24), "channel": "portal", "recipient": "x"}, "must be today or in the past"),
        ({"sent_on": None, "channel": "portal", "recipient": "x"}, "Enter the date it was sent"),
        ({"sent_on": D(2026, 11, 23), "channel": "", "recipient": "x"}, "Select how it was sent"),
        ({"sent_on": D(2026, 11, 23), "channel": "portal", "recipient": " "}, "Enter who it was sent to"),
    ],
)
def test_bad_send_changes_nothing(family, world, values, message):
    request = services.requests_prepare(actor=world["officer1"], case=family)[0]
    with pytest.raises(ValidationError, match=message):
        services.request_send(actor=world["officer1"], case=family, request=request, **values)
    request.refresh_from_db()
    assert request.status == CheckStatus.DRAFT and request.sent_on is None and request.due_on is None


def test_cannot_answer_or_chase_a_request_never_sent(family, world):
    request = services.requests_prepare(actor=world["officer1"], case=family)[0]
    with pytest.raises(ValidationError, match="has not been sent"):
        services.request_answer(
            actor=world["officer1"],
            case=family,
            request=request,
            answered_on=D(2026, 11, 23),
            service_user_known=False,
            children={},
        )
    with pytest.raises(ValidationError, match="sent and not yet answered"):
        services.request_chase(actor=world["officer1"], case=family, request=request, chased_on=D(2026, 11, 23), method="phone")
    request.refresh_from_db()
    assert request.status == CheckStatus.DRAFT and not request.chases.exists()


SENT_DAY = D(2026, 11, 16)


def _sent(family, world, day=SENT_DAY):
    request = services.requests_prepare(actor=world["officer1"], case=family)[0]
    return services.request_send(
        actor=world["officer1"], case=family, request=request, sent_on=day, channel="portal", recipient="x"
    )


def test_answer_dated_before_sending_is_refused(family, world):
    request = _sent(family, world)
    child_id = request.request_children.get().child_id
    with pytest.raises(ValidationError, match="before the request was sent"):
        services.request_answer(
            actor=world["officer1"],
            case=family,
            request=request,
            answered_on=D(2026, 11, 13),
            service_user_known=False,
            children={child_id: {"known": "no_trace"}},
        )
    request.refresh_from_db()
    assert request.status == CheckStatus.SENT


def test_silence_is_never_read_as_not_known(family, world):
    request = _sent(family, world)
    child_id = request.request_children.get().child_id
    with pytest.raises(ValidationError) as error:
        services.request_answer(
            actor=world["officer1"],
            case=family,
            request=request,
            answered_on=D(2026, 11, 20),
            service_user_known=None,
            children={child_id: {"known": ""}},
        )
    assert set(error.value.message_dict) == {"service_user_known", f"child_{child_id}_known"}
    request.refresh_from_db()
    assert request.status == CheckStatus.SENT and request.request_children.get().known == ""


def test_chase_then_answer_updates_the_childs_status_history(family, world):
    request = _sent(family, world)
    row = request.request_children.get()
    with pytest.raises(ValidationError, match="on or after the date sent"):
        services.request_chase(actor=world["officer1"], case=family, request=request, chased_on=D(2026, 11, 13), method="phone")
    services.request_chase(
        actor=world["officer1"], case=family, request=request, chased_on=D(2026, 11, 20), method="phone", spoke_to="Duty desk"
    )
    services.request_answer(
        actor=world["officer1"],
        case=family,
        request=request,
        answered_on=D(2026, 11, 23),
        service_user_known=True,
        service_user_capacity="Father of children on plans",
        children={
            row.child_id: {
                "known": "known",
                "status": "cpp",
                "category": "neglect",
                "plan_date": D(2025, 6, 1),
                "social_worker": "Jane Aldridge",
            }
        },
    )
    request.refresh_from_db()
    child = row.child
    child.refresh_from_db()
    assert request.status == CheckStatus.ANSWERED and request.chases.count() == 1
    assert child.csc_status == CSCStatus.CHILD_PROTECTION_PLAN
    status = child.statuses.get()
    assert (status.start_date, status.category, status.social_worker) == (D(2025, 6, 1), "neglect", "Jane Aldridge")
    assert "Reply to request for information sent 16/11/2026" in status.source
    with pytest.raises(ValidationError, match="already been recorded"):
        services.request_answer(
            actor=world["officer1"],
            case=family,
            request=request,
            answered_on=D(2026, 11, 23),
            service_user_known=True,
            children={},
        )


def test_answer_contradicting_what_the_service_user_said_is_shown_until_resolved(family, world):
    checklist(family, world["officer1"])  # all no: "no children"
    request = _sent(family, world)
    row = request.request_children.get()
    services.request_answer(
        actor=world["officer1"],
        case=family,
        request=request,
        answered_on=D(2026, 11, 23),
        service_user_known=False,
        children={row.child_id: {"known": "known", "status": "looked_after"}},
    )
    contradiction = Contradiction.objects.get()
    assert "do not live with" in contradiction.description and str(row.child) in contradiction.description
    with pytest.raises(ValidationError):
        services.contradiction_resolve(actor=world["officer1"], case=family, contradiction=contradiction, resolution="  ")
    services.contradiction_resolve(
        actor=world["officer1"],
        case=family,
        contradiction=contradiction,
        resolution="He did not know the children were placed with foster carers.",
    )
    assert Contradiction.objects.get().resolved_on == D(2026, 11, 23)


def test_recorded_status_that_a_check_contradicts_is_not_overwritten(family, world):
    kayleigh = family.service_user.child_links.get(child__first_name="Kayleigh").child
    people_services.status_add(
        actor=world["officer1"], case=family, child=kayleigh, status="looked_after", start_date=D(2024, 1, 1)
    )
    request = next(
        r for r in services.requests_prepare(actor=world["officer1"], case=family) if r.local_authority.name == "Worcestershire"
    )
    services.request_send(
        actor=world["officer1"], case=family, request=request, sent_on=D(2026, 11, 16), channel="portal", recipient="x"
    )
    services.request_answer(
        actor=world["officer1"],
        case=family,
        request=request,
        answered_on=D(2026, 11, 23),
        service_user_known=False,
        children={kayleigh.pk: {"known": "no_trace"}},
    )
    kayleigh.refresh_from_db()
    assert kayleigh.csc_status == "looked_after"
    assert 'recorded as "looked after"' in Contradiction.objects.get().description


def test_police_check_lifecycle(family, world):
    check = services.police_check_prepare(actor=world["officer1"], case=family, police_force="West Mercia Police")
    with pytest.raises(ValidationError, match="has not been sent"):
        services.police_check_answer(
            actor=world["officer1"],
            case=family,
            check=check,
            answered_on=D(2026, 11, 23),
            callouts=False,
            child_intelligence=False,
        )
    services.police_check_send(
        actor=world["officer1"], case=family, check=check, sent_on=D(2026, 11, 23), channel="secure_email", recipient="PPU"
    )
    with pytest.raises(ValidationError, match="Give details of the call-outs"):
        services.police_check_answer(
            actor=world["officer1"],
            case=family,
            check=check,
            answered_on=D(2026, 11, 23),
            callouts=True,
            child_intelligence=False,
        )
    services.police_check_answer(
        actor=world["officer1"],
        case=family,
        check=check,
        answered_on=D(2026, 11, 23),
        callouts=True,
        callout_details="Three call-outs in 2025",
        children_present=False,
        child_intelligence=False,
    )
    check.refresh_from_db()
    assert check.status == CheckStatus.ANSWERED and check.due_on == D(2026, 12, 7)


def test_notification_lifecycle(family, world):
    children = [link.child for link in family.service_user.child_links.all()]
    with pytest.raises(ValidationError):
        services.notification_prepare(
            actor=world["officer1"], case=family, kind="involvement", local_authority=council(), children=[]
        )
    notification = services.notification_prepare(
        actor=world["officer1"], case=family, kind="involvement", local_authority=council(), children=children[:1]
    )
    with pytest.raises(ValidationError, match="Only a sent notification"):
        services.notification_acknowledge(
            actor=world["officer1"], case=family, notification=notification, acknowledged_on=D(2026, 11, 23)
        )
    services.notification_send(
        actor=world["officer1"],
        case=family,
        notification=notification,
        sent_on=D(2026, 11, 20),
        channel="secure_email",
        recipient="Key worker",
    )
    with pytest.raises(ValidationError, match="before it was sent"):
        services.notification_acknowledge(
            actor=world["officer1"], case=family, notification=notification, acknowledged_on=D(2026, 11, 19)
        )
    services.notification_acknowledge(
        actor=world["officer1"], case=family, notification=notification, acknowledged_on=D(2026, 11, 23)
    )
    notification.refresh_from_db()
    assert notification.acknowledged_on == D(2026, 11, 23) and notification.acknowledge_due_on == D(2026, 12, 4)


def test_significant_events_after_a_check_call_for_a_fresh_one(family, world):
    people_services.adult_add(
        actor=world["officer1"],
        case=family,
        adult={"first_name": "Donna", "last_name": "Fenwick"},
        link={"relationship": "partner"},
    )
    assert not SignificantEvent.objects.exists()  # no check yet: the first check covers it
    _sent(family, world)
    people_services.adult_add(
        actor=world["officer1"], case=family, adult={"first_name": "Lee", "last_name": "Cross"}, link={"relationship": "partner"}
    )
    stays = people_services.service_user_address_add(
        actor=world["officer1"],
        case=family,
        service_user=family.service_user,
        address={"line_1": "9 New Street", "local_authority": council()},
        address_type="stays",
    )
    people_services.child_add(
        actor=world["officer1"],
        case=family,
        where="service_user",
        service_user_address=stays.address,  # two current addresses: which one is asked
        child={"first_name": "Baby", "last_name": "Cross", "date_of_birth": D(2026, 11, 1)},
        link={"relationship": "partners_child", "contact": "lives_with"},
    )
    assert sorted(SignificantEvent.objects.values_list("kind", flat=True)) == ["change_of_address", "new_child", "new_partner"]
    event = SignificantEvent.objects.get(kind="new_partner")
    with pytest.raises(ValidationError):
        services.event_resolve(actor=world["officer1"], case=family, event=event, resolution="")
    services.requests_prepare(actor=world["officer1"], case=family, trigger="significant_event", event=event)
    event.refresh_from_db()
    assert event.resolved_on == D(2026, 11, 23)


def test_release_on_licence_is_a_significant_event(family, world):
    from safeguard.cases import services as case_services

    _sent(family, world)
    case_services.order_add(
        actor=world["officer1"], case=family, stage="licence", order_type="licence", start_date=D(2026, 11, 20)
    )
    assert SignificantEvent.objects.get().kind == "release"
