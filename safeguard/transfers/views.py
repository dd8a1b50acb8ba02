"""Handover pages under a case: the list of the case's handovers, a handover (its summary, the new
holder's acknowledgement, who was told), the summary to print or download as a PDF, and recording
that another probation unit or the prison's co-ordinator was told."""

from functools import partial
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from safeguard.accounts.http import AuthenticatedRequest
from safeguard.cases.models import Case, KeyContact
from safeguard.core.access import case_view, get_case_record
from safeguard.core.pdf import pdf_response, print_context
from safeguard.core.tasks import tasks_for_record
from safeguard.core.views import button_action, question_page, safe_back

from . import selectors, services
from .forms import NoticeForm
from .models import Handover
from .tasks import TOLD_KINDS


def _get(request: AuthenticatedRequest, case: Case, handover_id: int) -> Handover:
    return get_case_record(request, case, selectors.handovers_of(case), handover_id)


def _url(case: Case, handover: Handover, name: str = "handover") -> str:
    return reverse(f"transfers:{name}", args=[case.pk, handover.pk])


@case_view("handovers/", name="index")
def index(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    handovers = list(selectors.handovers_of(case))
    return render(request, "transfers/index.html", {"case": case, "tab": "transfers", "handovers": handovers})


@case_view("handovers/<int:handover_id>/", name="handover")
def handover(request: AuthenticatedRequest, case: Case, handover_id: int) -> HttpResponse:
    found = _get(request, case, handover_id)
    current = selectors.is_current(found)
    notices = selectors.notices_of(found)
    context: dict[str, Any] = {
        "case": case,
        "tab": "transfers",
        "handover": found,
        "current": current,
        "notices": notices,
        "may_acknowledge": current and found.acknowledged_at is None and request.user.pk == found.to_holder_id,
        "tasks": tasks_for_record(case, found) if current else [],
    }
    return render(request, "transfers/handover.html", context)


@require_POST
@case_view("handovers/<int:handover_id>/acknowledge/", name="acknowledge")
def acknowledge(request: AuthenticatedRequest, case: Case, handover_id: int) -> HttpResponse:
    """The new case holder says they have read the handover; anyone else is told they cannot."""
    found = _get(request, case, handover_id)
    action = partial(services.handover_acknowledge, actor=request.user, case=case, handover=found)
    return button_action(request, action, done="Handover acknowledged", then=_url(case, found))


def _print_context(case: Case, found: Handover) -> dict[str, Any]:
    return print_context(case) | {"handover": found, "moved_at": timezone.localtime(found.created_at)}


@case_view("handovers/<int:handover_id>/print/", name="print")
def print_page(request: AuthenticatedRequest, case: Case, handover_id: int) -> HttpResponse:
    found = _get(request, case, handover_id)
    context = _print_context(case, found) | {"back_url": safe_back(request) or _url(case, found)}
    return render(request, "transfers/print/handover.html", context)


@case_view("handovers/<int:handover_id>/pdf/", name="pdf")
def pdf(request: AuthenticatedRequest, case: Case, handover_id: int) -> HttpResponse:
    found = _get(request, case, handover_id)
    filename = f"handover-{case.service_user.crn}-{found.moved_on:%Y-%m-%d}"
    return pdf_response("transfers/print/handover.html", _print_context(case, found), filename)


@case_view(
    "handovers/<int:handover_id>/told/<int:contact_id>/",
    name="notice",
    change=True,
    perm="transfers.add_handovernotice",
)
def notice(request: AuthenticatedRequest, case: Case, handover_id: int, contact_id: int) -> HttpResponse:
    found = _get(request, case, handover_id)
    contact = get_case_record(request, case, KeyContact.objects.filter(kind__in=TOLD_KINDS), contact_id)
    return question_page(
        request,
        case,
        [NoticeForm(request.POST or None)],
        service=partial(services.notice_record, handover=found, key_contact=contact),
        title=f"Tell {contact.described} the case has moved to {found.to_holder}",
        submit="Save",
        done=f"Recorded that {contact.described} was told",
        then=_url(case, found),
    )
