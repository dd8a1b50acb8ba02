"""What needs doing: the case holder's own work, what has been escalated to the user by name, and
what has been escalated in the teams a line manager manages."""

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Q, QuerySet

from safeguard.cases.access import visible_cases
from safeguard.cases.models import Case
from safeguard.core import history, registry
from safeguard.core.models import AccessLog, AuditEvent, DeadlineRule
from safeguard.core.tasks import DUE_SOON, ESCALATED, OVERDUE, Task, tasks_for_cases
from safeguard.referrals.selectors import cases_escalated_to
from safeguard.register.access import can_confirm_deregistration
from safeguard.register.selectors import awaiting_deregistration
from safeguard.register.tasks import REVIEW_KINDS
from safeguard.transfers.selectors import cases_handed_over_by

from .access import follows_up_missed_reviews


@dataclass
class MyWork:
    overdue: list[Task]
    due_soon: list[Task]
    later: list[Task]
    escalated_to_you: list[Task]
    escalated: list[Task]
    team_overdue: list[Task]  # overdue in the teams they manage, not escalated, not their own
    decisions: list[Task]
    differences: list[Task]
    managed_teams: list[Any]
    missed_reviews: list[Task]
    deregistrations: list[Any]


# The kind of step that is a difference between what was said and what is on file (`checks.tasks`).
CONTRADICTION = "contradiction"


def _open_cases(queryset: QuerySet[Case]) -> QuerySet[Case]:
    return queryset.filter(status=Case.Status.OPEN).select_related("service_user", "team__area")


def _same(task: Task) -> tuple[Any, ...]:
    return (task.case.pk, task.kind, task.subject, task.title)


def my_work(user: Any) -> MyWork:
    """The user's held cases' overdue and due-soon items, sorted by due date; what was escalated to
    them by name, on the open cases they may see, until resolved (whether or not they manage the
    case's team); and, for line managers, every other escalated item in the teams they manage. A
    fixed number of queries."""
    # The cases they hold and those with a step escalated to them by name (a referral escalated to
    # them; a handover of theirs the new holder has not yet acknowledged), in one query.
    named = Q(pk__in=cases_escalated_to(user)) | Q(pk__in=cases_handed_over_by(user))
    own = list(_open_cases(visible_cases(user).filter(Q(case_holder=user) | named)))
    own_tasks = [task for tasks in tasks_for_cases(own).values() for task in tasks]
    mine = sorted((t for t in own_tasks if t.case.case_holder_id == user.pk), key=lambda t: t.sort_key)
    to_you = sorted((t for t in own_tasks if user.pk in t.escalated_to), key=lambda t: t.sort_key)
    managed = list(user.managed_teams.all())
    escalated: list[Task] = []
    team_overdue: list[Task] = []
    decisions: list[Task] = []
    differences: list[Task] = []
    if managed:
        team_cases = list(_open_cases(visible_cases(user).filter(team__in=managed)))
        team_tasks = [t for tasks in tasks_for_cases(team_cases).values() for t in tasks]
        shown = {_same(t) for t in to_you}  # each step once: under "Escalated to you" when named
        escalated = sorted((t for t in team_tasks if t.is_escalated and _same(t) not in shown), key=lambda t: t.sort_key)
        # Everything else late in their teams (HMIP 2014 2.52-2.55: oversight that sees what is late).
        team_overdue = sorted(
            (
                t
                for t in team_tasks
                if t.status == OVERDUE and t.case.case_holder_id != user.pk and _same(t) not in shown and not t.needs_manager
            ),
            key=lambda t: t.sort_key,
        )
        decisions = sorted((t for t in team_tasks if t.needs_manager), key=lambda t: t.sort_key)
        # What the service user said against what is on file, until the officer resolves it (HMIP 2014 2.10).
        differences = sorted((t for t in team_tasks if t.kind == CONTRADICTION), key=lambda t: t.sort_key)
    missed_reviews: list[Task] = []
    if follows_up_missed_reviews(user) and user.team_id:
        # West Mercia 5.1: a missed register review is brought to team admin to follow up.
        team_cases = list(_open_cases(visible_cases(user).filter(team_id=user.team_id)))
        missed_reviews = sorted(
            (t for tasks in tasks_for_cases(team_cases).values() for t in tasks if t.kind in REVIEW_KINDS and t.is_overdue),
            key=lambda t: t.sort_key,
        )
    deregistrations = (
        awaiting_deregistration(visible_cases(user).filter(status=Case.Status.OPEN)) if can_confirm_deregistration(user) else []
    )
    return MyWork(
        deregistrations=deregistrations,
        missed_reviews=missed_reviews,
        overdue=[t for t in mine if t.is_overdue and not t.needs_manager],
        due_soon=[t for t in mine if t.status == DUE_SOON and not t.needs_manager],
        # Waiting for others, including a manager's decision the officer cannot make.
        later=[t for t in mine if t.needs_manager or t.status not in (DUE_SOON, OVERDUE, ESCALATED)],
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
