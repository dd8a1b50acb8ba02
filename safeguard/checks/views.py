"""Checks pages under a case: the task list, checklist, requests, police checks, notifications."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from safeguard.cases.access import CaseNotFound, get_case_for_user, refuse, require_perm
from safeguard.cases.selectors import case_overview
from safeguard.core import clock
from safeguard.core.tasks import tasks_for_cases
from safeguard.core.views import save_forms
from safeguard.people.models import AdultLink, ChildLink

from . import services
from .forms import (
    AcknowledgeForm,
    ChaseForm,
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
from .models import Contradiction, Notification, PoliceCheck, RequestForInformation, SignificantEvent, Trigger
from .pdf import pdf_response


def _page(request, case, forms, title, submit, **extra):
    return render(
        request,
        "cases/form_page.html",
        {"case": case, "forms": forms, "title": title, "submit": submit, "tab": "checks", **extra},
    )


def _refuse_unless_sent(request, obj, detail_url: str):
    """Answering or chasing needs a sent, unanswered request: say so instead of showing a form."""
    if obj.status == "draft":
        messages.error(request, "This has not been sent yet: record when it was sent before recording a chase or an answer.")
        return redirect(detail_url)
    if obj.status != "sent":
        messages.error(request, f"This has been {obj.get_status_display().lower()}: there is nothing more to record.")
        return redirect(detail_url)
    return None


def _get(request, case, model, object_id):
    """A record of this case, or the same refusal as for a case the user may not see."""
    found = model.objects.filter(case=case, pk=object_id).first()
    if found is None:
        refuse(request, object_type=model._meta.label, object_id=object_id, reason=f"not on case {case.pk}")
        raise CaseNotFound("record not found or restricted")
    return found


def case_checks(request, pk: int):
    case = get_case_for_user(request, pk)
    tasks = tasks_for_cases([case])[case.pk]
    return render(
        request,
        "checks/case_checks.html",
        {
            "case": case,
            "tab": "checks",
            "tasks": tasks,
            "checklists": case.checklists.prefetch_related("children", "adults"),
            "requests": case.requests_for_information.select_related("local_authority").prefetch_related("children"),
            "police_checks": case.police_checks.all(),
            "notifications": case.notifications.select_related("local_authority").prefetch_related("children"),
            "events": case.significant_events.all(),
            "contradictions": case.contradictions.select_related("child"),
            "referrals": case.referrals.select_related("local_authority").prefetch_related("children"),
        },
    )


def checklist_new(request, pk: int):
    case = get_case_for_user(request, pk, for_change=True)
    require_perm(request, "checks.add_checklist", object_type="checks.Checklist", object_id="new")
    overview = case_overview(case)
    adults = [link.adult for link in overview.adult_links]
    form = ChecklistForm(
        request.POST or None,
        case=case,
        children=overview.children,
        adults=adults,
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
            return redirect("cases:checks", pk=case.pk)
    return render(request, "checks/checklist_form.html", {"case": case, "form": form, "tab": "checks"})


@require_POST
def requests_prepare(request, pk: int):
    case = get_case_for_user(request, pk, for_change=True)
    require_perm(request, "checks.add_requestforinformation", object_type="checks.RequestForInformation", object_id="new")
    event = None
    if request.POST.get("event"):
        event = _get(request, case, SignificantEvent, request.POST["event"])
    checklist = case.checklists.order_by("-asked_on", "-pk").first()
    trigger = Trigger.SIGNIFICANT_EVENT if event else (Trigger.CHECKLIST if checklist and checklist.any_yes else Trigger.OFFICER)
    try:
        prepared = services.requests_prepare(actor=request.user, case=case, trigger=trigger, checklist=checklist, event=event)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("cases:checks", pk=case.pk)
    names = ", ".join(str(r.local_authority) for r in prepared)
    messages.success(request, f"{len(prepared)} request{'s' if len(prepared) != 1 else ''} for information prepared: {names}")
    return redirect("cases:checks", pk=case.pk)


def _request_context(case, rfi) -> dict:
    person = case.service_user
    links = {link.child_id: link for link in ChildLink.objects.filter(service_user=person)}
    rows = list(rfi.request_children.select_related("child", "child__address").order_by("child__date_of_birth"))
    for row in rows:
        row.link = links.get(row.child_id)
    return _print_context(case) | {
        "request": rfi,
        "rows": rows,
        "adults": list(AdultLink.objects.filter(service_user=person, lives_with=True).select_related("adult")),
        "aliases": list(person.aliases.all()),
        "addresses": list(person.addresses.filter(end_date__isnull=True).select_related("address__local_authority")),
    }


def _print_context(case) -> dict:
    from django.conf import settings

    officer = case.case_holder
    return {
        "case": case,
        "person": case.service_user,
        "officer": officer,
        "officer_email": getattr(officer, "email", "") or "",
        "team": case.team,
        "area": case.team.area,
        "service_name": settings.SAFEGUARD["SERVICE_NAME"],
        "today": clock.today(),
    }


def request_detail(request, pk: int, request_id: int):
    case = get_case_for_user(request, pk)
    rfi = _get(request, case, RequestForInformation, request_id)
    task = next((t for t in tasks_for_cases([case])[case.pk] if t.url.endswith(f"/requests/{rfi.pk}/")), None)
    return render(
        request,
        "checks/request_detail.html",
        {
            **_request_context(case, rfi),
            "tab": "checks",
            "task": task,
            "chases": rfi.chases.all(),
            "contradictions": rfi.contradictions.all(),
        },
    )


def request_print(request, pk: int, request_id: int):
    case = get_case_for_user(request, pk)
    rfi = _get(request, case, RequestForInformation, request_id)
    return render(request, "checks/print/request.html", _request_context(case, rfi))


def request_pdf(request, pk: int, request_id: int):
    case = get_case_for_user(request, pk)
    rfi = _get(request, case, RequestForInformation, request_id)
    return pdf_response(
        "checks/print/request.html",
        _request_context(case, rfi),
        f"request-for-information-{case.service_user.crn}-{rfi.local_authority.code}",
    )


def _send_view(request, case, obj, *, send, title: str, detail: str, **initial):
    form = SendForm(request.POST or None, initial={"sent_on": clock.today(), **initial})
    if request.method == "POST":
        if save_forms([form], lambda: send(**form.cleaned_data)) is not None:
            messages.success(request, f"Recorded as sent. {title}")
            return redirect(detail, pk=case.pk, **{k: v for k, v in request.resolver_match.kwargs.items() if k != "pk"})
    return _page(request, case, [form], f"Record sending: {obj}", "Record as sent")


def request_send(request, pk: int, request_id: int):
    case = get_case_for_user(request, pk, for_change=True)
    require_perm(request, "checks.change_requestforinformation", object_type="checks.RequestForInformation", object_id=request_id)
    rfi = _get(request, case, RequestForInformation, request_id)
    return _send_view(
        request,
        case,
        rfi,
        title="The reply is now being tracked.",
        detail="cases:request",
        send=lambda **v: services.request_send(actor=request.user, case=case, request=rfi, **v),
        recipient=rfi.local_authority.childrens_services_email,
    )


def _chase_view(request, case, obj, chase, detail: str):
    form = ChaseForm(request.POST or None, initial={"chased_on": clock.today()})
    if request.method == "POST":
        if save_forms([form], lambda: chase(**form.cleaned_data)) is not None:
            messages.success(request, "Chase recorded")
            return redirect(detail, pk=case.pk, **{k: v for k, v in request.resolver_match.kwargs.items() if k != "pk"})
    return _page(request, case, [form], f"Record a chase: {obj}", "Record chase")


def request_chase(request, pk: int, request_id: int):
    case = get_case_for_user(request, pk, for_change=True)
    require_perm(request, "checks.add_chase", object_type="checks.Chase", object_id="new")
    rfi = _get(request, case, RequestForInformation, request_id)
    if refused := _refuse_unless_sent(request, rfi, reverse("cases:request", args=[case.pk, rfi.pk])):
        return refused
    return _chase_view(
        request, case, rfi, lambda **v: services.request_chase(actor=request.user, case=case, request=rfi, **v), "cases:request"
    )


def request_answer(request, pk: int, request_id: int):
    case = get_case_for_user(request, pk, for_change=True)
    require_perm(request, "checks.change_requestforinformation", object_type="checks.RequestForInformation", object_id=request_id)
    rfi = _get(request, case, RequestForInformation, request_id)
    if refused := _refuse_unless_sent(request, rfi, reverse("cases:request", args=[case.pk, rfi.pk])):
        return refused
    rows = list(rfi.request_children.select_related("child"))
    form = RequestAnswerForm(request.POST or None, rows=rows, initial={"answered_on": clock.today()})
    if request.method == "POST":

        def save():
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
            return redirect("cases:request", pk=case.pk, request_id=rfi.pk)
    return render(request, "checks/request_answer.html", {"case": case, "form": form, "request_obj": rfi, "tab": "checks"})


@require_POST
def request_withdraw(request, pk: int, request_id: int):
    case = get_case_for_user(request, pk, for_change=True)
    require_perm(request, "checks.change_requestforinformation", object_type="checks.RequestForInformation", object_id=request_id)
    rfi = _get(request, case, RequestForInformation, request_id)
    try:
        services.request_withdraw(actor=request.user, case=case, request=rfi)
        messages.success(request, "Draft withdrawn")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("cases:checks", pk=case.pk)


def police_new(request, pk: int):
    case = get_case_for_user(request, pk, for_change=True)
    require_perm(request, "checks.add_policecheck", object_type="checks.PoliceCheck", object_id="new")
    form = PoliceCheckForm(request.POST or None)
    if request.method == "POST":
        trigger = Trigger.DOMESTIC_ABUSE if case.service_user.domestic_abuse else Trigger.OFFICER
        saved = save_forms(
            [form], lambda: services.police_check_prepare(actor=request.user, case=case, trigger=trigger, **form.cleaned_data)
        )
        if saved is not None:
            messages.success(request, f"{saved} prepared")
            return redirect("cases:police", pk=case.pk, check_id=saved.pk)
    return _page(
        request,
        case,
        [form],
        "Prepare a police check",
        "Prepare check",
        hint="Ask about domestic-abuse call-outs to the service user's addresses and any intelligence about children.",
    )


def police_detail(request, pk: int, check_id: int):
    case = get_case_for_user(request, pk)
    check = _get(request, case, PoliceCheck, check_id)
    task = next((t for t in tasks_for_cases([case])[case.pk] if t.url.endswith(f"/police/{check.pk}/")), None)
    return render(
        request,
        "checks/police_detail.html",
        {"case": case, "check": check, "task": task, "chases": check.chases.all(), "tab": "checks"},
    )


def police_send(request, pk: int, check_id: int):
    case = get_case_for_user(request, pk, for_change=True)
    require_perm(request, "checks.change_policecheck", object_type="checks.PoliceCheck", object_id=check_id)
    check = _get(request, case, PoliceCheck, check_id)
    return _send_view(
        request,
        case,
        check,
        title="The reply is now being tracked.",
        detail="cases:police",
        send=lambda **v: services.police_check_send(actor=request.user, case=case, check=check, **v),
    )


def police_chase(request, pk: int, check_id: int):
    case = get_case_for_user(request, pk, for_change=True)
    require_perm(request, "checks.add_chase", object_type="checks.Chase", object_id="new")
    check = _get(request, case, PoliceCheck, check_id)
    if refused := _refuse_unless_sent(request, check, reverse("cases:police", args=[case.pk, check.pk])):
        return refused
    return _chase_view(
        request,
        case,
        check,
        lambda **v: services.police_check_chase(actor=request.user, case=case, check=check, **v),
        "cases:police",
    )


def police_answer(request, pk: int, check_id: int):
    case = get_case_for_user(request, pk, for_change=True)
    require_perm(request, "checks.change_policecheck", object_type="checks.PoliceCheck", object_id=check_id)
    check = _get(request, case, PoliceCheck, check_id)
    if refused := _refuse_unless_sent(request, check, reverse("cases:police", args=[case.pk, check.pk])):
        return refused
    form = PoliceAnswerForm(request.POST or None, initial={"answered_on": clock.today()})
    if request.method == "POST":
        if (
            save_forms(
                [form], lambda: services.police_check_answer(actor=request.user, case=case, check=check, **form.cleaned_data)
            )
            is not None
        ):
            messages.success(request, "Police answer recorded")
            return redirect("cases:police", pk=case.pk, check_id=check.pk)
    return _page(request, case, [form], f"Record the answer: {check}", "Record answer")


def notification_new(request, pk: int):
    case = get_case_for_user(request, pk, for_change=True)
    require_perm(request, "checks.add_notification", object_type="checks.Notification", object_id="new")
    overview = case_overview(case)
    kind = request.GET.get("kind", Notification.Kind.INVOLVEMENT)
    authority = request.GET.get("authority")
    known = [c for c in overview.children if c.csc_status not in ("not_known", "closed")]
    initial = {
        "kind": kind if kind in Notification.Kind.values else Notification.Kind.INVOLVEMENT,
        "local_authority": authority,
        "children": [
            c.pk
            for c in known
            if authority and c.responsible_local_authority and str(c.responsible_local_authority.pk) == authority
        ],
    }
    form = NotificationForm(request.POST or None, children=overview.children, initial=initial)
    if request.method == "POST":
        saved = save_forms([form], lambda: services.notification_prepare(actor=request.user, case=case, **form.cleaned_data))
        if saved is not None:
            messages.success(request, f"{saved} prepared")
            return redirect("cases:notification", pk=case.pk, notification_id=saved.pk)
    return _page(request, case, [form], "Prepare a notification", "Prepare notification")


def _notification_context(case, notification) -> dict:
    links = {link.child_id: link for link in ChildLink.objects.filter(service_user=case.service_user)}
    rows = []
    for child in notification.children.select_related("address").order_by("date_of_birth"):
        rows.append(type("Row", (), {"child": child, "link": links.get(child.pk)})())
    home = case.service_user.addresses.filter(end_date__isnull=True).select_related("address").first()
    return _print_context(case) | {
        "notification": notification,
        "rows": rows,
        "risk_to_children": case.service_user.risk_to_unspecified_children
        or any(r.link and r.link.risk_role == "poses_risk" for r in rows),
        "order": case.orders.filter(ended_on__isnull=True).first(),
        "person_address": str(home.address) if home else None,
        "whereabouts_unknown_since": case.whereabouts_unknown_since,
    }


def notification_detail(request, pk: int, notification_id: int):
    case = get_case_for_user(request, pk)
    notification = _get(request, case, Notification, notification_id)
    return render(request, "checks/notification_detail.html", {**_notification_context(case, notification), "tab": "checks"})


def notification_print(request, pk: int, notification_id: int):
    case = get_case_for_user(request, pk)
    notification = _get(request, case, Notification, notification_id)
    return render(request, "checks/print/notification.html", _notification_context(case, notification))


def notification_pdf(request, pk: int, notification_id: int):
    case = get_case_for_user(request, pk)
    notification = _get(request, case, Notification, notification_id)
    return pdf_response(
        "checks/print/notification.html",
        _notification_context(case, notification),
        f"notification-{case.service_user.crn}-{notification.local_authority.code}",
    )


def notification_send(request, pk: int, notification_id: int):
    case = get_case_for_user(request, pk, for_change=True)
    require_perm(request, "checks.change_notification", object_type="checks.Notification", object_id=notification_id)
    notification = _get(request, case, Notification, notification_id)
    return _send_view(
        request,
        case,
        notification,
        title="The acknowledgement is now being tracked.",
        detail="cases:notification",
        send=lambda **v: services.notification_send(actor=request.user, case=case, notification=notification, **v),
        recipient=notification.recipient,
    )


def notification_acknowledge(request, pk: int, notification_id: int):
    case = get_case_for_user(request, pk, for_change=True)
    require_perm(request, "checks.change_notification", object_type="checks.Notification", object_id=notification_id)
    notification = _get(request, case, Notification, notification_id)
    form = AcknowledgeForm(request.POST or None, initial={"acknowledged_on": clock.today()})
    if request.method == "POST":
        if (
            save_forms(
                [form],
                lambda: services.notification_acknowledge(
                    actor=request.user, case=case, notification=notification, **form.cleaned_data
                ),
            )
            is not None
        ):
            messages.success(request, "Acknowledgement recorded")
            return redirect("cases:notification", pk=case.pk, notification_id=notification.pk)
    return _page(request, case, [form], f"Record the acknowledgement: {notification}", "Record acknowledgement")


def event_new(request, pk: int):
    case = get_case_for_user(request, pk, for_change=True)
    require_perm(request, "checks.add_significantevent", object_type="checks.SignificantEvent", object_id="new")
    form = EventForm(request.POST or None, initial={"occurred_on": clock.today()})
    if request.method == "POST":
        if save_forms([form], lambda: services.event_record(actor=request.user, case=case, **form.cleaned_data)) is not None:
            messages.success(request, "Significant event recorded: a fresh check is due")
            return redirect("cases:checks", pk=case.pk)
    return _page(
        request,
        case,
        [form],
        "Record a significant event",
        "Record event",
        hint="A new child in the household, a new partner, a change of address or a release calls for a fresh check.",
    )


def event_no_check(request, pk: int, event_id: int):
    case = get_case_for_user(request, pk, for_change=True)
    require_perm(request, "checks.change_significantevent", object_type="checks.SignificantEvent", object_id=event_id)
    event = _get(request, case, SignificantEvent, event_id)
    form = NoCheckForm(request.POST or None)
    if request.method == "POST":
        if (
            save_forms([form], lambda: services.event_resolve(actor=request.user, case=case, event=event, **form.cleaned_data))
            is not None
        ):
            messages.success(request, "Recorded: no fresh check needed")
            return redirect("cases:checks", pk=case.pk)
    return _page(request, case, [form], f"No fresh check after: {event}", "Save")


def contradiction_detail(request, pk: int, contradiction_id: int):
    case = get_case_for_user(request, pk)
    contradiction = _get(request, case, Contradiction, contradiction_id)
    form = ResolveForm(request.POST or None)
    if request.method == "POST":
        require_perm(request, "checks.change_contradiction", object_type="checks.Contradiction", object_id=contradiction_id)
        if (
            save_forms(
                [form],
                lambda: services.contradiction_resolve(
                    actor=request.user, case=case, contradiction=contradiction, **form.cleaned_data
                ),
            )
            is not None
        ):
            messages.success(request, "Resolution recorded")
            return redirect("cases:checks", pk=case.pk)
    return render(
        request, "checks/contradiction.html", {"case": case, "contradiction": contradiction, "form": form, "tab": "checks"}
    )


def whereabouts(request, pk: int):
    case = get_case_for_user(request, pk, for_change=True)
    form = WhereaboutsForm(request.POST or None, initial={"since": case.whereabouts_unknown_since})
    if request.method == "POST":
        if (
            save_forms([form], lambda: services.whereabouts_unknown(actor=request.user, case=case, **form.cleaned_data))
            is not None
        ):
            messages.success(request, "Whereabouts recorded")
            return redirect("cases:checks", pk=case.pk)
    return _page(request, case, [form], "Whereabouts unknown", "Save")
