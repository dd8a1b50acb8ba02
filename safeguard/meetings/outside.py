"""A written report sent to a meeting names the meeting's children: each one sent is a copy outside
the service, held by whoever convened the meeting (core.registry.copies_outside)."""

from collections.abc import Sequence
from typing import Any

from .models import WrittenReport


def copies_outside(case: Any, children: Sequence[Any]) -> list[str]:
    sent = (
        WrittenReport.objects.filter(
            meeting__case=case, meeting__children__in=[child.pk for child in children], submitted_on__isnull=False
        )
        .select_related("meeting")
        .distinct()
        .order_by("submitted_on", "pk")
    )
    return [
        f"Written report to the {report.meeting.get_kind_display().lower()} of {report.meeting.held_on:%-d %B %Y}, "
        f"sent to {report.meeting.convened_by} on {report.submitted_on:%-d %B %Y}"
        for report in sent
    ]
