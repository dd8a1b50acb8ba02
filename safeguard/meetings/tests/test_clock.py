"""The plan's statutory clock (WM 4.5-4.6): first core group, first review conference, review
conferences every 6 months, until the plan ends; and the steps it raises."""

import datetime

from safeguard.meetings import clock, selectors, services
from safeguard.meetings.models import Meeting

from .conftest import on, steps

D = datetime.date
K = Meeting.Kind


def expected(case):
    meetings = list(Meeting.objects.filter(case=case))
    return [(e.rule, e.due_on, e.met_by.held_on if e.met_by else None) for e in clock.expected(meetings, selectors.due_for(case))]


def test_first_core_group_due_ten_working_days_after_the_conference_skipping_christmas(meeting_case, hold, fixed_today):
    hold(K.INITIAL_CONFERENCE, D(2026, 12, 18), plan=True)
    # 21, 22, 23, 24, (25 and 28 December bank holidays) 29, 30, 31, (1 January) 4, 5, 6 January.
    assert expected(meeting_case) == [
        ("first_core_group", D(2027, 1, 6), None),
        ("first_review_conference", D(2027, 3, 18), None),
    ]
    [step] = steps(meeting_case, "meetings.next_meeting")
    assert step.title == "First core group due by 6 January 2027"
    assert step.due_on == D(2027, 1, 6)
    assert "Initial child-protection conference of 18/12/2026" in step.fact


def test_a_conference_that_makes_no_plan_starts_no_clock(meeting_case, hold):
    hold(K.INITIAL_CONFERENCE, D(2026, 11, 2), plan=False)
    hold(K.STRATEGY, D(2026, 10, 20))
    assert expected(meeting_case) == []
    assert [t for t in steps(meeting_case) if t.rule.startswith("meetings.")] == []


def test_review_conferences_follow_every_six_months_for_eighteen_months(meeting_case, hold, fixed_today):
    hold(K.INITIAL_CONFERENCE, D(2026, 11, 2), plan=True)
    hold(K.CORE_GROUP, D(2026, 11, 12))
    hold(K.REVIEW_CONFERENCE, D(2027, 1, 28), plan=True)
    hold(K.REVIEW_CONFERENCE, D(2027, 7, 20), plan=True)
    hold(K.REVIEW_CONFERENCE, D(2028, 1, 18), plan=True)
    fixed_today.move_to(on(D(2028, 5, 2)))
    assert expected(meeting_case) == [
        ("first_core_group", D(2026, 11, 16), D(2026, 11, 12)),
        ("first_review_conference", D(2027, 2, 2), D(2027, 1, 28)),
        ("review_conference", D(2027, 7, 28), D(2027, 7, 20)),
        ("review_conference", D(2028, 1, 20), D(2028, 1, 18)),
        ("review_conference", D(2028, 7, 18), None),
    ]
    [step] = steps(meeting_case, "meetings.next_meeting")
    assert step.title == "Review conference due by 18 July 2028"
    assert "Review child-protection conference of 18/01/2028" in step.fact


def test_no_invitation_received_when_the_core_group_was_due_and_none_is_recorded(meeting_case, hold, fixed_today):
    hold(K.INITIAL_CONFERENCE, D(2026, 11, 2), plan=True)  # today is 23 November 2026
    [step] = steps(meeting_case, "meetings.no_invitation")
    assert step.title == "No invitation received: contact the chair"
    assert step.due_on == D(2026, 11, 16) and step.is_overdue
    assert "First core group due by 16/11/2026" in step.fact
    [upcoming] = steps(meeting_case, "meetings.next_meeting")  # the first review, counted from the conference
    assert upcoming.title == "First review conference due by 2 February 2027"
    hold(K.CORE_GROUP, D(2026, 11, 20))
    assert steps(meeting_case, "meetings.no_invitation") == []
    assert [t.title for t in steps(meeting_case, "meetings.next_meeting")] == [upcoming.title]


def test_a_review_conference_overdue_raises_no_invitation(meeting_case, hold, fixed_today):
    hold(K.INITIAL_CONFERENCE, D(2026, 11, 2), plan=True)
    hold(K.CORE_GROUP, D(2026, 11, 12))
    fixed_today.move_to(on(D(2027, 2, 10)))
    [step] = steps(meeting_case, "meetings.no_invitation")
    assert "First review conference due by 02/02/2027" in step.fact


def test_a_plan_ended_part_way_stops_the_clock(world, meeting_case, hold, fixed_today):
    hold(K.INITIAL_CONFERENCE, D(2026, 11, 2), plan=True)
    hold(K.CORE_GROUP, D(2026, 11, 12))
    review = hold(K.REVIEW_CONFERENCE, D(2027, 1, 28), plan=True)
    fixed_today.move_to(on(D(2027, 9, 1)))  # the next review was due on 28 July
    assert steps(meeting_case, "meetings.no_invitation")
    services.plan_end(
        actor=world["officer1"], case=meeting_case, meeting=review, plan_ended_on=D(2027, 5, 3), status_after="child_in_need"
    )
    assert [rule for rule, _, _ in expected(meeting_case)] == ["first_core_group", "first_review_conference"]
    assert [t for t in steps(meeting_case) if t.rule.startswith("meetings.")] == []
    for link in meeting_case.service_user.child_links.all():  # the children's status is what was recorded
        [plan, after] = link.child.statuses.order_by("start_date")
        assert (plan.status, plan.end_date, after.status, after.start_date) == (
            "cpp",
            D(2027, 5, 3),
            "child_in_need",
            D(2027, 5, 3),
        )


def test_a_review_conference_that_makes_no_plan_ends_it(meeting_case, hold, fixed_today):
    hold(K.INITIAL_CONFERENCE, D(2026, 11, 2), plan=True)
    hold(K.CORE_GROUP, D(2026, 11, 12))
    hold(K.REVIEW_CONFERENCE, D(2027, 1, 28), plan=False)
    fixed_today.move_to(on(D(2027, 9, 1)))
    assert [t for t in steps(meeting_case) if t.rule.startswith("meetings.")] == []


def test_a_strategy_discussion_times_the_core_assessment(meeting_case, hold):
    strategy = hold(K.STRATEGY, D(2026, 11, 2))
    assert selectors.core_assessment_due(meeting_case, strategy) == D(2026, 12, 21)  # 35 working days
