"""Rules that were decided in views and now live in one place: what called for a check, which children
count as known to social care, a record's own step on its page, and refusals of one-click actions."""

import datetime
import re

import pytest

from safeguard.checks import services
from safeguard.checks.models import CHECKLIST_QUESTIONS, RequestForInformation, SignificantEvent, Trigger
from safeguard.people import services as people_services
from safeguard.testing import council

D = datetime.date


def _checklist(world, case, *, yes: bool):
    answers: dict[str, bool | str] = {}
    for name, _, _ in CHECKLIST_QUESTIONS:
        answers[name] = yes and name == "living_with_children"
        answers[f"{name}_details"] = "Two daughters" if answers[name] else ""
    return services.checklist_record(
        actor=world["officer1"], case=case, stage="start_of_order", asked_on=D(2026, 11, 23), answers=answers
    )


def test_with_no_checklist_the_check_is_the_officers_decision(world, family):
    assert services.requests_prepare(actor=world["officer1"], case=family)[0].trigger == Trigger.OFFICER


def test_a_checklist_answered_yes_is_what_called_for_the_check(world, family):
    checklist = _checklist(world, family, yes=True)
    request = services.requests_prepare(actor=world["officer1"], case=family)[0]
    assert (request.trigger, request.checklist) == (Trigger.CHECKLIST, checklist)


def test_a_checklist_answered_no_leaves_it_the_officers_decision(world, family):
    _checklist(world, family, yes=False)
    assert services.requests_prepare(actor=world["officer1"], case=family)[0].trigger == Trigger.OFFICER


def test_a_significant_event_is_what_called_for_a_fresh_check(world, family):
    _checklist(world, family, yes=True)
    event = services.event_record(actor=world["officer1"], case=family, kind="new_partner", occurred_on=D(2026, 11, 20))
    request = services.requests_prepare(actor=world["officer1"], case=family, event=event)[0]
    assert (request.trigger, request.event) == (Trigger.SIGNIFICANT_EVENT, event)
    assert SignificantEvent.objects.get(pk=event.pk).resolved_on is not None


@pytest.mark.parametrize("marker,trigger", [(True, Trigger.DOMESTIC_ABUSE), (False, Trigger.OFFICER)])
def test_a_police_check_is_called_for_by_the_domestic_abuse_marker(world, make_case, marker, trigger):
    case = make_case(domestic_abuse=marker)
    assert services.police_check_prepare(actor=world["officer1"], case=case, police_force="West Mercia").trigger == trigger


@pytest.mark.parametrize("status,chosen", [("child_in_need", True), ("early_help", False), ("adopted", False)])
def test_a_new_notification_names_the_children_known_to_that_councils_social_care(client, world, family, status, chosen):
    """One meaning of "known to children's social care" (people.models.KNOWN_TO_CSC) for the task
    that asks for a notification and for the children the notification starts with."""
    ruby = family.service_user.child_links.get(child__first_name="Ruby").child
    people_services.status_add(
        actor=world["officer1"],
        case=family,
        child=ruby,
        status=status,
        start_date=D(2026, 11, 1),
        local_authority=council("Herefordshire"),
    )
    client.force_login(world["officer1"])
    authority = council("Herefordshire").pk
    page = client.get(f"/cases/{family.pk}/checks/notifications/new/", {"authority": authority}).content.decode()
    box = re.search(rf'<input[^>]*name="children"[^>]*value="{ruby.pk}"[^>]*>', page)
    assert box is not None and ("checked" in box.group(0)) is chosen
    steps = client.get(f"/cases/{family.pk}/checks/").content.decode()
    assert ("Notify Herefordshire of probation involvement" in steps) is chosen


def test_a_request_shows_its_own_step_on_its_page(client, world, family):
    request = services.requests_prepare(actor=world["officer1"], case=family)[0]
    services.request_send(
        actor=world["officer1"], case=family, request=request, sent_on=D(2026, 11, 2), channel="portal", recipient="MASH"
    )
    client.force_login(world["officer1"])
    heading = client.get(f"/cases/{family.pk}/checks/requests/{request.pk}/").content.decode().split("</h2>")[0]
    assert "Escalated" in heading  # reply due 16 November, escalated 23rd: the step's status, not "Sent"


def test_a_refused_one_click_action_says_why_and_changes_nothing(client, world, family):
    request = services.requests_prepare(actor=world["officer1"], case=family)[0]
    services.request_send(
        actor=world["officer1"], case=family, request=request, sent_on=D(2026, 11, 2), channel="portal", recipient="MASH"
    )
    client.force_login(world["officer1"])
    response = client.post(f"/cases/{family.pk}/checks/requests/{request.pk}/withdraw/", follow=True)
    assert response.status_code == 200
    assert "Only a draft can be withdrawn" in response.content.decode()
    assert RequestForInformation.objects.get(pk=request.pk).status == "sent"


def test_naming_each_child_on_a_request_is_in_the_case_history(world, family):
    from safeguard.core.models import AuditEvent

    services.requests_prepare(actor=world["officer1"], case=family)
    named = AuditEvent.objects.filter(case_id=family.pk, action="request.name_child").count()
    assert named == family.service_user.child_links.count() == 2
