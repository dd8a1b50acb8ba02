"""Reading the stored outstanding steps (`core.steps`) for My work, the dashboards and the reminders.

Every read starts from `visible_steps(user)`: the open steps, outstanding today, of the open cases
the user may see. A step carries its case's team, so the one scope rule (`accounts.scope`, the rule
behind `cases.access.visible_cases`) applies to it directly, by the team index. Statuses are
conditions on the dates, the same as `core.tasks.Task.settle` says in words, so a count and its list
are the same query.
"""

import csv
import datetime
from dataclasses import dataclass
from functools import cache as remembered
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, Prefetch, Q, QuerySet

from safeguard.accounts.scope import scope_filter
from safeguard.cases.models import Case
from safeguard.core import clock, deadlines, registry, steps
from safeguard.core.models import OutstandingStep
from safeguard.core.tasks import Task, due_soon_until, from_row, outstanding_on
from safeguard.people.models import ChildLink, ServiceUserAddress

ALL, DUE_SOON, OVERDUE, ESCALATED = "all", "due_soon", "overdue", "escalated"
STATUS_WORDS = {ALL: "Outstanding", DUE_SOON: "Due soon", OVERDUE: "Overdue", ESCALATED: "Escalated"}


def visible_steps(user: Any, day: datetime.date | None = None) -> QuerySet[OutstandingStep]:
    """The steps outstanding on `day` (today) on the open cases `user` may see."""
    rows = OutstandingStep.objects.filter(outstanding_on(day or clock.today()), case__status=Case.Status.OPEN)
    condition = scope_filter(user, "team")
    return rows if condition is None else rows.filter(condition)


def status_condition(status: str, day: datetime.date) -> Q:
    """The steps in `status` on `day`: escalated (past the escalation date), overdue (past the due
    date, escalated or not), due soon (due within the working days of the case's nation), or all."""
    escalated = Q(escalate_on__lte=day)
    if status == ESCALATED:
        return escalated
    if status == OVERDUE:
        return escalated | Q(due_on__lt=day)
    if status == DUE_SOON:
        soon = Q(pk__in=[])
        for nation in deadlines.NATION_CALENDARS:
            soon |= Q(nation=nation, due_on__gte=day, due_on__lte=due_soon_until(day, nation))
        return soon & ~escalated
    return Q()


def as_tasks(rows: QuerySet[OutstandingStep] | list[OutstandingStep], day: datetime.date | None = None) -> list[Task]:
    """The rows as steps, settled on `day` (rows need `case` with its service user and team's area)."""
    day = day or clock.today()
    return [from_row(row, row.case).settle(day) for row in rows]


def with_cases(rows: QuerySet[OutstandingStep]) -> QuerySet[OutstandingStep]:
    """The rows in order of due date, each with its case (service user, team, area and holder) — the
    cases fetched once each, not joined to every row."""
    return rows.order_by("due_on", "title", "pk").prefetch_related(
        Prefetch("case", queryset=Case.objects.select_related("service_user", "team__area", "case_holder"))
    )


@dataclass(frozen=True)
class Kind:
    """A kind of outstanding step on the dashboards: a label and the rules whose steps it counts."""

    key: str
    label: str
    rules: tuple[str, ...]


KINDS_FILE = Path(__file__).parent / "data" / "dashboard_kinds.csv"


@remembered
def _file_kinds() -> tuple[Kind, ...]:
    with KINDS_FILE.open(encoding="utf-8", newline="") as handle:
        return tuple(Kind(row["key"], row["label"], tuple(row["rules"].split())) for row in csv.DictReader(handle))


def kinds() -> list[Kind]:
    """The dashboard's kinds (`data/dashboard_kinds.csv`), and one for any rule none names."""
    listed = list(_file_kinds())
    named = {rule for kind in listed for rule in kind.rules}
    unknown = named - set(registry.rules())
    if unknown:
        raise ImproperlyConfigured(f"{KINDS_FILE.name} names rules no app declares: {', '.join(sorted(unknown))}")
    rest = tuple(rule for rule in registry.rules() if rule not in named)
    return listed + ([Kind("other", "Other steps", rest)] if rest else [])


def kind_named(key: str) -> Kind | None:
    return next((kind for kind in kinds() if kind.key == key), None)


def has_dashboard(user: Any) -> bool:
    return bool(user.has_perm("core.view_outstandingstep"))


@dataclass
class Filters:
    team: Any = None
    officer: Any = None
    local_authority: Any = None
    kind: Kind | None = None
    status: str = ALL


def filtered(user: Any, filters: Filters, day: datetime.date) -> QuerySet[OutstandingStep]:
    """The user's visible steps narrowed by the filters (not by status)."""
    rows = visible_steps(user, day)
    if filters.team is not None:
        rows = rows.filter(team=filters.team)
    if filters.officer is not None:
        rows = rows.filter(holder=filters.officer)
    if filters.local_authority is not None:
        # Where the service user lives now, or where one of their children lives.
        lives = ServiceUserAddress.objects.filter(end_date__isnull=True, address__local_authority=filters.local_authority)
        children = ChildLink.objects.filter(
            Q(child__local_authority_override=filters.local_authority)
            | Q(child__local_authority_override__isnull=True, child__address__local_authority=filters.local_authority)
        )
        rows = rows.filter(
            Q(case__service_user__in=lives.values("service_user")) | Q(case__service_user__in=children.values("service_user"))
        )
    if filters.kind is not None:
        rows = rows.filter(rule__in=filters.kind.rules)
    return rows


@dataclass
class Row:
    """One kind's counts on a dashboard: every status, each a link to its list."""

    kind: Kind
    counts: dict[str, int]


def _status_counts(day: datetime.date) -> dict[str, Count]:
    """One count for each status, for an `annotate`."""
    return {status: Count("pk", filter=status_condition(status, day)) for status in STATUS_WORDS}


def counts(rows: QuerySet[OutstandingStep], day: datetime.date) -> dict[str, dict[str, int]]:
    """Rule → status → how many of the rows (one query, grouped by rule)."""
    grouped = (
        rows.order_by()
        .values("rule")
        .annotate(**{status: Count("pk", filter=status_condition(status, day)) for status in STATUS_WORDS})
    )
    return {row["rule"]: {status: row[status] for status in STATUS_WORDS} for row in grouped}


def team_counts(team_ids: list[int], day: datetime.date) -> dict[str, dict[str, int]]:
    """Rule → status → how many outstanding steps on `day` in these teams' open cases: each team's
    counts cached under its version (`steps.versions`, changed with every change to its steps, in any
    process) and the day, so only the teams changed since are counted again (one query for them)."""
    current = steps.versions(team_ids)
    keys = {team_id: f"steps-counts:{team_id}:{version}:{day.isoformat()}" for team_id, version in current.items()}
    cached = cache.get_many(list(keys.values()))
    missing = [team_id for team_id, key in keys.items() if key not in cached]
    if missing:
        rows = OutstandingStep.objects.filter(outstanding_on(day), case__status=Case.Status.OPEN, team__in=missing)
        fresh: dict[int, dict[str, dict[str, int]]] = {team_id: {} for team_id in missing}
        grouped = (
            rows.order_by()
            .values("team", "rule")
            .annotate(**{status: Count("pk", filter=status_condition(status, day)) for status in STATUS_WORDS})
        )
        for row in grouped:
            fresh[row["team"]][row["rule"]] = {status: row[status] for status in STATUS_WORDS}
        cache.set_many({keys[team_id]: value for team_id, value in fresh.items()}, timeout=COUNTS_KEPT)
        cached.update({keys[team_id]: value for team_id, value in fresh.items()})
    total: dict[str, dict[str, int]] = {}
    for key in keys.values():
        for rule, by_status in cached[key].items():
            into = total.setdefault(rule, dict.fromkeys(STATUS_WORDS, 0))
            for status, n in by_status.items():
                into[status] += n
    return total


COUNTS_KEPT = 24 * 60 * 60  # a day: the day is in the key


def dashboard_rows(
    rows: QuerySet[OutstandingStep], day: datetime.date, *, teams: list[int] | None = None
) -> tuple[list[Row], dict[str, int]]:
    """Each kind's counts, and the totals: over `teams` from the cached counts when given, over the
    rows otherwise."""
    by_rule = team_counts(teams, day) if teams is not None else counts(rows, day)
    found = []
    for kind in kinds():
        found.append(
            Row(kind, {status: sum(by_rule.get(rule, {}).get(status, 0) for rule in kind.rules) for status in STATUS_WORDS})
        )
    totals = {status: sum(row.counts[status] for row in found) for status in STATUS_WORDS}
    return found, totals


def month_ends(day: datetime.date, months: int = 12) -> list[datetime.date]:
    """The last day of each of the `months` months before `day`'s, and `day` itself: the chart's points."""
    points = [day]
    first = day.replace(day=1)
    for _ in range(months - 1):
        last = first - datetime.timedelta(days=1)
        points.append(last)
        first = last.replace(day=1)
    return points[::-1]


def overdue_on(day: datetime.date) -> Q:
    """A step, open or since closed, that was outstanding and overdue at the end of `day`."""
    opened = Q(opened_at__lt=clock.start_of(day + datetime.timedelta(days=1)))
    still = Q(closed_at__isnull=True) | Q(closed_at__gte=clock.start_of(day + datetime.timedelta(days=1)))
    showing = Q(shows_from__lte=day, shows_until__gte=day)
    return opened & still & showing & (Q(escalate_on__lte=day) | Q(due_on__lt=day))


def overdue_history(user: Any, filters: "Filters", day: datetime.date) -> tuple[list[datetime.date], list[tuple[str, list[int]]]]:
    """Team name → how many steps were overdue at each month's end over the past year (one query
    over every step, open or closed, of the teams the user may see)."""
    points = month_ends(day)
    rows = OutstandingStep.objects.all()
    condition = scope_filter(user, "team")
    if condition is not None:
        rows = rows.filter(condition)
    if filters.team is not None:
        rows = rows.filter(team=filters.team)
    if filters.kind is not None:
        rows = rows.filter(rule__in=filters.kind.rules)
    earliest = clock.start_of(points[0])
    rows = rows.filter(Q(closed_at__isnull=True) | Q(closed_at__gte=earliest), due_on__lt=day)
    grouped = (
        rows.order_by()
        .values("team__name")
        .annotate(**{f"m{i}": Count("pk", filter=overdue_on(point)) for i, point in enumerate(points)})
        .order_by("team__name")
    )
    return points, [(row["team__name"], [row[f"m{i}"] for i in range(len(points))]) for row in grouped]
