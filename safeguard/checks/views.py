"""Checks pages under a case: the task list, checklist, requests, police checks, notifications,
significant events, contradictions and whereabouts. Views parse, call a service or selector, render."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from safeguard.accounts.http import AuthenticatedRequest
from safeguard.cases import services as case_services
from safeguard.cases.models import Case
from safeguard.cases.selectors import case_overview
from safeguard.core import clock
from safeguard.core.access import case_view, get_case_record, require_perm
from safeguard.core.forms import ChaseForm
from safeguard.core.pdf import pdf_response
from safeguard.core.tasks import tasks_for_cases, tasks_for_record
from safeguard.core.views import form_page, save_forms

from . import selectors, services
from .forms import (
    AcknowledgeForm,
    ChecklistForm,
    EventForm,
    NoCheckForm,
    NotificationForm,
    PoliceAnswerForm,
    PoliceCheckForm,
    RequestAnswerForm,
    ResolveForm,
    SendForm,
    WhereaboutsForm,
)
from .models import Channel, Contradiction, Notification, PoliceCheck, RequestForInformation, SignificantEvent


def _page(request: HttpRequest, case: Case, forms: list, title: str, submit: str, **extra: Any) -> HttpResponse:
    return form_page(request, case, forms, title, submit, tab="checks", **extra)


def _refuse_unless_sent(request: HttpRequest, obj: Any, detail_url: str) -> HttpResponse | None:
    """Answering or chasing needs a sent, unanswered request: say so instead of showing a form."""
    if obj.status == "draft":
        messages.error(request, "This has not been sent yet: record when it was sent before recording a chase or an answer.")
        return redirect(detail_url)
    if obj.status != "sent":
        messages.error(request, f"This has been {obj.get_status_display().lower()}: there is nothing more to record.")
        return redirect(detail_url)
    return None


@case_view()
def case_checks(request: HttpRequest, case: Case) -> HttpResponse:
    context = {"case": case, "tab": "checks", "tasks": tasks_for_cases([case])[case.pk], **selectors.case_checks(case)}
    return render(request, "checks/case_checks.html", context)


@case_view(change=True, perm="checks.add_checklist")
def checklist_new(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    overview = case_overview(case)
    form = ChecklistForm(
        request.POST or None,
        case=case,
        children=overview.children,
        adults=[link.adult for link in overview.adult_links],
        initial={"asked_on": clock.today(), "order": overview.current_order},
    )
    if request.method == "POST":
        saved = save_forms(
            [form],
            lambda: services.checklist_record(
                actor=request.user,
                case=case,
                stage=form.cleaned_data["stage"],
                asked_on=form.cleaned_data["asked_on"],
                order=form.cleaned_data["order"],
                answers=form.answers(),
                children=form.cleaned_data["children"],
                adults=form.cleaned_data["adults"],
            ),
        )
        if saved is not None:
            if saved.any_yes:
                messages.success(
                    request, "Checklist recorded. A yes answer means a check is required: prepare the requests for information."
                )
            else:
                messages.success(request, "Checklist recorded")
            return redirect("checks:index", pk=case.pk)
    return render(request, "checks/checklist_form.html", {"case": case, "form": form, "tab": "checks"})


@require_POST
@case_view(change=True, perm="checks.add_requestforinformation")
def requests_prepare(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    event = None
    if request.POST.get("event"):
        event = get_case_record(request, case, SignificantEvent.objects.all(), request.POST["event"])
    try:
        prepared = services.requests_prepare(actor=request.user, case=case, event=event)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("checks:index", pk=case.pk)
    names = ", ".join(str(r.local_authority) for r in prepared)
    messages.success(request, f"{len(prepared)} request{'s' if len(prepared) != 1 else ''} for information prepared: {names}")
    return redirect("checks:index", pk=case.pk)


def _request(request: HttpRequest, case: Case, request_id: int) -> RequestForInformation:
    return get_case_record(request, case, RequestForInformation.objects.select_related("local_authority"), request_id)


@case_view()
def request_detail(request: HttpRequest, case: Case, request_id: int) -> HttpResponse:
    rfi = _request(request, case, request_id)
    return render(
        request,
        "checks/request_detail.html",
        {
            **selectors.request_context(case, rfi),
            "tab": "checks",
            "task": next(iter(tasks_for_record(case, rfi)), None),
            "chases": rfi.chases.all(),
            "contradictions": rfi.contradictions.all(),
        },
    )


@case_view()
def request_print(request: HttpRequest, case: Case, request_id: int) -> HttpResponse:
    rfi = _request(request, case, request_id)
    return render(request, "checks/print/request.html", selectors.request_context(case, rfi))


@case_view()
def request_pdf(request: HttpRequest, case: Case, request_id: int) -> HttpResponse:
    rfi = _request(request, case, request_id)
    return pdf_response(
        "checks/print/request.html",
        selectors.request_context(case, rfi),
        f"request-for-information-{case.service_user.crn}-{rfi.local_authority.code}",
    )


def _detail_redirect(request: HttpRequest, case: Case, detail: str) -> HttpResponse:
    assert request.resolver_match is not None
    return redirect(detail, pk=case.pk, **{k: v for k, v in request.resolver_match.kwargs.items() if k != "pk"})


def _send_view(
    request: HttpRequest, case: Case, obj: Any, *, send: Callable[..., Any], title: str, detail: str, **initial: Any
) -> HttpResponse:
    form = SendForm(request.POST or None, initial={"sent_on": clock.today(), **initial})
    if request.method == "POST":
        if save_forms([form], lambda: send(**form.cleaned_data)) is not None:
            messages.success(request, f"Recorded as sent. {title}")
            return _detail_redirect(request, case, detail)
    return _page(request, case, [form], f"Record sending: {obj}", "Record as sent")


@case_view(change=True, perm="checks.change_requestforinformation")
def request_send(request: AuthenticatedRequest, case: Case, request_id: int) -> HttpResponse:
    rfi = _request(request, case, request_id)
    return _send_view(
        request,
        case,
        rfi,
        title="The reply is now being tracked.",
        detail="checks:request",
        send=lambda **v: services.request_send(actor=request.user, case=case, request=rfi, **v),
        recipient=rfi.local_authority.childrens_services_email,
    )


def _chase_view(request: HttpRequest, case: Case, obj: Any, chase: Callable[..., Any], detail: str) -> HttpResponse:
    form = ChaseForm(request.POST or None, methods=Channel.choices, initial={"chased_on": clock.today()})
    if request.method == "POST":
        if save_forms([form], lambda: chase(**form.cleaned_data)) is not None:
            messages.success(request, "Chase recorded")
            return _detail_redirect(request, case, detail)
    return _page(request, case, [form], f"Record a chase: {obj}", "Record chase")


@case_view(change=True, perm="checks.add_chase")
def request_chase(request: AuthenticatedRequest, case: Case, request_id: int) -> HttpResponse:
    rfi = _request(request, case, request_id)
    if refused := _refuse_unless_sent(request, rfi, reverse("checks:request", args=[case.pk, rfi.pk])):
        return refused
    return _chase_view(
        request, case, rfi, lambda **v: services.request_chase(actor=request.user, case=case, request=rfi, **v), "checks:request"
    )


@case_view(change=True, perm="checks.change_requestforinformation")
def request_answer(request: AuthenticatedRequest, case: Case, request_id: int) -> HttpResponse:
    rfi = _request(request, case, request_id)
    if refused := _refuse_unless_sent(request, rfi, reverse("checks:request", args=[case.pk, rfi.pk])):
        return refused
    rows = list(rfi.request_children.select_related("child"))
    form = RequestAnswerForm(request.POST or None, rows=rows, initial={"answered_on": clock.today()})
    if request.method == "POST":

        def save() -> RequestForInformation:
            data = form.cleaned_data
            return services.request_answer(
                actor=request.user,
                case=case,
                request=rfi,
                answered_on=data["answered_on"],
                service_user_known=data["service_user_known"],
                service_user_capacity=data["service_user_capacity"],
                children=form.children_answers(),
                notes=data["notes"],
            )

        if save_forms([form], save) is not None:
            messages.success(request, f"Answer from {rfi.local_authority} recorded")
            return redirect("checks:request", pk=case.pk, request_id=rfi.pk)
    return render(request, "checks/request_answer.html", {"case": case, "form": form, "request_obj": rfi, "tab": "checks"})


@require_POST
@case_view(change=True, perm="checks.change_requestforinformation")
def request_withdraw(request: AuthenticatedRequest, case: Case, request_id: int) -> HttpResponse:
    rfi = _request(request, case, request_id)
    try:
        services.request_withdraw(actor=request.user, case=case, request=rfi)
        messages.success(request, "Draft withdrawn")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("checks:index", pk=case.pk)


@case_view(change=True, perm="checks.add_policecheck")
def police_new(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    form = PoliceCheckForm(request.POST or None)
    if request.method == "POST":
        saved = save_forms([form], lambda: services.police_check_prepare(actor=request.user, case=case, **form.cleaned_data))
        if saved is not None:
            messages.success(request, f"{saved} prepared")
            return redirect("checks:police", pk=case.pk, check_id=saved.pk)
    return _page(
        request,
        case,
        [form],
        "Prepare a police check",
        "Prepare check",
        hint="Ask about domestic-abuse call-outs to the service user's addresses and any intelligence about children.",
    )


def _police(request: HttpRequest, case: Case, check_id: int) -> PoliceCheck:
    return get_case_record(request, case, PoliceCheck.objects.all(), check_id)


@case_view()
def police_detail(request: HttpRequest, case: Case, check_id: int) -> HttpResponse:
    check = _police(request, case, check_id)
    return render(
        request,
        "checks/police_detail.html",
        {
            "case": case,
            "check": check,
            "task": next(iter(tasks_for_record(case, check)), None),
            "chases": check.chases.all(),
            "tab": "checks",
        },
    )


@case_view(change=True, perm="checks.change_policecheck")
def police_send(request: AuthenticatedRequest, case: Case, check_id: int) -> HttpResponse:
    check = _police(request, case, check_id)
    return _send_view(
        request,
        case,
        check,
        title="The reply is now being tracked.",
        detail="checks:police",
        send=lambda **v: services.police_check_send(actor=request.user, case=case, check=check, **v),
    )


@case_view(change=True, perm="checks.add_chase")
def police_chase(request: AuthenticatedRequest, case: Case, check_id: int) -> HttpResponse:
    check = _police(request, case, check_id)
    if refused := _refuse_unless_sent(request, check, reverse("checks:police", args=[case.pk, check.pk])):
        return refused
    return _chase_view(
        request,
        case,
        check,
        lambda **v: services.police_check_chase(actor=request.user, case=case, check=check, **v),
        "checks:police",
    )


@case_view(change=True, perm="checks.change_policecheck")
def police_answer(request: AuthenticatedRequest, case: Case, check_id: int) -> HttpResponse:
    check = _police(request, case, check_id)
    if refused := _refuse_unless_sent(request, check, reverse("checks:police", args=[case.pk, check.pk])):
        return refused
    form = PoliceAnswerForm(request.POST or None, initial={"answered_on": clock.today()})
    if request.method == "POST":
        saved = save_forms(
            [form], lambda: services.police_check_answer(actor=request.user, case=case, check=check, **form.cleaned_data)
        )
        if saved is not None:
            messages.success(request, "Police answer recorded")
            return redirect("checks:police", pk=case.pk, check_id=check.pk)
    return _page(request, case, [form], f"Record the answer: {check}", "Record answer")


@case_view(change=True, perm="checks.add_notification")
def notification_new(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    children = case_overview(case).children
    initial = selectors.notification_defaults(
        children, kind=request.GET.get("kind", Notification.Kind.INVOLVEMENT), authority=request.GET.get("authority")
    )
    form = NotificationForm(request.POST or None, children=children, initial=initial)
    if request.method == "POST":
        saved = save_forms([form], lambda: services.notification_prepare(actor=request.user, case=case, **form.cleaned_data))
        if saved is not None:
            messages.success(request, f"{saved} prepared")
            return redirect("checks:notification", pk=case.pk, notification_id=saved.pk)
    return _page(request, case, [form], "Prepare a notification", "Prepare notification")


def _notification(request: HttpRequest, case: Case, notification_id: int) -> Notification:
    return get_case_record(request, case, Notification.objects.select_related("local_authority"), notification_id)


@case_view()
def notification_detail(request: HttpRequest, case: Case, notification_id: int) -> HttpResponse:
    notification = _notification(request, case, notification_id)
    context = {**selectors.notification_context(case, notification), "tab": "checks"}
    return render(request, "checks/notification_detail.html", context)


@case_view()
def notification_print(request: HttpRequest, case: Case, notification_id: int) -> HttpResponse:
    notification = _notification(request, case, notification_id)
    return render(request, "checks/print/notification.html", selectors.notification_context(case, notification))


@case_view()
def notification_pdf(request: HttpRequest, case: Case, notification_id: int) -> HttpResponse:
    notification = _notification(request, case, notification_id)
    return pdf_response(
        "checks/print/notification.html",
        selectors.notification_context(case, notification),
        f"notification-{case.service_user.crn}-{notification.local_authority.code}",
    )


@case_view(change=True, perm="checks.change_notification")
def notification_send(request: AuthenticatedRequest, case: Case, notification_id: int) -> HttpResponse:
    notification = _notification(request, case, notification_id)
    return _send_view(
        request,
        case,
        notification,
        title="The acknowledgement is now being tracked.",
        detail="checks:notification",
        send=lambda **v: services.notification_send(actor=request.user, case=case, notification=notification, **v),
        recipient=notification.recipient,
    )


@case_view(change=True, perm="checks.change_notification")
def notification_acknowledge(request: AuthenticatedRequest, case: Case, notification_id: int) -> HttpResponse:
    notification = _notification(request, case, notification_id)
    form = AcknowledgeForm(request.POST or None, initial={"acknowledged_on": clock.today()})
    if request.method == "POST":
        saved = save_forms(
            [form],
            lambda: services.notification_acknowledge(
                actor=request.user, case=case, notification=notification, **form.cleaned_data
            ),
        )
        if saved is not None:
            messages.success(request, "Acknowledgement recorded")
            return redirect("checks:notification", pk=case.pk, notification_id=notification.pk)
    return _page(request, case, [form], f"Record the acknowledgement: {notification}", "Record acknowledgement")


@case_view(change=True, perm="checks.add_significantevent")
def event_new(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    form = EventForm(request.POST or None, initial={"occurred_on": clock.today()})
    if request.method == "POST":
        if save_forms([form], lambda: services.event_record(actor=request.user, case=case, **form.cleaned_data)) is not None:
            messages.success(request, "Significant event recorded: a fresh check is due")
            return redirect("checks:index", pk=case.pk)
    return _page(
        request,
        case,
        [form],
        "Record a significant event",
        "Record event",
        hint="A new child in the household, a new partner, a change of address or a release calls for a fresh check.",
    )


@case_view(change=True, perm="checks.change_significantevent")
def event_no_check(request: AuthenticatedRequest, case: Case, event_id: int) -> HttpResponse:
    event = get_case_record(request, case, SignificantEvent.objects.all(), event_id)
    form = NoCheckForm(request.POST or None)
    if request.method == "POST":
        saved = save_forms(
            [form], lambda: services.event_resolve(actor=request.user, case=case, event=event, **form.cleaned_data)
        )
        if saved is not None:
            messages.success(request, "Recorded: no fresh check needed")
            return redirect("checks:index", pk=case.pk)
    return _page(request, case, [form], f"No fresh check after: {event}", "Save")


@case_view()
def contradiction_detail(request: AuthenticatedRequest, case: Case, contradiction_id: int) -> HttpResponse:
    contradiction = get_case_record(request, case, Contradiction.objects.all(), contradiction_id)
    form = ResolveForm(request.POST or None)
    if request.method == "POST":
        require_perm(request, "checks.change_contradiction", object_type="checks.Contradiction", object_id=contradiction_id)
        saved = save_forms(
            [form],
            lambda: services.contradiction_resolve(
                actor=request.user, case=case, contradiction=contradiction, **form.cleaned_data
            ),
        )
        if saved is not None:
            messages.success(request, "Resolution recorded")
            return redirect("checks:index", pk=case.pk)
    return render(
        request, "checks/contradiction.html", {"case": case, "contradiction": contradiction, "form": form, "tab": "checks"}
    )


@case_view(change=True)
def whereabouts(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    form = WhereaboutsForm(request.POST or None, initial={"since": case.whereabouts_unknown_since})
    if request.method == "POST":
        saved = save_forms([form], lambda: case_services.whereabouts_record(actor=request.user, case=case, **form.cleaned_data))
        if saved is not None:
            messages.success(request, "Whereabouts recorded")
            return redirect("checks:index", pk=case.pk)
    return _page(request, case, [form], "Whereabouts unknown", "Save")
