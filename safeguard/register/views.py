"""Register pages: a case's registrations, reviews and de-registration; the register; the monthly report."""

from functools import partial
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from safeguard.accounts.http import AuthenticatedRequest
from safeguard.cases.models import Case
from safeguard.cases.selectors import visible_teams
from safeguard.core import clock, flags
from safeguard.core.access import case_view, get_case_record, require_perm
from safeguard.core.exports import SafeWriter, csv_download
from safeguard.core.pdf import pdf_response
from safeguard.core.views import button_action, paginate, question_page, save_forms
from safeguard.people.selectors import children_of

from . import access, selectors, services
from .access import VIEW_REGISTER, can_countersign, can_place_hold
from .forms import DeregisterForm, DeregistrationAskForm, HoldForm, RegisterFilterForm, RegistrationForm, ReportForm, ReviewForm
from .models import LegalHold, Registration, Review


def _tab(case: Case) -> str:
    return reverse("register:case", args=[case.pk])


def _active_registration(request: HttpRequest, case: Case, registration_id: int) -> Registration:
    return get_case_record(request, case, Registration.objects.filter(ended_on__isnull=True), registration_id)


@case_view("register/", name="case")
def case_register(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    context = {
        "case": case,
        "tab": "register",
        **selectors.case_register(case),
        "can_hold": can_place_hold(request.user),
        "can_countersign": can_countersign(request.user, case),
    }
    return render(request, "register/case_register.html", context)


@case_view("register/new/", name="register_new", change=True, perm="register.add_registration")
def register_new(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    children = children_of(case.service_user)
    form = RegistrationForm(request.POST or None, children=children)
    return question_page(
        request,
        case,
        [form],
        service=services.register_case,
        title="Register the case",
        submit="Register",
        done=lambda r: f"Registered: {r.get_category_display()}. First review due {r.next_review_due:%-d %B %Y}.",
    )


@case_view("register/<int:registration_id>/review/", name="review_new", change=True, perm="register.add_review")
def review_new(request: AuthenticatedRequest, case: Case, registration_id: int) -> HttpResponse:
    registration = _active_registration(request, case, registration_id)
    form = ReviewForm(request.POST or None, children=selectors.children_to_name(case, registration))

    def deregistering(review: Review) -> bool:
        return review.decision == Review.Decision.DEREGISTER

    return question_page(
        request,
        case,
        [form],
        service=partial(services.review_record, registration=registration),
        title=f"Review: {registration}",
        submit="Record review",
        done=lambda review: (
            "Review recorded. Now confirm the de-registration."
            if deregistering(review)
            else "Review recorded: it now needs a manager's countersignature"
        ),
        then=lambda review: (
            reverse("register:deregister", args=[case.pk, registration.pk]) if deregistering(review) else _tab(case)
        ),
    )


@require_POST
@case_view("register/reviews/<int:review_id>/countersign/", name="review_countersign", perm="register.change_review")
def review_countersign(request: AuthenticatedRequest, case: Case, review_id: int) -> HttpResponse:
    review = get_case_record(request, case, Review.objects.all(), review_id)
    countersign = partial(services.review_countersign, actor=request.user, case=case, review=review)
    return button_action(request, countersign, done="Review countersigned", then=_tab(case))


@case_view("register/<int:registration_id>/deregister/", name="deregister", change=True, perm="register.change_registration")
def deregister(request: AuthenticatedRequest, case: Case, registration_id: int) -> HttpResponse:
    """Two steps (West Mercia 5.3): the case holder or manager asks, with the reason; the information
    officer sees what will be erased and confirms. Anyone else is shown where it stands."""
    registration = _active_registration(request, case, registration_id)
    preview = selectors.deregistration_preview(case=case, registration=registration)
    asked = registration.deregistration_asked_on is not None
    confirming = asked and access.can_confirm_deregistration(request.user)
    asking = not asked and access.can_ask_to_deregister(request.user, case)
    form = (DeregisterForm if confirming else DeregistrationAskForm)(request.POST or None)
    if request.method == "POST" and preview["hold"] is None and (confirming or asking):

        def save() -> Any:
            if confirming:
                return services.deregister(actor=request.user, case=case, registration=registration)
            reason = form.cleaned_data["reason"]
            return services.deregistration_ask(actor=request.user, case=case, registration=registration, reason=reason)

        saved = save_forms([form], save)
        if saved is not None:
            messages.success(request, _deregistration_done(saved))
            return redirect(_tab(case))
    context = {"registration": registration, "preview": preview, "form": form, "asking": asking, "confirming": confirming}
    return render(request, "register/deregister.html", {"case": case, "tab": "register", **context})


def _deregistration_done(saved: Any) -> str:
    if isinstance(saved, Registration):
        return "De-registration asked for: the information officer confirms it, and the children's details are then erased."
    count = saved.children_erased
    return f"De-registered. {count} child{'ren' if count != 1 else ''}'s details erased; the standard note is on the case."


@case_view("register/hold/", name="hold_place", perm="register.place_legal_hold")
def hold_place(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    form = HoldForm(request.POST or None)
    return question_page(
        request,
        case,
        [form],
        service=services.legal_hold_place,
        title="Place a legal hold",
        submit="Place hold",
        done="Legal hold placed: nothing on this case can be erased until it is lifted",
    )


@require_POST
@case_view("register/hold/<int:hold_id>/lift/", name="hold_lift", perm="register.place_legal_hold")
def hold_lift(request: AuthenticatedRequest, case: Case, hold_id: int) -> HttpResponse:
    hold = get_case_record(request, case, LegalHold.objects.filter(lifted_on__isnull=True), hold_id)
    lift = partial(services.legal_hold_lift, actor=request.user, case=case, hold=hold)
    return button_action(request, lift, done="Legal hold lifted", then=_tab(case))


def register_page(request: AuthenticatedRequest) -> HttpResponse:
    require_perm(request, VIEW_REGISTER, object_type="register.Register", object_id="")
    form = RegisterFilterForm(request.GET or None, teams=visible_teams(request.user))
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    rows = selectors.register_rows(request.user, **{k: v for k, v in filters.items() if v not in (None, "")})
    counts = selectors.register_counts(rows)
    page, query = paginate(request, rows, 50, count=counts["total"])
    flags.attach_to_cases([r.case for r in page.object_list])  # every app's flags on each case
    context = {"form": form, "page": page, "counts": counts, "today": clock.today(), "query": query}
    return render(request, "register/register.html", context)


def report(request: AuthenticatedRequest) -> HttpResponse | StreamingHttpResponse:
    require_perm(request, VIEW_REGISTER, object_type="register.Report", object_id="")
    teams = visible_teams(request.user)
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
    page, query = None, ""
    if monthly is not None:  # already counted for the summary
        page, query = paginate(
            request, monthly.registrations, settings.SAFEGUARD["REGISTER_REPORT_PAGE_SIZE"], count=monthly.total
        )
    return render(
        request,
        "register/report.html",
        {
            "form": form,
            "report": monthly,
            "page": page,
            "rows": list(monthly.rows(page.object_list)) if monthly is not None and page is not None else [],
            "columns": selectors.REPORT_COLUMNS,
            "month": month,
            "query": query,
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


def csv_response(monthly: selectors.MonthlyReport) -> StreamingHttpResponse:
    rows = (row.values for row in monthly.rows())
    return csv_download(f"register-report-{monthly.month}.csv", selectors.REPORT_COLUMNS, rows)


def write_csv(stream: Any, monthly: selectors.MonthlyReport) -> None:
    writer = SafeWriter(stream)
    writer.writerow(selectors.REPORT_COLUMNS)
    writer.writerows(row.values for row in monthly.rows())
