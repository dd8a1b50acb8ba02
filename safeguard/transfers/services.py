"""Every write of the transfers app: the handover produced when a case moves, its acknowledgement by
the new holder, and the record that another probation unit or the prison's co-ordinator was told.
Keyword-only, validated, audited, atomic."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from safeguard.cases.models import Allocation, Case, KeyContact
from safeguard.core import clock
from safeguard.core.services import create_tracked, update_tracked
from safeguard.core.validation import not_before, past_date

from . import selectors
from .models import Handover, HandoverNotice

# The change `cases.services.case_allocate` announces when the case's holder (or team) changes.
TRANSFER = "case_holder_change"


@transaction.atomic
def on_significant_change(sender: Any, *, change: Any, **kwargs: Any) -> None:
    """A case moved: produce its handover, in the allocation's own transaction."""
    if change.kind == TRANSFER:
        handover_produce(actor=change.actor, case=change.case)


@transaction.atomic
def handover_produce(*, actor: Any, case: Case) -> Handover | None:
    """The handover of the case's present allocation, with the summary as it stands now. None when the
    case has no holder now (nobody to acknowledge it: the summary is produced when a holder is named)
    or the holder did not change; the same handover when the allocation already has one."""
    allocations = list(Allocation.objects.filter(case=case).select_related("team")[:2])
    if not allocations or allocations[0].end_at is not None:
        return None
    current, previous = allocations[0], (allocations[1] if len(allocations) > 1 else None)
    existing = Handover.objects.filter(allocation=current).first()
    if existing is not None:
        return existing
    if current.case_holder_id is None:
        return None
    if previous is not None and previous.case_holder_id == current.case_holder_id and previous.team_id == current.team_id:
        return None
    return create_tracked(
        Handover,
        actor=actor,
        action="handover.add",
        case=case,
        allocation=current,
        from_holder_id=previous.case_holder_id if previous else None,
        from_team_id=previous.team_id if previous else None,
        to_holder_id=current.case_holder_id,
        to_team_id=current.team_id,
        summary=selectors.summary_of(case),
    )


@transaction.atomic
def handover_acknowledge(*, actor: Any, case: Case, handover: Handover) -> Handover:
    """The new case holder has read the handover. Only they may say so, once, while it is current."""
    if handover.acknowledged_at is not None:
        raise ValidationError(f"This handover was already acknowledged by {handover.acknowledged_by}")
    if not selectors.is_current(handover):
        raise ValidationError("The case has moved again since this handover: read and acknowledge the latest one")
    if actor.pk != handover.to_holder_id:
        raise ValidationError(f"Only {handover.to_holder}, the new case holder, can acknowledge this handover")
    return update_tracked(
        handover, actor=actor, action="handover.acknowledge", case=case, acknowledged_by=actor, acknowledged_at=clock.now()
    )


@transaction.atomic
def notice_record(
    *, actor: Any, case: Case, handover: Handover, key_contact: KeyContact, informed_on: datetime.date | None, how: str
) -> HandoverNotice:
    """Record that a key contact (another probation unit, the prison's co-ordinator) was told the case
    moved: when and how."""
    if key_contact.case_id != case.pk or handover.case_id != case.pk:
        raise ValidationError("Choose a key contact of this case")
    if key_contact.kind not in (KeyContact.Kind.PROBATION, KeyContact.Kind.PRISON_CP_COORDINATOR):
        raise ValidationError("Only another probation unit or the prison's child-protection co-ordinator is told here")
    if HandoverNotice.objects.filter(handover=handover, key_contact=key_contact).exists():
        raise ValidationError(f"{key_contact.described} was already recorded as told of this transfer")
    past_date(informed_on, "informed_on", "The date you told them")
    not_before(informed_on, handover.moved_on, "informed_on", "The date you told them must be on or after the case moved")
    return create_tracked(
        HandoverNotice,
        actor=actor,
        action="handover_notice.add",
        case=case,
        handover=handover,
        key_contact=key_contact,
        informed_on=informed_on,
        how=how,
        by=actor,
    )
