"""Shared write helpers used by every app's services: validate, save, audit, in one transaction."""

import datetime
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction

from . import audit, concurrency, steps
from .validation import not_before, past_date

M = TypeVar("M", bound=models.Model)


def _split_related(model: type[models.Model], values: dict[str, Any]) -> dict[str, Any]:
    """Take the many-to-many values (children named, roles held) out of `values`: they are set after saving."""
    names = {f.name for f in model._meta.many_to_many}
    return {name: list(values.pop(name)) for name in list(values) if name in names}


@transaction.atomic
@steps.batch()  # the case's steps worked out once, after every part of the write
def create_tracked(model: type[M], *, actor: Any, action: str, case: Any = None, **values: Any) -> M:
    """Validate, save and audit a new record; many-to-many values (`children=[...]`) are set and
    audited with it."""
    if case is not None and any(f.name == "case" for f in model._meta.concrete_fields):
        values.setdefault("case", case)  # records that belong to a case (orders, later contacts)
    related = _split_related(model, values)
    obj = model(**values)
    if hasattr(obj, "created_by_id"):
        obj.created_by = actor  # type: ignore[attr-defined]
        obj.modified_by = actor  # type: ignore[attr-defined]
    obj.full_clean()
    obj.save()
    for name, items in related.items():
        getattr(obj, name).set(items)
    changes = audit.diff({}, audit.snapshot(obj, related))
    audit.record(actor=actor, action=action, obj=obj, changes=changes, case=case)
    return obj


@transaction.atomic
@steps.batch()  # the case's steps worked out once, after every part of the write
def update_tracked(obj: M, *, actor: Any, action: str, case: Any = None, **values: Any) -> M:
    """Apply changes, validate and save; writes an audit event only when something changed.

    "Before" is read from the database, so a ModelForm that already changed `obj` is still diffed right.
    """
    related = _split_related(type(obj), values)
    stored = type(obj)._default_manager.select_for_update().filter(pk=obj.pk).first()
    if stored is not None and hasattr(stored, "version"):
        concurrency.check(obj, stored.version)  # an edit opened before someone else's change is refused
    before = audit.snapshot(stored, related) if stored is not None else {}
    originals = {name: getattr(obj, name) for name in values}
    for name, value in values.items():
        setattr(obj, name, value)
    try:
        obj.full_clean()
    except ValidationError:
        for name, value in originals.items():  # a refused change leaves the object as it was, in memory too
            setattr(obj, name, value)
        raise
    for name, items in related.items():
        getattr(obj, name).set(items)
    changes = audit.diff(before, audit.snapshot(obj, related))
    if changes:
        if hasattr(obj, "modified_by_id"):
            obj.modified_by = actor  # type: ignore[attr-defined]
        if stored is not None and hasattr(stored, "version"):
            obj.version = stored.version + 1  # type: ignore[attr-defined]
        obj.save()
        audit.record(actor=actor, action=action, obj=obj, changes=changes, case=case)
    return obj


@transaction.atomic
@steps.batch()  # the case's steps worked out once, after every part of the write
def delete_tracked(obj: models.Model, *, actor: Any, action: str, case: Any = None) -> None:
    removed = {name: [value, None] for name, value in audit.snapshot(obj).items() if value not in (None, "")}
    audit.record(actor=actor, action=action, obj=obj, changes=removed, case=case)
    obj.delete()


@transaction.atomic
def chase_add(
    model: type[M],
    *,
    actor: Any,
    action: str,
    case: Any,
    since: datetime.date | None,
    too_early: str,
    chased_on: datetime.date | None,
    method: str,
    spoke_to: str = "",
    note: str = "",
    **chased: Any,
) -> M:
    """A chase (`ChaseRecord`) of a reply that has not come: dated, not in the future, and not before
    `since`, when what it chases went out (`too_early` says so)."""
    if chased_on is None:
        raise ValidationError({"chased_on": "Enter the date you chased"})
    past_date(chased_on, "chased_on", "The date chased", required=False)
    not_before(chased_on, since, "chased_on", too_early)
    values = {"chased_on": chased_on, "method": method, "spoke_to": spoke_to, "note": note}
    return create_tracked(model, actor=actor, action=action, case=case, **values, **chased)
