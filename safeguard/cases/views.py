"""Case pages: list, new case, overview, family network, history, allocation, orders."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from safeguard.accounts.models import Team
from safeguard.core.models import AuditEvent
from safeguard.core.tasks import tasks_for_cases
from safeguard.core.views import save_forms
from safeguard.people.diagram import family_network
from safeguard.people.forms import ServiceUserAddressForm, ServiceUserForm

from . import selectors, services
from .access import get_case_for_user, require_perm
from .forms import AllocationForm, CaseSearchForm, NewCaseAllocationForm, OrderForm
from .models import Order


def allocatable_teams(user):
    """Teams a user may put a case in: their own and those they manage (the lead: all)."""
    if user.has_role("Safeguarding lead") or user.is_superuser:
        return Team.objects.select_related("area")
    ids = set(user.managed_teams.values_list("pk", flat=True))
    if user.team_id:
        ids.add(user.team_id)
    if user.has_role("Risk manager", "Information officer") and user.home_area_id:
        ids |= set(Team.objects.filter(area_id=user.home_area_id).values_list("pk", flat=True))
    return Team.objects.filter(pk__in=ids).select_related("area")


def case_list(request):
    form = CaseSearchForm(request.GET or None)
    q, scope = "", "all"
    if form.is_valid():
        q = form.cleaned_data["q"]
        scope = form.cleaned_data["scope"] or "all"
    cases = selectors.case_search(request.user, q=q, mine=scope == "mine")
    page = Paginator(cases, settings.SAFEGUARD["CASE_LIST_PAGE_SIZE"]).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cases/case_list.html",
        {
            "form": form,
            "page": page,
            "q": q,
            "scope": scope,
            "query": query.urlencode(),
            "can_add": request.user.has_perm("cases.add_case"),
        },
    )


def case_new(request):
    require_perm(request, "cases.add_case", object_type="cases.Case", object_id="new")
    teams = allocatable_teams(request.user)
    data = request.POST if request.method == "POST" else None
    person_form = ServiceUserForm(data)
    address_form = ServiceUserAddressForm(data, prefix="address")
    allocation_form = NewCaseAllocationForm(
        data,
        prefix="allocation",
        teams=teams,
        initial={
            "team": request.user.team_id,
            "case_holder": request.user.pk if request.user.has_role("Offender manager") else None,
        },
    )
    if data is not None:

        def save():
            person = dict(person_form.cleaned_data)
            return services.case_open(
                actor=request.user,
                service_user=person,
                team=allocation_form.cleaned_data["team"],
                case_holder=allocation_form.cleaned_data["case_holder"],
                line_manager=allocation_form.cleaned_data["line_manager"],
                address=address_form.address_values(),
                address_type=address_form.cleaned_data["address_type"],
            )

        case = save_forms([person_form, address_form, allocation_form], save)
        if case is not None:
            messages.success(request, f"Case opened for {case.service_user}")
            return redirect("cases:detail", pk=case.pk)
    return render(
        request,
        "cases/case_new.html",
        {
            "person_form": person_form,
            "address_form": address_form,
            "allocation_form": allocation_form,
        },
    )


def case_detail(request, pk: int):
    case = get_case_for_user(request, pk)
    overview = selectors.case_overview(case)
    tasks = tasks_for_cases([case])[case.pk]
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "o": overview,
            "tab": "overview",
            "tasks": tasks,
            "overdue": [t for t in tasks if t.is_overdue],
        },
    )


def case_family(request, pk: int):
    case = get_case_for_user(request, pk)
    overview = selectors.case_overview(case)
    return render(
        request,
        "cases/case_family.html",
        {
            "case": case,
            "o": overview,
            "network": family_network(overview),
            "tab": "family",
        },
    )


def case_history(request, pk: int):
    case = get_case_for_user(request, pk)
    events = AuditEvent.objects.filter(case=case).select_related("actor")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "cases/case_history.html", {"case": case, "page": page, "tab": "history"})


def case_allocate(request, pk: int):
    case = get_case_for_user(request, pk, for_change=True)
    require_perm(request, "cases.allocate_case", object_type="cases.Case", object_id=pk)
    form = AllocationForm(
        request.POST or None,
        teams=allocatable_teams(request.user),
        initial={
            "team": case.team_id,
            "case_holder": case.case_holder_id,
            "line_manager": case.line_manager_id,
        },
    )
    if request.method == "POST":

        def save():
            return services.case_allocate(actor=request.user, case=case, **form.cleaned_data)

        if save_forms([form], save) is not None:
            messages.success(request, "Allocation changed")
            return redirect("cases:detail", pk=case.pk)
    return render(
        request,
        "cases/form_page.html",
        {
            "case": case,
            "forms": [form],
            "title": "Change allocation",
            "submit": "Save allocation",
        },
    )


def order_form(request, pk: int, order_id: int | None = None):
    case = get_case_for_user(request, pk, for_change=True)
    order = None
    if order_id is not None:
        order = Order.objects.filter(case=case, pk=order_id).first()
        if order is None:
            from .access import CaseNotFound, refuse

            refuse(request, object_type="cases.Order", object_id=order_id, reason=f"not on case {case.pk}")
            raise CaseNotFound("order not found")
    perm = "cases.change_order" if order else "cases.add_order"
    require_perm(request, perm, object_type="cases.Order", object_id=order_id or "new")
    form = OrderForm(request.POST or None, instance=order)
    if request.method == "POST":

        def save():
            values = {k: form.cleaned_data[k] for k in form.Meta.fields}
            if order:
                return services.order_update(actor=request.user, case=case, order=order, **values)
            return services.order_add(actor=request.user, case=case, **values)

        if save_forms([form], save) is not None:
            messages.success(request, "Order saved")
            return redirect("cases:detail", pk=case.pk)
    return render(
        request,
        "cases/form_page.html",
        {
            "case": case,
            "forms": [form],
            "title": "Edit order" if order else "Add an order",
            "submit": "Save order",
        },
    )
