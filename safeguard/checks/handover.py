"""The checks' part of the handover summary a new case holder reads (`registry.handover_parts`):
each request for information and police check still waiting for a reply, with when it was sent and
when the reply is due, and those drafted but not sent. Two queries."""

from collections.abc import Iterable
from typing import Any

from safeguard.core.registry import HandoverPart

from .models import CheckRequest, CheckStatus, PoliceCheck, RequestForInformation

OPEN = (CheckStatus.DRAFT, CheckStatus.SENT)


def _line(check: CheckRequest) -> str:
    if check.status == CheckStatus.DRAFT:
        return f"{check}: drafted, not yet sent"
    due = f", reply due {check.due_on:%-d %B %Y}" if check.due_on else ""
    sent = f"sent {check.sent_on:%-d %B %Y}" if check.sent_on else "sent"
    return f"{check}: {sent}{f' to {check.recipient}' if check.recipient else ''}{due}; no reply yet"


def handover_parts(case: Any) -> Iterable[HandoverPart]:
    requests = RequestForInformation.objects.filter(case=case, status__in=OPEN).select_related("local_authority")
    police = PoliceCheck.objects.filter(case=case, status__in=OPEN)
    checks: list[CheckRequest] = [*requests.order_by("sent_on", "pk"), *police.order_by("sent_on", "pk")]
    yield HandoverPart("Checks waiting for a reply", tuple(_line(check) for check in checks), empty="None open", order=40)
