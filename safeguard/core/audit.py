"""Writing the audit trail. Every service function that changes data calls one of these."""

import contextvars
import datetime
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models, transaction

from .models import AuditEvent, erasure_open


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


# Never copied into the audit trail; a change is still recorded, as "(changed)".
SECRET_FIELDS = {"password"}
# A model may keep some of its own fields out of the trail (`AUDIT_WITHHELD = {"text"}`): a record
# whose versions are themselves kept for good, so the text is read on the record, under its own
# access rule, and never from a History page. The event says the field was written.
WITHHELD = "(kept on the record)"


def snapshot(instance: models.Model, related: Iterable[str] = ()) -> dict[str, Any]:
    """The editable, concrete values of a record, for comparing before and after a change, and the
    records named in its `related` many-to-many fields (the children a referral is about, a user's
    roles), each by name, in a stable order."""
    values: dict[str, Any] = {}
    withheld = getattr(instance, "AUDIT_WITHHELD", ())
    for name in related:
        values[name] = sorted(str(item) for item in getattr(instance, name).all()) if instance.pk else []
    for field_ in instance._meta.concrete_fields:
        if not field_.editable or field_.primary_key:
            continue
        if field_.name in SECRET_FIELDS:
            values[field_.name] = f"(hash {hash(getattr(instance, field_.attname)) & 0xFFFF:04x})"
            continue
        if field_.name in withheld:
            values[field_.name] = WITHHELD if getattr(instance, field_.attname) else ""
            continue
        if isinstance(field_, models.ForeignKey):
            values[field_.name] = _plain(getattr(instance, field_.name))
        else:
            values[field_.name] = _plain(getattr(instance, field_.attname))
    return values


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {name: [before.get(name), after[name]] for name in after if before.get(name) != after[name]}


@dataclass
class _Opening:
    """Events recorded while a case is being opened, written in order once the case exists."""

    case: Any = None
    held: list[AuditEvent] = field(default_factory=list)


_opening: contextvars.ContextVar[_Opening | None] = contextvars.ContextVar("audit_opening", default=None)


@contextmanager
def opening_case() -> Iterator[_Opening]:
    """Hold the events of a case's opening (the new service user, the case, the first allocation)
    until the case exists; set `.case` on what this yields, and each is written once, with it.

    Audit events are never updated, so this is how a person recorded before their case has one
    still appears in that case's history."""
    opening = _Opening()
    token = _opening.set(opening)
    try:
        with transaction.atomic():
            yield opening
            case_id = getattr(opening.case, "pk", None)
            for event in opening.held:
                if event.case_id is None:
                    event.case_id = case_id
                event.save()
    finally:
        _opening.reset(token)


def record(*, actor: Any, action: str, obj: models.Model, changes: dict | None = None, case: Any = None) -> AuditEvent:
    event = AuditEvent(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=obj._meta.label,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        changes=changes or {},
        case_id=getattr(case, "pk", None),
        section=str(getattr(obj, "audit_section", "") or ""),
    )
    opening = _opening.get()
    if opening is not None:
        opening.held.append(event)
    else:
        event.save()
    return event


@contextmanager
def erasure_window() -> Iterator[None]:
    """The one path by which audit events may be changed or deleted: lawful erasure of a child's
    details (`safeguard.people.erasure`). Nothing else opens it."""
    token = erasure_open.set(True)
    try:
        yield
    finally:
        erasure_open.reset(token)
