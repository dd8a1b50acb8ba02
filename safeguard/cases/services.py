"""Every write to cases: opening, allocation, orders. Keyword-only, validated, audited, atomic."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from safeguard.core import audit, clock
from safeguard.core.services import create_tracked, update_tracked
from safeguard.people import services as people_services
from safeguard.people.signals import significant_change

from .models import Allocation, Case, Order, Stage


def _check_allocation(*, team, case_holder, line_manager) -> None:
    errors = {}
    if case_holder is not None and case_holder.team_id != team.pk:
        errors["case_holder"] = "The case holder must be a member of the case's team"
    if line_manager is not None and not team.line_managers.filter(pk=line_manager.pk).exists():
        errors["line_manager"] = "The line manager must manage the case's team"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def case_open(
    *,
    actor,
    service_user: dict,
    team,
    case_holder=None,
    line_manager=None,
    address: dict | None = None,
    address_type: str = "given",
    opened_on: datetime.date | None = None,
) -> Case:
    """Record a new service user with their first address and open a case for them, all or nothing."""
    if line_manager is None:
        line_manager = team.line_managers.order_by("pk").first()
    _check_allocation(team=team, case_holder=case_holder, line_manager=line_manager)
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
    # The service user's audit event belongs on the case's history too.
    audit.AuditEvent.objects.filter(object_type=person._meta.label, object_id=str(person.pk), case=None).update(case=case)
    Allocation.objects.create(
        case=case,
        team=team,
        case_holder=case_holder,
        line_manager=line_manager,
        start_at=clock.now(),
        reason="Case opened",
        created_by=actor,
        modified_by=actor,
    )
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
def case_allocate(*, actor, case: Case, team, case_holder, line_manager, reason: str = "") -> Case:
    """Change case holder, team or line manager; the previous allocation is closed, never overwritten."""
    _check_allocation(team=team, case_holder=case_holder, line_manager=line_manager)
    holder_changed = case.case_holder_id != (case_holder.pk if case_holder else None)
    now = clock.now()
    Allocation.objects.filter(case=case, end_at__isnull=True).update(end_at=now, modified_by=actor, modified_at=now)
    Allocation.objects.create(
        case=case,
        team=team,
        case_holder=case_holder,
        line_manager=line_manager,
        start_at=now,
        reason=reason,
        created_by=actor,
        modified_by=actor,
    )
    case = update_tracked(
        case, actor=actor, action="case.allocate", case=case, team=team, case_holder=case_holder, line_manager=line_manager
    )
    if holder_changed:
        significant_change.send(
            sender=Case,
            case=case,
            kind="case_holder_change",
            occurred_on=clock.today(),
            description=f"Case holder now {case_holder or 'nobody'}",
            actor=actor,
        )
    return case


@transaction.atomic
def order_add(*, actor, case: Case, **values) -> Order:
    order = create_tracked(Order, actor=actor, action="order.add", case=case, **values)
    if order.stage == Stage.LICENCE:
        significant_change.send(
            sender=Order, case=case, kind="release", occurred_on=order.start_date, description=str(order), actor=actor
        )
    return order


def order_update(*, actor, case: Case, order: Order, **values) -> Order:
    was_open = Order.objects.filter(pk=order.pk, ended_on__isnull=True).exists()
    order = update_tracked(order, actor=actor, action="order.update", case=case, **values)
    if was_open and order.ended_on is not None:
        significant_change.send(
            sender=Order, case=case, kind="order_ended", occurred_on=order.ended_on, description=str(order), actor=actor
        )
    return order
