"""Register pages: a case's registrations, reviews and de-registration; the register; the monthly report."""

import csv
import itertools

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from safeguard.accounts.models import Team
from safeguard.cases.access import CaseNotFound, get_case_for_user, refuse, require_perm, visible_cases
from safeguard.cases.selectors import case_overview
from safeguard.checks.pdf import pdf_response
from safeguard.core import clock
from safeguard.core.views import save_forms

from . import selectors, services
from .forms import DeregisterForm, HoldForm, RegisterFilterForm, RegistrationForm, ReportForm, ReviewForm
from .models import LegalHold, Registration, Review


def _get(request, case, model, object_id, filters: dict):
    found = model.objects.filter(pk=object_id, **filters).first()
    if found is None:
        refuse(request, object_type=model._meta.label, object_id=object_id, reason=f"not on case {case.pk}")
        raise CaseNotFound("record not found or restricted")
    return found


def _page(request, case, forms, title, submit, **extra):
    return render(
        request,
        "cases/form_page.html",
        {"case": case, "forms": forms, "title": title, "submit": submit, "tab": "register", **extra},
    )


def case_register(request, pk: int):
    case = get_case_for_user(request, pk)
    registrations = case.registrations.select_related("registered_by").prefetch_related(
        "children", "reviews__reviewer", "reviews__countersigned_by"
    )
    return render(
        request,
        "register/case_register.html",
        {
            "case": case,
            "tab": "register",
            "active": [r for r in registrations if r.ended_on is None],
            "ended": [r for r in registrations if r.ended_on is not None],
            "triggers": case.review_triggers.filter(resolved_by__isnull=True),
            "holds": case.legal_holds.select_related("placed_by"),
            "notes": case.notes.select_related("author")[:20],
            "target_days": _target_days(),
            "can_hold": request.user.has_perm("register.place_legal_hold"),
            "can_countersign": request.user.managed_teams.filter(pk=case.team_id).exists()
            or request.user.has_role("Safeguarding lead", "Risk manager"),
        },
    )


def _target_days() -> int:
    from safeguard.core.deadlines import rule

    return rule("registration_target").length


def register_new(request, pk: int):
    case = get_case_for_user(request, pk, for_change=True)
    require_perm(request, "register.add_registration", object_type="register.Registration", object_id="new")
    overview = case_overview(case)
    form = RegistrationForm(request.POST or None, children=overview.children, initial={"registered_on": clock.today()})
    if request.method == "POST":
        saved = save_forms([form], lambda: services.register_case(actor=request.user, case=case, **form.cleaned_data))
        if saved is not None:
            messages.success(
                request, f"Registered: {saved.get_category_display()}. First review due {saved.next_review_due:%-d %B %Y}."
            )
            return redirect("cases:register", pk=case.pk)
    return _page(request, case, [form], "Register the case", "Register")


def review_new(request, pk: int, registration_id: int):
    case = get_case_for_user(request, pk, for_change=True)
    require_perm(request, "register.add_review", object_type="register.Review", object_id="new")
    registration = _get(request, case, Registration, registration_id, {"case": case, "ended_on__isnull": True})
    form = ReviewForm(request.POST or None, initial={"reviewed_on": clock.today(), "decision": Review.Decision.CONTINUE})
    if request.method == "POST":
        saved = save_forms(
            [form], lambda: services.review_record(actor=request.user, case=case, registration=registration, **form.cleaned_data)
        )
        if saved is not None:
            if saved.decision == Review.Decision.DEREGISTER:
                messages.success(request, "Review recorded. Now confirm the de-registration.")
                return redirect("cases:deregister", pk=case.pk, registration_id=registration.pk)
            messages.success(request, "Review recorded: it now needs a manager's countersignature")
            return redirect("cases:register", pk=case.pk)
    return _page(request, case, [form], f"Review: {registration}", "Record review")


@require_POST
def review_countersign(request, pk: int, review_id: int):
    case = get_case_for_user(request, pk)
    require_perm(request, "register.change_review", object_type="register.Review", object_id=review_id)
    review = _get(request, case, Review, review_id, {"registration__case": case})
    try:
        services.review_countersign(actor=request.user, case=case, review=review)
        messages.success(request, "Review countersigned")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("cases:register", pk=case.pk)


def deregister(request, pk: int, registration_id: int):
    case = get_case_for_user(request, pk, for_change=True)
    require_perm(request, "register.change_registration", object_type="register.Registration", object_id=registration_id)
    registration = _get(request, case, Registration, registration_id, {"case": case, "ended_on__isnull": True})
    preview = services.deregistration_preview(case=case, registration=registration)
    form = DeregisterForm(request.POST or None)
    if request.method == "POST" and preview["hold"] is None:
        saved = save_forms(
            [form],
            lambda: services.deregister(
                actor=request.user, case=case, registration=registration, reason=form.cleaned_data["reason"]
            ),
        )
        if saved is not None:
            messages.success(
                request,
                f"De-registered. {saved.children_erased} child{'ren' if saved.children_erased != 1 else ''}'s "
                "details erased; the standard note is on the case.",
            )
            return redirect("cases:register", pk=case.pk)
    return render(
        request,
        "register/deregister.html",
        {"case": case, "registration": registration, "preview": preview, "form": form, "tab": "register"},
    )


def hold_place(request, pk: int):
    case = get_case_for_user(request, pk)
    require_perm(request, "register.place_legal_hold", object_type="register.LegalHold", object_id="new")
    form = HoldForm(request.POST or None)
    if request.method == "POST":
        if save_forms([form], lambda: services.legal_hold_place(actor=request.user, case=case, **form.cleaned_data)) is not None:
            messages.success(request, "Legal hold placed: nothing on this case can be erased until it is lifted")
            return redirect("cases:register", pk=case.pk)
    return _page(request, case, [form], "Place a legal hold", "Place hold")


@require_POST
def hold_lift(request, pk: int, hold_id: int):
    case = get_case_for_user(request, pk)
    require_perm(request, "register.place_legal_hold", object_type="register.LegalHold", object_id=hold_id)
    hold = _get(request, case, LegalHold, hold_id, {"case": case, "lifted_on__isnull": True})
    services.legal_hold_lift(actor=request.user, case=case, hold=hold)
    messages.success(request, "Legal hold lifted")
    return redirect("cases:register", pk=case.pk)


def register_page(request):
    teams = Team.objects.filter(pk__in=visible_cases(request.user).values("team_id")).select_related("area")
    form = RegisterFilterForm(request.GET or None, teams=teams)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    rows = selectors.register_rows(request.user, **{k: v for k, v in filters.items() if v not in (None, "")})
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "register/register.html", {"form": form, "page": page, "today": clock.today(), "query": query.urlencode()}
    )


def report(request):
    teams = Team.objects.filter(pk__in=visible_cases(request.user).values("team_id")).select_related("area")
    data = request.GET.copy()
    data.setdefault("month", f"{clock.today():%Y-%m}")
    form = ReportForm(data, teams=teams)
    monthly = None
    if form.is_valid():
        try:
            monthly = selectors.monthly_report(
                selectors.visible_registrations(request.user),
                form.cleaned_data["month"],
                area=form.cleaned_data["area"],
                team=form.cleaned_data["team"],
            )
        except ValueError:
            form.add_error("month", "Enter the month as YYYY-MM, like 2026-11")
    month = monthly.month if monthly is not None and form.is_valid() else ""
    fmt = request.GET.get("format")
    if fmt == "csv" and monthly is not None:
        return csv_response(monthly)
    pdf_limit = settings.SAFEGUARD["REGISTER_REPORT_PDF_MAX_ROWS"]
    if fmt == "pdf" and monthly is not None:
        if monthly.total <= pdf_limit:
            return pdf_response("register/print/report.html", report_context(monthly), f"register-report-{month}")
        form.add_error(
            None,
            f"This report has {monthly.total:,} rows, too many to lay out as a PDF here (the most is {pdf_limit:,}). "
            "Choose an area or a team, or download the CSV.",
        )
    page = None
    if monthly is not None:
        paginator = Paginator(monthly.registrations, settings.SAFEGUARD["REGISTER_REPORT_PAGE_SIZE"])
        paginator.count = monthly.total  # already counted for the summary
        page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("format", None)
    query.pop("page", None)
    return render(
        request,
        "register/report.html",
        {
            "form": form,
            "report": monthly,
            "page": page,
            "rows": list(monthly.rows(page.object_list)) if page is not None else [],
            "columns": selectors.REPORT_COLUMNS,
            "month": month,
            "query": query.urlencode(),
        },
    )


def report_context(monthly: selectors.MonthlyReport) -> dict:
    return {
        "rows": monthly.rows(),
        "total": monthly.total,
        "overdue": monthly.overdue,
        "columns": selectors.REPORT_COLUMNS,
        "month": monthly.month,
        "today": clock.today(),
        "service_name": settings.SAFEGUARD["SERVICE_NAME"],
    }


class _Echo:
    """A file-like object whose write returns the line, for streaming CSV (Django's documented pattern)."""

    def write(self, value: str) -> str:
        return value


def csv_response(monthly: selectors.MonthlyReport) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())
    lines = (writer.writerow(values) for values in [selectors.REPORT_COLUMNS])
    body = itertools.chain(lines, (writer.writerow(row.values) for row in monthly.rows()))
    response = StreamingHttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="register-report-{monthly.month}.csv"'
    return response


def write_csv(stream, monthly: selectors.MonthlyReport) -> None:
    writer = csv.writer(stream)
    writer.writerow(selectors.REPORT_COLUMNS)
    for row in monthly.rows():
        writer.writerow(row.values)
