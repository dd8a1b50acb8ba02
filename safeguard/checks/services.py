"""Every write for checks. Each function validates the transition and changes nothing when it is refused."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction

from safeguard.accounts.models import LocalAuthority, User
from safeguard.cases.models import Case, Order
from safeguard.core import clock, deadlines
from safeguard.core.services import chase_add, create_tracked, update_tracked
from safeguard.core.validation import not_before, past_date, required_text
from safeguard.people import services as people_services
from safeguard.people.models import KNOWN_TO_CSC, Child, ChildLink, CSCStatus, OtherAdult
from safeguard.people.selectors import all_on_case
from safeguard.people.signals import FamilyChange

from . import facts, selectors
from .models import (
    CHECKLIST_QUESTIONS,
    Chase,
    Checklist,
    CheckRequest,
    CheckStatus,
    Contradiction,
    Decision,
    Notification,
    PoliceCheck,
    RequestChild,
    RequestForInformation,
    SignificantEvent,
    Trigger,
    checklist_unanswered,
)

R = TypeVar("R", bound=CheckRequest)


# --- Checklist ------------------------------------------------------------------------------------


@transaction.atomic
def checklist_record(
    *,
    actor: User | None,
    case: Case,
    stage: str,
    asked_on: datetime.date,
    answers: dict,
    order: Order | None = None,
    children: Iterable[Child] = (),
    adults: Iterable[OtherAdult] = (),
) -> Checklist:
    """Record the six answers. Every "yes" needs details; named people must be on the case."""
    past_date(asked_on, "asked_on", "The date asked", required=False)
    errors = {}
    for name, _, _ in CHECKLIST_QUESTIONS:
        if answers.get(name) is None:
            errors[name] = checklist_unanswered(name)
        elif answers[name] and not (answers.get(f"{name}_details") or "").strip():
            errors[f"{name}_details"] = "Give details for a yes answer"
    if errors:
        raise ValidationError(errors)
    if not all_on_case(case, children=children, adults=adults):
        raise ValidationError("Only people recorded on this case can be named in its checklist")
    if order is not None and order.case_id != case.pk:
        raise ValidationError({"order": "Choose an order of this case"})
    return create_tracked(
        Checklist,
        actor=actor,
        action="checklist.record",
        case=case,
        stage=stage,
        asked_on=asked_on,
        order=order,
        children=children,
        adults=adults,
        **answers,
    )


# --- Requests for information ---------------------------------------------------------------------


def _children_for_request(case: Case) -> list[ChildLink]:
    return [
        link
        for link in ChildLink.objects.filter(service_user=case.service_user).select_related(
            "child", "child__address__local_authority", "child__local_authority_override"
        )
        if not link.child.is_adult
    ]


@transaction.atomic
def requests_prepare(
    *,
    actor: User | None,
    case: Case,
    event: SignificantEvent | None = None,
    trigger: str = "",
    checklist: Checklist | None = None,
) -> list[RequestForInformation]:
    """Draft one request per local authority responsible for the case's children (the authority of
    each child's address, not the service user's). Adds to an existing draft for the same authority.

    What called for the check, unless given, comes from the record: the significant event, else the
    latest checklist when it was answered yes, else the officer's own decision."""
    if checklist is None:
        checklist = case.checklists.order_by("-asked_on", "-pk").first()
    if not trigger:
        trigger = (
            Trigger.SIGNIFICANT_EVENT if event else Trigger.CHECKLIST if checklist and checklist.any_yes else Trigger.OFFICER
        )
    links = _children_for_request(case)
    missing = [str(link.child) for link in links if link.child.responsible_local_authority is None]
    if missing:
        raise ValidationError(
            f"Record the address or responsible council of {', '.join(missing)} first: a request must go to the council "
            "responsible for each child"
        )
    by_authority: dict = defaultdict(list)
    for link in links:
        by_authority[link.child.responsible_local_authority].append(link.child)
    if not by_authority:
        home = case.service_user.addresses.filter(end_date__isnull=True).select_related("address__local_authority").first()
        if home is None:
            raise ValidationError("Record the service user's address, or the children, before preparing a request")
        by_authority[home.address.local_authority] = []
    order = case.orders.filter(ended_on__isnull=True).first()
    stage = order.get_stage_display() if order else "Case open, no order recorded"
    prepared = []
    for authority, children in sorted(by_authority.items(), key=lambda item: item[0].name):
        request = RequestForInformation.objects.filter(case=case, local_authority=authority, status=CheckStatus.DRAFT).first()
        if request is None:
            request = create_tracked(
                RequestForInformation,
                actor=actor,
                action="request.prepare",
                case=case,
                local_authority=authority,
                trigger=trigger,
                checklist=checklist,
                event=event,
                stage_of_proceedings=stage,
            )
        named = set(request.request_children.values_list("child_id", flat=True))
        for child in children:
            if child.pk not in named:
                create_tracked(RequestChild, actor=actor, action="request.name_child", case=case, request=request, child=child)
        prepared.append(request)
    if event is not None and event.resolved_on is None:
        update_tracked(
            event,
            actor=actor,
            action="event.resolve",
            case=case,
            resolved_on=clock.today(),
            resolution="Fresh requests for information prepared",
        )
    return prepared


# What sending each kind of check records, and the rules that set its reply and escalation dates.
SENDING = {
    "checks.RequestForInformation": ("request.send", "request_for_information_reply", "request_for_information_escalation"),
    "checks.PoliceCheck": ("police_check.send", "police_check_reply", "police_check_escalation"),
}


def _sendable(obj: Any, sent_on: datetime.date | None, channel: str) -> datetime.date:
    """A draft, sent on a day not in the future, by some channel: what every sending records."""
    if obj.status != CheckStatus.DRAFT:
        raise ValidationError(f"This has already been {obj.get_status_display().lower()}: it cannot be sent again")
    if sent_on is None:
        raise ValidationError({"sent_on": "Enter the date it was sent"})
    past_date(sent_on, "sent_on", "The date sent", required=False)
    if not channel:
        raise ValidationError({"channel": "Select how it was sent"})
    return sent_on


def _send(obj: R, *, actor: User | None, case: Case, sent_on: datetime.date | None, channel: str, recipient: str) -> R:
    """Draft → sent: the reply clock starts on the day sent, using the rules in force now."""
    action, rule, escalation_rule = SENDING[obj._meta.label]
    sent_on = _sendable(obj, sent_on, channel)
    not_before(
        sent_on,
        obj.created_at.date() - datetime.timedelta(days=30),
        "sent_on",
        "The date sent is long before the request was prepared",
    )
    recipient = required_text(recipient, "recipient", "Enter who it was sent to")
    nation = case.nation
    due_on = deadlines.due_date(rule, sent_on, nation)
    escalate_on = deadlines.due_date(escalation_rule, due_on, nation)
    return update_tracked(
        obj,
        actor=actor,
        action=action,
        case=case,
        status=CheckStatus.SENT,
        sent_on=sent_on,
        channel=channel,
        recipient=recipient,
        due_on=due_on,
        escalate_on=escalate_on,
    )


def _chase(
    *,
    actor: User | None,
    case: Case,
    target: CheckRequest,
    chased_on: datetime.date | None,
    method: str,
    spoke_to: str = "",
    note: str = "",
    **link: CheckRequest,
) -> Chase:
    if target.status != CheckStatus.SENT:
        raise ValidationError("Only a request that has been sent and not yet answered can be chased")
    return chase_add(
        Chase,
        actor=actor,
        action="check.chase",
        case=case,
        since=target.sent_on,
        too_early="The date chased must be on or after the date sent",
        chased_on=chased_on,
        method=method,
        spoke_to=spoke_to,
        note=note,
        **link,
    )


def _check_answer_dates(target: CheckRequest, answered_on: datetime.date | None) -> None:
    if target.status == CheckStatus.DRAFT:
        raise ValidationError("This has not been sent yet: record when it was sent before recording the answer")
    if target.status == CheckStatus.ANSWERED:
        raise ValidationError("The answer has already been recorded")
    if answered_on is None:
        raise ValidationError({"answered_on": "Enter the date of the answer"})
    past_date(answered_on, "answered_on", "The date of the answer", required=False)
    not_before(answered_on, target.sent_on, "answered_on", "The answer cannot be dated before the request was sent")


@transaction.atomic
def request_send(
    *,
    actor: User | None,
    case: Case,
    request: RequestForInformation,
    sent_on: datetime.date | None,
    channel: str,
    recipient: str,
) -> RequestForInformation:
    return _send(request, actor=actor, case=case, sent_on=sent_on, channel=channel, recipient=recipient)


@transaction.atomic
def request_chase(*, actor: User | None, case: Case, request: RequestForInformation, **values: Any) -> Chase:
    return _chase(actor=actor, case=case, target=request, request=request, **values)


@transaction.atomic
def request_answer(
    *,
    actor: User | None,
    case: Case,
    request: RequestForInformation,
    answered_on: datetime.date | None,
    service_user_known: bool | None,
    service_user_capacity: str = "",
    children: dict[int, dict],
    notes: str = "",
) -> RequestForInformation:
    """Record the authority's answer. Every child needs an explicit "known" or "no trace": silence is
    never read as "not known". Known statuses update the child's history; answers that contradict
    what was recorded from the service user are raised as contradictions."""
    _check_answer_dates(request, answered_on)
    errors = {}
    if service_user_known is None:
        errors["service_user_known"] = "Say whether the service user is known to children's social care"
    rows = {row.child_id: row for row in request.request_children.select_related("child")}
    for child_id, row in rows.items():
        answer = children.get(child_id) or {}
        if answer.get("known") not in (RequestChild.Known.KNOWN, RequestChild.Known.NO_TRACE):
            errors[f"child_{child_id}_known"] = f"Say whether {row.child} is known or there is no trace"
        elif answer["known"] == RequestChild.Known.KNOWN and not answer.get("status"):
            errors[f"child_{child_id}_status"] = f"Select {row.child}'s status with children's social care"
        elif answer.get("status") == CSCStatus.CHILD_PROTECTION_PLAN and not answer.get("category"):
            errors[f"child_{child_id}_category"] = f"Select the category of {row.child}'s child-protection plan"
        if answer.get("plan_date") and answer["plan_date"] > answered_on:
            errors[f"child_{child_id}_plan_date"] = "The plan date cannot be after the answer"
    if errors:
        raise ValidationError(errors)
    request = update_tracked(
        request,
        actor=actor,
        action="request.answer",
        case=case,
        status=CheckStatus.ANSWERED,
        answered_on=answered_on,
        service_user_known=service_user_known,
        service_user_capacity=service_user_capacity,
        answer_notes=notes,
    )
    checklist = case.checklists.order_by("-asked_on", "-pk").first()
    for child_id, row in rows.items():
        answer = children[child_id]
        no_trace = answer["known"] == RequestChild.Known.NO_TRACE
        update_tracked(
            row,
            actor=actor,
            action="request.answer.child",
            case=case,
            known=answer["known"],
            status=answer.get("status") or (CSCStatus.NOT_KNOWN if no_trace else ""),
            category=answer.get("category") or "",
            plan_date=answer.get("plan_date"),
            social_worker=answer.get("social_worker") or "",
            social_worker_contact=answer.get("social_worker_contact") or "",
        )
        _apply_answer(actor=actor, case=case, request=request, row=row, checklist=checklist)
    return request


def _apply_answer(
    *, actor: User | None, case: Case, request: RequestForInformation, row: RequestChild, checklist: Checklist | None
) -> None:
    child = row.child
    recorded = child.csc_status
    found = row.status or CSCStatus.NOT_KNOWN
    said = CSCStatus(recorded).label.lower()
    if recorded not in (CSCStatus.NOT_KNOWN, found):
        _contradiction(
            actor=actor,
            case=case,
            request=request,
            child=child,
            text=f'{child} was recorded as "{said}" but {request.local_authority} answered '
            f'"{CSCStatus(found).label.lower()}" on {request.answered_on:%d/%m/%Y}.',
        )
        return  # the record is not overwritten until an officer resolves the difference
    if found in KNOWN_TO_CSC and checklist is not None and checklist.says_no_children:
        _contradiction(
            actor=actor,
            case=case,
            request=request,
            child=child,
            text=f"The service user said on {checklist.asked_on:%d/%m/%Y} they do not live with, have contact with or "
            f"parental responsibility for children, but {request.local_authority} says {child} is "
            f"{CSCStatus(found).label.lower()}.",
        )
    if found != recorded and found != CSCStatus.NOT_KNOWN:
        assert request.answered_on is not None  # request_answer has just recorded it
        start = row.plan_date or request.answered_on
        latest = child.statuses.filter(end_date__isnull=True).order_by("-start_date").first()
        if latest is not None and latest.start_date > start:
            start = request.answered_on
        people_services.status_add(
            actor=actor,
            case=case,
            child=child,
            status=found,
            category=row.category,
            start_date=start,
            local_authority=request.local_authority,
            social_worker=row.social_worker,
            social_worker_contact=row.social_worker_contact,
            source=f"Reply to request for information sent {request.sent_on:%d/%m/%Y}",
        )


def _contradiction(*, actor: User | None, case: Case, request: RequestForInformation, child: Child, text: str) -> Contradiction:
    return create_tracked(
        Contradiction, actor=actor, action="contradiction.raise", case=case, request=request, child=child, description=text
    )


@transaction.atomic
def contradiction_resolve(
    *, actor: User, case: Case, contradiction: Contradiction, resolution: str, outcome: str = ""
) -> Contradiction:
    """Resolve a difference. When a council's answer differs from the child's recorded status, the
    officer says which is right; the answer then becomes the child's status (dated, with its source),
    which in turn raises what that status calls for (a notification, registration)."""
    if contradiction.resolved_on is not None:
        raise ValidationError("This has already been resolved")
    resolution = required_text(resolution, "resolution", "Say how the difference was resolved")
    row = selectors.answered_status(contradiction)
    if row is not None and outcome not in ("answer", "record"):
        raise ValidationError({"outcome": "Select which is right: the council's answer or what was recorded"})
    resolved = update_tracked(
        contradiction,
        actor=actor,
        action="contradiction.resolve",
        case=case,
        resolved_on=clock.today(),
        resolution=resolution,
        outcome=outcome if row is not None else "",
    )
    if row is not None and outcome == "answer":
        request = row.request
        assert request.answered_on is not None
        people_services.status_add(
            actor=actor,
            case=case,
            child=row.child,
            status=row.status,
            category=row.category,
            start_date=row.plan_date or request.answered_on,
            local_authority=request.local_authority,
            social_worker=row.social_worker,
            social_worker_contact=row.social_worker_contact,
            source=f"Reply to request for information sent {request.sent_on:%d/%m/%Y} (difference resolved)",
        )
    return resolved


@transaction.atomic
def difference_resolve(*, actor: User, case: Case, key: str, resolution: str) -> Contradiction:
    """Record how a difference found from the facts on file was resolved (`checks.facts`)."""
    found = facts.finding(case, key)
    if found is None or not key.startswith("checklist:"):
        raise ValidationError("This difference is no longer on file: it may have been resolved already")
    resolution = required_text(resolution, "resolution", "Say how the difference was resolved")
    return create_tracked(
        Contradiction,
        actor=actor,
        action="contradiction.resolve",
        case=case,
        key=key,
        child_id=found.child_id,
        description=found.text,
        resolved_on=clock.today(),
        resolution=resolution,
    )


@transaction.atomic
def decision_record(*, actor: User, case: Case, key: str, choice: str, reason: str = "") -> Decision:
    """Record the officer's decision on a fact that called for one. Setting the marker sets it on
    the service user; a decision not to act needs its reason."""
    found = facts.finding(case, key)
    if found is None or key.startswith("checklist:"):
        raise ValidationError("This decision is no longer needed: it may have been recorded already")
    if choice not in dict(facts.decision_choices(key)):
        raise ValidationError({"choice": "Select your decision"})
    reason = (reason or "").strip()
    if choice in facts.REASON_NEEDED:
        reason = required_text(reason, "reason", "Give the reason for your decision")
    decision = create_tracked(
        Decision,
        actor=actor,
        action="decision.record",
        case=case,
        key=key,
        fact=found.text,
        choice=choice,
        reason=reason,
        decided_on=clock.today(),
    )
    if choice == Decision.Choice.SET_MARKER:
        people_services.service_user_update(actor=actor, case=case, service_user=case.service_user, domestic_abuse=True)
    return decision


@transaction.atomic
def request_withdraw(*, actor: User, case: Case, request: RequestForInformation) -> RequestForInformation:
    if request.status != CheckStatus.DRAFT:
        raise ValidationError("Only a draft can be withdrawn; a sent request needs an answer")
    return update_tracked(request, actor=actor, action="request.withdraw", case=case, status=CheckStatus.WITHDRAWN)


# --- Police checks --------------------------------------------------------------------------------


@transaction.atomic
def police_check_prepare(*, actor: User, case: Case, police_force: str, trigger: str = "") -> PoliceCheck:
    """A police check, called for by the domestic-abuse marker unless the officer says otherwise."""
    if not trigger:
        trigger = Trigger.DOMESTIC_ABUSE if case.service_user.domestic_abuse else Trigger.OFFICER
    police_force = required_text(police_force, "police_force", "Enter the police force")
    return create_tracked(
        PoliceCheck, actor=actor, action="police_check.prepare", case=case, police_force=police_force, trigger=trigger
    )


@transaction.atomic
def police_check_send(
    *, actor: User, case: Case, check: PoliceCheck, sent_on: datetime.date | None, channel: str, recipient: str
) -> PoliceCheck:
    return _send(check, actor=actor, case=case, sent_on=sent_on, channel=channel, recipient=recipient)


@transaction.atomic
def police_check_chase(*, actor: User, case: Case, check: PoliceCheck, **values: Any) -> Chase:
    return _chase(actor=actor, case=case, target=check, police_check=check, **values)


@transaction.atomic
def police_check_answer(
    *,
    actor: User,
    case: Case,
    check: PoliceCheck,
    answered_on: datetime.date | None,
    callouts: bool | None,
    callout_details: str = "",
    children_present: bool | None = None,
    child_intelligence: bool | None,
    intelligence_details: str = "",
) -> PoliceCheck:
    _check_answer_dates(check, answered_on)
    errors = {}
    if callouts is None:
        errors["callouts"] = "Say whether there were domestic-abuse call-outs"
    if child_intelligence is None:
        errors["child_intelligence"] = "Say whether there is intelligence about children"
    if callouts and not callout_details.strip():
        errors["callout_details"] = "Give details of the call-outs"
    if callouts and children_present is None:
        errors["children_present"] = "Select yes if children were present at any of the call-outs"
    if child_intelligence and not intelligence_details.strip():
        errors["intelligence_details"] = "Give details of the intelligence"
    if errors:
        raise ValidationError(errors)
    return update_tracked(
        check,
        actor=actor,
        action="police_check.answer",
        case=case,
        status=CheckStatus.ANSWERED,
        answered_on=answered_on,
        callouts=callouts,
        callout_details=callout_details,
        children_present=children_present if callouts else None,
        child_intelligence=child_intelligence,
        intelligence_details=intelligence_details,
    )


# --- Notifications --------------------------------------------------------------------------------


@transaction.atomic
def notification_prepare(
    *,
    actor: User,
    case: Case,
    kind: str,
    local_authority: LocalAuthority,
    children: Iterable[Child],
    recipient: str = "",
    details: str = "",
) -> Notification:
    children = list(children)
    if kind == Notification.Kind.INVOLVEMENT and not children:
        raise ValidationError({"children": "Choose the children the notification is about"})
    if not all_on_case(case, children=children):
        raise ValidationError({"children": "Only children linked to this case can be named"})
    return create_tracked(
        Notification,
        actor=actor,
        action="notification.prepare",
        case=case,
        kind=kind,
        local_authority=local_authority,
        children=children,
        recipient=recipient,
        details=details,
    )


@transaction.atomic
def notification_send(
    *, actor: User, case: Case, notification: Notification, sent_on: datetime.date | None, channel: str, recipient: str
) -> Notification:
    sent_on = _sendable(notification, sent_on, channel)
    due = deadlines.due_date("notification_acknowledgement", sent_on, case.nation)
    return update_tracked(
        notification,
        actor=actor,
        action="notification.send",
        case=case,
        status=CheckStatus.SENT,
        sent_on=sent_on,
        channel=channel,
        recipient=(recipient or notification.recipient).strip(),
        acknowledge_due_on=due,
    )


@transaction.atomic
def notification_acknowledge(
    *, actor: User, case: Case, notification: Notification, acknowledged_on: datetime.date | None
) -> Notification:
    if notification.status != CheckStatus.SENT:
        raise ValidationError("Only a sent notification can be acknowledged")
    if notification.acknowledged_on is not None:
        raise ValidationError("The acknowledgement has already been recorded")
    if acknowledged_on is None:
        raise ValidationError({"acknowledged_on": "Enter the date it was acknowledged"})
    past_date(acknowledged_on, "acknowledged_on", "The date acknowledged", required=False)
    not_before(acknowledged_on, notification.sent_on, "acknowledged_on", "It cannot be acknowledged before it was sent")
    return update_tracked(
        notification, actor=actor, action="notification.acknowledge", case=case, acknowledged_on=acknowledged_on
    )


# --- Significant events ---------------------------------------------------------------------------


@transaction.atomic
def event_record(
    *, actor: User | None, case: Case, kind: str, occurred_on: datetime.date, description: str = ""
) -> SignificantEvent:
    past_date(occurred_on, "occurred_on", "The date of the event", required=False)
    return create_tracked(
        SignificantEvent,
        actor=actor,
        action="event.record",
        case=case,
        kind=kind,
        occurred_on=occurred_on,
        description=description,
    )


@transaction.atomic
def event_resolve(*, actor: User, case: Case, event: SignificantEvent, resolution: str) -> SignificantEvent:
    """Close an event without a fresh check; the reason is required and audited."""
    if event.resolved_on is not None:
        raise ValidationError("This event has already been dealt with")
    resolution = required_text(resolution, "resolution", "Say why no fresh check is needed")
    return update_tracked(event, actor=actor, action="event.resolve", case=case, resolved_on=clock.today(), resolution=resolution)


@transaction.atomic
def on_significant_change(sender: object, *, change: FamilyChange, **kwargs: Any) -> None:
    """A change in the family is a significant event that calls for a fresh check (HMIP 2014 2.4),
    whether or not a check has been sent, once the case has been screened (a checklist asked or a
    check sent). Before that, recording the family is the screening itself: each child then needs
    a check as a child on file (`checks.child_on_file`), not a "fresh" one."""
    case = change.case
    if change.kind == "case_closed" and case is not None:
        _close_checks(actor=change.actor, case=case, reason=change.description)
        return
    if change.kind not in SignificantEvent.Kind.values or case is None:
        return
    screened = (
        Checklist.objects.filter(case=case).exists()
        or RequestForInformation.objects.filter(case=case).exclude(status=CheckStatus.DRAFT).exists()
    )
    if not screened:
        return
    occurred_on = min(change.occurred_on, clock.today())
    event_record(actor=change.actor, case=case, kind=change.kind, occurred_on=occurred_on, description=change.description[:300])


def _close_checks(*, actor: User | None, case: Case, reason: str) -> None:
    """A closed case sends nothing more: its drafts are withdrawn and its open significant events
    closed, each with the reason. What was sent still waits for its answer, which is recorded."""
    for model, action in ((RequestForInformation, "request.withdraw"), (PoliceCheck, "police_check.withdraw")):
        for draft in model.objects.filter(case=case, status=CheckStatus.DRAFT):
            update_tracked(draft, actor=actor, action=action, case=case, status=CheckStatus.WITHDRAWN)
    for notification in Notification.objects.filter(case=case, status=CheckStatus.DRAFT):
        update_tracked(notification, actor=actor, action="notification.withdraw", case=case, status=CheckStatus.WITHDRAWN)
    for event in SignificantEvent.objects.filter(case=case, resolved_on__isnull=True):
        update_tracked(event, actor=actor, action="event.resolve", case=case, resolved_on=clock.today(), resolution=reason)
