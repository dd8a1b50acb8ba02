"""Every write to cases: opening, allocation, orders, notes, whereabouts. Keyword-only, validated,
audited, atomic."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from safeguard.accounts import roles
from safeguard.core import audit, clock
from safeguard.core.services import create_tracked, update_tracked
from safeguard.core.validation import not_before, past_date, required_text
from safeguard.people import services as people_services
from safeguard.people.selectors import all_on_case
from safeguard.people.signals import announce

from . import reach
from .access import manages_case
from .allocation_rules import WITH_APPROVAL, rule_for
from .models import Allocation, Case, CaseNote, HolderApproval, KeyContact, Order, RiskManagerConsultation, Stage


def _check_allocation(*, team: Any, case_holder: Any, line_manager: Any) -> None:
    errors = {}
    if case_holder is not None and case_holder.team_id != team.pk:
        errors["case_holder"] = "The case holder must be a member of the case's team"
    if line_manager is not None and not team.line_managers.filter(pk=line_manager.pk).exists():
        errors["line_manager"] = "The line manager must manage the case's team"
    if errors:
        raise ValidationError(errors)


def _allocate(*, actor: Any, case: Case, reason: str) -> Allocation:
    """Start a new allocation from the case's holder, team and manager; the open one ends now."""
    now = clock.now()
    for current in Allocation.objects.filter(case=case, end_at__isnull=True):
        update_tracked(current, actor=actor, action="allocation.end", case=case, end_at=now)
    return create_tracked(
        Allocation,
        actor=actor,
        action="allocation.start",
        case=case,
        team=case.team,
        case_holder=case.case_holder,
        line_manager=case.line_manager,
        start_at=now,
        reason=reason,
    )


@transaction.atomic
def case_open(
    *,
    actor: Any,
    service_user: dict[str, Any],
    team: Any,
    case_holder: Any = None,
    line_manager: Any = None,
    address: dict[str, Any] | None = None,
    address_type: str = "given",
    opened_on: datetime.date | None = None,
) -> Case:
    """Record a new service user with their first address and open a case for them, all or nothing."""
    if line_manager is None:
        line_manager = team.line_managers.order_by("pk").first()
    _check_allocation(team=team, case_holder=case_holder, line_manager=line_manager)
    # The service user is recorded before the case exists; their audit event belongs to the case too.
    with audit.opening_case() as opening:
        person = people_services.service_user_create(actor=actor, **service_user)
        case = create_tracked(
            Case,
            actor=actor,
            action="case.open",
            service_user=person,
            team=team,
            case_holder=case_holder,
            line_manager=line_manager,
            opened_on=opened_on or clock.today(),
        )
        opening.case = case
    _allocate(actor=actor, case=case, reason="Case opened")
    if address:
        people_services.service_user_address_add(
            actor=actor,
            case=case,
            service_user=person,
            address=address,
            address_type=address_type,
        )
    return case


@transaction.atomic
def case_allocate(*, actor: Any, case: Case, team: Any, case_holder: Any, line_manager: Any, reason: str = "") -> Case:
    """Change case holder, team or line manager; the previous allocation is closed, never overwritten."""
    _check_allocation(team=team, case_holder=case_holder, line_manager=line_manager)
    holder_changed = case.case_holder_id != (case_holder.pk if case_holder else None)
    team_changed = case.team_id != team.pk
    # The case's clean() applies the allocation rules (allocation_rules) to a new holder.
    case = update_tracked(
        case, actor=actor, action="case.allocate", case=case, team=team, case_holder=case_holder, line_manager=line_manager
    )
    _allocate(actor=actor, case=case, reason=reason)
    if holder_changed or team_changed:
        where = f" in {team}" if team_changed else ""
        announce("case_holder_change", case=case, actor=actor, description=f"Case holder now {case_holder or 'nobody'}{where}")
    return case


@transaction.atomic
def holder_approval_record(*, actor: Any, case: Case, approved_for: Any, contact: str) -> HolderApproval:
    """A line manager of the case approves, on the record, a probation service officer (or another role
    the rules allow with approval) holding this case, and notes the nature of their work (West Mercia
    6.3). Only the case's manager records it; a trainee is never approved."""
    if not manages_case(actor, case):
        raise ValidationError("Only a line manager of the case's team can approve who holds it")
    rule = rule_for(approved_for.role_names) if approved_for is not None else None
    if approved_for is None or rule is None:
        raise ValidationError({"approved_for": "Select a probation service officer who needs approval to hold the case"})
    if rule.rule != WITH_APPROVAL:
        raise ValidationError(
            {"approved_for": f"{approved_for} is a {rule.role.lower()} and cannot hold a child-protection case ({rule.source})"}
        )
    if approved_for.team_id != case.team_id:
        raise ValidationError({"approved_for": "Select someone in the case's team"})
    contact = required_text(contact, "contact", "Describe the nature of their work with the service user and family")
    return create_tracked(
        HolderApproval,
        actor=actor,
        action="holder_approval.add",
        case=case,
        approved_for=approved_for,
        approved_by=actor,
        approved_on=clock.today(),
        contact=contact,
    )


@transaction.atomic
def risk_consultation_record(
    *, actor: Any, case: Case, risk_manager: Any, consulted_on: datetime.date | None, advice: str
) -> RiskManagerConsultation:
    """The risk manager consulted on a high-risk case with child-protection concerns (West Mercia 6.1),
    when, and what they advised."""
    if risk_manager is None or not risk_manager.has_role(roles.RISK_MANAGER):
        raise ValidationError({"risk_manager": "Select the risk manager you consulted"})
    past_date(consulted_on, "consulted_on", "The date you consulted them")
    advice = required_text(advice, "advice", "Enter what the risk manager advised")
    return create_tracked(
        RiskManagerConsultation,
        actor=actor,
        action="risk_consultation.add",
        case=case,
        risk_manager=risk_manager,
        consulted_on=consulted_on,
        advice=advice,
    )


@transaction.atomic
def order_add(*, actor: Any, case: Case, **values: Any) -> Order:
    order = create_tracked(Order, actor=actor, action="order.add", case=case, **values)
    if order.stage == Stage.LICENCE:
        announce("release", case=case, actor=actor, description=str(order), occurred_on=order.start_date)
    return order


@transaction.atomic
def order_update(*, actor: Any, case: Case, order: Order, **values: Any) -> Order:
    was_open = Order.objects.filter(pk=order.pk, ended_on__isnull=True).exists()
    order = update_tracked(order, actor=actor, action="order.update", case=case, **values)
    if was_open and order.ended_on is not None:
        announce("order_ended", case=case, actor=actor, description=str(order), occurred_on=order.ended_on)
    return order


@transaction.atomic
def order_end(*, actor: Any, case: Case, order: Order, ended_on: datetime.date | None, end_reason: str) -> Order:
    """The order ended: when and why. A registered case's review falls due now (West Mercia 5.2), and
    when it was the last open order, the register asks for de-registration to be considered."""
    if order.ended_on is not None:
        raise ValidationError(f"This order already ended on {order.ended_on:%d/%m/%Y}")
    past_date(ended_on, "ended_on", "The date it ended")
    not_before(ended_on, order.start_date, "ended_on", "The date it ended must be on or after the order's start")
    return order_update(actor=actor, case=case, order=order, ended_on=ended_on, end_reason=end_reason)


@transaction.atomic
def case_close(*, actor: Any, case: Case, closed_on: datetime.date | None, close_reason: str) -> Case:
    """Close the case once every order has ended; its outstanding steps stop, its record stays."""
    if case.status == Case.Status.CLOSED:
        raise ValidationError("This case is already closed")
    open_orders = list(case.orders.filter(ended_on__isnull=True))
    if open_orders:
        raise ValidationError(f"End the open orders first: {', '.join(str(order) for order in open_orders)}")
    past_date(closed_on, "closed_on", "The date the case closed")
    not_before(closed_on, case.opened_on, "closed_on", "The date the case closed must be on or after it opened")
    closed = update_tracked(
        case,
        actor=actor,
        action="case.close",
        case=case,
        status=Case.Status.CLOSED,
        closed_on=closed_on,
        close_reason=close_reason,
    )
    # Each capability closes or withdraws what no longer applies, with the reason.
    announce("case_closed", case=closed, actor=actor, description=f"Case closed: {closed.get_close_reason_display().lower()}")
    return closed


@transaction.atomic
def case_note_add(*, actor: Any, case: Case, text: str, written_on: datetime.date | None = None) -> CaseNote:
    """A dated, signed note on the case; notes are added, never changed."""
    text = required_text(text, "text", "Enter the note")
    return create_tracked(
        CaseNote,
        actor=actor,
        action="case.note",
        case=case,
        written_on=written_on or clock.today(),
        author=actor,
        text=text,
    )


@transaction.atomic
def whereabouts_record(*, actor: Any, case: Case, since: datetime.date | None) -> Case:
    """Record that contact is lost (or found again, with None): a loss-of-contact notification becomes due."""
    past_date(since, "since", "The date contact was lost", required=False)
    return update_tracked(case, actor=actor, action="case.whereabouts", case=case, whereabouts_unknown_since=since)


def _contact_values(case: Case, values: dict[str, Any]) -> dict[str, Any]:
    """What was typed, tidied (spaces in a number or around an address are fine), and the children
    named only if they are the case's."""
    for name in ("name", "role", "organisation", "phone", "email", "contact_details"):
        if name in values:
            values[name] = reach.tidy(values[name])
    if "children" in values:
        values["children"] = list(values["children"] or [])
        if not all_on_case(case, children=values["children"]):
            raise ValidationError({"children": "Only children linked to this case can be named"})
    return values


@transaction.atomic
def key_contact_add(*, actor: Any, case: Case, kind: str, **values: Any) -> KeyContact:
    """A key contact of the case (West Mercia 2.5), such as the prison's child-protection co-ordinator
    and when they were contacted (West Mercia 2.4). Contacts are added, not overwritten: a move to
    another prison adds that prison's co-ordinator, and the earlier one stays on the list."""
    values = _contact_values(case, values)
    return create_tracked(KeyContact, actor=actor, action="key_contact.add", case=case, kind=kind, **values)


@transaction.atomic
def key_contact_change(*, actor: Any, case: Case, contact: KeyContact, **values: Any) -> KeyContact:
    """Correct or bring up to date who a key contact is and how to reach them; the History keeps what
    it said before. Whether they are still involved is `key_contact_end`'s."""
    if contact.case_id != case.pk:
        raise ValidationError("This key contact is not one of this case's")
    values.pop("ended_on", None)
    values = _contact_values(case, values)
    return update_tracked(contact, actor=actor, action="key_contact.change", case=case, **values)


@transaction.atomic
def key_contact_end(*, actor: Any, case: Case, contact: KeyContact, ended_on: datetime.date | None) -> KeyContact:
    """They are no longer involved from `ended_on`: off the lists to choose from, still on the case's
    list of contacts (marked ended) and still read wherever they were named."""
    if contact.case_id != case.pk:
        raise ValidationError("This key contact is not one of this case's")
    if contact.ended_on is not None:
        raise ValidationError(f"{contact.name} has not been involved since {contact.ended_on:%-d %B %Y}")
    past_date(ended_on, "ended_on", "The date they stopped being involved")
    return update_tracked(contact, actor=actor, action="key_contact.end", case=case, ended_on=ended_on)
