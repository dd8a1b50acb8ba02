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

# What a task's status says, in order of urgency (GOV.UK tags; the words carry the meaning).
ESCALATED, OVERDUE, DUE_SOON, TO_DO, AWAITING = "Escalated", "Overdue", "Due soon", "To do", "Awaiting reply"


def due_soon_until(today: datetime.date, nation: str | None = None) -> datetime.date:
    """The last day a step counts as "due soon": `DUE_SOON_DAYS` working days on (the nation's)."""
    return deadlines.add_working_days(today, int(settings.SAFEGUARD["DUE_SOON_DAYS"]), nation)


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
    status: str = field(default="", init=False)

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


def tasks_for_cases(cases: Iterable[Any]) -> dict[int, list[Task]]:
    """Every outstanding step of each case (cases need service_user and team__area loaded, and give
    their `nation` for working days)."""
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
            tasks[task.case.pk].append(task.settle(today))  # type: ignore[attr-defined]
    for case_tasks in tasks.values():
        case_tasks.sort(key=lambda t: t.sort_key)
    return tasks
