"""Case pages: list, new case, overview, family network, history, allocation, orders."""

from collections.abc import Sequence
from functools import partial
from typing import Any, cast
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from safeguard.accounts.http import AuthenticatedRequest
from safeguard.core import flags, history, submissions
from safeguard.core.access import case_view, get_case_record, require_perm
from safeguard.core.forms import model_values
from safeguard.core.tasks import next_step, tasks_for_cases
from safeguard.core.views import paginate, question_page, save_forms
from safeguard.people.diagram import family_network
from safeguard.people.forms import ServiceUserAddressForm, ServiceUserForm
from safeguard.people.selectors import children_of

from . import selectors, services
from .access import allocatable_teams, manages_case
from .allocation_rules import breaches
from .forms import (
    AllocationForm,
    CaseSearchForm,
    CloseCaseForm,
    EndKeyContactForm,
    EndOrderForm,
    HolderApprovalForm,
    KeyContactForm,
    NewCaseAllocationForm,
    OrderForm,
    PrisonCoordinatorForm,
    RiskConsultationForm,
    TransferForm,
    TransferTeamForm,
)
from .models import Case, KeyContact, Order
from .search import CaseQuery, parse_query


def case_list(request: AuthenticatedRequest) -> HttpResponse:
    form = CaseSearchForm(request.GET or None)
    q, scope = "", "all"
    if form.is_valid():
        q = form.cleaned_data["q"]
        scope = form.cleaned_data["scope"] or "all"
    query = parse_query(q)
    cases = selectors.case_search(request.user, q=query, mine=scope == "mine")
    page, params = paginate(request, cases, settings.SAFEGUARD["CASE_LIST_PAGE_SIZE"])
    flags.attach_to_cases(cast(Sequence[Case], page.object_list))
    return render(
        request,
        "cases/case_list.html",
        {
            "form": form,
            "page": page,
            "q": q,
            "understood": query.description or f"“{q}”",
            "scope": scope,
            "query": params,
            "can_add": request.user.has_perm("cases.add_case"),
            "widen": _widen(query, scope) if not page.object_list else {},
        },
    )


def _widen(query: CaseQuery, scope: str) -> dict[str, Any]:
    """Searches that find more than one that found nothing: each name on its own, and every case the
    user may see rather than only those they hold."""
    here = reverse("cases:list")
    return {
        "one_name": [(word, f"{here}?{urlencode({'q': word, 'scope': scope})}") for word in query.surname_words],
        "all_cases": f"{here}?{urlencode({'q': query.text, 'scope': 'all'})}" if scope == "mine" else "",
        "query": query,
    }


def case_new(request: AuthenticatedRequest) -> HttpResponse:
    require_perm(request, "cases.add_case", object_type="cases.Case", object_id="new")
    teams = allocatable_teams(request.user)
    data = request.POST if request.method == "POST" else None
    person_form = ServiceUserForm(data)
    address_form = ServiceUserAddressForm(data, prefix="address")
    allocation_form = NewCaseAllocationForm(
        data,
        prefix="allocation",
        teams=teams,
        initial={"team": request.user.team_id},
    )
    if data is not None:
        repeated = submissions.already_saved(request)
        if repeated is not None:
            return repeated

        def save() -> Case:
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

        case = save_forms([person_form, address_form, allocation_form], submissions.once(request, save, Case.get_absolute_url))
        if case is not None:
            messages.success(request, f"Case opened for {case.service_user}")
            return redirect(case)
    return render(
        request,
        "cases/case_new.html",
        {
            "person_form": person_form,
            "submission": submissions.token_for(request),
            "address_form": address_form,
            "allocation_form": allocation_form,
        },
    )


@case_view("", name="detail")
def case_detail(request: HttpRequest, case: Case) -> HttpResponse:
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
            "next_task": next_step(tasks),
            "overdue": [t for t in tasks if t.is_overdue],
        },
    )


@case_view("family/", name="family")
def case_family(request: HttpRequest, case: Case) -> HttpResponse:
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


@case_view("history/", name="history")
def case_history(request: HttpRequest, case: Case) -> HttpResponse:
    """What happened on the case, in words, by day, newest first (the MoJ timeline)."""
    kinds = selectors.history_kinds()
    kind = request.GET.get("kind", "")
    kind = kind if kind in kinds else ""
    page, query = paginate(
        request, selectors.case_history(case, user=request.user, kind=kind), settings.SAFEGUARD["HISTORY_PAGE_SIZE"]
    )
    context = {
        "case": case,
        "page": page,
        "query": query,
        "tab": "history",
        "days": history.by_day(page.object_list),
        "kinds": kinds,
        "kind": kind,
    }
    return render(request, "cases/case_history.html", context)


@case_view("allocation/", name="allocate", change=True, perm="cases.allocate_case")
def case_allocate(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    form = AllocationForm(
        request.POST or None,
        teams=allocatable_teams(request.user),
        initial={
            "team": case.team_id,
            "case_holder": case.case_holder_id,
            "line_manager": case.line_manager_id,
        },
    )
    return question_page(
        request,
        case,
        [form],
        service=services.case_allocate,
        title="Change allocation",
        submit="Save allocation",
        done="Allocation changed",
        template="cases/allocate.html",
        holding=selectors.holding(case, request.user),
    )


def allocation_breaches(request: AuthenticatedRequest) -> HttpResponse:
    """Cases that break an allocation rule now (West Mercia 6), for those who allocate them."""
    require_perm(request, "cases.allocate_case", object_type="cases.Allocation", object_id="")
    page, query = paginate(request, selectors.breaking_allocation_rules(request.user), 50)
    found = breaches(page.object_list)
    rows = [breach for case in page.object_list for breach in found.get(case.pk, [])]
    return render(request, "cases/allocation_breaches.html", {"page": page, "query": query, "rows": rows})


@case_view("allocation/transfer/", name="transfer", change=True, perm="cases.allocate_case")
def case_transfer(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    """Move the case to another team, in this area or another: first the team, then who holds and
    manages it there and why. The history stays with the case; who may see it follows the team, so
    the sending area's staff may no longer see it once it has gone."""
    choose = TransferTeamForm(request.GET if "team" in request.GET else None, case=case)
    if not choose.is_bound or not choose.is_valid():
        return render(
            request,
            "cases/transfer_team.html",
            {"case": case, "tab": "overview", "form": choose, "forms": [choose] if choose.is_bound else []},
        )
    team = choose.cleaned_data["team"]
    form = TransferForm(request.POST or None, team=team)

    def still_sees(moved: Case) -> bool:
        return selectors.visible_cases(request.user).filter(pk=moved.pk).exists()

    def done(moved: Case) -> str:
        gone = "" if still_sees(moved) else ". You can no longer see the case"
        return f"Case transferred to {moved.case_holder} in {team.name} ({team.area.name}){gone}"

    return question_page(
        request,
        case,
        [form],
        service=services.case_allocate,
        title=f"Transfer the case to {team.name} ({team.area.name})",
        submit="Transfer the case",
        done=done,
        then=lambda moved: moved.get_absolute_url() if still_sees(moved) else reverse("cases:list"),
        template="cases/allocate.html",
        holding=selectors.holding(case, request.user),
        hint="The case’s history moves with it. Staff who see it only through its present team will no longer see it.",
    )


@case_view("allocation/approve/", name="holder_approval", change=True, perm="cases.add_holderapproval")
def holder_approval(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    """A line manager approves a probation service officer holding this child-protection case."""
    if not manages_case(request.user, case):  # refused (403, logged): only the case's manager approves
        require_perm(request, "cases.manage_any_case", object_type="cases.Case", object_id=case.pk)
    form = HolderApprovalForm(request.POST or None, staff=selectors.needing_approval(case))
    return question_page(
        request,
        case,
        [form],
        service=services.holder_approval_record,
        title="Approve who may hold the case",
        submit="Record approval",
        done=lambda approval: f"{approval.approved_for} may hold the case",
        then=reverse("cases:allocate", args=[case.pk]),
        hint="A probation service officer may hold a child-protection case only with your approval on record "
        "(West Mercia 6.3). A trainee never holds one (6.2).",
    )


@case_view("allocation/risk-manager/", name="risk_consultation", change=True, perm="cases.add_riskmanagerconsultation")
def risk_consultation(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    """Record the consultation with a risk manager a high-risk child-protection case needs (West Mercia 6.1)."""
    form = RiskConsultationForm(request.POST or None, risk_managers=selectors.risk_managers(case))
    return question_page(
        request,
        case,
        [form],
        service=services.risk_consultation_record,
        title="Record a risk manager’s consultation",
        submit="Save consultation",
        done=lambda consultation: f"Consultation with {consultation.risk_manager} recorded",
        then=reverse("cases:allocate", args=[case.pk]) if request.user.has_perm("cases.allocate_case") else None,
        hint="Where there are significant child-protection concerns and the service user is assessed as high risk, "
        "the offender manager consults the risk manager (West Mercia 6.1).",
    )


@case_view("orders/add/", name="order_add", change=True, perm="cases.add_order")
def order_add(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    return _order_form(request, case, None)


@case_view("orders/<int:order_id>/edit/", name="order_edit", change=True)
def order_edit(request: AuthenticatedRequest, case: Case, order_id: int) -> HttpResponse:
    order = get_case_record(request, case, Order.objects.all(), order_id)
    require_perm(request, "cases.change_order", object_type="cases.Order", object_id=order_id)
    return _order_form(request, case, order)


@case_view("orders/<int:order_id>/end/", name="order_end", change=True)
def order_end(request: AuthenticatedRequest, case: Case, order_id: int) -> HttpResponse:
    """When and why an order ended: a registered case's review falls due, and after the last order the
    register asks whether to de-register."""
    order = get_case_record(request, case, Order.objects.all(), order_id)
    require_perm(request, "cases.change_order", object_type="cases.Order", object_id=order_id)
    return question_page(
        request,
        case,
        [EndOrderForm(request.POST or None)],
        service=partial(services.order_end, order=order),
        title=f"End the order: {order}",
        submit="End the order",
        done="Order ended",
    )


@case_view("close/", name="close", change=True, perm="cases.close_case")
def case_close(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    return question_page(
        request,
        case,
        [CloseCaseForm(request.POST or None)],
        service=services.case_close,
        title="Close the case",
        submit="Close the case",
        done="Case closed",
        hint="Close a case once every order has ended. Its record stays; its outstanding steps stop.",
    )


@case_view("key-contacts/prison/add/", name="key_contact_add", change=True, perm="cases.add_keycontact")
def key_contact_add(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    """The prison's child-protection co-ordinator, contacted while the service user is in custody (West Mercia 2.4)."""
    return question_page(
        request,
        case,
        [PrisonCoordinatorForm(request.POST or None)],
        service=partial(services.key_contact_add, kind=KeyContact.Kind.PRISON_CP_COORDINATOR),
        title="Record contact with the prison’s child-protection co-ordinator",
        submit="Save contact",
        done=lambda contact: f"{contact.name} at {contact.organisation} added to the key contacts",
        hint="Tell them probation is involved with the service user and the children, and ask how you will share information.",
    )


@case_view("key-contacts/", name="key_contacts")
def key_contacts(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    """The case's list of the organisations and workers involved (West Mercia 2.5): those still
    involved first, then those no longer involved, who stay on the list."""
    return render(
        request,
        "cases/key_contacts.html",
        {
            "case": case,
            "tab": "overview",
            "contacts": list(selectors.key_contacts_of(case)),
            "can_add": request.user.has_perm("cases.add_keycontact") and case.status != Case.Status.CLOSED,
            "can_change": request.user.has_perm("cases.change_keycontact") and request.user.has_perm("cases.change_case"),
        },
    )


def _to_key_contacts(case: Case) -> str:
    return reverse("cases:key_contacts", args=[case.pk])


@case_view("key-contacts/add/", name="key_contact_new", change=True, perm="cases.add_keycontact")
def key_contact_new(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    return question_page(
        request,
        case,
        [KeyContactForm(request.POST or None, children=children_of(case.service_user))],
        service=services.key_contact_add,
        title="Add a key contact",
        submit="Save key contact",
        done=lambda contact: f"{contact.name} added to the key contacts",
        then=_to_key_contacts(case),
        hint="Someone from another agency or team involved with the case or the children.",
    )


@case_view("key-contacts/<int:contact_id>/change/", name="key_contact_change", change=True, perm="cases.change_keycontact")
def key_contact_change(request: AuthenticatedRequest, case: Case, contact_id: int) -> HttpResponse:
    contact = get_case_record(request, case, KeyContact.objects.all(), contact_id)
    return question_page(
        request,
        case,
        [KeyContactForm(request.POST or None, instance=contact, children=children_of(case.service_user))],
        service=partial(services.key_contact_change, contact=contact),
        title=f"Change key contact: {contact.name}",
        submit="Save key contact",
        done=lambda contact: f"{contact.name} changed",
        then=_to_key_contacts(case),
    )


@case_view("key-contacts/<int:contact_id>/end/", name="key_contact_end", change=True, perm="cases.change_keycontact")
def key_contact_end(request: AuthenticatedRequest, case: Case, contact_id: int) -> HttpResponse:
    """They are no longer involved: kept on the list, and wherever they were named, but no longer
    offered to choose."""
    contact = get_case_record(request, case, KeyContact.objects.all(), contact_id)
    return question_page(
        request,
        case,
        [EndKeyContactForm(request.POST or None)],
        service=partial(services.key_contact_end, contact=contact),
        title=f"No longer involved: {contact.name}",
        submit="Save",
        done=lambda contact: f"{contact.name} is no longer involved",
        then=_to_key_contacts(case),
        hint=f"{contact} stays on the case’s list of key contacts, marked as no longer involved, "
        "and wherever they were named. They are no longer offered to choose from.",
    )


def _order_form(request: AuthenticatedRequest, case: Case, order: Order | None) -> HttpResponse:
    form = OrderForm(request.POST or None, instance=order)

    def save() -> Order:
        values = model_values(form)
        if order:
            return services.order_update(actor=request.user, case=case, order=order, **values)
        return services.order_add(actor=request.user, case=case, **values)

    title = "Edit order" if order else "Add an order"
    return question_page(request, case, [form], save, title=title, submit="Save order", done="Order saved")
