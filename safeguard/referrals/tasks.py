"""Outstanding steps of referrals (a task provider declared in the registry): follow-up, reply,
manager's decision. A written follow-up still not sent escalates to the line manager like a reply;
the reply or decision of a referral escalated to a named person names them (`Task.escalated_to`)."""

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.db.models import Count, Exists, OuterRef
from django.urls import reverse

from safeguard.core.tasks import Due, Task, about

from .models import Referral, ReferralEscalation


def _named(referrals: Sequence[Referral]) -> dict[int, frozenset[int]]:
    """The people each referral was escalated to by name, by referral id (no query when none was)."""
    ids = [r.pk for r in referrals if getattr(r, "escalated", False)]
    named: dict[int, set[int]] = {}
    if ids:
        for referral_id, user_id in ReferralEscalation.objects.filter(referral_id__in=ids).values_list(
            "referral_id", "escalated_to_id"
        ):
            named.setdefault(referral_id, set()).add(user_id)
    return {referral_id: frozenset(users) for referral_id, users in named.items()}


def referral_tasks(by_id: Mapping[int, Any], due: Due, today: datetime.date) -> list[Task]:
    found: list[Task] = []
    referrals = (
        Referral.objects.filter(case_id__in=list(by_id), closed_on__isnull=True)
        .select_related("local_authority")
        .annotate(
            chase_count=Count("chases"),
            escalated=Exists(ReferralEscalation.objects.filter(referral=OuterRef("pk"))),
        )
    )
    loaded = list(referrals)
    named = _named(loaded)
    for referral in loaded:
        case = by_id[referral.case_id]
        url = reverse("referrals:referral", args=[case.pk, referral.pk])
        subject = about(referral)
        if referral.channel == Referral.Channel.PHONE and referral.followup_sent_on is None:
            found.append(
                Task(
                    case,
                    "Send the written follow-up of the phone referral",
                    referral.followup_due_on,
                    reverse("referrals:referral_followup", args=[case.pk, referral.pk]),
                    "referral_followup",
                    escalate_on=(
                        due("referral_followup_escalation", referral.followup_due_on, case) if referral.followup_due_on else None
                    ),
                    rule="referrals.referral_followup",
                    fact=f"Referral to {referral.to_label} made by phone on {referral.made_on:%d/%m/%Y}",
                    subject=subject,
                )
            )
        if referral.answered_on is None:
            found.append(
                Task(
                    case,
                    f"Reply to the referral from {referral.to_label}",
                    referral.due_on,
                    url,
                    "referral",
                    waiting=True,
                    escalate_on=referral.escalate_on,
                    chases=getattr(referral, "chase_count", 0),
                    detail=f"Referred {referral.made_on:%d/%m/%Y}: {referral.get_response_wanted_display().lower()} wanted",
                    rule="referrals.referral_reply",
                    fact=f"Referral to {referral.to_label} made on {referral.made_on:%d/%m/%Y}, not yet answered",
                    subject=subject,
                    escalated_to=named.get(referral.pk, frozenset()),
                )
            )
        elif referral.awaiting_decision:
            decide_by = due("referral_escalation", referral.answered_on, case)
            found.append(
                Task(
                    case,
                    "Decide on the disputed outcome of a referral",
                    decide_by,
                    reverse("referrals:referral_decide", args=[case.pk, referral.pk]),
                    "referral_decision",
                    needs_manager=True,
                    detail=f"Outcome: {referral.get_outcome_display()}. {referral.dispute_reason}",
                    rule="referrals.referral_decision",
                    fact=f'The officer disputes the outcome "{referral.get_outcome_display()}" given on {referral.answered_on:%d/%m/%Y}',
                    subject=subject,
                    escalated_to=named.get(referral.pk, frozenset()),
                )
            )
    return found
