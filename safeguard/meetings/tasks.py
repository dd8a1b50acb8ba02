"""Outstanding steps of meetings (a task provider declared in the registry): the next meeting the
plan's clock expects, the chair to contact for each meeting that was due with none on record (WM 4;
HMIP 2014 2.39: probation not invited, or invited late), the written report owed to a meeting
nobody from probation attended, and probation's open actions from meetings (HMIP 2014 2.28). One
query loads the meetings of every case given, one their actions."""

import datetime
from collections import defaultdict
from collections.abc import Mapping
from functools import partial
from typing import Any

from django.urls import reverse

from safeguard.core.tasks import Due, Task, about

from . import clock
from .models import Meeting, MeetingAction


def _due(due: Due, case: Any, rule: str, start: datetime.date) -> datetime.date:
    return due(rule, start, case)


def meeting_tasks(by_id: Mapping[int, Any], due: Due, today: datetime.date) -> list[Task]:
    by_case: dict[int, list[Meeting]] = defaultdict(list)
    for meeting in Meeting.objects.filter(case_id__in=list(by_id)).order_by("held_on", "pk"):
        by_case[meeting.case_id].append(meeting)
    found: list[Task] = []
    for case_id, meetings in by_case.items():
        case = by_id[case_id]
        new = reverse("meetings:meeting_new", args=[case.pk])
        upcoming_seen = False
        for step in clock.outstanding(meetings, partial(_due, due, case)):
            counted = f"{step.counted_from.get_kind_display()} of {step.counted_from.held_on:%d/%m/%Y}"
            if step.due_on < today:
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
                    )
                )
            elif not upcoming_seen:  # only the next meeting expected, not every one after it
                upcoming_seen = True
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
                    )
                )
        for meeting in meetings:
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
