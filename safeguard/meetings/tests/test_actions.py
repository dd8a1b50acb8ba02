"""Minutes received and the actions agreed at a meeting: probation's open actions are steps."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from safeguard.meetings import services
from safeguard.meetings.models import Meeting

from .conftest import steps

D = datetime.date
K = Meeting.Kind


def add(world, case, meeting, **values):
    values = {"description": "Share the risk management plan", "owner_agency": "Probation", "probation_owns": True, **values}
    return services.action_add(actor=world["officer1"], case=case, meeting=meeting, **values)


def test_probations_open_action_is_a_step_until_done(world, meeting_case, hold):
    meeting = hold(K.CORE_GROUP, D(2026, 11, 12))
    action = add(world, meeting_case, meeting, due_on=D(2026, 11, 26))
    add(world, meeting_case, meeting, owner_agency="Children's services", probation_owns=False, description="Visit")
    [step] = steps(meeting_case, "meetings.probation_action")
    assert step.title == "Complete the action from the core group"
    assert step.due_on == D(2026, 11, 26)
    assert step.url.endswith(f"/meetings/actions/{action.pk}/done/")
    assert "Share the risk management plan" in step.fact
    services.action_done(actor=world["officer1"], case=meeting_case, action=action, done_on=D(2026, 11, 20))
    assert steps(meeting_case, "meetings.probation_action") == []
    with pytest.raises(ValidationError, match="outcome is already recorded"):
        services.action_done(actor=world["officer1"], case=meeting_case, action=action, done_on=D(2026, 11, 20))


def test_an_action_not_done_needs_the_reason_in_writing_and_then_leaves_my_work(world, meeting_case, hold):
    meeting = hold(K.CORE_GROUP, D(2026, 11, 12))
    action = add(world, meeting_case, meeting, due_on=D(2026, 11, 26))
    officer = world["officer1"]
    with pytest.raises(ValidationError) as error:
        services.action_done(
            actor=officer, case=meeting_case, action=action, done_on=D(2026, 11, 20), outcome="not_done", not_done_reason=" "
        )
    assert "not_done_reason" in error.value.message_dict
    action.refresh_from_db()
    assert action.done_on is None and steps(meeting_case, "meetings.probation_action")
    services.action_done(
        actor=officer,
        case=meeting_case,
        action=action,
        done_on=D(2026, 11, 20),
        outcome="not_done",
        not_done_reason="The social worker shared it herself at the meeting",
    )
    action.refresh_from_db()
    assert (action.outcome, action.not_done_reason) == ("not_done", "The social worker shared it herself at the meeting")
    assert steps(meeting_case, "meetings.probation_action") == []


def test_an_action_names_its_owner_and_whether_probation_owns_it(world, meeting_case, hold):
    meeting = hold(K.CORE_GROUP, D(2026, 11, 12))
    with pytest.raises(ValidationError) as error:
        add(world, meeting_case, meeting, owner_agency=" ", probation_owns=None)
    assert error.value.message_dict == {"probation_owns": ["Select yes if probation owns the action"]}
    with pytest.raises(ValidationError) as error:
        add(world, meeting_case, meeting, owner_agency=" ")
    assert error.value.message_dict == {"owner_agency": ["Enter the agency that owns the action"]}


def test_minutes_are_received_after_the_meeting(world, meeting_case, hold):
    meeting = hold(K.CORE_GROUP, D(2026, 11, 12))
    with pytest.raises(ValidationError) as error:
        services.minutes_received(
            actor=world["officer1"], case=meeting_case, meeting=meeting, minutes_received_on=D(2026, 11, 10)
        )
    assert error.value.message_dict == {
        "minutes_received_on": ["The date the minutes were received must be on or after the meeting"]
    }
    services.minutes_received(actor=world["officer1"], case=meeting_case, meeting=meeting, minutes_received_on=D(2026, 11, 19))
    meeting.refresh_from_db()
    assert meeting.minutes_received_on == D(2026, 11, 19)


def test_the_meeting_page_lists_its_actions(client, world, meeting_case, hold):
    meeting = hold(K.CORE_GROUP, D(2026, 11, 12))
    add(world, meeting_case, meeting)
    client.force_login(world["officer1"])
    html = client.get(f"/cases/{meeting_case.pk}/meetings/{meeting.pk}/").content.decode()
    assert "Share the risk management plan" in html and "Record the outcome" in html
