"""Referrals on a case's timeline (a provider declared in the registry, read by the case record): each
referral made, its written follow-up, each chase, its outcome, the manager's decision on a disputed
outcome, and each escalation.

Four queries whatever the case holds (one when it has no referral): the referrals, the children they
name, their chases and their escalations. The concern itself, in the officer's words, stays on the
referral's page."""

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from django.urls import reverse

from safeguard.core.registry import TimelineItem

from .history import HISTORY
from .models import Referral, ReferralChase, ReferralEscalation

KIND = HISTORY.kind  # the word for this app's records, which the timeline filters by


def _referral(
    referral: Referral, chases: list[ReferralChase], escalations: list[ReferralEscalation], common: dict[str, Any]
) -> Iterator[TimelineItem]:
    """What happened to one referral, the latest first."""
    if referral.decided_on:
        yield TimelineItem.on_day(
            referral.decided_on,
            title="Line manager's decision on the disputed outcome",
            by=str(referral.decided_by or ""),
            **common,
        )
    if referral.answered_on:
        yield TimelineItem.on_day(
            referral.answered_on,
            title=f"Outcome of the referral: {referral.get_outcome_display().lower()}",
            text="The officer does not accept the outcome" if referral.outcome_accepted is False else "",
            **common,
        )
    for escalation in escalations:
        yield TimelineItem.on_day(
            escalation.escalated_on,
            title=f"Referral escalated to the {escalation.get_level_display().lower()}, {escalation.escalated_to}",
            **common,
        )
    for chase in chases:
        how = f"By {chase.get_method_display().lower()}" + (f", with {chase.spoke_to}" if chase.spoke_to else "")
        yield TimelineItem.on_day(chase.chased_on, title="Referral chased", text=how, **common)
    if referral.followup_sent_on:
        yield TimelineItem.on_day(referral.followup_sent_on, title="Written follow-up of the phone referral sent", **common)
    harms = ", ".join(label.lower() for label in referral.harm_labels)
    yield TimelineItem.on_day(
        referral.made_on,
        title=f"Referral to {referral.get_referred_to_display().lower()} ({referral.to_label})",
        text=f"{referral.get_risk_level_display()} risk: {harms}. "
        f"Response wanted: {referral.get_response_wanted_display().lower()}",
        by=str(referral.made_by),
        **common,
    )


def referral_items(case: Any) -> list[TimelineItem]:
    """Every referral of the case and what followed it, as the case's timeline shows it."""
    referrals = list(Referral.objects.filter(case=case).select_related("local_authority", "made_by", "decided_by"))
    if not referrals:
        return []
    ids = [referral.pk for referral in referrals]
    named: dict[int, list[int]] = defaultdict(list)
    for referral_id, child_id in Referral.children.through.objects.filter(referral_id__in=ids).values_list(
        "referral_id", "child_id"
    ):
        named[referral_id].append(child_id)
    chases: dict[int, list[ReferralChase]] = defaultdict(list)
    for chase in ReferralChase.objects.filter(referral_id__in=ids).order_by("-chased_on", "-id"):
        chases[chase.referral_id].append(chase)
    escalations: dict[int, list[ReferralEscalation]] = defaultdict(list)
    for escalation in (
        ReferralEscalation.objects.filter(referral_id__in=ids).select_related("escalated_to").order_by("-escalated_on", "-id")
    ):
        escalations[escalation.referral_id].append(escalation)
    return [
        item
        for referral in referrals
        for item in _referral(
            referral,
            chases[referral.pk],
            escalations[referral.pk],
            {
                "kind": KIND,
                "url": reverse("referrals:referral", args=[case.pk, referral.pk]),
                "children": tuple(sorted(named[referral.pk])),
            },
        )
    ]
