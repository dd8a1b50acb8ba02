"""Writing the audit trail. Every service function that changes data calls one of these."""

import datetime
from decimal import Decimal
from typing import Any

from django.db import models

from .models import AuditEvent


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


# Never copied into the audit trail; a change is still recorded, as "(changed)".
SECRET_FIELDS = {"password"}


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The editable, concrete values of a record, for comparing before and after a change."""
    values: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if not field.editable or field.primary_key:
            continue
        if field.name in SECRET_FIELDS:
            values[field.name] = f"(hash {hash(getattr(instance, field.attname)) & 0xFFFF:04x})"
            continue
        if isinstance(field, models.ForeignKey):
            values[field.name] = _plain(getattr(instance, field.name))
        else:
            values[field.name] = _plain(getattr(instance, field.attname))
    return values


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {name: [before.get(name), after[name]] for name in after if before.get(name) != after[name]}


def record(*, actor, action: str, obj: models.Model, changes: dict | None = None, case=None) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=obj._meta.label,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        changes=changes or {},
        case=case,
    )
