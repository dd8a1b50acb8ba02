"""What a disclosure bundle holds: the copy of their own file produced for the service user (a
subject access request). Pure reads, in a fixed number of queries however long the record.

**What is disclosed.** The service user (name, CRN, date of birth), the case's orders, and every
contact entry and manager's decision in the *general* section not marked "not for disclosure",
oldest first: its date (and time), type, who it was with, what it says and who recorded it.

**What is withheld**, counted under each heading (`Section` labels) and never described: restricted
child-protection material, victim information, third-party information, and anything marked not
for disclosure (a restricted entry also marked is counted once, under its section). An amended entry
is disclosed as its latest version only; earlier versions are not disclosed, and the bundle says so.
The selection never depends on who produces it: a line manager who reads restricted material
produces the same bundle as an information officer who does not.

**Children's names.** The service user already knows their own children, so a child linked to them
(`people.ChildLink`) is named. Every other child the case knows of (linked only through another
adult, `people.AdultChildLink`, or named on the record and no longer linked to the service user) is
"[a child]": in who a contact was with, and in the disclosed text, where each such child's full name
(any case, any spacing) and first name (a whole word, capitalised as written, as lawful erasure
finds them), and those of their other recorded names, are replaced. A first name shared with the
service user's own child is replaced too: withholding too much is the safe side. The bundle counts
the children whose names were withheld.

**Key contacts** (third parties) are named with their organisation only: their phone number or
email address is never disclosed, and is replaced wherever the disclosed text repeats it.

**Reproducible.** A bundle is selected *as the record stood at a moment* (each entry's latest version
written by then, each decision written by then), so the logged disclosure (`models.Disclosure`) is
produced again as it was given, from its `produced_at`. What lawful erasure has since removed stays
removed, and children are named by how the family is linked now.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce

from safeguard.cases.models import Case, KeyContact, Order
from safeguard.core import clock
from safeguard.people.models import AdultChildLink, Child, ChildLink

from .models import ContactEntry, ManagerDecision, Section

NOT_FOR_DISCLOSURE = "not_for_disclosure"
CHILDREN_NAMES = "children_names"
CONTACT_DETAILS = "contact_details"

# The headings items are withheld under, in the order the bundle lists them, and how one reads in a
# sentence ("1 victim information").
HEADINGS: dict[str, str] = {
    Section.RESTRICTED.value: str(Section.RESTRICTED.label),
    Section.VICTIM.value: str(Section.VICTIM.label),
    Section.THIRD_PARTY.value: str(Section.THIRD_PARTY.label),
    NOT_FOR_DISCLOSURE: "Marked not for disclosure",
}
IN_A_SENTENCE: dict[str, str] = {
    Section.RESTRICTED.value: "restricted child-protection material",
    Section.VICTIM.value: "victim information",
    Section.THIRD_PARTY.value: "third-party information",
    NOT_FOR_DISCLOSURE: "marked not for disclosure",
}

A_CHILD = "[a child]"
DETAILS_WITHHELD = "[contact details withheld]"
_MARK = "\x00{}\x00"  # a replacement, made safe from the later patterns until the end


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


@dataclass(frozen=True)
class Withheld:
    """How many items were withheld under each heading, and how many children's names and key
    contacts' details were taken out of what was disclosed."""

    items: Mapping[str, int]
    children: int = 0
    contact_details: int = 0

    @property
    def total(self) -> int:
        return sum(self.items.get(key, 0) for key in HEADINGS)

    @property
    def rows(self) -> list[tuple[str, int]]:
        """(heading, count) for every heading, in order."""
        return [(heading, self.items.get(key, 0)) for key, heading in HEADINGS.items()]

    def sentence(self) -> str:
        """In words: "3 items were withheld: 1 restricted child-protection material, 1 victim
        information, 1 third-party information", or "No items were withheld"."""
        if not self.total:
            return "No items were withheld"
        parts = [f"{self.items[key]} {words}" for key, words in IN_A_SENTENCE.items() if self.items.get(key)]
        verb = "was" if self.total == 1 else "were"
        return f"{_plural(self.total, 'item', 'items')} {verb} withheld: {', '.join(parts)}"

    def redactions(self) -> list[str]:
        """What was taken out of the items disclosed, in sentences."""
        found = []
        if self.children:
            found.append(
                "The name of 1 child was withheld"
                if self.children == 1
                else f"The names of {self.children} children were withheld"
            )
        if self.contact_details:
            found.append(f"The contact details of {_plural(self.contact_details, 'key contact', 'key contacts')} were withheld")
        return found

    def summary(self) -> str:
        """Everything withheld, in one line (the list of disclosures)."""
        return "; ".join([self.sentence(), *self.redactions()])

    def as_log(self) -> dict[str, int]:
        """What `services.disclosure_log` keeps: the count under each heading and of each redaction."""
        return {key: self.items.get(key, 0) for key in HEADINGS} | {
            CHILDREN_NAMES: self.children,
            CONTACT_DETAILS: self.contact_details,
        }

    @classmethod
    def from_log(cls, logged: Mapping[str, Any]) -> Withheld:
        """The counts a logged disclosure kept (a key it lacks counts none)."""

        def count(key: str) -> int:
            value = logged.get(key, 0) if isinstance(logged, Mapping) else 0
            return value if isinstance(value, int) else 0

        return cls(
            items={key: count(key) for key in HEADINGS},
            children=count(CHILDREN_NAMES),
            contact_details=count(CONTACT_DETAILS),
        )


@dataclass(frozen=True)
class Item:
    """One disclosed entry or decision, its words already cleared of what is withheld."""

    at: datetime.datetime
    dated_only: bool  # a decision has a date, not a time
    kind: str  # "Contact log" or "Manager's decision"
    type: str  # the type of contact, or of decision
    who_with: str
    parts: tuple[tuple[str, str], ...]  # (label, text)
    author: str
    amended: bool = False


@dataclass(frozen=True)
class Bundle:
    case: Case
    service_user: Any
    orders: Sequence[Order]
    items: Sequence[Item]
    withheld: Withheld
    at: datetime.datetime

    @property
    def disclosed(self) -> int:
        return len(self.items)

    @property
    def amended(self) -> int:
        return sum(1 for item in self.items if item.amended)


# -- the record as it stood at a moment ---------------------------------------------------------


def entries_at(case: Case, at: datetime.datetime) -> QuerySet[ContactEntry]:
    """The version of each entry of the case's log that was its latest at `at` (written by then and
    not yet replaced by a version written by then)."""
    replaced = ContactEntry.objects.filter(entry_id=OuterRef("first"), number__gt=OuterRef("number"), created_at__lte=at)
    return (
        ContactEntry.objects.filter(case=case, created_at__lte=at)
        .annotate(first=Coalesce(F("entry_id"), F("pk")))
        .filter(~Exists(replaced))
    )


def decisions_at(case: Case, at: datetime.datetime) -> QuerySet[ManagerDecision]:
    return ManagerDecision.objects.filter(case=case, created_at__lte=at)


DISCLOSABLE = Q(section=Section.GENERAL, not_for_disclosure=False)


def _withheld_counts(*querysets: QuerySet[Any]) -> dict[str, int]:
    """How many of the records are withheld under each heading: one query per kind of record, which
    counts and reads nothing of what they say."""
    conditions = {
        Section.RESTRICTED.value: Q(section=Section.RESTRICTED),
        Section.VICTIM.value: Q(section=Section.VICTIM),
        Section.THIRD_PARTY.value: Q(section=Section.THIRD_PARTY),
        NOT_FOR_DISCLOSURE: Q(section=Section.GENERAL, not_for_disclosure=True),
    }
    totals = dict.fromkeys(HEADINGS, 0)
    for queryset in querysets:
        counted = queryset.aggregate(**{key: Count("pk", filter=condition) for key, condition in conditions.items()})
        for key in totals:
            totals[key] += counted[key] or 0
    return totals


# -- what is taken out of the disclosed words ---------------------------------------------------


def _words(name: str) -> str:
    """A name as a whole-word pattern whose words may be split by any spacing."""
    pattern = r"\s+".join(re.escape(word) for word in name.split())
    return rf"\b{pattern}\b" if name[:1].isalnum() and name[-1:].isalnum() else pattern


def _phone(details: str) -> str | None:
    """A phone number as a pattern that also finds it written with other spacing."""
    digits = re.sub(r"\D", "", details)
    if len(digits) < 6 or not re.fullmatch(r"[\d\s()+\-.]+", details):
        return None
    return r"[\s\-.()]*".join(re.escape(digit) for digit in digits)


@dataclass
class Redactor:
    """Takes out of disclosed words the names of children the service user may not be told about,
    and the contact details of key contacts; notes whose were taken out."""

    others: Mapping[int, Child]  # the children not linked to the service user, by id
    key_contacts: Sequence[KeyContact]
    rules: list[tuple[re.Pattern[str], str, str, int]] = field(default_factory=list)  # pattern, replacement, kind, id
    children_found: set[int] = field(default_factory=set)
    contacts_found: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        # Contact details first: an email address holding a child's first name goes whole.
        for contact in self.key_contacts:
            details = contact.contact_details.strip()
            if details:
                pattern = _phone(details) or re.escape(details)
                self.rules.append((re.compile(pattern, re.IGNORECASE), DETAILS_WITHHELD, CONTACT_DETAILS, contact.pk))
        full: list[tuple[str, int]] = []
        first: list[tuple[str, int]] = []
        for child in self.others.values():
            for person in (child, *child.name_variants.all()):
                if person.first_name.strip():
                    first.append((person.first_name.strip(), child.pk))
                    full.append((f"{person.first_name} {person.last_name}".strip(), child.pk))
        # Longest first, and every full name before any first name, so "Amy Lee" goes whole.
        for name, child_id in sorted(set(full), key=lambda pair: len(pair[0]), reverse=True):
            self.rules.append((re.compile(_words(name), re.IGNORECASE), A_CHILD, CHILDREN_NAMES, child_id))
        for name, child_id in sorted(set(first), key=lambda pair: len(pair[0]), reverse=True):
            self.rules.append((re.compile(_words(name)), A_CHILD, CHILDREN_NAMES, child_id))

    def _found(self, kind: str, key: int) -> None:
        (self.children_found if kind == CHILDREN_NAMES else self.contacts_found).add(key)

    def __call__(self, text: str) -> str:
        if not text or not self.rules:
            return text
        replacements: list[str] = []
        for pattern, replacement, kind, key in self.rules:
            text, made = pattern.subn(_MARK.format(len(replacements)), text)
            if made:
                replacements.append(replacement)
                self._found(kind, key)
        for number, replacement in enumerate(replacements):
            text = text.replace(_MARK.format(number), replacement)
        return text

    def child(self, child: Child | None) -> str:
        """A child a contact was with: named when linked to the service user, else "[a child]"."""
        if child is None:  # erased since
            return A_CHILD
        if child.pk in self.others:
            self.children_found.add(child.pk)
            return A_CHILD
        return str(child)


def _other_children(case: Case) -> dict[int, Child]:
    """Every child the case knows of who is not linked to its service user: linked to one of their
    adults, named on the record, or who a contact was with (one query, and one for their other names)."""
    own = ChildLink.objects.filter(service_user_id=case.service_user_id).values("child_id")
    known = (
        Q(
            pk__in=AdultChildLink.objects.filter(adult__service_user_links__service_user_id=case.service_user_id).values(
                "child_id"
            )
        )
        | Q(pk__in=ContactEntry.children.through.objects.filter(contactentry__case=case).values("child_id"))
        | Q(pk__in=ManagerDecision.children.through.objects.filter(managerdecision__case=case).values("child_id"))
        | Q(pk__in=ContactEntry.objects.filter(case=case, child__isnull=False).values("child_id"))
    )
    children = Child.objects.filter(known).exclude(pk__in=own).prefetch_related("name_variants")
    return {child.pk: child for child in children}


# -- the items --------------------------------------------------------------------------------


def _who(entry: ContactEntry, clear: Redactor) -> str:
    """Who the contact was with, as the service user may be told."""
    whom = ContactEntry.With
    if entry.with_whom == whom.KEY_CONTACT and entry.key_contact is not None:
        return f"{entry.key_contact.name}, {entry.key_contact.organisation}"  # never their phone or email
    if entry.with_whom == whom.CHILD:
        return clear.child(entry.child)
    if entry.with_whom == whom.ADULT and entry.adult is not None:
        return entry.adult.full_name
    if entry.with_whom == whom.OTHER:
        return clear(entry.with_other)
    return entry.get_with_whom_display()


def _entry_item(entry: ContactEntry, clear: Redactor) -> Item:
    return Item(
        at=entry.contact_at,
        dated_only=False,
        kind="Contact log",
        type=entry.get_kind_display(),
        who_with=_who(entry, clear),
        parts=(("What happened", clear(entry.text)),),
        author=str(entry.created_by) if entry.created_by else "the system",
        amended=entry.number > 1,
    )


def _decision_item(decision: ManagerDecision, clear: Redactor) -> Item:
    parts = [
        ("What was discussed", decision.discussion),
        ("Decision", decision.decision),
        ("Guidance to the officer", decision.guidance),
    ]
    return Item(
        at=clock.start_of(decision.decided_on),
        dated_only=True,
        kind="Manager's decision",
        type=decision.get_kind_display(),
        who_with="",
        parts=tuple((label, clear(text)) for label, text in parts if text.strip()),
        author=str(decision.manager),
    )


def bundle(case: Case, at: datetime.datetime | None = None) -> Bundle:
    """What the service user is given from the case's record as it stood at `at` (now, if not given).
    The same for whoever asks: it reads nothing of the user's own access."""
    moment = at or clock.now()
    entries = entries_at(case, moment)
    decisions = decisions_at(case, moment)
    clear = Redactor(others=_other_children(case), key_contacts=list(KeyContact.objects.filter(case=case)))
    items = [
        _entry_item(entry, clear)
        for entry in entries.filter(DISCLOSABLE)
        .select_related("key_contact", "child", "adult", "created_by")
        .order_by("contact_at", "pk")
    ]
    disclosed_decisions = decisions.filter(DISCLOSABLE).select_related("manager").order_by("decided_on", "pk")
    items += [_decision_item(decision, clear) for decision in disclosed_decisions]
    items.sort(key=lambda item: (item.at, item.dated_only is False))
    withheld = Withheld(
        items=_withheld_counts(entries, decisions),
        children=len(clear.children_found),
        contact_details=len(clear.contacts_found),
    )
    return Bundle(
        case=case,
        service_user=case.service_user,
        orders=list(Order.objects.filter(case=case).order_by("start_date", "pk")),
        items=items,
        withheld=withheld,
        at=moment,
    )


def summaries(logged: Iterable[Any]) -> list[tuple[Any, Withheld]]:
    """Each logged disclosure with what it withheld (the list of disclosures)."""
    return [(disclosure, Withheld.from_log(disclosure.withheld)) for disclosure in logged]
