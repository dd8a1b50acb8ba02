"""Reads of the case record: the one timeline of a case, an entry's versions, the manager decisions
(what a disclosure bundle holds is read in `disclosure.py`).

**The timeline** merges the contact log (which holds the millions: 10 million entries nationally, so
it is paged in the database along the partial index `contact_current_idx`) with what every other app
recorded on the case (tens per case: checks, referrals, registrations, reviews, meetings, decisions,
each app's `registry.TimelineItem`s). A page costs a fixed number of queries, however long the log:
one count, one query for the keys of the entries up to the page's end (id and moment only), one for
the page's entries, and one per app for its items.
"""

from __future__ import annotations

import datetime
import heapq
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from safeguard.accounts.models import User
from safeguard.cases.access import visible_cases
from safeguard.cases.models import Case
from safeguard.core import clock, registry
from safeguard.core.registry import TimelineItem

from .access import may_read, readable_sections
from .models import ContactEntry, ManagerDecision, Section

CONTACT = "Contact log"  # the timeline's word for contact entries
DECISIONS = "Manager decisions"


@dataclass(frozen=True)
class Filters:
    """What the timeline is narrowed to: a kind (one of `kinds()`), a section, a child (id), a period
    (from, to: days, inclusive) and words to find."""

    kind: str = ""
    section: str = ""
    child: int | None = None
    contact: int | None = None  # a key contact of the case: the entries with them
    since: datetime.date | None = None
    until: datetime.date | None = None
    words: str = ""

    @property
    def narrowed(self) -> bool:
        return any((self.kind, self.section, self.child, self.contact, self.since, self.until, self.words))


def kinds() -> list[str]:
    """The kinds the timeline can be filtered by: the contact log, manager decisions, then the word of
    each other app that puts things on the timeline (its History kind)."""
    words = registry.history_kinds()
    found = [CONTACT, DECISIONS]
    for capability in registry.capabilities():
        word = words.get(capability.app_label, "")
        if capability.timeline and capability.app_label != "record" and word and word not in found:
            found.append(word)
    return found


def entries_of(case: Case, user: Any, filters: Filters = Filters()) -> QuerySet[ContactEntry]:
    """The current version of each entry of the case's log that `user` may read, narrowed by `filters`,
    newest first."""
    entries = ContactEntry.objects.filter(case=case, current=True).filter(may_read(user, case))
    if filters.section:
        entries = entries.filter(section=filters.section)
    if filters.child:
        entries = entries.filter(children=filters.child)
    if filters.contact:
        entries = entries.filter(key_contact=filters.contact)
    if filters.since:
        entries = entries.filter(contact_at__gte=clock.start_of(filters.since))
    if filters.until:
        entries = entries.filter(contact_at__lt=clock.start_of(filters.until + datetime.timedelta(days=1)))
    if filters.words:
        for word in filters.words.split()[:8]:
            entries = entries.filter(
                Q(text__icontains=word) | Q(with_other__icontains=word) | Q(key_contact__name__icontains=word)
            )
    return entries.order_by("-contact_at", "-id")


def _item_shown(item: TimelineItem, hidden: set[str], filters: Filters) -> bool:
    if item.section in hidden or filters.contact:  # only contact entries name a key contact
        return False
    if filters.kind and item.kind != filters.kind:
        return False
    if filters.section and (item.section or Section.GENERAL) != filters.section:
        return False
    if filters.child and filters.child not in item.children:
        return False
    day = timezone.localtime(item.at).date()
    if (filters.since and day < filters.since) or (filters.until and day > filters.until):
        return False
    if filters.words:
        haystack = f"{item.title} {item.text} {item.by}".lower()
        return all(word.lower() in haystack for word in filters.words.split()[:8])
    return True


def other_items(case: Case, user: Any, filters: Filters) -> list[TimelineItem]:
    """Everything but contact entries that `user` may read on the case, narrowed, newest first."""
    if filters.kind == CONTACT:
        return []
    hidden = set(registry.unreadable_sections(user, case))
    items = [item for provider in registry.timeline_providers() for item in provider(case)]
    shown = [item for item in items if _item_shown(item, hidden, filters)]
    return sorted(shown, key=lambda item: item.at, reverse=True)


@dataclass
class Row:
    """One line of the timeline: an entry of the contact log, or another app's item."""

    at: datetime.datetime
    item: TimelineItem | None = None
    entry: ContactEntry | None = None

    @property
    def section(self) -> str:
        if self.entry is not None:
            return self.entry.section
        return self.item.section if self.item is not None else ""


@dataclass
class Timeline:
    """The merged timeline as a sequence a `Paginator` pages: counted without loading it, and sliced by
    loading only the keys of the entries up to the slice's end and the slice's entries themselves."""

    case: Case
    entries: QuerySet[ContactEntry]
    others: list[TimelineItem]
    _count: int | None = field(default=None, repr=False)

    def count(self) -> int:
        if self._count is None:
            self._count = self.entries.count() + len(self.others)
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[Row]:
        start, stop = window.start or 0, window.stop if window.stop is not None else self.count()
        keys = list(self.entries.values_list("contact_at", "pk")[:stop]) if stop > 0 else []
        merged = heapq.merge(
            ((at, pk, None) for at, pk in keys),
            ((item.at, 0, item) for item in self.others),
            key=lambda row: (row[0], row[1]),
            reverse=True,
        )
        chosen = [row for _, row in zip(range(stop), merged, strict=False)][start:stop]
        ids = [pk for _, pk, item in chosen if item is None]
        loaded = (
            {
                entry.pk: entry
                for entry in ContactEntry.objects.filter(pk__in=ids).select_related("key_contact", "child", "adult", "created_by")
            }
            if ids
            else {}
        )
        for entry in loaded.values():
            entry.case = self.case  # the page's case, its service user loaded: who() needs no query
        return [Row(at, item=item) if item is not None else Row(at, entry=loaded[pk]) for at, pk, item in chosen]


CSV_COLUMNS = ["Date", "Time", "Kind", "What", "Who with", "Section", "Written by", "Text"]
CSV_BATCH = 500


def csv_rows(found: Timeline) -> Iterable[list[str]]:
    """The whole timeline (as narrowed and as its reader may read it) as spreadsheet rows, oldest
    last, loaded a batch at a time."""
    total = found.count()
    for start in range(0, total, CSV_BATCH):
        for row in found[start : start + CSV_BATCH]:
            local = timezone.localtime(row.at)
            time = "" if row.item is not None and row.item.dated_only else f"{local:%H:%M}"
            if row.entry is not None:
                e = row.entry
                yield [
                    f"{local:%d/%m/%Y}",
                    time,
                    CONTACT,
                    e.get_kind_display(),
                    e.who(),
                    e.get_section_display(),
                    str(e.created_by or ""),
                    e.text,
                ]
            elif row.item is not None:
                i = row.item
                section = registry.section_names().get(i.section, "General")
                yield [f"{local:%d/%m/%Y}", time, i.kind, i.title, "", section, i.by, i.text]


def timeline(case: Case, user: Any, filters: Filters = Filters()) -> Timeline:
    """The case's one timeline as `user` may read it, newest first."""
    entries = entries_of(case, user, filters)
    if filters.kind and filters.kind != CONTACT:
        entries = entries.none()
    return Timeline(case=case, entries=entries, others=other_items(case, user, filters))


def versions(entry: ContactEntry) -> list[ContactEntry]:
    """Every version of the entry, the latest first, each with what it changed (`changes`: the
    questions whose answers differ from the version before)."""
    first = entry.first_id
    found = list(
        ContactEntry.objects.filter(Q(pk=first) | Q(entry_id=first))
        .select_related("created_by", "key_contact", "child", "adult", "case__service_user")
        .prefetch_related("children")
        .order_by("-number")
    )
    for later, earlier in itertools.pairwise(found[::-1]):
        later.changes = later.changed_from(earlier)  # type: ignore[attr-defined]
    return found


def readable_entries(case: Case, user: Any) -> QuerySet[ContactEntry]:
    """Every version of every entry of the case that `user` may read: the versions of an entry are
    read under the rule of its current version (an entry marked restricted by an amendment hides
    its earlier, general versions too)."""
    current = ContactEntry.objects.filter(case=case, current=True).filter(may_read(user, case))
    chains = current.annotate(first=Coalesce("entry_id", "pk")).values("first")
    return ContactEntry.objects.filter(case=case).annotate(first=Coalesce("entry_id", "pk")).filter(first__in=chains)


def decisions_of(case: Case, user: Any) -> list[ManagerDecision]:
    return list(
        ManagerDecision.objects.filter(case=case)
        .filter(may_read(user, case))
        .select_related("manager", "officer")
        .prefetch_related("children")
    )


def decision_items(case: Case) -> Iterable[TimelineItem]:
    """The record's own items for the timeline beyond the contact log: manager decisions."""
    for decision in ManagerDecision.objects.filter(case=case).select_related("manager").prefetch_related("children"):
        yield TimelineItem.on_day(
            decision.decided_on,
            kind=DECISIONS,
            title=decision.get_kind_display(),
            text=decision.decision,
            url=reverse("record:decision", args=[case.pk, decision.pk]),
            by=str(decision.manager),
            children=tuple(child.pk for child in decision.children.all()),
            section="" if decision.section == Section.GENERAL else decision.section,
        )


def sections_for(user: Any, case: Case) -> Sequence[tuple[str, str]]:
    """The sections `user` may write in (and filter by) on the case, as choices."""
    readable = readable_sections(user, case)
    return [(value, label) for value, label in Section.choices if value in readable]


def supervised_cases(user: Any) -> QuerySet[Case]:
    """The open, allocated cases whose supervision `user` may record: those they may see
    (`cases.access.visible_cases`, the one choke point) and manage, in the teams they line-manage or,
    for a role that makes a manager's decisions on every case it sees (the safeguarding lead), all."""
    cases = visible_cases(user).filter(status=Case.Status.OPEN, case_holder__isnull=False)
    if not user.has_perm("cases.manage_any_case"):
        cases = cases.filter(team__in=user.managed_teams.all())
    return cases


def supervised_officers(user: Any) -> QuerySet[User]:
    """The people holding the cases `user` supervises (`supervised_cases`), by name."""
    return User.objects.filter(pk__in=supervised_cases(user).values("case_holder"))
