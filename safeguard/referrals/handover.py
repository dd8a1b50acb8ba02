"""The referrals' part of the handover summary a new case holder reads (`registry.handover_parts`):
each open referral without a reply, the children it is about, what response was wanted and when the
reply is due. Two queries."""

from collections.abc import Iterable
from typing import Any

from safeguard.core.registry import HandoverPart

from .models import Referral


def handover_parts(case: Any) -> Iterable[HandoverPart]:
    referrals = (
        Referral.objects.filter(case=case, closed_on__isnull=True, answered_on__isnull=True)
        .select_related("local_authority")
        .prefetch_related("children")
        .order_by("made_on", "pk")
    )
    lines = []
    for referral in referrals:
        children = ", ".join(str(child) for child in referral.children.all())
        lines.append(
            f"Referral to {referral.to_label or referral.get_referred_to_display()} made {referral.made_on:%-d %B %Y} "
            f"about {children}: response wanted: {referral.get_response_wanted_display().lower()}; "
            f"no reply yet (due {referral.due_on:%-d %B %Y})"
        )
    yield HandoverPart("Referrals without a reply", tuple(lines), empty="None waiting", order=45)
