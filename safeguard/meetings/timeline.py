"""Meetings on a case's timeline (a provider declared in the registry, read by the case record): each
meeting held (or, until its day, booked), the written report sent to it and its minutes received.

Two queries whatever the case holds (one when it has no meeting): the meetings and the children they
are about."""

import datetime
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils import timezone

from safeguard.core import clock
from safeguard.core.registry import TimelineItem

from .history import HISTORY
from .models import Meeting

KIND = HISTORY.kind  # the word for this app's records, which the timeline filters by


def _outcome(meeting: Meeting) -> str:
    """What happened at a meeting held, in a sentence or two."""
    parts = []
    if meeting.attendance == Meeting.Attendance.ATTENDED:
        parts.append(f"Attended by {meeting.attended_by}")
    elif meeting.attendance == Meeting.Attendance.NOT_ATTENDED:
        parts.append("Nobody from probation attended")
    if meeting.plan_made:
        parts.append(f"Child-protection plan made ({meeting.get_plan_category_display().lower()})")
    elif meeting.plan_made is False:
        parts.append("No child-protection plan")
    return ". ".join(parts)


def _minutes(meeting: Meeting) -> str:
    if meeting.minutes_checked_on is None:
        return "Not yet checked for accuracy"
    return "Checked: accurate" if meeting.minutes_accurate else "Checked: a correction was asked of the chair"


def _meeting(meeting: Meeting, today: datetime.date, common: dict[str, Any]) -> Iterator[TimelineItem]:
    what = meeting.get_kind_display()
    if meeting.minutes_received_on:
        yield TimelineItem.on_day(
            meeting.minutes_received_on, title=f"Minutes of the {what.lower()} received", text=_minutes(meeting), **common
        )
    if meeting.report_submitted_on:
        yield TimelineItem.on_day(meeting.report_submitted_on, title=f"Written report sent to the {what.lower()}", **common)
    if meeting.held_on > today:  # on the timeline when it was booked, until it is held
        yield TimelineItem(
            at=meeting.created_at, title=f"{what} booked for {meeting.held_on:%-d %B %Y}", text=meeting.convened_by, **common
        )
    elif meeting.starts_at is not None:
        at = timezone.make_aware(datetime.datetime.combine(meeting.held_on, meeting.starts_at))
        yield TimelineItem(at=at, title=f"{what} held", text=_outcome(meeting), **common)
    else:
        yield TimelineItem.on_day(meeting.held_on, title=f"{what} held", text=_outcome(meeting), **common)


def meeting_items(case: Any) -> list[TimelineItem]:
    """Every meeting on the case, its report and its minutes, as the case's timeline shows them."""
    meetings = list(Meeting.objects.filter(case=case).order_by())
    if not meetings:
        return []
    named: dict[int, list[int]] = defaultdict(list)
    for meeting_id, child_id in Meeting.children.through.objects.filter(meeting__case=case).values_list("meeting_id", "child_id"):
        named[meeting_id].append(child_id)
    today = clock.today()
    return [
        item
        for meeting in meetings
        for item in _meeting(
            meeting,
            today,
            {
                "kind": KIND,
                "url": reverse("meetings:meeting", args=[case.pk, meeting.pk]),
                "children": tuple(sorted(named[meeting.pk])),
            },
        )
    ]
