"""The capability registry: how an app plugs into the shared parts of Safeguard without editing them.

Each app's `AppConfig.ready()` calls `declare(self, ...)` with what it adds: pages in the service
navigation, tabs on the case page, providers of outstanding steps, warning flags, tag colours, the
records it keeps under a case (and the path from each to its case), and the permissions its roles
need. The declaration is kept on the app's own config, so the registry is always exactly the
installed apps, in `INSTALLED_APPS` order: a test that installs an extra app sees its additions,
and they are gone when the app is uninstalled again.

The shared parts read the registry: the case page layout draws the tabs, `core.tasks` asks every
task provider, `core.access` finds a record's case, the role groups get their permissions, lawful
erasure knows which tables hold case records. Adding an app edits none of them.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol

from django.apps import AppConfig, apps
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import models
from django.db.models import Q
from django.dispatch import receiver

from . import clock

if TYPE_CHECKING:
    from django.http import HttpRequest

    from .tasks import Task

ATTRIBUTE = "safeguard_capability"


@dataclass(frozen=True)
class NavItem:
    """A page in the service navigation, current on every page under its address; `permission`, when
    set, hides it from users without that permission (the page itself checks too)."""

    label: str
    url_name: str
    order: int = 50
    permission: str = ""


@dataclass(frozen=True)
class CaseTab(NavItem):
    """A tab on every case page: the URL named `url_name` takes the case's id. `key` is what a page
    passes as `tab` to mark it current (a question page finds its app's tab itself)."""

    key: str = field(kw_only=True)


@dataclass(frozen=True)
class Flag:
    """A warning flag: short label, what it means in words (shown on hover and focus and to screen
    readers), a GOV.UK tag colour that only supports the words, and since when."""

    label: str
    meaning: str
    colour: str = "red"
    since: datetime.date | None = None


class FlagSource(Protocol):
    """Flags worked out from an app's records, for many people at once in a fixed number of queries."""

    def for_cases(self, cases: Sequence[Any]) -> Mapping[int, list[Flag]]:
        """Flags on each case's service user, by case id."""
        ...

    def for_children(self, child_ids: Iterable[int]) -> Mapping[int, list[Flag]]:
        """Flags on each child, by child id."""
        ...


@dataclass(frozen=True)
class CaseRecord:
    """A model whose rows belong to a case, and the lookup path from it to the case (`"case"`,
    `"registration__case"`, `"service_user__cases"`).

    Every view fetches such a record through `core.access.get_case_record`, so it inherits the case's
    access check. With `standard_permissions` the roles get the usual view/add/change/delete
    permissions on it (`accounts.roles`); without, only what an app grants explicitly. Its text is
    scrubbed of a child's details on lawful erasure.
    """

    model: str  # "app_label.ModelName"
    path: str | tuple[str, ...] = "case"  # several paths when a record may hang off either of two parents
    standard_permissions: bool = True

    def belongs_to(self, case: Any) -> Q:
        """The condition that a row of this model belongs to `case`."""
        return self.belongs_to_any([case.pk])

    def belongs_to_any(self, case_ids: Iterable[int]) -> Q:
        """The condition that a row of this model belongs to one of the cases."""
        ids = list(case_ids)
        paths = (self.path,) if isinstance(self.path, str) else self.path
        condition = Q()
        for path in paths:
            condition |= Q(**{f"{path}__in": ids})
        return condition


@dataclass(frozen=True)
class Rule:
    """One rule of what a case requires: the fact on file that raises a step, the step, the deadline
    rule that times it, and the paragraph of the procedures or inspections it comes from. Each app
    lists its rules in `data/rules.csv`; every outstanding step names the rule that raised it and the
    fact on this case (`core.tasks.Task.rule`, `.fact`), and the rules page lists them all."""

    key: str  # "app_label.name", what a task names
    title: str  # what the rule says, in a sentence
    source: str  # "West Mercia 1.7; HMIP 2014 2.1"
    fact: str  # the fact on file that raises it
    step: str  # the step it requires
    deadline: str = ""  # the DeadlineRule that times the step ("" when it is due at once or waits on others)
    app_label: str = ""


@dataclass(frozen=True)
class HistoryWording:
    """How an app's audit events read on a History page (`core.history`).

    `kind` is the word the History filter uses for every record of the app ("Register"); `actions`
    says what each of its actions reads as (`"register.countersign"` → "Registration review
    countersigned"); `choices` names the choices behind a value stored without them on its field
    (`"Referral.harms"` → `Referral.Harm`, for a list of harms). Whatever is not declared reads
    from the model's and fields' own names ("Child added", "School changed from … to …")."""

    kind: str = ""
    actions: Mapping[str, str] = field(default_factory=dict)
    choices: Mapping[str, Any] = field(default_factory=dict)


class SectionRule(Protocol):
    """Parts of the case record not everyone who sees the case may read (restricted child-protection
    material, victim information, what third parties said): the sections an app writes, and which of
    them a user may read on a case (on every case they see, when `case` is None). History pages and
    the timeline leave out what the reader may not read (`unreadable_sections`)."""

    @property
    def sections(self) -> Mapping[str, str]:
        """Each section's value (stored on the records and their audit events) → its words."""
        ...

    def readable(self, user: Any, case: Any | None) -> Iterable[str]:
        """The sections `user` may read on `case`."""
        ...


@dataclass(frozen=True)
class TimelineItem:
    """One thing that happened on a case, as the case's timeline shows it (`record` draws the page):
    when, what kind (the word the timeline filters by), what, a link to the record, the children it
    is about (ids) and, for material not everyone may read, its section."""

    at: datetime.datetime
    kind: str
    title: str
    text: str = ""
    url: str = ""
    by: str = ""
    children: tuple[int, ...] = ()
    section: str = ""
    dated_only: bool = False  # only the day is known: the page shows no time

    @property
    def section_words(self) -> str:
        """The section in words ("" for the general part of the record)."""
        return section_names().get(self.section, "") if self.section else ""

    @classmethod
    def on_day(cls, day: datetime.date, **fields: Any) -> TimelineItem:
        """An item of which only the day is known (a date sent, a date held): at midnight local time."""
        return cls(at=clock.start_of(day), dated_only=True, **fields)


@dataclass(frozen=True)
class HandoverPart:
    """One part of the handover summary a case's new holder reads when the case moves to them
    (AN: new officers restarted the case from scratch): a title, what is on file in a line each, what
    to say when there is nothing, and where it comes in the summary. Only what every reader of the
    case may read: restricted, victim and third-party material stays in its section of the record."""

    title: str
    lines: tuple[str, ...] = ()
    empty: str = "None on file"
    order: int = 50


CaseLoader = Callable[["HttpRequest", int, bool], Any]
# A case → the things an app recorded on it, for the timeline (a case holds tens of them, not millions:
# the contact log, which holds the millions, is paged in the database by its own app).
TimelineProvider = Callable[[Any], Iterable[TimelineItem]]
# (case, children) → sentences naming each copy the app sent outside the service about them.
CopiesOutside = Callable[[Any, Sequence[Any]], Iterable[str]]
TaskProvider = Callable[..., Iterable["Task"]]  # core.tasks.Provider, without importing it here
# A case → its parts of the handover summary.
HandoverProvider = Callable[[Any], Iterable[HandoverPart]]


class RegisterSource(Protocol):
    """Which cases are on the child-protection register, for apps that cannot ask the register."""

    def since(self, case_ids: Sequence[int]) -> Mapping[int, datetime.date]:
        """Case id → the day its current registration began, for the registered cases among them."""
        ...

    def case_ids(self) -> models.QuerySet[Any]:
        """The ids of every registered case, as a subquery (`Q(pk__in=...)`)."""
        ...


@dataclass
class Capability:
    """What one app adds. Every part is optional."""

    app_label: str
    nav: tuple[NavItem, ...] = ()
    case_tabs: tuple[CaseTab, ...] = ()
    tasks: tuple[TaskProvider, ...] = ()
    flags: tuple[FlagSource, ...] = ()
    copies_outside: tuple[CopiesOutside, ...] = ()
    tag_colours: Mapping[str, str] = field(default_factory=dict)
    case_records: tuple[CaseRecord, ...] = ()
    role_permissions: Mapping[str, Sequence[str]] = field(default_factory=dict)
    case_loader: CaseLoader | None = None
    history: HistoryWording = field(default_factory=HistoryWording)
    rules: tuple[Rule, ...] = ()
    sections: tuple[SectionRule, ...] = ()
    timeline: tuple[TimelineProvider, ...] = ()
    handover: tuple[HandoverProvider, ...] = ()
    registered: tuple[RegisterSource, ...] = ()


def declare(
    config: AppConfig,
    *,
    access: ModuleType | None = None,
    nav: Iterable[NavItem] = (),
    case_tabs: Iterable[CaseTab] = (),
    tasks: Iterable[TaskProvider] = (),
    flags: Iterable[FlagSource] = (),
    copies_outside: Iterable[CopiesOutside] = (),
    tag_colours: Mapping[Any, str] | None = None,
    case_loader: CaseLoader | None = None,
    history: HistoryWording | None = None,
    sections: Iterable[SectionRule] = (),
    timeline: Iterable[TimelineProvider] = (),
    handover: Iterable[HandoverProvider] = (),
    registered: Iterable[RegisterSource] = (),
) -> Capability:
    """Record what `config`'s app adds (call from its `ready()`; calling again replaces it).

    `access` is the app's access module: its `CASE_RECORDS` (the records it keeps under a case) and
    `ROLE_PERMISSIONS` (role name → "app_label.codename" permissions beyond the standard ones), when
    it has them. `history` says how its audit events read (`HistoryWording`). Tag colours come from
    the app's `data/tag_colours.csv` (see `file_colours`), and
    `tag_colours` adds to them: words a tag shows, or a `TextChoices` member, → GOV.UK tag colour.
    The rules its task providers apply come from its `data/rules.csv` (`file_rules`). `handover`
    gives its parts of the handover summary (`HandoverPart`); `registered` says which cases are on
    the child-protection register and since when, for apps that cannot ask the register itself.
    """
    role_permissions: Mapping[str, Sequence[str]] = getattr(access, "ROLE_PERMISSIONS", {})
    capability = Capability(
        app_label=config.label,
        nav=tuple(nav),
        case_tabs=tuple(case_tabs),
        tasks=tuple(tasks),
        flags=tuple(flags),
        copies_outside=tuple(copies_outside),
        tag_colours={_words(key): colour for key, colour in {**file_colours(config), **(tag_colours or {})}.items()},
        case_records=tuple(getattr(access, "CASE_RECORDS", ())),
        role_permissions={role: tuple(perms) for role, perms in role_permissions.items()},
        case_loader=case_loader,
        history=history or HistoryWording(),
        rules=file_rules(config),
        sections=tuple(sections),
        timeline=tuple(timeline),
        handover=tuple(handover),
        registered=tuple(registered),
    )
    setattr(config, ATTRIBUTE, capability)
    _cache.clear()
    from . import steps  # the stored steps follow the writes of every record kept under a case

    steps.watch(capability.case_records)
    return capability


COLOURS_FILE = Path("data") / "tag_colours.csv"


def file_colours(config: AppConfig) -> dict[Any, str]:
    """The app's tag colours, one row each: `choices,value,colour`. `choices` names a `TextChoices`
    class in the app (`models.CheckStatus`, `models.RequestChild.Known`) and `value` one of its
    values, so a renamed label keeps its colour and an unknown value stops the app starting;
    without `choices`, `value` is the words themselves ("Resolved")."""
    path = Path(config.path) / COLOURS_FILE
    if not path.exists():
        return {}
    colours: dict[Any, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            key: Any = row["value"]
            if row["choices"]:
                module, _, attribute = row["choices"].partition(".")
                choices: Any = import_module(f"{config.name}.{module}")
                for name in attribute.split("."):
                    choices = getattr(choices, name)
                key = choices(row["value"])
            colours[key] = row["colour"]
    return colours


RULES_FILE = Path("data") / "rules.csv"


def file_rules(config: AppConfig) -> tuple[Rule, ...]:
    """The app's rules from `data/rules.csv` (`name,title,source,fact,step,deadline`); a rule's key is
    `app_label.name`."""
    path = Path(config.path) / RULES_FILE
    if not path.exists():
        return ()
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(
            Rule(
                key=f"{config.label}.{row['name']}",
                title=row["title"],
                source=row["source"],
                fact=row["fact"],
                step=row["step"],
                deadline=row["deadline"],
                app_label=config.label,
            )
            for row in csv.DictReader(handle)
        )


def _words(key: Any) -> str:
    label = getattr(key, "label", key)  # a TextChoices member stands for its label
    return str(label).lower()


# Reading the registry is cheap but runs on every tag of every page: the merged views are kept
# until an app declares again or the installed apps change (tests that install an extra app).
_cache: dict[str, Any] = {}


def _cached(name: str, build: Callable[[], Any]) -> Any:
    if name not in _cache:
        _cache[name] = build()
    return _cache[name]


@receiver(setting_changed)
def _installed_apps_changed(*, setting: str, **kwargs: Any) -> None:
    if setting == "INSTALLED_APPS":
        _cache.clear()


def capabilities() -> list[Capability]:
    """Every installed app's declaration, in INSTALLED_APPS order."""
    return [cap for config in apps.get_app_configs() if (cap := getattr(config, ATTRIBUTE, None)) is not None]


def nav_items() -> list[NavItem]:
    return _cached("nav", lambda: sorted((i for cap in capabilities() for i in cap.nav), key=lambda i: i.order))


def case_tabs() -> list[CaseTab]:
    return _cached("tabs", lambda: sorted((t for cap in capabilities() for t in cap.case_tabs), key=lambda t: t.order))


def task_providers() -> list[TaskProvider]:
    return _cached("tasks", lambda: [provider for cap in capabilities() for provider in cap.tasks])


def copies_outside_providers() -> list[CopiesOutside]:
    return _cached("copies", lambda: [provider for cap in capabilities() for provider in cap.copies_outside])


def copies_outside(case: Any, children: Sequence[Any]) -> list[str]:
    """What the service sent outside itself about these children of the case (requests, referrals,
    notifications, reports): copies to delete there when the children's details are erased here."""
    return [line for provider in copies_outside_providers() for line in provider(case, children)]


def flag_sources() -> list[FlagSource]:
    return _cached("flags", lambda: [source for cap in capabilities() for source in cap.flags])


def _merged(what: str, pick: Callable[[Capability], Mapping[str, str]]) -> dict[str, str]:
    """One mapping across every app; a key two apps give different values is an error."""
    merged: dict[str, str] = {}
    for cap in capabilities():
        for key, value in pick(cap).items():
            if merged.get(key, value) != value:
                raise ImproperlyConfigured(f"{what} for {key!r} declared twice: {merged[key]} and {value}")
            merged[key] = value
    return merged


def tag_colours() -> dict[str, str]:
    """Words → colour across every app; two apps giving the same words different colours is an error."""
    return _cached("colours", lambda: _merged("Tag colour", lambda cap: cap.tag_colours))


def case_records() -> dict[str, CaseRecord]:
    """Model label → its declaration, for every record kept under a case."""
    return _cached("records", lambda: {r.model: r for cap in capabilities() for r in cap.case_records})


def case_record(model: type[models.Model]) -> CaseRecord:
    record = case_records().get(model._meta.label)
    if record is None:
        raise ImproperlyConfigured(f"{model._meta.label} is not declared as a case record by its app")
    return record


def role_permissions() -> dict[str, list[str]]:
    """Role name → every permission the installed apps give it."""
    merged: dict[str, list[str]] = {}
    for cap in capabilities():
        for role, perms in cap.role_permissions.items():
            merged.setdefault(role, []).extend(perms)
    return merged


def history_actions() -> dict[str, str]:
    """Action code → what it reads as, across every app; one code worded twice is an error."""
    return _cached("history_actions", lambda: _merged("History wording", lambda cap: cap.history.actions))


def history_choices() -> dict[str, Any]:
    """`app_label.Model.field` → the choices its stored values come from, across every app."""
    return _cached(
        "history_choices",
        lambda: {f"{cap.app_label}.{name}": choices for cap in capabilities() for name, choices in cap.history.choices.items()},
    )


def history_kinds(*, case_records_only: bool = False) -> dict[str, str]:
    """App label → the word the History filter uses for its records: the app's declared `kind`, or
    its verbose name. With `case_records_only`, only apps that keep records under a case."""

    def build() -> dict[str, str]:
        kinds: dict[str, str] = {}
        for cap in capabilities():
            if case_records_only and not cap.case_records:
                continue
            if cap.history.kind or cap.case_records:
                kinds[cap.app_label] = cap.history.kind or str(apps.get_app_config(cap.app_label).verbose_name)
        return kinds

    return _cached(f"history_kinds_{case_records_only}", build)


def rules() -> dict[str, Rule]:
    """Rule key → rule, for every installed app, in INSTALLED_APPS order."""
    return _cached("rules", lambda: {rule.key: rule for cap in capabilities() for rule in cap.rules})


def section_rules() -> list[SectionRule]:
    return _cached("sections", lambda: [rule for cap in capabilities() for rule in cap.sections])


def section_names() -> dict[str, str]:
    """Every section an app declares → its words."""
    return {value: words for rule in section_rules() for value, words in rule.sections.items()}


def unreadable_sections(user: Any, case: Any | None = None) -> set[str]:
    """The sections of the case record `user` may not read on `case` (on every case, when None)."""
    hidden: set[str] = set()
    for rule in section_rules():
        hidden |= set(rule.sections) - set(rule.readable(user, case))
    return hidden


def timeline_providers() -> list[TimelineProvider]:
    return _cached("timeline", lambda: [provider for cap in capabilities() for provider in cap.timeline])


def handover_parts(case: Any) -> list[HandoverPart]:
    """Every app's parts of the case's handover summary, in order."""
    providers = _cached("handover", lambda: [provider for cap in capabilities() for provider in cap.handover])
    return sorted((part for provider in providers for part in provider(case)), key=lambda part: part.order)


def _register_sources() -> list[RegisterSource]:
    return _cached("registered", lambda: [given for cap in capabilities() for given in cap.registered])


def registered_since(case_ids: Iterable[int]) -> dict[int, datetime.date]:
    """Case id → the day it went on the child-protection register, for the registered cases among
    `case_ids` (the earliest, when two apps say)."""
    ids = list(case_ids)
    found: dict[int, datetime.date] = {}
    if not ids:
        return found
    for source in _register_sources():
        for case_id, since in source.since(ids).items():
            found[case_id] = min(since, found.get(case_id, since))
    return found


def registered_condition(path: str = "pk") -> Q:
    """The condition, on a query of cases (or of records reaching a case by `path`), that the case is
    on the child-protection register: a subquery, so it filters any number of cases at once."""
    condition = Q(pk__in=[])  # no source: no case is registered
    for source in _register_sources():
        condition |= Q(**{f"{path}__in": source.case_ids()})
    return condition


def case_loader() -> CaseLoader:
    """The one function that fetches a case for a request (declared by the app that owns cases)."""

    def build() -> CaseLoader:
        loaders = [cap.case_loader for cap in capabilities() if cap.case_loader is not None]
        if len(loaders) != 1:
            raise ImproperlyConfigured(f"Exactly one app must declare the case loader; found {len(loaders)}")
        return loaders[0]

    return _cached("loader", build)
