from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from safeguard.accounts import roles
from safeguard.accounts.http import AuthenticatedRequest
from safeguard.accounts.models import User
from safeguard.cases.access import allocatable_teams
from safeguard.core import clock, history
from safeguard.core.access import require_perm
from safeguard.core.models import AccessLog
from safeguard.core.views import paginate

from . import charting, outstanding, selectors
from .access import VIEW_ACCESS_LOG, VIEW_AUDIT_TRAIL, VIEW_DASHBOARD
from .forms import DashboardFilterForm
from .selectors import my_work as my_work_selector


def my_work(request: HttpRequest) -> HttpResponse:
    # A long list shows its most urgent steps first, and the rest when asked for (?all=overdue).
    work = my_work_selector(request.user, everything=request.GET.get("all", ""))
    context = {
        "work": work,
        "overdue": work.overdue,
        "due_soon": work.due_soon,
        "later": work.later,
        "due_soon_days": settings.SAFEGUARD["DUE_SOON_DAYS"],
    }
    return render(request, "oversight/my_work.html", context)


def rules(request: HttpRequest) -> HttpResponse:
    """Every rule of what a case requires, by app: its source, the fact that raises it, the step and
    its timescale. Procedure, not case data: every signed-in user may read it."""
    return render(request, "oversight/rules.html", {"groups": selectors.rules_by_app()})


def audit_trail(request: AuthenticatedRequest) -> HttpResponse:
    """Every change to the records of the cases the user may see, and to accounts and reference data."""
    require_perm(request, VIEW_AUDIT_TRAIL, object_type="core.AuditEvent", object_id="")
    kinds = selectors.audit_kinds()
    kind = request.GET.get("kind", "")
    kind = kind if kind in kinds else ""
    page, query = paginate(request, selectors.audit_events(request.user, kind=kind), settings.SAFEGUARD["HISTORY_PAGE_SIZE"])
    context = {"page": page, "query": query, "kind": kind, "kinds": kinds, "entries": history.entries(page.object_list)}
    return render(request, "oversight/audit_trail.html", context)


def access_log(request: AuthenticatedRequest) -> HttpResponse:
    """Who asked for what and whether it was refused: sign-ins and refusals, by id and address."""
    require_perm(request, VIEW_ACCESS_LOG, object_type="core.AccessLog", object_id="")
    outcome = request.GET.get("outcome", "")
    outcome = outcome if outcome in AccessLog.Outcome.values else ""
    username = request.GET.get("username", "").strip()[:150]
    page, query = paginate(request, selectors.access_log(outcome=outcome, username=username), 50)
    context = {"page": page, "query": query, "outcome": outcome, "username": username, "outcomes": AccessLog.Outcome.choices}
    return render(request, "oversight/access_log.html", context)


# An officer filter lists a team's members: of the chosen team, or of the user's teams when few.
OFFICER_CHOICE_TEAMS = 5


def _dashboard_form(request: AuthenticatedRequest) -> DashboardFilterForm:
    teams = allocatable_teams(request.user).order_by("name")
    chosen = request.GET.get("team", "")
    officer_teams = teams.filter(pk=int(chosen)) if chosen.isdigit() else teams
    officers = User.objects.none()
    if chosen.isdigit() or teams.count() <= OFFICER_CHOICE_TEAMS:
        officers = User.objects.filter(team__in=officer_teams, is_active=True).order_by("last_name", "first_name")
    form = DashboardFilterForm(request.GET or None, teams=teams, officers=officers)
    if not officers.exists() and not chosen.isdigit():
        form.fields["officer"].help_text = "Choose a team first, then the officer"
    return form


def _kind_counts(
    request: AuthenticatedRequest, rows: Any, filters: outstanding.Filters, day: Any
) -> tuple[list[outstanding.Row], dict[str, int]]:
    """Each kind's counts and the totals: by team (or every team the user sees) from each team's
    counts, cached until it changes; narrowed by officer or council, counted over the rows."""
    if filters.officer is not None or filters.local_authority is not None:
        return outstanding.dashboard_rows(rows, day)
    teams = [filters.team.pk] if filters.team is not None else list(allocatable_teams(request.user).values_list("pk", flat=True))
    return outstanding.dashboard_rows(rows, day, teams=teams)


def _require_dashboard(request: AuthenticatedRequest) -> None:
    require_perm(request, VIEW_DASHBOARD, object_type="core.OutstandingStep", object_id="")


def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    """Every kind of outstanding step in the user's teams, area or everywhere: counts by status, each
    a link to its list, filtered by team, officer, council and kind (HMIP 2014 2.52-2.55)."""
    _require_dashboard(request)
    today = clock.today()
    form = _dashboard_form(request)
    filters = form.filters() if form.is_bound and form.is_valid() else outstanding.Filters()
    rows = outstanding.filtered(request.user, outstanding.Filters(**{**vars(filters), "kind": None}), today)
    table, totals = _kind_counts(request, rows, filters, today)
    chosen = rows if filters.kind is None else rows.filter(rule__in=filters.kind.rules)
    listed = outstanding.with_cases(chosen.filter(outstanding.status_condition(filters.status, today)))
    count = next((row.counts[filters.status] for row in table if row.kind == filters.kind), totals[filters.status])
    page, query = paginate(request, listed, settings.SAFEGUARD["DASHBOARD_PAGE_SIZE"], count=count)
    links = request.GET.copy()
    for name in ("kind", "status", "page"):
        links.pop(name, None)
    context = {
        "form": form,
        "table": table,
        "totals": totals,
        "filters": filters,
        "statuses": outstanding.STATUS_WORDS,
        "page": page,
        "query": query,
        "links": links.urlencode(),
        "steps": outstanding.as_tasks(list(page.object_list), today),
        "scope": _scope_words(request.user),
    }
    return render(request, "oversight/dashboard.html", context)


def _scope_words(user: Any) -> str:
    teams = list(user.managed_teams.order_by("name"))
    if user.has_role(roles.SAFEGUARDING_LEAD):
        return "Every case you may see"
    if user.has_role(roles.RISK_MANAGER, roles.INFORMATION_OFFICER) and user.home_area_id:
        return f"Every case in {user.area or user.team.area}"
    return "Your teams: " + ", ".join(team.name for team in teams) if teams else "Your team"


def charts(request: AuthenticatedRequest) -> HttpResponse:
    """Overdue steps at each month's end over the past year, by team, and overdue now, by kind: as
    charts, and the same numbers as tables."""
    _require_dashboard(request)
    today = clock.today()
    form = _dashboard_form(request)
    filters = form.filters() if form.is_bound and form.is_valid() else outstanding.Filters()
    points, teams = outstanding.overdue_history(request.user, filters, today)
    within = outstanding.Filters(team=filters.team)
    table, _ = _kind_counts(request, outstanding.filtered(request.user, within, today), within, today)
    context = {
        "form": form,
        "points": points,
        "history": charting.history(points, teams),
        "by_kind": charting.bars(
            [(row.kind.label, row.counts[outstanding.OVERDUE]) for row in table if row.counts[outstanding.ALL]]
        ),
        "scope": _scope_words(request.user),
    }
    return render(request, "oversight/charts.html", context)
