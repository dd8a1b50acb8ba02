"""Referral pages under a case, and the referral register for managers."""

import csv
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from safeguard.accounts.http import AuthenticatedRequest
from safeguard.cases.models import Case
from safeguard.cases.selectors import case_overview
from safeguard.core import clock
from safeguard.core.access import case_view, get_case_record, require_perm
from safeguard.core.forms import ChaseForm
from safeguard.core.tasks import tasks_for_record
from safeguard.core.views import form_page, paginate, save_forms

from . import selectors, services
from .access import VIEW_REGISTER, can_decide
from .forms import AnswerForm, DateForm, DecisionForm, EscalateForm, ReferralForm, RegisterFilterForm
from .models import Referral


def _get(request: HttpRequest, case: Case, referral_id: int) -> Referral:
    return get_case_record(request, case, Referral.objects.select_related("local_authority", "made_by"), referral_id)


@case_view(change=True, perm="referrals.add_referral")
def referral_new(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    overview = case_overview(case)
    form = ReferralForm(
        request.POST or None,
        case=case,
        children=overview.children,
        initial={
            "made_on": clock.today(),
            "urgency": Referral.Urgency.ROUTINE,
            "referred_to": Referral.To.CSC,
            "local_authority": next(
                (c.responsible_local_authority for c in overview.children if c.responsible_local_authority), None
            ),
            "discussed_with": case.line_manager_id,
        },
    )
    if request.method == "POST":
        saved = save_forms(
            [form],
            lambda: services.referral_make(
                actor=request.user,
                case=case,
                children=form.cleaned_data["children"],
                made_on=form.cleaned_data["made_on"],
                **form.values(),
            ),
        )
        if saved is not None:
            note = " The written follow-up is due by " + f"{saved.followup_due_on:%-d %B %Y}." if saved.followup_due_on else ""
            messages.success(request, f"Referral recorded. A written reply is due by {saved.due_on:%-d %B %Y}.{note}")
            return redirect("referrals:referral", pk=case.pk, referral_id=saved.pk)
    return render(request, "referrals/referral_form.html", {"case": case, "form": form, "tab": "checks"})


@case_view()
def referral_detail(request: AuthenticatedRequest, case: Case, referral_id: int) -> HttpResponse:
    referral = _get(request, case, referral_id)
    return render(
        request,
        "referrals/referral_detail.html",
        {
            "case": case,
            "referral": referral,
            "tasks": tasks_for_record(case, referral),
            "tab": "checks",
            "can_decide": can_decide(request.user, case, referral),
            "children": referral.children.all(),
            "chases": referral.chases.all(),
            "escalations": referral.escalations.select_related("escalated_to"),
            "status": selectors.status_label(referral, clock.today()),
        },
    )


def _action(
    request: HttpRequest,
    case: Case,
    referral_id: int,
    *,
    form_factory: Callable[[Any, Any, Referral], forms.BaseForm],
    do: Callable[[Any, Referral, dict[str, Any]], Any],
    title: str,
    submit: str,
    done: str,
) -> HttpResponse:
    """A step on a referral: its form, then the service, then back to the referral."""
    referral = _get(request, case, referral_id)
    form = form_factory(request.POST or None, case, referral)
    if request.method == "POST":
        if save_forms([form], lambda: do(case, referral, form.cleaned_data)) is not None:
            messages.success(request, done)
            return redirect("referrals:referral", pk=case.pk, referral_id=referral.pk)
    return form_page(request, case, [form], f"{title}: {referral}", submit, tab="checks")


@case_view(change=True, perm="referrals.change_referral")
def referral_followup(request: AuthenticatedRequest, case: Case, referral_id: int) -> HttpResponse:
    return _action(
        request,
        case,
        referral_id,
        title="Written follow-up",
        submit="Record follow-up",
        form_factory=lambda data, case, r: DateForm(
            data, field="sent_on", label="Date the written follow-up was sent", initial={"sent_on": clock.today()}
        ),
        do=lambda case, r, d: services.referral_followup_sent(actor=request.user, case=case, referral=r, sent_on=d["sent_on"]),
        done="Written follow-up recorded",
    )


@case_view(change=True, perm="referrals.change_referral")
def referral_acknowledge(request: AuthenticatedRequest, case: Case, referral_id: int) -> HttpResponse:
    return _action(
        request,
        case,
        referral_id,
        title="Acknowledgement",
        submit="Record acknowledgement",
        form_factory=lambda data, case, r: DateForm(
            data, field="acknowledged_on", label="Date acknowledged", initial={"acknowledged_on": clock.today()}
        ),
        do=lambda case, r, d: services.referral_acknowledge(
            actor=request.user, case=case, referral=r, acknowledged_on=d["acknowledged_on"]
        ),
        done="Acknowledgement recorded",
    )


@case_view(change=True, perm="referrals.add_referralchase")
def referral_chase(request: AuthenticatedRequest, case: Case, referral_id: int) -> HttpResponse:
    return _action(
        request,
        case,
        referral_id,
        title="Chase",
        submit="Record chase",
        form_factory=lambda data, case, r: ChaseForm(
            data, methods=Referral.Channel.choices, initial={"chased_on": clock.today()}
        ),
        do=lambda case, r, d: services.referral_chase(actor=request.user, case=case, referral=r, **d),
        done="Chase recorded",
    )


@case_view(change=True, perm="referrals.add_referralescalation")
def referral_escalate(request: AuthenticatedRequest, case: Case, referral_id: int) -> HttpResponse:
    return _action(
        request,
        case,
        referral_id,
        title="Escalate",
        submit="Record escalation",
        form_factory=lambda data, case, r: EscalateForm(data, case=case, initial={"escalated_on": clock.today()}),
        do=lambda case, r, d: services.referral_escalate(actor=request.user, case=case, referral=r, **d),
        done="Escalation recorded",
    )


@case_view(change=True, perm="referrals.change_referral")
def referral_answer(request: AuthenticatedRequest, case: Case, referral_id: int) -> HttpResponse:
    return _action(
        request,
        case,
        referral_id,
        title="Record the answer",
        submit="Save answer",
        form_factory=lambda data, case, r: AnswerForm(data, initial={"answered_on": clock.today()}),
        do=lambda case, r, d: services.referral_answer(actor=request.user, case=case, referral=r, **d),
        done="Answer recorded",
    )


@case_view(change=True, perm="referrals.change_referral")
def referral_decide(request: AuthenticatedRequest, case: Case, referral_id: int) -> HttpResponse:
    return _action(
        request,
        case,
        referral_id,
        title="Line manager's decision",
        submit="Record decision",
        form_factory=lambda data, case, r: DecisionForm(data),
        do=lambda case, r, d: services.referral_decide(actor=request.user, case=case, referral=r, **d),
        done="Decision recorded: the referral is closed",
    )


def referral_register(request: AuthenticatedRequest) -> HttpResponse:
    """Every referral in the user's teams or area, filtered, counted, exportable as CSV."""
    require_perm(request, VIEW_REGISTER, object_type="referrals.Register", object_id="")
    teams, officers = selectors.register_choices(request.user)
    form = RegisterFilterForm(request.GET or None, teams=teams, officers=officers, statuses=selectors.STATUS_FILTERS)
    filters = selectors.RegisterFilters()
    if form.is_bound and form.is_valid():
        filters = selectors.RegisterFilters(**form.cleaned_data)
    rows, counts = selectors.register(request.user, filters)
    today = clock.today()
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="referrals-{today:%Y-%m-%d}.csv"'
        writer = csv.writer(response)
        writer.writerow(selectors.COLUMNS)
        for referral in rows:
            writer.writerow(selectors.row_values(referral, today))
        return response
    page, query = paginate(request, rows, 50)
    return render(
        request,
        "referrals/register.html",
        {
            "form": form,
            "page": page,
            "counts": counts,
            "statuses": selectors.STATUS_FILTERS,
            "columns": selectors.COLUMNS,
            "rows": [(referral, selectors.row_values(referral, today)) for referral in page.object_list],
            "query": query,
            "status": filters.status,
        },
    )
