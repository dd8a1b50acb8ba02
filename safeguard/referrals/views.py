"""Referral pages under a case, and the referral register for managers."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse

from safeguard.accounts.http import AuthenticatedRequest
from safeguard.cases.forms import ChaseForm
from safeguard.cases.models import Case
from safeguard.core import clock
from safeguard.core.access import case_view, get_case_record, require_perm
from safeguard.core.exports import csv_download
from safeguard.core.tasks import tasks_for_record
from safeguard.core.views import paginate, question_page
from safeguard.people.selectors import children_of

from . import selectors, services
from .access import VIEW_REGISTER, can_decide
from .forms import AnswerForm, DateForm, DecisionForm, EscalateForm, ReferralForm, RegisterFilterForm
from .models import Referral


def _get(request: HttpRequest, case: Case, referral_id: int) -> Referral:
    return get_case_record(request, case, Referral.objects.select_related("local_authority", "made_by"), referral_id)


@case_view("referrals/new/", name="referral_new", change=True, perm="referrals.add_referral")
def referral_new(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    children = children_of(case.service_user)
    form = ReferralForm(
        request.POST or None,
        case=case,
        children=children,
        initial={
            "local_authority": next((c.responsible_local_authority for c in children if c.responsible_local_authority), None),
        },
    )
    return question_page(
        request,
        case,
        [form],
        lambda: services.referral_make(
            actor=request.user,
            case=case,
            children=form.cleaned_data["children"],
            made_on=form.cleaned_data["made_on"],
            **form.values(),
        ),
        title="Make a referral",
        submit="Record referral",
        done=_referral_recorded,
        then=lambda referral: reverse("referrals:referral", args=[case.pk, referral.pk]),
        tab="checks",
        template="referrals/referral_form.html",
    )


def _referral_recorded(referral: Referral) -> str:
    followup = f" The written follow-up is due by {referral.followup_due_on:%-d %B %Y}." if referral.followup_due_on else ""
    return f"Referral recorded. A written reply is due by {referral.due_on:%-d %B %Y}.{followup}"


@case_view("referrals/<int:referral_id>/", name="referral")
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


def _step(
    route: str,
    name: str,
    *,
    perm: str,
    form: Callable[[Any, Case], forms.BaseForm],
    service: Callable[..., object],
    title: str,
    submit: str,
    done: str,
) -> Callable[..., HttpResponseBase]:
    """A page for one step on a referral: its form (`form(data, case)`), then the service with the
    form's answers, then back to the referral."""

    @case_view(f"referrals/<int:referral_id>/{route}", name=name, change=True, perm=perm)
    def step(request: AuthenticatedRequest, case: Case, referral_id: int) -> HttpResponse:
        referral = _get(request, case, referral_id)
        bound = form(request.POST or None, case)
        return question_page(
            request,
            case,
            [bound],
            lambda: service(actor=request.user, case=case, referral=referral, **bound.cleaned_data),
            title=f"{title}: {referral}",
            submit=submit,
            done=done,
            then=reverse("referrals:referral", args=[case.pk, referral.pk]),
            tab="checks",
        )

    return step


def _date_form(field: str, label: str) -> Callable[[Any, Case], forms.BaseForm]:
    return lambda data, case: DateForm(data, field=field, label=label)


referral_followup = _step(
    "follow-up/",
    "referral_followup",
    perm="referrals.change_referral",
    form=_date_form("sent_on", "Date the written follow-up was sent"),
    service=services.referral_followup_sent,
    title="Written follow-up",
    submit="Record follow-up",
    done="Written follow-up recorded",
)
referral_acknowledge = _step(
    "acknowledge/",
    "referral_acknowledge",
    perm="referrals.change_referral",
    form=_date_form("acknowledged_on", "Date acknowledged"),
    service=services.referral_acknowledge,
    title="Acknowledgement",
    submit="Record acknowledgement",
    done="Acknowledgement recorded",
)
referral_chase = _step(
    "chase/",
    "referral_chase",
    perm="referrals.add_referralchase",
    form=lambda data, case: ChaseForm(data, case=case, methods=Referral.Channel.choices),
    service=services.referral_chase,
    title="Chase",
    submit="Record chase",
    done="Chase recorded",
)
referral_escalate = _step(
    "escalate/",
    "referral_escalate",
    perm="referrals.add_referralescalation",
    form=lambda data, case: EscalateForm(data, case=case),
    service=services.referral_escalate,
    title="Escalate",
    submit="Record escalation",
    done="Escalation recorded",
)
referral_answer = _step(
    "answer/",
    "referral_answer",
    perm="referrals.change_referral",
    form=lambda data, case: AnswerForm(data),
    service=services.referral_answer,
    title="Record the answer",
    submit="Save answer",
    done="Answer recorded",
)
referral_decide = _step(
    "decide/",
    "referral_decide",
    perm="referrals.change_referral",
    form=lambda data, case: DecisionForm(data),
    service=services.referral_decide,
    title="Line manager's decision",
    submit="Record decision",
    done="Decision recorded: the referral is closed",
)


def referral_register(request: AuthenticatedRequest) -> HttpResponseBase:
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
        values = (selectors.row_values(referral, today) for referral in rows)
        return csv_download(f"referrals-{today:%Y-%m-%d}.csv", selectors.COLUMNS, values)
    page, query = paginate(request, rows, 50)
    return render(
        request,
        "referrals/register.html",
        {
            "form": form,
            "page": page,
            "counts": counts,
            "statuses": selectors.STATUS_FILTERS,
            "columns": [heading for heading, _ in selectors.PAGE_COLUMNS],
            "rows": [(referral, selectors.page_cells(selectors.row_values(referral, today))) for referral in page.object_list],
            "query": query,
            "status": filters.status,
        },
    )
