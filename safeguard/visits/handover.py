"""The home visits part of the handover summary a case's new holder reads (`core.registry`): the
last visit (when, where, the children seen and not), when a registered case's next visit is due,
and any reason for no visit still waiting for the manager."""

from collections.abc import Iterable
from typing import Any

from safeguard.core import deadlines
from safeguard.core.registry import HandoverPart

from .models import HomeVisit, NoVisitReason
from .selectors import REGISTERED_RULE, registered_clocks, seen_words


def handover_parts(case: Any) -> Iterable[HandoverPart]:
    lines = []
    last = (
        HomeVisit.objects.filter(case=case, consent_given=True)
        .select_related("address")
        .prefetch_related("child_rows__child")
        .order_by("-visited_on", "-pk")
        .first()
    )
    if last is not None:
        seen = seen_words(last.child_rows.all()) or "No linked child."
        lines.append(f"Last home visit {last.visited_on:%-d %B %Y} at {last.address}. {seen}")
    clock = registered_clocks({case.pk: case}, deadlines.due_by_case([REGISTERED_RULE])).get(case.pk)
    if clock is not None:
        lines.append(f"Registered case: next home visit due by {clock.due_on:%-d %B %Y}")
    for reason in NoVisitReason.objects.filter(case=case, agreed__isnull=True).order_by("recorded_on", "pk"):
        lines.append(
            f"Reason for no home visit recorded {reason.recorded_on:%-d %B %Y}, not yet agreed by the manager: {reason.reason}"
        )
    yield HandoverPart("Home visits", tuple(lines), empty="No home visit recorded", order=55)
