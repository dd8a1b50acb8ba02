"""Recording meetings: the children on the case, dates in order, attendance, a conference's decision
on a plan (which puts the children on it, so the register's prompt fires), the written report."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from safeguard.meetings import services
from safeguard.meetings.models import Meeting
from safeguard.people.models import CSCStatus

from .conftest import steps

D = datetime.date
K = Meeting.Kind


def test_a_conference_that_makes_a_plan_puts_the_children_on_it_and_the_register_prompts(meeting_case, hold):
    assert steps(meeting_case, "register.linked_child_on_plan") == []
    conference = hold(K.INITIAL_CONFERENCE, D(2026, 11, 2), plan=True, category="emotional")
    for child in conference.children.all():
        status = child.statuses.get(end_date__isnull=True)
        assert (status.status, status.category, status.start_date) == (
            CSCStatus.CHILD_PROTECTION_PLAN,
            "emotional",
            D(2026, 11, 2),
        )
        assert status.source == "Initial child-protection conference of 02/11/2026"
        child.refresh_from_db()
        assert child.csc_status == CSCStatus.CHILD_PROTECTION_PLAN
    [step] = steps(meeting_case, "register.linked_child_on_plan")
    assert step.title.startswith("Register the case")


def test_a_review_conference_continuing_the_plan_adds_no_second_status(meeting_case, hold):
    conference = hold(K.INITIAL_CONFERENCE, D(2026, 11, 2), plan=True)
    hold(K.REVIEW_CONFERENCE, D(2026, 11, 20), plan=True)
    child = conference.children.first()
    assert child.statuses.count() == 1


def test_a_plan_needs_its_category(world, meeting_case, hold):
    conference = hold(K.INITIAL_CONFERENCE, D(2026, 11, 2))
    with pytest.raises(ValidationError) as error:
        services.meeting_decision(
            actor=world["officer1"], case=meeting_case, meeting=conference, plan_made=True, plan_category=""
        )
    assert error.value.message_dict == {"plan_category": ["Select the category of the child-protection plan"]}


def test_only_a_conference_decides_on_a_plan(world, meeting_case, hold):
    core_group = hold(K.CORE_GROUP, D(2026, 11, 2))
    with pytest.raises(ValidationError, match="Only a child-protection conference"):
        services.meeting_decision(
            actor=world["officer1"], case=meeting_case, meeting=core_group, plan_made=True, plan_category="neglect"
        )


def test_only_children_linked_to_the_case(world, make_case, meeting_case, hold):
    other = make_case(first_name="Other", children=1)
    stranger = other.service_user.child_links.get().child
    with pytest.raises(ValidationError) as error:
        hold(K.CORE_GROUP, D(2026, 11, 2), children=[stranger])
    assert error.value.message_dict == {"children": ["Only children linked to this case can be named"]}


def test_dates_in_order_and_no_invitation_from_the_future(world, meeting_case, hold):
    with pytest.raises(ValidationError) as error:
        hold(K.CORE_GROUP, D(2026, 11, 2), invited_on=D(2026, 11, 5))
    assert error.value.message_dict["invited_on"] == [
        "The date the invitation was received must be on or before the date of the meeting"
    ]
    child = meeting_case.service_user.child_links.first().child
    with pytest.raises(ValidationError) as error:  # recorded on 23 November
        services.meeting_record(
            actor=world["officer1"],
            case=meeting_case,
            kind=K.CORE_GROUP,
            children=[child],
            held_on=D(2026, 11, 30),
            invited_on=D(2026, 11, 24),
            convened_by="CSC",
        )
    assert error.value.message_dict["invited_on"] == ["The date the invitation was received must be today or in the past"]


def test_days_of_notice_and_a_late_invitation(meeting_case, hold, settings):
    meeting = hold(K.CORE_GROUP, D(2026, 11, 20), invited_on=D(2026, 11, 17))
    assert meeting.notice_days == 3 and meeting.invited_late
    settings.SAFEGUARD = {**settings.SAFEGUARD, "MEETING_LATE_NOTICE_DAYS": 3}
    assert not meeting.invited_late


def test_attendance_only_once_held_and_nobody_attending_needs_a_reason_and_a_report(world, meeting_case, hold):
    meeting = hold(K.CORE_GROUP, D(2026, 11, 20))
    with pytest.raises(ValidationError) as error:
        services.meeting_attendance(actor=world["officer1"], case=meeting_case, meeting=meeting, attendance="not_attended")
    assert error.value.message_dict == {
        "absence_reason": ["Enter why nobody from probation attended"],
        "absence_agreed": ["Select whether the line manager agreed"],
    }
    services.meeting_attendance(
        actor=world["officer1"],
        case=meeting_case,
        meeting=meeting,
        attendance="not_attended",
        absence_reason="In court",
        absence_agreed=True,
    )
    [step] = steps(meeting_case, "meetings.written_report")
    assert step.url.endswith(f"/meetings/{meeting.pk}/report/")
    report = services.report_draft(actor=world["officer1"], case=meeting_case, meeting=meeting)
    for statement in report.statements.all():
        statement.basis = "fact"
        statement.save()
    services.report_submitted(actor=world["officer1"], case=meeting_case, meeting=meeting, report_submitted_on=D(2026, 11, 19))
    assert steps(meeting_case, "meetings.written_report") == []


def test_attendance_of_a_meeting_still_to_come_is_refused(world, meeting_case):
    child = meeting_case.service_user.child_links.first().child
    meeting = services.meeting_record(
        actor=world["officer1"], case=meeting_case, kind=K.CORE_GROUP, children=[child], held_on=D(2026, 12, 3), convened_by="CSC"
    )
    with pytest.raises(ValidationError, match="once it has been held"):
        services.meeting_attendance(
            actor=world["officer1"], case=meeting_case, meeting=meeting, attendance="attended", attended_by="Me"
        )
