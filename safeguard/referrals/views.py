"""Referral pages under a case, and the referral register for managers."""

import csv

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render

from safeguard.accounts.models import Team, User
from safeguard.cases.access import CaseNotFound, get_case_for_user, refuse, require_perm, visible_cases
from safeguard.cases.selectors import case_overview
from safeguard.core import clock
from safeguard.core.tasks import tasks_for_cases
from safeguard.core.views import save_forms

from . import selectors, services
from .forms import AnswerForm, DateForm, DecisionForm, EscalateForm, ReferralChaseForm, ReferralForm, RegisterFilterForm
from .models import Referral


def _page(request, case, forms, title, submit, **extra):
    return render(
        request,
        "cases/form_page.html",
        {"case": case, "forms": forms, "title": title, "submit": submit, "tab": "checks", **extra},
    )


def _get(request, case, referral_id) -> Referral:
    referral = Referral.objects.filter(case=case, pk=referral_id).select_related("local_authority", "made_by").first()
    if referral is None:
        refuse(request, object_type="referrals.Referral", object_id=referral_id, reason=f"not on case {case.pk}")
        raise CaseNotFound("record not found or restricted")
    return referral


def referral_new(request, pk: int):
    case = get_case_for_user(request, pk, for_change=True)
    require_perm(request, "referrals.add_referral", object_type="referrals.Referral", object_id="new")
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
            return redirect("cases:referral", pk=case.pk, referral_id=saved.pk)
    return render(request, "referrals/referral_form.html", {"case": case, "form": form, "tab": "checks"})


def referral_detail(request, pk: int, referral_id: int):
    case = get_case_for_user(request, pk)
    referral = _get(request, case, referral_id)
    tasks = [t for t in tasks_for_cases([case])[case.pk] if t.url.endswith(f"/referrals/{referral.pk}/")]
    can_decide = referral.awaiting_decision and (
        request.user.managed_teams.filter(pk=case.team_id).exists() or request.user.has_role("Safeguarding lead")
    )
    return render(
        request,
        "referrals/referral_detail.html",
        {
            "case": case,
            "referral": referral,
            "tasks": tasks,
            "tab": "checks",
            "can_decide": can_decide,
            "children": referral.children.all(),
            "chases": referral.chases.all(),
            "escalations": referral.escalations.select_related("escalated_to"),
            "status": selectors.status_label(referral, clock.today()),
        },
    )


def _action(request, pk, referral_id, *, perm: str, form_factory, do, title: str, submit: str, done: str):
    case = get_case_for_user(request, pk, for_change=True)
    require_perm(request, perm, object_type="referrals.Referral", object_id=referral_id)
    referral = _get(request, case, referral_id)
    form = form_factory(request.POST or None, case, referral)
    if request.method == "POST":
        if save_forms([form], lambda: do(case, referral, form.cleaned_data)) is not None:
            messages.success(request, done)
            return redirect("cases:referral", pk=case.pk, referral_id=referral.pk)
    return _page(request, case, [form], f"{title}: {referral}", submit)


def referral_followup(request, pk: int, referral_id: int):
    return _action(
        request,
        pk,
        referral_id,
        perm="referrals.change_referral",
        title="Written follow-up",
        submit="Record follow-up",
        form_factory=lambda data, case, r: DateForm(
            data, field="sent_on", label="Date the written follow-up was sent", initial={"sent_on": clock.today()}
        ),
        do=lambda case, r, d: services.referral_followup_sent(actor=request.user, case=case, referral=r, sent_on=d["sent_on"]),
        done="Written follow-up recorded",
    )


def referral_acknowledge(request, pk: int, referral_id: int):
    return _action(
        request,
        pk,
        referral_id,
        perm="referrals.change_referral",
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


def referral_chase(request, pk: int, referral_id: int):
    return _action(
        request,
        pk,
        referral_id,
        perm="referrals.add_referralchase",
        title="Chase",
        submit="Record chase",
        form_factory=lambda data, case, r: ReferralChaseForm(data, initial={"chased_on": clock.today()}),
        do=lambda case, r, d: services.referral_chase(actor=request.user, case=case, referral=r, **d),
        done="Chase recorded",
    )


def referral_escalate(request, pk: int, referral_id: int):
    return _action(
        request,
        pk,
        referral_id,
        perm="referrals.add_referralescalation",
        title="Escalate",
        submit="Record escalation",
        form_factory=lambda data, case, r: EscalateForm(data, case=case, initial={"escalated_on": clock.today()}),
        do=lambda case, r, d: services.referral_escalate(actor=request.user, case=case, referral=r, **d),
        done="Escalation recorded",
    )


def referral_answer(request, pk: int, referral_id: int):
    return _action(
        request,
        pk,
        referral_id,
        perm="referrals.change_referral",
        title="Record the answer",
        submit="Save answer",
        form_factory=lambda data, case, r: AnswerForm(data, initial={"answered_on": clock.today()}),
        do=lambda case, r, d: services.referral_answer(actor=request.user, case=case, referral=r, **d),
        done="Answer recorded",
    )


def referral_decide(request, pk: int, referral_id: int):
    return _action(
        request,
        pk,
        referral_id,
        perm="referrals.change_referral",
        title="Line manager's decision",
        submit="Record decision",
        form_factory=lambda data, case, r: DecisionForm(data),
        do=lambda case, r, d: services.referral_decide(actor=request.user, case=case, referral=r, **d),
        done="Decision recorded: the referral is closed",
    )


def referral_register(request):
    """Every referral in the user's teams or area, filtered, counted, exportable as CSV."""
    require_perm(request, "referrals.view_referral_register", object_type="referrals.Register", object_id="")
    cases = visible_cases(request.user)
    teams = Team.objects.filter(pk__in=cases.values("team_id")).select_related("area")
    officers = User.objects.filter(pk__in=Referral.objects.filter(case__in=cases.values("pk")).values("made_by_id")).order_by(
        "last_name"
    )
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
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
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
            "query": query.urlencode(),
            "status": filters.status,
        },
    )
