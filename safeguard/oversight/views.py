from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from safeguard.accounts.http import AuthenticatedRequest
from safeguard.core import history
from safeguard.core.access import require_perm
from safeguard.core.models import AccessLog
from safeguard.core.views import paginate

from . import selectors
from .access import VIEW_ACCESS_LOG, VIEW_AUDIT_TRAIL
from .selectors import my_work as my_work_selector


def my_work(request: HttpRequest) -> HttpResponse:
    work = my_work_selector(request.user)
    return render(request, "oversight/my_work.html", {"work": work, "due_soon_days": settings.SAFEGUARD["DUE_SOON_DAYS"]})


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
