"""Home visit pages under a case: the Home visits tab, a visit's page, recording a visit at one of the
service user's current addresses, recording the reason there is no visit, and the manager's decision."""

from functools import partial

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from safeguard.accounts.http import AuthenticatedRequest
from safeguard.cases.models import Case
from safeguard.core import deadlines
from safeguard.core.access import case_view, get_case_record
from safeguard.core.views import question_page
from safeguard.people.access import get_current_address

from . import selectors, services
from .forms import DecisionForm, ReasonForm, VisitForm
from .models import HomeVisit, NoVisitReason


@case_view("visits/", name="index")
def index(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    visits = selectors.visits_of(case)
    clock = selectors.registered_clocks({case.pk: case}, deadlines.due_by_case([selectors.REGISTERED_RULE])).get(case.pk)
    return render(
        request,
        "visits/index.html",
        {
            "case": case,
            "tab": "home_visits",
            "households": selectors.households(case, visits),
            "visits": visits,
            "reasons": selectors.reasons_of(case),
            "clock": clock,
        },
    )


@case_view("visits/new/<int:use_id>/", name="visit_new", change=True, perm="visits.add_homevisit")
def visit_new(request: AuthenticatedRequest, case: Case, use_id: int) -> HttpResponse:
    """Record a visit at one of the service user's current addresses (the tab links each)."""
    use = get_current_address(request, case, use_id)
    links = selectors.linked_children(case, use.address_id)
    form = VisitForm(request.POST or None, links=links, address_id=use.address_id)
    return question_page(
        request,
        case,
        [form],
        service=partial(services.visit_record, address=use.address),
        title=f"Record a home visit at {use.address}",
        submit="Save the visit",
        done="Home visit recorded",
        then=lambda visit: reverse("visits:visit", args=[case.pk, visit.pk]),
        template="visits/visit_form.html",
        use=use,
    )


@case_view("visits/<int:visit_id>/", name="visit")
def visit_detail(request: AuthenticatedRequest, case: Case, visit_id: int) -> HttpResponse:
    visit = get_case_record(request, case, HomeVisit.objects.select_related("address", "created_by"), visit_id)
    rows = list(visit.child_rows.select_related("child").order_by("-seen", "pk"))
    return render(request, "visits/visit.html", {"case": case, "tab": "home_visits", "visit": visit, "rows": rows})


@case_view("visits/reasons/new/", name="reason_new", change=True, perm="visits.add_novisitreason")
def reason_new(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    form = ReasonForm(request.POST or None)
    return question_page(
        request,
        case,
        [form],
        service=services.reason_record,
        title="Record why there has been no home visit",
        submit="Save the reason",
        done="Reason recorded: your line manager will agree it or not",
    )


@case_view("visits/reasons/<int:reason_id>/decide/", name="reason_decide", change=True, perm="visits.agree_no_visit_reason")
def reason_decide(request: AuthenticatedRequest, case: Case, reason_id: int) -> HttpResponse:
    reason = get_case_record(request, case, NoVisitReason.objects.select_related("recorded_by"), reason_id)
    form = DecisionForm(request.POST or None)
    return question_page(
        request,
        case,
        [form],
        service=partial(services.reason_decide, reason=reason),
        title="Agree or not the reason for no home visit",
        submit="Save your decision",
        done="Decision on the reason for no home visit recorded",
        template="visits/reason_decide.html",
        reason=reason,
    )
