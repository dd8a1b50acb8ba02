"""Outstanding steps of cases, derived from the records themselves so nothing is forgotten or stale.

Each capability declares *providers* in the registry (`core.registry`): functions that, given the
cases, return their outstanding steps in a fixed number of queries. `tasks_for_cases` gathers them
all, so the case page, My work and managers' views see one list. Status words come from the dates
and the clock.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from . import clock, deadlines, registry
from .models import OutstandingStep

# What a task's status says, in order of urgency (GOV.UK tags; the words carry the meaning).
ESCALATED, OVERDUE, DUE_SOON, TO_DO, AWAITING = "Escalated", "Overdue", "Due soon", "To do", "Awaiting reply"


def due_soon_until(today: datetime.date, nation: str | None = None) -> datetime.date:
    """The last day a step counts as "due soon": `DUE_SOON_DAYS` working days on (the nation's)."""
    return deadlines.add_working_days(today, int(settings.SAFEGUARD["DUE_SOON_DAYS"]), nation)


def due_soon_from(due_on: datetime.date, nation: str | None = None) -> datetime.date:
    """The first day a step due on `due_on` counts as due soon (the day `due_soon_until` reaches it)."""
    day = due_on
    while due_soon_until(day - datetime.timedelta(days=1), nation) >= due_on:
        day -= datetime.timedelta(days=1)
    return day


@dataclass
class Task:
    case: Any
    title: str
    due_on: datetime.date | None
    url: str
    kind: str
    waiting: bool = False  # waiting for someone else's reply rather than the officer's action
    escalate_on: datetime.date | None = None
    chases: int = 0
    detail: str = ""
    needs_manager: bool = False  # a decision only the line manager can record
    # The record the step is about ("app_label.Model", pk), so its page can show the step.
    subject: tuple[str, int] | None = None
    # Why the step is there: the rule that raised it (a key of `registry.rules()`) and the fact on
    # this case that triggered the rule, in words ("Tyler Garside (lives with) added 3 March 2026").
    rule: str = ""
    fact: str = ""
    # The people (user ids) this step was escalated to by name: it is on their My work, under
    # "Escalated to you", whether or not they manage the case's team.
    escalated_to: frozenset[int] = frozenset()
    # The days the step is outstanding, when time alone makes it appear or go ("no invitation
    # received" only once the meeting is late; a review only when it falls due soon): providers give
    # every step the records call for, whatever the day, so a stored step changes only with a record.
    shows_from: datetime.date | None = None
    shows_until: datetime.date | None = None
    stored: int | None = None  # the id of its stored row (`core.steps`), when read from one
    status: str = field(default="", init=False)

    def shows_on(self, day: datetime.date) -> bool:
        return (self.shows_from is None or self.shows_from <= day) and (self.shows_until is None or day <= self.shows_until)

    def settle(self, today: datetime.date) -> "Task":
        soon = due_soon_until(today, getattr(self.case, "nation", None))
        if self.escalate_on is not None and today >= self.escalate_on:
            self.status = ESCALATED
        elif self.due_on is not None and today > self.due_on:
            self.status = OVERDUE
        elif self.due_on is not None and self.due_on <= soon:
            self.status = DUE_SOON
        else:
            self.status = AWAITING if self.waiting else TO_DO
        return self

    @property
    def is_overdue(self) -> bool:
        return self.status in (OVERDUE, ESCALATED)

    @property
    def is_escalated(self) -> bool:
        return self.status == ESCALATED

    @property
    def sort_key(self) -> tuple[datetime.date, str]:
        return (self.due_on or datetime.date.max, self.title)

    @property
    def why(self) -> "registry.Rule":
        return registry.rules()[self.rule]

    def is_about(self, record: models.Model) -> bool:
        return self.subject == (record._meta.label, record.pk)


def about(record: models.Model) -> tuple[str, int]:
    """The `subject` of a task about `record`."""
    return (record._meta.label, record.pk)


# A provider is called as provider(cases by id, due, today) and returns the steps it finds.
Due = Callable[[str, datetime.date, Any], datetime.date]
Provider = Callable[[Mapping[int, Any], Due, datetime.date], Iterable[Task]]


def tasks_for_record(case: Any, record: models.Model) -> list[Task]:
    """The outstanding steps of `case` about one of its records (for the record's own page)."""
    return [task for task in tasks_for_cases([case])[case.pk] if task.is_about(record)]


def next_step(tasks: Iterable[Task]) -> Task | None:
    """The next thing for the case holder to do (the case's main button): the most urgent step that
    is theirs, not a reply awaited from someone else nor a manager's decision."""
    return next((t for t in tasks if not t.waiting and not t.needs_manager), None)


def compute_tasks(cases: Iterable[Any]) -> dict[int, list[Task]]:
    """Every step each case's records call for, worked out by every app's providers, whatever the
    day (`shows_from`, `shows_until` say when each is outstanding). Cases need service_user and
    team__area loaded. What is stored (`core.steps`) is this; pages read the stored rows."""
    by_id = {case.pk: case for case in cases}
    tasks: dict[int, list[Task]] = defaultdict(list)
    if not by_id:
        return tasks
    today = clock.today()
    due = deadlines.due_by_case()

    known_rules = registry.rules()
    for provider in registry.task_providers():
        for task in provider(by_id, due, today):
            if task.rule not in known_rules or not task.fact:
                raise ImproperlyConfigured(f"The step {task.title!r} must name a declared rule and the fact that raised it")
            tasks[task.case.pk].append(task)  # type: ignore[attr-defined]
    return tasks


def from_row(row: OutstandingStep, case: Any) -> Task:
    """The step a stored row holds, on `case`."""
    return Task(
        case,
        row.title,
        row.due_on,
        row.url,
        row.kind,
        waiting=row.waiting,
        escalate_on=row.escalate_on,
        chases=row.chases,
        detail=row.detail,
        needs_manager=row.needs_manager,
        subject=(row.subject_type, row.subject_id) if row.subject_type else None,  # type: ignore[arg-type]
        rule=row.rule,
        fact=row.fact,
        escalated_to=frozenset(row.escalated_to),
        shows_from=row.shows_from,
        shows_until=row.shows_until,
        stored=row.pk,
    )


def outstanding_on(day: datetime.date) -> models.Q:
    """The condition that a stored step is open and outstanding on `day`."""
    return models.Q(closed_at__isnull=True, shows_from__lte=day, shows_until__gte=day)


def tasks_for_cases(cases: Iterable[Any]) -> dict[int, list[Task]]:
    """Every outstanding step of each case today, from the stored rows (one query), settled and in
    order of due date. Cases give their `nation` for working days (service_user and team__area
    loaded)."""
    by_id = {case.pk: case for case in cases}
    tasks: dict[int, list[Task]] = defaultdict(list)
    if not by_id:
        return tasks
    today = clock.today()
    for row in OutstandingStep.objects.filter(outstanding_on(today), case_id__in=list(by_id)):
        tasks[row.case_id].append(from_row(row, by_id[row.case_id]).settle(today))
    for case_tasks in tasks.values():
        case_tasks.sort(key=lambda t: t.sort_key)
    return tasks
