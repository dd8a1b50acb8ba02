"""Audit events in words: what happened, who did it, when and what changed, as the pages say it.

One place turns an `AuditEvent` into an `Entry` (`describe`), for a case's History tab and the audit
trail. What an action reads as comes from the app that owns it (`registry.HistoryWording`, declared
in its `apps.py`); an app that declares nothing still reads sensibly from its models' own names
("Child added", "School changed from (blank) to Meadow Primary"). Nothing here queries the database:
the values were stored in words when the event was written (`core.audit.snapshot`), so a page of
entries costs what the page of events cost.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator, capfirst

from . import registry
from .audit import SECRET_FIELDS
from .models import AuditEvent

# Fields that say nothing a reader needs: ids, stamps, the case a record belongs to (the page is the
# case), and the search keys kept beside a name.
TECHNICAL_FIELDS = {"id", "case", "created_at", "created_by", "modified_at", "modified_by"}
TECHNICAL_SUFFIXES = ("_key", "_keys")
BLANK = "(blank)"
NONE = "none"
FOLD_AFTER = 3  # more changes than this fold behind "Show N changes"
LONG_TEXT = 200  # characters of free text shown; the record's own page has the rest


def govuk_date(day: datetime.date) -> str:
    """27 November 2026."""
    return f"{day.day} {day:%B %Y}"


def govuk_day(day: datetime.date) -> str:
    """Friday 27 November 2026."""
    return f"{day:%A} {govuk_date(day)}"


def govuk_time(moment: datetime.datetime) -> str:
    """2:05pm, 9am, midday, midnight (GOV.UK style), in local time."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    if (local.hour, local.minute) == (12, 0):
        return "midday"
    if (local.hour, local.minute) == (0, 0):
        return "midnight"
    hour = local.hour % 12 or 12
    minutes = f":{local.minute:02d}" if local.minute else ""
    return f"{hour}{minutes}{'am' if local.hour < 12 else 'pm'}"


def govuk_datetime(moment: datetime.datetime) -> str:
    """27 November 2026 at 2:05pm."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return f"{govuk_date(local.date())} at {govuk_time(local)}"


@dataclass(frozen=True)
class Entry:
    """One event in words: "Registration review countersigned", by "Janet Cole", at a moment, about
    a record ("Review of 25/11/2026"), and each change in a sentence."""

    title: str
    by: str
    at: datetime.datetime
    subject: str
    kind: str
    lines: list[str] = field(default_factory=list)
    added: bool = False
    fields: list[str] = field(default_factory=list)  # the labels of what changed, without values

    @property
    def day(self) -> datetime.date:
        return timezone.localtime(self.at).date()

    @property
    def time(self) -> str:
        return govuk_time(self.at)

    @property
    def when(self) -> str:
        return govuk_datetime(self.at)

    @property
    def folded(self) -> bool:
        return len(self.lines) > FOLD_AFTER

    @property
    def fold_label(self) -> str:
        count = len(self.lines)
        noun = "detail" if self.added else "change"
        return f"Show {count} {noun}{'' if count == 1 else 's'}"


@dataclass(frozen=True)
class Day:
    """The entries of one day, under its heading ("Friday 27 November 2026")."""

    day: datetime.date
    entries: list[Entry]

    @property
    def heading(self) -> str:
        return govuk_day(self.day)


def _model(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        found = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return found if isinstance(found, models.Field) else None


def _technical(name: str) -> bool:
    return name in TECHNICAL_FIELDS or name.endswith(TECHNICAL_SUFFIXES)


def _label(model: type[models.Model] | None, name: str) -> str:
    found = _field(model, name)
    words = str(found.verbose_name) if found is not None else name.replace("_", " ")
    return capfirst(words) or name


def _choices(model: type[models.Model] | None, name: str, found: models.Field | None) -> dict[str, str]:
    if found is not None and found.choices:
        return {str(value): str(label) for value, label in found.flatchoices}
    if model is not None:
        declared = registry.history_choices().get(f"{model._meta.label}.{name}")
        if declared is not None:
            return {str(value): str(label) for value, label in declared.choices}
    return {}


def _parse(text: str, kind: type[datetime.date]) -> datetime.date | None:
    try:
        if kind is datetime.datetime:
            return datetime.datetime.fromisoformat(text)
        return datetime.date.fromisoformat(text[:10])
    except ValueError:
        return None


def show(model: type[models.Model] | None, name: str, value: Any) -> str:
    """A stored value as the pages show it: a choice's label, Yes or No, "27 November 2026",
    "27 November 2026 at 2:05pm", a list of labels, "(blank)"."""
    found = _field(model, name)
    if value is None or value == "":
        return BLANK
    if isinstance(value, list):
        if not value:
            return NONE
        labels = _choices(model, name, found)
        return ", ".join(labels.get(str(item), str(item)) for item in value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    labels = _choices(model, name, found)
    if labels:
        return labels.get(str(value), str(value))
    if isinstance(found, models.DateTimeField) and isinstance(value, str):
        moment = _parse(value, datetime.datetime)
        return govuk_datetime(moment) if isinstance(moment, datetime.datetime) else value
    if isinstance(found, models.DateField) and isinstance(value, str):
        day = _parse(value, datetime.date)
        return govuk_date(day) if day is not None else value
    return Truncator(str(value)).chars(LONG_TEXT)


def _line(model: type[models.Model] | None, name: str, before: Any, after: Any, added: bool) -> str | None:
    label = _label(model, name)
    if name in SECRET_FIELDS:
        return f"{label} changed"
    old, new = show(model, name, before), show(model, name, after)
    if added:
        return None if new in (BLANK, NONE) else f"{label}: {new}"
    if after is None:  # the record was removed: what it held
        return None if old in (BLANK, NONE) else f"{label}: {old}"
    if old in (BLANK, NONE):
        return f"{label}: {new}"
    if new in (BLANK, NONE):
        return f"{label} removed (was {old})"
    return f"{label} changed from {old} to {new}"


def _pairs(changes: Any) -> list[tuple[str, Any, Any]]:
    if not isinstance(changes, Mapping):
        return []
    pairs = []
    for name, values in changes.items():
        if isinstance(values, list | tuple) and len(values) == 2:
            pairs.append((str(name), values[0], values[1]))
    return pairs


def _fallback_title(model: type[models.Model] | None, pairs: list[tuple[str, Any, Any]]) -> str:
    noun = capfirst(str(model._meta.verbose_name)) if model is not None else "Record"
    if pairs and all(before is None for _, before, _ in pairs):
        return f"{noun} added"
    if pairs and all(after is None for _, _, after in pairs):
        return f"{noun} removed"
    return f"{noun} changed"


def kind_of(object_type: str) -> str:
    return registry.history_kinds().get(object_type.partition(".")[0], "")


def describe(event: AuditEvent) -> Entry:
    """What the event says, in words."""
    model = _model(event.object_type)
    pairs = _pairs(event.changes)
    added = bool(pairs) and all(before is None for _, before, _ in pairs)
    title = registry.history_actions().get(event.action) or _fallback_title(model, pairs)
    shown = [(name, before, after) for name, before, after in pairs if not _technical(name)]
    lines = [line for name, before, after in shown if (line := _line(model, name, before, after, added)) is not None]
    return Entry(
        title=title,
        by=str(event.actor) if event.actor_id else "the system",
        at=event.at,
        subject=event.object_repr,
        kind=kind_of(event.object_type),
        lines=lines,
        added=added,
        fields=[_label(model, name) for name, _, _ in shown],
    )


def entries(events: Iterable[AuditEvent]) -> list[tuple[AuditEvent, Entry]]:
    """Each event with its words (for a table that also links to the event's case)."""
    return [(event, describe(event)) for event in events]


def by_day(events: Iterable[AuditEvent]) -> list[Day]:
    """The events in words, grouped under their days, in the order given (newest first)."""
    entries = [describe(event) for event in events]
    return [Day(day, list(group)) for day, group in itertools.groupby(entries, key=lambda entry: entry.day)]


def of_kind(kind: str, kinds: Mapping[str, str]) -> Q:
    """The condition that an event is about a record of the app `kind` (an app label among `kinds`);
    every event when `kind` is not one of them."""
    if kind not in kinds:
        return Q()
    return Q(object_type__startswith=f"{kind}.")
