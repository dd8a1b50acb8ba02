"""Two people editing one record: the second save never silently undoes the first (ADR 0012).

Every tracked record carries a `version`, raised by one on each change (`core.services.update_tracked`).
An edit form (`GovukModelForm` on a saved record) carries the version it was opened at and, signed,
the values it showed. `question_page` saves inside `expecting(...)`; `update_tracked` refuses a
record whose version has moved on with `StaleEdit`, and the page shows what the other person changed,
their value and yours, with the form opened again on the saved record and your own changes re-applied.
"""

import contextlib
import contextvars
import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core import signing
from django.db import models

from . import audit

VERSION_FIELD, BASE_FIELD = "edit_version", "edit_base"
_SALT = "safeguard.core.concurrency.base"

_expected: contextvars.ContextVar[dict[tuple[str, str], int] | None] = contextvars.ContextVar("expected", default=None)


class StaleEdit(Exception):
    """The record changed since the form was opened."""

    def __init__(self, obj: models.Model, expected: int, current: int) -> None:
        super().__init__(f"{obj._meta.label} {obj.pk}: opened at version {expected}, now {current}")
        self.key = key_of(obj)
        self.expected, self.current = expected, current


def key_of(obj: models.Model) -> tuple[str, str]:
    return obj._meta.label, str(obj.pk)


@contextlib.contextmanager
def expecting(versions: dict[tuple[str, str], int]) -> Iterator[None]:
    """While saving, the versions the user's forms were opened at."""
    token = _expected.set(versions)
    try:
        yield
    finally:
        _expected.reset(token)


def check(obj: models.Model, stored_version: int) -> None:
    """Refuse the save if the form that asked for it was opened on an older version of `obj`."""
    expected = (_expected.get() or {}).get(key_of(obj))
    if expected is not None and expected != stored_version:
        raise StaleEdit(obj, expected, stored_version)


# --- the edit form's side ----------------------------------------------------------------------------


def _comparable(value: Any) -> Any:
    """A value as the audit trail writes it; records named by a many-to-many field (its manager, or
    the records a form's tick boxes chose) as their names in a stable order, as `audit.snapshot` does."""
    if isinstance(value, models.Manager):
        value = value.all()
    if isinstance(value, models.QuerySet | list | tuple) and all(isinstance(item, models.Model) for item in value):
        return sorted(str(item) for item in value)
    return audit._plain(value)


def _values(form: forms.BaseForm, obj: models.Model) -> dict[str, Any]:
    """The record's values of the form's own fields, as the audit trail writes them (comparable)."""
    names = [name for name in form.fields if name not in (VERSION_FIELD, BASE_FIELD)]
    return {name: _comparable(getattr(obj, name, None)) for name in names if hasattr(obj, name)}


def carry_version(form: forms.BaseForm, obj: models.Model) -> None:
    """Add the hidden fields that let a save notice someone else's change."""
    form.fields[VERSION_FIELD] = forms.IntegerField(widget=forms.HiddenInput, required=False)
    form.fields[BASE_FIELD] = forms.CharField(widget=forms.HiddenInput, required=False)
    form.initial[VERSION_FIELD] = obj.version  # type: ignore[attr-defined]
    form.initial[BASE_FIELD] = signing.dumps(_values(form, obj), salt=_SALT, compress=True)


def opened_at(form: forms.BaseForm) -> dict[tuple[str, str], int]:
    """{record: version} for a valid edit form that carries a version."""
    instance = getattr(form, "instance", None)
    version = getattr(form, "cleaned_data", {}).get(VERSION_FIELD)
    if instance is None or instance.pk is None or version is None:
        return {}
    return {key_of(instance): version}


@dataclass
class Change:
    label: str
    theirs: str
    yours: str


def _shown(field: forms.Field, value: Any) -> str:
    """A value as the pages show it."""
    if isinstance(value, models.Manager):
        value = list(value.all())
    if isinstance(value, models.QuerySet | list | tuple):
        return ", ".join(str(item) for item in value) or "Not given"
    if value in (None, "", []):
        return "Not given"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.date):
        return f"{value.day} {value:%B %Y}"
    choices = dict(getattr(field, "choices", None) or []) if not isinstance(field, forms.ModelChoiceField) else {}
    return str(choices.get(value, value))


def reopen(form: forms.BaseForm) -> list[Change]:
    """After `StaleEdit`: open the form again on the record as now saved, with the user's own changes
    (what they changed from what they were shown) re-applied on top; returns what the other person
    changed, their value and the user's."""
    model = type(form.instance)  # type: ignore[attr-defined]
    fresh = model._default_manager.get(pk=form.instance.pk)  # type: ignore[attr-defined]
    data = form.cleaned_data
    try:
        shown = signing.loads(data.get(BASE_FIELD) or "", salt=_SALT)
    except signing.BadSignature:
        shown = {}
    now = _values(form, fresh)
    changes, values = [], {}
    for name, field in form.fields.items():
        if name in (VERSION_FIELD, BASE_FIELD) or name not in now:
            continue
        mine = data.get(name)
        if name in shown and _comparable(mine) != shown[name]:
            values[name] = mine  # the user's own change, re-applied
        if name in shown and now[name] != shown[name]:
            changes.append(Change(str(field.label or name), _shown(field, getattr(fresh, name)), _shown(field, mine)))
    form.instance = fresh  # type: ignore[attr-defined]
    form.data, form.files, form.is_bound = {}, {}, False  # type: ignore[assignment]
    form._errors = None  # type: ignore[attr-defined]
    form._bound_fields_cache = {}  # type: ignore[attr-defined]
    del form.cleaned_data  # type: ignore[attr-defined]
    form.initial = {**forms.models.model_to_dict(fresh), **values}  # type: ignore[attr-defined]
    carry_version(form, fresh)
    return changes
