"""Every write for referrals: make, follow up in writing, acknowledge, chase, escalate, answer, decide."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from safeguard.accounts.models import User
from safeguard.cases.access import manages_case
from safeguard.cases.models import Case
from safeguard.core import clock, deadlines
from safeguard.core.services import chase_add, create_tracked, update_tracked
from safeguard.core.validation import past_date, required_text
from safeguard.people.models import Child
from safeguard.people.selectors import all_on_case

from .access import sees_case
from .grave import routine_error
from .models import Referral, ReferralChase, ReferralEscalation


def _open(referral: Referral) -> None:
    if referral.closed_on is not None:
        raise ValidationError("This referral is closed")


@transaction.atomic
def referral_make(*, actor: User, case: Case, children: Iterable[Child], made_on: datetime.date, **values: Any) -> Referral:
    """Record a referral with its full content. Nothing is saved unless every part is there."""
    children = list(children or [])
    errors = {}
    if not children:
        errors["children"] = "Choose the child or children the referral is about"
    elif not all_on_case(case, children=children):
        errors["children"] = "Only children linked to this case can be referred from it"
    if not values.get("response_wanted"):
        errors["response_wanted"] = "Say what response you want from children's social care or the police"
    values["routine_reason"] = (
        (values.get("routine_reason") or "").strip() if values.get("urgency") == Referral.Urgency.ROUTINE else ""
    )
    unexplained = routine_error(
        urgency=values.get("urgency") or "",
        routine_reason=values["routine_reason"],
        harms=values.get("harms") or [],
        risk_level=values.get("risk_level") or "",
        response_wanted=values.get("response_wanted") or "",
        children=children,
        on=made_on,
    )
    if unexplained:
        errors["routine_reason"] = unexplained
    if errors:
        raise ValidationError(errors)
    past_date(made_on, "made_on", "The date of the referral")
    nation = case.nation
    due_on = deadlines.due_date("referral_reply", made_on, nation)
    followup = (
        deadlines.due_date("referral_written_followup", made_on, nation)
        if values.get("channel") == Referral.Channel.PHONE
        else None
    )
    return create_tracked(
        Referral,
        actor=actor,
        action="referral.make",
        case=case,
        made_on=made_on,
        made_by=actor,
        due_on=due_on,
        escalate_on=deadlines.due_date("referral_escalation", due_on, nation),
        followup_due_on=followup,
        children=children,
        **values,
    )


@transaction.atomic
def referral_followup_sent(*, actor: User, case: Case, referral: Referral, sent_on: datetime.date) -> Referral:
    if referral.channel != Referral.Channel.PHONE:
        raise ValidationError("Only a phone referral needs a written follow-up")
    if referral.followup_sent_on is not None:
        raise ValidationError("The written follow-up has already been recorded")
    past_date(sent_on, "sent_on", "The date the follow-up was sent")
    if sent_on < referral.made_on:
        raise ValidationError({"sent_on": "The follow-up cannot be before the referral"})
    return update_tracked(referral, actor=actor, action="referral.followup", case=case, followup_sent_on=sent_on)


@transaction.atomic
def referral_acknowledge(*, actor: User, case: Case, referral: Referral, acknowledged_on: datetime.date) -> Referral:
    _open(referral)
    if referral.acknowledged_on is not None or referral.answered_on is not None:
        raise ValidationError("The referral has already been acknowledged or answered")
    past_date(acknowledged_on, "acknowledged_on", "The date acknowledged")
    if acknowledged_on < referral.made_on:
        raise ValidationError({"acknowledged_on": "It cannot be acknowledged before it was made"})
    return update_tracked(referral, actor=actor, action="referral.acknowledge", case=case, acknowledged_on=acknowledged_on)


@transaction.atomic
def referral_chase(
    *,
    actor: User,
    case: Case,
    referral: Referral,
    chased_on: datetime.date,
    method: str,
    spoke_to: str = "",
    note: str = "",
) -> ReferralChase:
    _open(referral)
    if referral.answered_on is not None:
        raise ValidationError("The referral has been answered: there is nothing to chase")
    return chase_add(
        ReferralChase,
        actor=actor,
        action="referral.chase",
        case=case,
        since=referral.made_on,
        too_early="The date chased must be on or after the referral",
        referral=referral,
        chased_on=chased_on,
        method=method,
        spoke_to=spoke_to,
        note=note,
    )


@transaction.atomic
def referral_escalate(
    *,
    actor: User,
    case: Case,
    referral: Referral,
    level: str,
    escalated_on: datetime.date,
    escalated_to: User | None,
    note: str = "",
) -> ReferralEscalation:
    """Line manager first, then a named senior manager: each step recorded with date and person. The
    person named must be able to open the case: the escalation is on their My work until the
    referral closes."""
    _open(referral)
    past_date(escalated_on, "escalated_on", "The date escalated")
    if escalated_to is None:
        raise ValidationError({"escalated_to": "Choose who it was escalated to"})
    if not escalated_to.is_active or not sees_case(escalated_to, case):
        raise ValidationError(
            {
                "escalated_to": f"{escalated_to} cannot see this case: choose someone who can, such as the case's "
                "line manager, a risk manager or the safeguarding lead of its area"
            }
        )
    if (
        level == ReferralEscalation.Level.SENIOR_MANAGER
        and not referral.escalations.filter(level=ReferralEscalation.Level.LINE_MANAGER).exists()
    ):
        raise ValidationError({"level": "Escalate to the line manager before a senior manager"})
    return create_tracked(
        ReferralEscalation,
        actor=actor,
        action="referral.escalate",
        case=case,
        referral=referral,
        level=level,
        escalated_on=escalated_on,
        escalated_to=escalated_to,
        note=note,
    )


@transaction.atomic
def referral_answer(
    *,
    actor: User,
    case: Case,
    referral: Referral,
    answered_on: datetime.date,
    outcome: str,
    outcome_details: str = "",
    accepted: bool | None,
    dispute_reason: str = "",
) -> Referral:
    """The written reply. If the officer accepts the outcome the referral closes; if not, it waits
    for the line manager's recorded decision (West Mercia 4.7)."""
    _open(referral)
    if referral.answered_on is not None:
        raise ValidationError("The answer has already been recorded")
    past_date(answered_on, "answered_on", "The date of the answer")
    if answered_on < referral.made_on:
        raise ValidationError({"answered_on": "The answer cannot be dated before the referral"})
    if not outcome:
        raise ValidationError({"outcome": "Select the outcome"})
    if accepted is None:
        raise ValidationError({"accepted": "Say whether you accept the outcome"})
    return update_tracked(
        referral,
        actor=actor,
        action="referral.answer",
        case=case,
        answered_on=answered_on,
        outcome=outcome,
        outcome_details=outcome_details,
        outcome_accepted=accepted,
        dispute_reason=dispute_reason if not accepted else "",
        closed_on=clock.today() if accepted else None,
    )


@transaction.atomic
def referral_decide(*, actor: User, case: Case, referral: Referral, decision: str) -> Referral:
    """The line manager's decision on a disputed outcome; the referral then closes."""
    if not referral.awaiting_decision:
        raise ValidationError("There is no disputed outcome waiting for a decision")
    if not manages_case(actor, case):
        raise ValidationError("Only the case's line manager can record this decision")
    decision = required_text(decision, "decision", "Record your decision")
    today = clock.today()
    return update_tracked(
        referral,
        actor=actor,
        action="referral.decide",
        case=case,
        decision=decision,
        decided_by=actor,
        decided_on=today,
        closed_on=today,
    )
