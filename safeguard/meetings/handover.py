"""The meetings' part of the handover summary a new case holder reads (`registry.handover_parts`):
the meetings to come, and the actions for probation agreed at meetings and not yet done. Two
queries."""

from collections.abc import Iterable
from typing import Any

from safeguard.core import clock
from safeguard.core.registry import HandoverPart

from .models import MeetingAction
from .selectors import upcoming_of_case


def handover_parts(case: Any) -> Iterable[HandoverPart]:
    meetings = [
        f"{meeting.get_kind_display()} on {meeting.held_on:%-d %B %Y}"
        f"{f' at {meeting.starts_at:%H:%M}' if meeting.starts_at else ''}{f', {meeting.place}' if meeting.place else ''}"
        f" (convened by {meeting.convened_by})"
        for meeting in upcoming_of_case(case, clock.today())
    ]
    yield HandoverPart("Meetings to come", tuple(meetings), empty="None booked", order=50)
    actions = [
        f"{action.description} (agreed at the {action.meeting}{f'; due {action.due_on:%-d %B %Y}' if action.due_on else ''})"
        for action in MeetingAction.objects.filter(meeting__case=case, probation_owns=True, done_on__isnull=True)
        .select_related("meeting")
        .order_by("due_on", "pk")
    ]
    yield HandoverPart("Actions for probation not done", tuple(actions), empty="None outstanding", order=55)
