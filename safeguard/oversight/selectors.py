"""What needs doing: the case holder's own work, what has been escalated to the user by name, and
what has been escalated in the teams a line manager manages."""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.models import Q, QuerySet

from safeguard.cases.access import visible_cases
from safeguard.cases.models import Case
from safeguard.core import clock, history, registry
from safeguard.core.models import AccessLog, AuditEvent, DeadlineRule, OutstandingStep
from safeguard.core.tasks import Task
from safeguard.referrals.selectors import cases_escalated_to
from safeguard.register.access import can_confirm_deregistration
from safeguard.register.selectors import awaiting_deregistration
from safeguard.register.tasks import REVIEW_KINDS
from safeguard.transfers.selectors import cases_handed_over_by

from .access import follows_up_missed_reviews
from .outstanding import DUE_SOON as DUE_SOON_NOW
from .outstanding import ESCALATED, OVERDUE, as_tasks, status_condition, visible_steps, with_cases


@dataclass
class Listed:
    """The first steps of a long list, and how many there are in all (the dashboard lists the rest)."""

    items: list[Task]
    total: int

    def __len__(self) -> int:
        return self.total

    def __iter__(self) -> Iterator[Task]:
        return iter(self.items)

    @property
    def more(self) -> int:
        return self.total - len(self.items)


@dataclass
class MyWork:
    overdue: Listed
    due_soon: Listed
    later: Listed  # waiting for others, a manager's decision, or not yet due soon
    escalated_to_you: list[Task]
    escalated: Listed
    team_overdue: Listed  # overdue in the teams they manage, not escalated, not their own
    decisions: Listed
    differences: Listed
    managed_teams: list[Any]
    missed_reviews: Listed
    deregistrations: list[Any]


# The kind of step that is a difference between what was said and what is on file (`checks.tasks`).
CONTRADICTION = "contradiction"


def _listed(rows: QuerySet[OutstandingStep], day: datetime.date, limit: int | None = -1) -> Listed:
    """The first `limit` of the rows (the configured number by default; all with None), most overdue
    first, and how many in all (two queries)."""
    if limit is None:
        items = as_tasks(with_cases(rows), day)
        return Listed(items, len(items))
    items = as_tasks(with_cases(rows)[: int(settings.SAFEGUARD["MY_WORK_LIST_LIMIT"]) if limit == -1 else limit], day)
    return Listed(items, rows.count())


def my_work(user: Any, *, limit: int | None = -1, everything: str = "") -> MyWork:
    """The steps of the user's held cases, sorted by due date; what was escalated to them by name,
    on the open cases they may see, until resolved (whether or not they manage the case's team); and,
    for line managers, what is escalated, overdue or waiting for their decision in the teams they
    manage. Read from the stored steps by index: a fixed number of queries, whatever the caseload.
    A long list holds its first `limit` steps (the configured number; all with None, or for the list
    named `everything`) and says how many there are."""
    today = clock.today()
    visible = visible_steps(user, today)
    # The steps of the cases they hold, a list for each status, each by the holder index; then those
    # escalated to them by name (a referral escalated to them; a handover of theirs the new holder has
    # not yet acknowledged), on any case they may see.
    held = visible.filter(holder=user)
    late, soon = status_condition(OVERDUE, today), status_condition(DUE_SOON_NOW, today)

    def size(name: str) -> int | None:
        return None if limit is None or everything == name else limit

    def own(condition: Q, name: str) -> Listed:
        return _listed(held.filter(condition), today, size(name))

    overdue = own(late & Q(needs_manager=False), "overdue")
    due_soon = own(soon & Q(needs_manager=False), "due_soon")
    later = own(Q(needs_manager=True) | ~(late | soon), "later")
    # The few cases first, so the steps are found by their case index (an OR of two subqueries
    # would read every stored step on PostgreSQL).
    named = {
        *cases_escalated_to(user).values_list("case_id", flat=True),
        *cases_handed_over_by(user).values_list("case_id", flat=True),
    }
    to_you = [task for task in as_tasks(with_cases(visible.filter(case_id__in=named)), today) if user.pk in task.escalated_to]
    shown = [task.stored for task in to_you]  # each step once: under "Escalated to you"
    managed = list(user.managed_teams.all())
    nobody = Listed([], 0)
    escalated, team_overdue = nobody, nobody
    decisions, differences = nobody, nobody
    if managed:
        team = visible.filter(team__in=managed).exclude(pk__in=shown)
        escalated = _listed(team.filter(status_condition(ESCALATED, today)), today, size("escalated"))
        # Everything else late in their teams (HMIP 2014 2.52-2.55: oversight that sees what is late).
        team_overdue = _listed(
            team.filter(status_condition(OVERDUE, today), needs_manager=False)
            .exclude(status_condition(ESCALATED, today))
            .exclude(holder=user),
            today,
            size("team_overdue"),
        )
        in_teams = visible.filter(team__in=managed)
        decisions = _listed(in_teams.filter(needs_manager=True), today, size("decisions"))
        # What the service user said against what is on file, until the officer resolves it (HMIP 2014 2.10).
        differences = _listed(in_teams.filter(kind=CONTRADICTION), today, size("differences"))
    missed_reviews = nobody
    if follows_up_missed_reviews(user) and user.team_id:
        # West Mercia 5.1: a missed register review is brought to team admin to follow up.
        missed_reviews = _listed(
            visible.filter(status_condition(OVERDUE, today), team=user.team_id, kind__in=REVIEW_KINDS),
            today,
            size("missed_reviews"),
        )
    deregistrations = (
        awaiting_deregistration(visible_cases(user).filter(status=Case.Status.OPEN)) if can_confirm_deregistration(user) else []
    )
    return MyWork(
        deregistrations=deregistrations,
        missed_reviews=missed_reviews,
        overdue=overdue,
        due_soon=due_soon,
        later=later,
        escalated_to_you=to_you,
        escalated=escalated,
        team_overdue=team_overdue,
        decisions=decisions,
        differences=differences,
        managed_teams=managed,
    )


def audit_events(user: Any, *, kind: str = "") -> QuerySet[AuditEvent]:
    """The audit events `user` may read: those of the cases they may see (the same rule as the case
    pages) and those about no case (accounts, reference data); newest first. Only the records of
    the app `kind` (one of `audit_kinds()`) when given. The events of a section of the case record
    (restricted, victim, third-party) show only to those who may read that section on every case:
    a case holder reads their own case's restricted entries on the case, not here."""
    cases = visible_cases(user).values("pk")
    events = AuditEvent.objects.select_related("actor").filter(Q(case_id__isnull=True) | Q(case_id__in=cases))
    hidden = registry.unreadable_sections(user)
    if hidden:
        events = events.exclude(section__in=hidden)
    return events.filter(history.of_kind(kind, audit_kinds())).order_by("-at", "-id")


def audit_kinds() -> dict[str, str]:
    """The kinds the audit trail can be filtered by: app label → its word ("Accounts", "Register")."""
    return registry.history_kinds()


def access_log(*, outcome: str = "", username: str = "") -> QuerySet[AccessLog]:
    """Every access-log row (ids and addresses only, no names), newest first."""
    rows = AccessLog.objects.select_related("user")
    if outcome:
        rows = rows.filter(outcome=outcome)
    if username:
        rows = rows.filter(user__username=username)
    return rows.order_by("-at", "-id")


@dataclass
class RuleRow:
    rule: registry.Rule
    timescale: str  # "2 working days after a checklist answered yes", or "" when none applies


def rules_by_app() -> list[tuple[str, list[RuleRow]]]:
    """The declared rules grouped under each app's name, with the timescale each uses now (the
    administrator may have changed it); two queries-free lookups and one query for the timescales."""
    timescales = {rule.name: rule for rule in DeadlineRule.objects.all()}
    groups: dict[str, list[RuleRow]] = {}
    for rule in registry.rules().values():
        deadline = timescales.get(rule.deadline)
        timescale = ""
        if deadline is not None:
            unit = deadline.get_unit_display().lower()
            timescale = f"{deadline.length} {unit[:-1] if deadline.length == 1 else unit} after {deadline.anchor}"
        name = str(apps.get_app_config(rule.app_label).verbose_name).split(":")[0]
        groups.setdefault(name, []).append(RuleRow(rule, timescale))
    return list(groups.items())
