"""The referrals made about a case's children, listed when their details are erased as copies held
by the agencies referred to (core.registry.copies_outside)."""

from collections.abc import Sequence
from typing import Any

from .models import Referral


def copies_outside(case: Any, children: Sequence[Any]) -> list[str]:
    ids = [child.pk for child in children]
    if not ids:
        return []
    referrals = Referral.objects.filter(case=case, children__in=ids).select_related("local_authority").distinct()
    return [
        f"Referral to {referral.to_label or referral.get_referred_to_display()} on {referral.made_on:%-d %B %Y} "
        f"({referral.get_channel_display().lower()}{', ' + referral.contact if referral.contact else ''})"
        for referral in referrals.order_by("made_on", "pk")
    ]
