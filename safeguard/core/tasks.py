"""Outstanding steps of cases, derived from the records themselves so nothing is forgotten or stale.

Each capability registers a *provider*: a function that, given the cases, returns their
outstanding steps in a fixed number of queries. `tasks_for_cases` gathers them all, so the case
page, My work and managers' views see one list. Status words come from the dates and the clock.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings

from . import clock, deadlines

# What a task's status says, in order of urgency (GOV.UK tags; the words carry the meaning).
ESCALATED, OVERDUE, DUE_SOON, TO_DO, AWAITING = "Escalated", "Overdue", "Due soon", "To do", "Awaiting reply"


@dataclass
class Task:
    case: object
    title: str
    due_on: datetime.date | None
    url: str
    kind: str
    waiting: bool = False  # waiting for someone else's reply rather than the officer's action
    escalate_on: datetime.date | None = None
    chases: int = 0
    detail: str = ""
    needs_manager: bool = False  # a decision only the line manager can record
    status: str = field(default="", init=False)

    def settle(self, today: datetime.date) -> "Task":
        soon = today + datetime.timedelta(days=settings.SAFEGUARD["DUE_SOON_DAYS"])
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
    def sort_key(self):
        return (self.due_on or datetime.date.max, self.title)


Due = Callable[[str, datetime.date, object], datetime.date]
Provider = Callable[[dict, Due, datetime.date], Iterable[Task]]
_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def tasks_for_cases(cases) -> dict[int, list[Task]]:
    """Every outstanding step of each case (cases need service_user and team__area loaded)."""
    by_id = {case.pk: case for case in cases}
    tasks: dict[int, list[Task]] = defaultdict(list)
    if not by_id:
        return tasks
    today = clock.today()
    rules = {rule.name: rule for rule in deadlines.DeadlineRule.objects.all()}

    def due(rule: str, start: datetime.date, case) -> datetime.date:
        return deadlines.add(start, rules[rule].length, rules[rule].unit, case.team.area.nation)

    for provider in _providers:
        for task in provider(by_id, due, today):
            tasks[task.case.pk].append(task.settle(today))  # type: ignore[attr-defined]
    for case_tasks in tasks.values():
        case_tasks.sort(key=lambda t: t.sort_key)
    return tasks
