"""Every write for the register: register, review and countersign, review triggers, legal holds,
and de-registration with lawful erasure."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from safeguard.accounts.models import User
from safeguard.cases import services as case_services
from safeguard.cases.models import Case
from safeguard.core import audit, clock, deadlines
from safeguard.core.services import create_tracked, update_tracked
from safeguard.core.validation import past_date, required_text
from safeguard.people.erasure import erase_child
from safeguard.people.models import Child
from safeguard.people.selectors import all_on_case
from safeguard.people.signals import FamilyChange

from . import access, selectors
from .access import can_countersign
from .models import Category, DeregistrationRecord, EndReason, LegalHold, Registration, Review, ReviewTrigger


def _next_review(case: Case, start: datetime.date) -> datetime.date:
    return deadlines.due_date("register_review", start, case.nation)


@transaction.atomic
def register_case(
    *,
    actor: User,
    case: Case,
    category: str,
    trigger_date: datetime.date,
    registered_on: datetime.date,
    children: Iterable[Child] = (),
    reason: str,
) -> Registration:
    children = list(children or [])
    past_date(trigger_date, "trigger_date", "The date of the trigger")
    past_date(registered_on, "registered_on", "The date of registration")
    if registered_on < trigger_date:
        raise ValidationError({"registered_on": "Registration cannot be before its trigger"})
    if category == Category.RISK_UNSPECIFIED and children:
        raise ValidationError({"children": "A risk to unspecified children names no child"})
    if category != Category.RISK_UNSPECIFIED and not children:
        raise ValidationError({"children": "Choose the children the registration concerns"})
    if not all_on_case(case, children=children):
        raise ValidationError({"children": "Only children linked to this case can be named"})
    if Registration.objects.filter(case=case, category=category, ended_on__isnull=True).exists():
        raise ValidationError({"category": "The case is already registered in this category"})
    return create_tracked(
        Registration,
        actor=actor,
        action="register.register",
        case=case,
        category=category,
        trigger_date=trigger_date,
        registered_on=registered_on,
        registered_by=actor,
        reason=reason,
        next_review_due=(first_due := _next_review(case, registered_on)),
        first_review_due=first_due,
        children=children,
    )


@transaction.atomic
def review_record(
    *,
    actor: User,
    case: Case,
    registration: Registration,
    reviewed_on: datetime.date,
    what_changed: str,
    decision: str,
    new_category: str = "",
    children_added: Iterable[Child] = (),
) -> Review:
    """Record a review; `children_added` are children linked since, now named in the registration."""
    if registration.ended_on is not None:
        raise ValidationError("This registration has ended")
    children_added = list(children_added or [])
    if children_added and registration.category == Category.RISK_UNSPECIFIED:
        raise ValidationError({"children_added": "A risk to unspecified children names no child"})
    if not all_on_case(case, children=children_added):
        raise ValidationError({"children_added": "Only children linked to this case can be named"})
    past_date(reviewed_on, "reviewed_on", "The date of the review")
    if reviewed_on < registration.registered_on:
        raise ValidationError({"reviewed_on": "A review cannot be before the registration"})
    what_changed = required_text(what_changed, "what_changed", "Say what has changed since the last review")
    if decision == Review.Decision.CHANGE_CATEGORY and (not new_category or new_category == registration.category):
        raise ValidationError({"new_category": "Choose the new category"})
    review = create_tracked(
        Review,
        actor=actor,
        action="register.review",
        case=case,
        registration=registration,
        reviewed_on=reviewed_on,
        reviewer=actor,
        what_changed=what_changed,
        decision=decision,
        new_category=new_category if decision == Review.Decision.CHANGE_CATEGORY else "",
        next_review_due=(next_due := _next_review(case, reviewed_on)),
    )
    changes: dict[str, Any] = {"next_review_due": next_due}
    if decision == Review.Decision.CHANGE_CATEGORY:
        changes["category"] = new_category
    if children_added:
        changes["children"] = [*registration.children.all(), *children_added]
    update_tracked(registration, actor=actor, action="register.reviewed", case=case, **changes)
    for trigger in ReviewTrigger.objects.filter(case=case, resolved_by__isnull=True, occurred_on__lte=reviewed_on):
        update_tracked(trigger, actor=actor, action="register.review_trigger_resolved", case=case, resolved_by=review)
    return review


@transaction.atomic
def review_countersign(*, actor: User, case: Case, review: Review) -> Review:
    if review.countersigned_on is not None:
        raise ValidationError("This review has already been countersigned")
    if actor == review.reviewer:
        raise ValidationError("A review is countersigned by a manager other than the reviewer")
    if not can_countersign(actor, case):
        raise ValidationError("Only the case's line manager, a risk manager or the safeguarding lead can countersign")
    return update_tracked(
        review, actor=actor, action="register.countersign", case=case, countersigned_by=actor, countersigned_on=clock.today()
    )


@transaction.atomic
def on_change_of_circumstances(sender: object, *, change: FamilyChange, **kwargs: Any) -> None:
    """A change listed in West Mercia 5.2 makes a review due now on every registered case it touches."""
    if change.kind not in ReviewTrigger.Reason.values:
        return
    cases = {change.case.pk: change.case} if change.case is not None else {}
    if change.child is not None:
        linked = Case.objects.filter(status=Case.Status.OPEN, service_user__child_links__child=change.child)
        cases |= {other.pk: other for other in linked.select_related("team__area")}
    for target in cases.values():
        if Registration.objects.filter(case=target, ended_on__isnull=True).exists():
            create_tracked(
                ReviewTrigger,
                actor=change.actor,
                action="register.review_trigger",
                case=target,
                reason=change.kind,
                occurred_on=min(change.occurred_on, clock.today()),
                description=(change.description or "")[:300],
            )


@transaction.atomic
def legal_hold_place(*, actor: User, case: Case, reason: str) -> LegalHold:
    if not actor.has_perm("register.place_legal_hold"):
        raise ValidationError("Only a senior manager can place a legal hold")
    reason = required_text(reason, "reason", "Give the reason for the hold, for example a serious case review")
    return create_tracked(
        LegalHold,
        actor=actor,
        action="register.legal_hold",
        case=case,
        placed_on=clock.today(),
        placed_by=actor,
        reason=reason,
    )


@transaction.atomic
def legal_hold_lift(*, actor: User, case: Case, hold: LegalHold) -> LegalHold:
    if not actor.has_perm("register.place_legal_hold"):
        raise ValidationError("Only a senior manager can lift a legal hold")
    return update_tracked(hold, actor=actor, action="register.legal_hold_lift", case=case, lifted_on=clock.today())


STANDARD_NOTES = {
    EndReason.CHILD_LEFT_REGISTER: "Children removed from LA CP register. Children's details removed on {date}.",
    EndReason.ORDER_ENDED: "Case terminated whilst children subject to LA CP register. Children's details removed on {date}.",
    EndReason.OTHER: "Registration ended. Children's details removed on {date}.",
}


@transaction.atomic
def deregistration_ask(*, actor: User, case: Case, registration: Registration, reason: str) -> Registration:
    """The case holder or manager asks for the registration to end; the information officer confirms."""
    if registration.ended_on is not None:
        raise ValidationError("This registration has already ended")
    if registration.deregistration_asked_on is not None:
        raise ValidationError("De-registration has already been asked for: the information officer confirms it")
    if not access.can_ask_to_deregister(actor, case):
        raise ValidationError("Only the case holder or the case's manager can ask for de-registration")
    if reason not in STANDARD_NOTES:
        raise ValidationError({"reason": "Select why the registration ends"})
    return update_tracked(
        registration,
        actor=actor,
        action="register.deregistration_ask",
        case=case,
        deregistration_asked_on=clock.today(),
        deregistration_asked_by=actor,
        deregistration_reason=reason,
    )


@transaction.atomic
def deregister(*, actor: User, case: Case, registration: Registration) -> DeregistrationRecord:
    """The information officer confirms what was asked for: the registration ends, the children no
    longer linked to anything active are erased, and the standard note is written."""
    if registration.ended_on is not None:
        raise ValidationError("This registration has already ended")
    if not access.can_confirm_deregistration(actor):
        raise ValidationError("Only the information officer can confirm a de-registration")
    reason = registration.deregistration_reason
    if registration.deregistration_asked_on is None or reason not in STANDARD_NOTES:
        raise ValidationError("The case holder or the case's manager asks for de-registration first")
    hold = selectors.active_hold(case)
    if hold is not None:
        raise ValidationError(
            f"The records of this case are on legal hold ({hold.reason}): nothing can be erased until it is lifted"
        )
    preview = selectors.deregistration_preview(case=case, registration=registration)
    today = clock.today()
    record = create_tracked(
        DeregistrationRecord,
        actor=actor,
        action="register.deregistration_record",
        case=case,
        team=case.team,
        category=registration.category,
        registered_on=registration.registered_on,
        deregistered_on=today,
        reason=reason,
        children_named=len(preview["erase"]) + len(preview["keep"]),
        children_erased=len(preview["erase"]),
    )
    update_tracked(
        registration,
        actor=actor,
        action="register.deregister",
        case=case,
        ended_on=today,
        end_reason=EndReason(reason).label,
    )
    for child in preview["erase"]:
        erase_child(child)
    note = case_services.case_note_add(
        actor=actor, case=case, written_on=today, text=STANDARD_NOTES[EndReason(reason)].format(date=f"{today:%d/%m/%y}")
    )
    audit.record(
        actor=actor,
        action="register.erasure",
        obj=note,
        case=case,
        changes={"children_erased": [None, len(preview["erase"])], "children_kept": [None, len(preview["keep"])]},
    )
    return record
