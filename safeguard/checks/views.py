"""Checks pages under a case: the task list, checklist, requests, police checks, notifications,
significant events, contradictions and whereabouts. Views parse, call a service or selector, render."""

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from safeguard.accounts.http import AuthenticatedRequest
from safeguard.cases import services as case_services
from safeguard.cases.forms import ChaseForm
from safeguard.cases.models import Case
from safeguard.cases.selectors import case_overview
from safeguard.core.access import case_view, get_case_record, require_perm
from safeguard.core.pdf import pdf_response
from safeguard.core.tasks import next_step, tasks_for_cases, tasks_for_record
from safeguard.core.views import button_action, question_page, safe_back
from safeguard.people.selectors import children_of

from . import facts, forms, selectors, services
from .models import Channel, Contradiction, Notification, PoliceCheck, RequestForInformation, SignificantEvent


def _tab(case: Case) -> str:
    return reverse("checks:index", args=[case.pk])


def _url(name: str, case: Case, record: Any) -> str:
    return reverse(f"checks:{name}", args=[case.pk, record.pk])


def _refuse_unless_sent(request: HttpRequest, obj: Any, detail_url: str) -> HttpResponse | None:
    """Answering or chasing needs a sent, unanswered request: say so instead of showing a form."""
    if obj.status == "draft":
        messages.error(request, "This has not been sent yet: record when it was sent before recording a chase or an answer.")
        return redirect(detail_url)
    if obj.status != "sent":
        messages.error(request, f"This has been {obj.get_status_display().lower()}: there is nothing more to record.")
        return redirect(detail_url)
    return None


@case_view("checks/", name="index")
def case_checks(request: HttpRequest, case: Case) -> HttpResponse:
    tasks = tasks_for_cases([case])[case.pk]
    context = {"case": case, "tab": "checks", "tasks": tasks, "next_task": next_step(tasks), **selectors.case_checks(case)}
    return render(request, "checks/case_checks.html", context)


@case_view("checks/checklist/new/", name="checklist_new", change=True, perm="checks.add_checklist")
def checklist_new(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    overview = case_overview(case)
    form = forms.ChecklistForm(
        request.POST or None,
        case=case,
        children=overview.children,
        adults=[link.adult for link in overview.adult_links],
        initial={"order": overview.current_order},
    )
    return question_page(
        request,
        case,
        [form],
        service=services.checklist_record,
        title="Safeguarding children checklist",
        submit="Save checklist",
        done=lambda checklist: (
            "Checklist recorded"
            + (". A yes answer means a check is required: prepare the requests for information." if checklist.any_yes else "")
        ),
        template="checks/checklist_form.html",
    )


@require_http_methods(["GET", "POST"])
@case_view("checks/requests/prepare/", name="requests_prepare", change=True, perm="checks.add_requestforinformation")
def requests_prepare(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    """GET: what will be prepared, and the button (where the "prepare requests" tasks lead); POST: prepare."""
    data = request.POST if request.method == "POST" else request.GET
    event = None
    if data.get("event"):
        event = get_case_record(request, case, SignificantEvent.objects.all(), data["event"])
    if request.method == "GET":
        context = {"case": case, "tab": "checks", "event": event, "cancel": _tab(case)}
        return render(request, "checks/requests_prepare.html", context)
    try:
        prepared = services.requests_prepare(actor=request.user, case=case, event=event)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_tab(case))
    names = ", ".join(str(r.local_authority) for r in prepared)
    messages.success(request, f"{len(prepared)} request{'s' if len(prepared) != 1 else ''} for information prepared: {names}")
    return redirect(_tab(case))


def _request(request: HttpRequest, case: Case, request_id: int) -> RequestForInformation:
    return get_case_record(request, case, RequestForInformation.objects.select_related("local_authority"), request_id)


@case_view("checks/requests/<int:request_id>/", name="request")
def request_detail(request: HttpRequest, case: Case, request_id: int) -> HttpResponse:
    rfi = _request(request, case, request_id)
    context = selectors.request_context(case, rfi) | {
        "tab": "checks",
        "task": next(iter(tasks_for_record(case, rfi)), None),
        "chases": rfi.chases.all(),
        "contradictions": rfi.contradictions.all(),
    }
    return render(request, "checks/request_detail.html", context)


@case_view("checks/requests/<int:request_id>/print/", name="request_print")
def request_print(request: HttpRequest, case: Case, request_id: int) -> HttpResponse:
    rfi = _request(request, case, request_id)
    back = safe_back(request) or _url("request", case, rfi)
    return render(request, "checks/print/request.html", selectors.request_context(case, rfi) | {"back_url": back})


@case_view("checks/requests/<int:request_id>/pdf/", name="request_pdf")
def request_pdf(request: HttpRequest, case: Case, request_id: int) -> HttpResponse:
    rfi = _request(request, case, request_id)
    filename = f"request-for-information-{case.service_user.crn}-{rfi.local_authority.code}"
    return pdf_response("checks/print/request.html", selectors.request_context(case, rfi), filename)


def _send_page(
    request: HttpRequest, case: Case, record: Any, send: Callable[..., Any], *, tracked: str, then: str, **initial: Any
) -> HttpResponse:
    """Record that a draft was sent (when, how, to whom): its clock starts."""
    form = forms.SendForm(request.POST or None, initial=initial)
    return question_page(
        request,
        case,
        [form],
        lambda: send(**form.cleaned_data),
        title=f"Record sending: {record}",
        submit="Record as sent",
        done=f"Recorded as sent. The {tracked} is now being tracked.",
        then=then,
    )


def _chase_page(request: HttpRequest, case: Case, record: Any, chase: Callable[..., Any], then: str) -> HttpResponse:
    """Record a chase of a sent request that has no answer yet."""
    if refused := _refuse_unless_sent(request, record, then):
        return refused
    form = ChaseForm(request.POST or None, case=case, methods=Channel.choices)
    return question_page(
        request,
        case,
        [form],
        lambda: chase(**form.cleaned_data),
        title=f"Record a chase: {record}",
        submit="Record chase",
        done="Chase recorded",
        then=then,
    )


@case_view("checks/requests/<int:request_id>/send/", name="request_send", change=True, perm="checks.change_requestforinformation")
def request_send(request: AuthenticatedRequest, case: Case, request_id: int) -> HttpResponse:
    rfi = _request(request, case, request_id)
    return _send_page(
        request,
        case,
        rfi,
        partial(services.request_send, actor=request.user, case=case, request=rfi),
        tracked="reply",
        then=_url("request", case, rfi),
        recipient=rfi.local_authority.childrens_services_email,
    )


@case_view("checks/requests/<int:request_id>/chase/", name="request_chase", change=True, perm="checks.add_chase")
def request_chase(request: AuthenticatedRequest, case: Case, request_id: int) -> HttpResponse:
    rfi = _request(request, case, request_id)
    chase = partial(services.request_chase, actor=request.user, case=case, request=rfi)
    return _chase_page(request, case, rfi, chase, _url("request", case, rfi))


@case_view(
    "checks/requests/<int:request_id>/answer/", name="request_answer", change=True, perm="checks.change_requestforinformation"
)
def request_answer(request: AuthenticatedRequest, case: Case, request_id: int) -> HttpResponse:
    rfi = _request(request, case, request_id)
    if refused := _refuse_unless_sent(request, rfi, _url("request", case, rfi)):
        return refused
    rows = list(rfi.request_children.select_related("child"))
    form = forms.RequestAnswerForm(request.POST or None, rows=rows)
    return question_page(
        request,
        case,
        [form],
        service=partial(services.request_answer, request=rfi),
        title="Record the answer",
        submit="Save answer",
        done=lambda answered: " ".join(
            [f"Answer from {rfi.local_authority} recorded.", *selectors.what_the_answer_changed(answered)]
        ),
        then=_url("request", case, rfi),
        template="checks/request_answer.html",
        request_obj=rfi,
    )


@require_POST
@case_view(
    "checks/requests/<int:request_id>/withdraw/", name="request_withdraw", change=True, perm="checks.change_requestforinformation"
)
def request_withdraw(request: AuthenticatedRequest, case: Case, request_id: int) -> HttpResponse:
    rfi = _request(request, case, request_id)
    withdraw = partial(services.request_withdraw, actor=request.user, case=case, request=rfi)
    return button_action(request, withdraw, done="Draft withdrawn", then=_tab(case))


@case_view("checks/police/new/", name="police_new", change=True, perm="checks.add_policecheck")
def police_new(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    form = forms.PoliceCheckForm(request.POST or None)
    return question_page(
        request,
        case,
        [form],
        service=services.police_check_prepare,
        title="Prepare a police check",
        submit="Prepare check",
        done=lambda check: f"{check} prepared",
        then=lambda check: _url("police", case, check),
        hint="Ask about domestic-abuse call-outs to the service user's addresses and any intelligence about children.",
    )


def _police(request: HttpRequest, case: Case, check_id: int) -> PoliceCheck:
    return get_case_record(request, case, PoliceCheck.objects.all(), check_id)


@case_view("checks/police/<int:check_id>/", name="police")
def police_detail(request: HttpRequest, case: Case, check_id: int) -> HttpResponse:
    check = _police(request, case, check_id)
    task = next(iter(tasks_for_record(case, check)), None)
    context = {"case": case, "check": check, "task": task, "chases": check.chases.all(), "tab": "checks"}
    return render(request, "checks/police_detail.html", context)


@case_view("checks/police/<int:check_id>/send/", name="police_send", change=True, perm="checks.change_policecheck")
def police_send(request: AuthenticatedRequest, case: Case, check_id: int) -> HttpResponse:
    check = _police(request, case, check_id)
    send = partial(services.police_check_send, actor=request.user, case=case, check=check)
    return _send_page(request, case, check, send, tracked="reply", then=_url("police", case, check))


@case_view("checks/police/<int:check_id>/chase/", name="police_chase", change=True, perm="checks.add_chase")
def police_chase(request: AuthenticatedRequest, case: Case, check_id: int) -> HttpResponse:
    check = _police(request, case, check_id)
    chase = partial(services.police_check_chase, actor=request.user, case=case, check=check)
    return _chase_page(request, case, check, chase, _url("police", case, check))


@case_view("checks/police/<int:check_id>/answer/", name="police_answer", change=True, perm="checks.change_policecheck")
def police_answer(request: AuthenticatedRequest, case: Case, check_id: int) -> HttpResponse:
    check = _police(request, case, check_id)
    if refused := _refuse_unless_sent(request, check, _url("police", case, check)):
        return refused
    form = forms.PoliceAnswerForm(request.POST or None)
    return question_page(
        request,
        case,
        [form],
        service=partial(services.police_check_answer, check=check),
        title=f"Record the answer: {check}",
        submit="Record answer",
        done="Police answer recorded",
        then=_url("police", case, check),
    )


@case_view("checks/notifications/new/", name="notification_new", change=True, perm="checks.add_notification")
def notification_new(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    children = children_of(case.service_user)
    kind, authority = request.GET.get("kind", ""), request.GET.get("authority")
    initial = selectors.notification_defaults(children, kind=kind, authority=authority)
    form = forms.NotificationForm(request.POST or None, children=children, initial=initial)
    return question_page(
        request,
        case,
        [form],
        service=services.notification_prepare,
        title="Prepare a notification",
        submit="Prepare notification",
        done=lambda notification: f"{notification} prepared",
        then=lambda notification: _url("notification", case, notification),
    )


def _notification(request: HttpRequest, case: Case, notification_id: int) -> Notification:
    return get_case_record(request, case, Notification.objects.select_related("local_authority"), notification_id)


@case_view("checks/notifications/<int:notification_id>/", name="notification")
def notification_detail(request: HttpRequest, case: Case, notification_id: int) -> HttpResponse:
    notification = _notification(request, case, notification_id)
    context = {**selectors.notification_context(case, notification), "tab": "checks"}
    return render(request, "checks/notification_detail.html", context)


@case_view("checks/notifications/<int:notification_id>/print/", name="notification_print")
def notification_print(request: HttpRequest, case: Case, notification_id: int) -> HttpResponse:
    notification = _notification(request, case, notification_id)
    context = selectors.notification_context(case, notification)
    back = safe_back(request) or _url("notification", case, notification)
    return render(request, "checks/print/notification.html", context | {"back_url": back})


@case_view("checks/notifications/<int:notification_id>/pdf/", name="notification_pdf")
def notification_pdf(request: HttpRequest, case: Case, notification_id: int) -> HttpResponse:
    notification = _notification(request, case, notification_id)
    filename = f"notification-{case.service_user.crn}-{notification.local_authority.code}"
    return pdf_response("checks/print/notification.html", selectors.notification_context(case, notification), filename)


@case_view(
    "checks/notifications/<int:notification_id>/send/", name="notification_send", change=True, perm="checks.change_notification"
)
def notification_send(request: AuthenticatedRequest, case: Case, notification_id: int) -> HttpResponse:
    notification = _notification(request, case, notification_id)
    return _send_page(
        request,
        case,
        notification,
        partial(services.notification_send, actor=request.user, case=case, notification=notification),
        tracked="acknowledgement",
        then=_url("notification", case, notification),
        recipient=notification.recipient,
    )


@case_view(
    "checks/notifications/<int:notification_id>/acknowledge/",
    name="notification_acknowledge",
    change=True,
    perm="checks.change_notification",
)
def notification_acknowledge(request: AuthenticatedRequest, case: Case, notification_id: int) -> HttpResponse:
    notification = _notification(request, case, notification_id)
    form = forms.AcknowledgeForm(request.POST or None)
    return question_page(
        request,
        case,
        [form],
        service=partial(services.notification_acknowledge, notification=notification),
        title=f"Record the acknowledgement: {notification}",
        submit="Record acknowledgement",
        done="Acknowledgement recorded",
        then=_url("notification", case, notification),
    )


@case_view("checks/events/new/", name="event_new", change=True, perm="checks.add_significantevent")
def event_new(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    form = forms.EventForm(request.POST or None)
    return question_page(
        request,
        case,
        [form],
        service=services.event_record,
        title="Record a significant event",
        submit="Record event",
        done="Significant event recorded: a fresh check is due",
        hint="A new child in the household, a new partner, a change of address or a release calls for a fresh check.",
    )


@case_view("checks/events/<int:event_id>/no-check/", name="event_no_check", change=True, perm="checks.change_significantevent")
def event_no_check(request: AuthenticatedRequest, case: Case, event_id: int) -> HttpResponse:
    event = get_case_record(request, case, SignificantEvent.objects.all(), event_id)
    form = forms.NoCheckForm(request.POST or None)
    return question_page(
        request,
        case,
        [form],
        service=partial(services.event_resolve, event=event),
        title=f"No fresh check after: {event}",
        submit="Save",
        done="Recorded: no fresh check needed",
    )


@case_view("checks/contradictions/<int:contradiction_id>/", name="contradiction")
def contradiction_detail(request: AuthenticatedRequest, case: Case, contradiction_id: int) -> HttpResponse:
    contradiction = get_case_record(request, case, Contradiction.objects.all(), contradiction_id)
    if request.method == "POST":
        require_perm(request, "checks.change_contradiction", object_type="checks.Contradiction", object_id=contradiction_id)
    row = selectors.answered_status(contradiction) if contradiction.resolved_on is None else None
    outcomes = (
        [
            ("answer", f"The council's answer: make {row.child}'s status \"{row.get_status_display().lower()}\""),
            ("record", f'What was recorded: keep "{row.child.get_csc_status_display().lower()}"'),
        ]
        if row is not None
        else None
    )
    form = forms.ResolveForm(request.POST or None, outcomes=outcomes)

    def done(resolved: Contradiction) -> str:
        if resolved.outcome == "answer" and row is not None:
            return f"Resolution recorded. {row.child}'s status is now {row.get_status_display().lower()}"
        return "Resolution recorded"

    return question_page(
        request,
        case,
        [form],
        service=partial(services.contradiction_resolve, contradiction=contradiction),
        title="Difference between what the service user said and a check",
        submit="Record resolution",
        done=done,
        template="checks/contradiction.html",
        contradiction=contradiction,
    )


def _finding(request: AuthenticatedRequest, case: Case, prefixes: tuple[str, ...]) -> Any:
    """The fact named by `?key=` on this case, or the not-found page when the facts no longer raise it."""
    key = request.GET.get("key", "")
    found = facts.finding(case, key) if key.startswith(prefixes) else None
    if found is None:
        raise Http404("No such difference or decision on this case")
    return found


@case_view("checks/differences/", name="difference", change=True, perm="checks.add_contradiction")
def difference(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    """A difference worked out from the facts on file: record how it was resolved."""
    found = _finding(request, case, ("checklist:",))
    form = forms.ResolveForm(request.POST or None)
    return question_page(
        request,
        case,
        [form],
        service=partial(services.difference_resolve, key=found.key),
        title="Difference between what the service user said and what is on file",
        submit="Record resolution",
        done="Resolution recorded",
        template="checks/contradiction.html",
        contradiction={"description": found.text},
    )


@case_view("checks/decisions/", name="decision", change=True, perm="checks.add_decision")
def decision(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    """A fact that calls for the officer's decision (a referral, the domestic-abuse marker)."""
    found = _finding(request, case, ("police:", "request:", "marker:"))
    form = forms.DecisionForm(request.POST or None, choices=facts.decision_choices(found.key), reason_needed=facts.REASON_NEEDED)

    def then(made: Any) -> str:
        if made.choice == made.Choice.REFER:
            return reverse("referrals:referral_new", args=[case.pk])
        return _tab(case)

    return question_page(
        request,
        case,
        [form],
        service=partial(services.decision_record, key=found.key),
        title="Decide what to do" if not found.key.startswith("marker:") else "Decide on the domestic-abuse marker",
        submit="Record decision",
        done=lambda made: "Decision recorded" + (": now make the referral" if made.choice == made.Choice.REFER else ""),
        then=then,
        template="checks/decision.html",
        finding=found,
    )


@case_view("checks/whereabouts/", name="whereabouts", change=True)
def whereabouts(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    form = forms.WhereaboutsForm(request.POST or None, initial={"since": case.whereabouts_unknown_since})
    return question_page(
        request,
        case,
        [form],
        lambda: case_services.whereabouts_record(actor=request.user, case=case, **form.cleaned_data),
        title="Whereabouts unknown",
        submit="Save",
        done="Whereabouts recorded",
    )
