"""Outstanding steps of meetings (a task provider declared in the registry): the next meeting the
plan's clock expects, the chair to contact for each meeting that was due with none on record (WM 4;
HMIP 2014 2.39: probation not invited, or invited late), the written report owed to a meeting
nobody from probation attended, and probation's open actions from meetings (HMIP 2014 2.28). One
query loads the meetings of every case given, one their actions."""

import datetime
from collections.abc import Mapping
from functools import partial
from typing import Any

from django.urls import reverse

from safeguard.core.tasks import Due, Task, about

from . import clock, selectors
from .models import MeetingAction


def meeting_tasks(by_id: Mapping[int, Any], due: Due, today: datetime.date) -> list[Task]:
    by_case = selectors.meetings_by_case(by_id)
    found: list[Task] = _plan_tasks(by_id, due)
    for case_id, meetings in by_case.items():
        case = by_id[case_id]
        new = reverse("meetings:meeting_new", args=[case.pk])
        # Each expected meeting is late ("no invitation received") the day after it is due; until
        # then the first of them not yet late is the one expected: it shows once every meeting
        # before it is late.
        earlier_late_from: datetime.date | None = None
        for step in clock.outstanding(meetings, partial(selectors.on_case, due, case)):
            counted = f"{step.counted_from.get_kind_display()} of {step.counted_from.held_on:%d/%m/%Y}"
            late_from = step.due_on + datetime.timedelta(days=1)
            found.append(
                Task(
                    case,
                    "No invitation received: contact the chair",
                    step.due_on,
                    new,
                    "meeting_no_invitation",
                    rule="meetings.no_invitation",
                    fact=f"{step.label} due by {step.due_on:%d/%m/%Y} after the {counted}; none on record",
                    subject=about(step.counted_from),
                    shows_from=late_from,
                )
            )
            if earlier_late_from is None or earlier_late_from <= step.due_on:
                found.append(
                    Task(
                        case,
                        f"{step.label} due by {step.due_on:%-d %B %Y}",
                        step.due_on,
                        new,
                        "meeting_expected",
                        waiting=True,
                        rule="meetings.next_meeting",
                        fact=f"{counted} made a plan; {step.label.lower()} not yet on record",
                        subject=about(step.counted_from),
                        shows_from=earlier_late_from,
                        shows_until=step.due_on,
                    )
                )
            earlier_late_from = max(late_from, earlier_late_from or late_from)
        for meeting in meetings:
            if meeting.needs_minutes_check:
                found.append(
                    Task(
                        case,
                        f"Check the minutes of the {meeting.get_kind_display().lower()} for accuracy",
                        meeting.minutes_received_on,
                        reverse("meetings:minutes_check", args=[case.pk, meeting.pk]),
                        "meeting_minutes",
                        rule="meetings.minutes_checked",
                        fact=f"Minutes of the {meeting} received {meeting.minutes_received_on:%d/%m/%Y}, not yet checked",
                        subject=about(meeting),
                    )
                )
            if meeting.needs_report:
                found.append(
                    Task(
                        case,
                        f"Record the written report to the {meeting.get_kind_display().lower()}",
                        meeting.held_on,
                        reverse("meetings:report", args=[case.pk, meeting.pk]),
                        "meeting_report",
                        detail=meeting.absence_reason,
                        rule="meetings.written_report",
                        fact=f"Nobody from probation attended the {meeting}",
                        subject=about(meeting),
                    )
                )
    if by_case:  # actions come from meetings: none without them
        found.extend(_action_tasks({case_id: by_id[case_id] for case_id in by_case}))
    return found


def _plan_tasks(by_id: Mapping[int, Any], due: Due) -> list[Task]:
    """The child-protection plan not on the probation file, and the risk-management plan not shared
    with the social worker, for cases linked to a child on a plan (HMIP 2014 2.26)."""
    found: list[Task] = []
    for case_id, gaps in selectors.plan_gaps(list(by_id.values())).items():
        case = by_id[case_id]
        if gaps.children_without_plan:
            since = min(start for _, start in gaps.children_without_plan)
            names = ", ".join(f"{child} (since {start:%d/%m/%Y})" for child, start in gaps.children_without_plan)
            found.append(
                Task(
                    case,
                    "Put the child-protection plan on file, with the role it gives probation",
                    due("plan_on_file", since, case),
                    reverse("meetings:protection_plan_new", args=[case_id]),
                    "protection_plan",
                    rule="meetings.plan_on_file",
                    fact=f"On a child-protection plan with no copy on file: {names}",
                )
            )
        if not gaps.risk_plan_shared:
            found.append(
                Task(
                    case,
                    "Share the risk-management plan with the social worker",
                    due("risk_plan_shared", gaps.since, case),
                    reverse("meetings:risk_plan_shared", args=[case_id]),
                    "risk_plan_shared",
                    rule="meetings.risk_plan_shared",
                    fact=f"A child linked to the case has been on a child-protection plan since {gaps.since:%d/%m/%Y}; "
                    "the risk-management plan is not recorded as shared since",
                )
            )
    return found


def _action_tasks(by_id: Mapping[int, Any]) -> list[Task]:
    """Probation's open actions from meetings (one query for every case)."""
    return [
        Task(
            by_id[action.meeting.case_id],
            f"Complete the action from the {action.meeting.get_kind_display().lower()}",
            action.due_on,
            reverse("meetings:action_done", args=[action.meeting.case_id, action.pk]),
            "meeting_action",
            detail=action.description,
            rule="meetings.probation_action",
            fact=f"Action for probation agreed at the {action.meeting}, not done: {action.description}",
            subject=about(action.meeting),
        )
        for action in MeetingAction.objects.filter(
            meeting__case_id__in=list(by_id), probation_owns=True, done_on__isnull=True
        ).select_related("meeting")
    ]
