"""Transfers on a case's timeline: each handover produced, its acknowledgement, and each unit told.
Two queries whatever the case holds."""

from collections.abc import Iterator
from typing import Any

from django.urls import reverse

from safeguard.core.registry import TimelineItem

from .history import HISTORY
from .models import HandoverNotice
from .selectors import handovers_of

KIND = HISTORY.kind


def transfer_items(case: Any) -> Iterator[TimelineItem]:
    handovers = {handover.pk: handover for handover in handovers_of(case)}
    for handover in handovers.values():
        url = reverse("transfers:handover", args=[case.pk, handover.pk])
        source = f" from {handover.from_holder}" if handover.from_holder_id else ""
        yield TimelineItem(
            at=handover.created_at,
            kind=KIND,
            title=f"Handover produced: case moved{source} to {handover.to_holder} ({handover.to_team})",
            url=url,
        )
        if handover.acknowledged_at is not None:
            yield TimelineItem(
                at=handover.acknowledged_at,
                kind=KIND,
                title="Handover acknowledged by the new case holder",
                url=url,
                by=str(handover.acknowledged_by),
            )
    if not handovers:
        return
    for notice in HandoverNotice.objects.filter(handover_id__in=list(handovers)).select_related("key_contact", "by"):
        handover = handovers[notice.handover_id]
        yield TimelineItem.on_day(
            notice.informed_on,
            kind=KIND,
            title=f"{notice.key_contact.described} told the case moved to {handover.to_holder}",
            text=f"By {notice.get_how_display().lower()}",
            url=reverse("transfers:handover", args=[case.pk, handover.pk]),
            by=str(notice.by),
        )
