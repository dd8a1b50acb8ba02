"""The case record's part of the handover summary a new case holder reads (`registry.handover_parts`):
the manager's decisions and supervision discussions of the last three months, from the general
section only. The summary is kept as it was handed over and read by whoever sees the case, so
restricted, victim and third-party material stays in its section of the record (`access`). One
query."""

import datetime
from collections.abc import Iterable
from typing import Any

from safeguard.core import clock
from safeguard.core.registry import HandoverPart

from .models import ManagerDecision, Section

RECENT_DAYS = 92  # about three months


def handover_parts(case: Any) -> Iterable[HandoverPart]:
    since = clock.today() - datetime.timedelta(days=RECENT_DAYS)
    decisions = ManagerDecision.objects.filter(case=case, section=Section.GENERAL, decided_on__gte=since).select_related(
        "manager"
    )
    lines = [
        f"{decision.decided_on:%-d %B %Y}, {decision.get_kind_display().lower()} ({decision.manager}): {decision.decision}"
        for decision in decisions.order_by("-decided_on", "-pk")
    ]
    yield HandoverPart("Manager's decisions in the last three months", tuple(lines), empty="None recorded", order=60)
