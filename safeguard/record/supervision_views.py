"""A supervision covering several cases (West Mercia 5.6: child-protection cases regularly discussed in
supervision; HMIP 2002 72-74: the decision recorded).

Step 1 (a GET form): the line manager chooses the officer and the date. Step 2: each of that officer's
open cases the manager supervises, to tick when discussed, with the decision, the guidance and whether
it is restricted; saving writes one `ManagerDecision` (discussed in supervision) on each case ticked,
all in one transaction or, on any error, none and the errors shown.

Only cases the manager may see (`cases.access.visible_cases`) and manages are offered
(`selectors.supervised_cases`); the page names the cases it was sent for, and a case id among them that
is not one of those offered is refused like a case outside the user's scope: logged, nothing saved,
the "restricted or does not exist" page."""

import datetime

from django.contrib import messages
from django.db import IntegrityError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from safeguard.accounts.http import AuthenticatedRequest
from safeguard.accounts.models import User
from safeguard.cases.models import Case
from safeguard.core import clock, deadlines, submissions
from safeguard.core.access import refuse, require_perm
from safeguard.core.exceptions import RecordNotFound
from safeguard.core.forms import GovukForm
from safeguard.core.views import save_forms

from . import selectors, services
from .forms import SupervisionCaseForm, SupervisionChoiceForm
from .models import ManagerDecision
from .tasks import DEADLINE, discussion_tasks

CASES = "cases"  # the field naming each case the page was sent for


def _refuse_strays(request: AuthenticatedRequest, offered: list[Case]) -> None:
    """Refuse (logged, `RecordNotFound`) a form sent for a case that is not one of those offered."""
    ids = {str(case.pk) for case in offered}
    for value in request.POST.getlist(CASES):
        if value not in ids:
            refuse(
                request,
                object_type="cases.Case",
                object_id=value,
                reason="not an open case of the chosen officer's that this manager supervises",
            )
            raise RecordNotFound("case not found or restricted")


def _save(
    request: AuthenticatedRequest, officer: User, decided_on: datetime.date, forms: list[SupervisionCaseForm], page: GovukForm
) -> HttpResponse | None:
    """Save every case ticked in one transaction and go back to step 1 saying so; or None, nothing
    saved and the errors on the forms."""
    then = reverse("record:supervision")

    def save() -> list[ManagerDecision]:
        discussed = [(form.case, form.answers()) for form in forms if form.ticked]
        return services.supervision_record(actor=request.user, officer=officer, decided_on=decided_on, discussed=discussed)

    try:
        saved = save_forms([page, *forms], submissions.once(request, save, then))
    except IntegrityError:  # the same form sent twice at the same moment: the other send saved it
        repeated = submissions.already_saved(request)
        if repeated is None:
            page.add_error(None, "This was not saved: something saved at the same moment conflicts with it. Try again")
        return repeated
    if saved is None:
        return None
    cases = f"{len(saved)} case{'s' if len(saved) != 1 else ''}"
    messages.success(request, f"Supervision with {officer} on {decided_on:%-d %B %Y} recorded on {cases}")
    return redirect(then)


def supervision(request: AuthenticatedRequest) -> HttpResponse:
    """Record a supervision of one officer: the cases discussed, with a decision on each."""
    require_perm(request, "record.record_decision", object_type="record.ManagerDecision", object_id="supervision")
    choice = SupervisionChoiceForm(request.GET or None, officers=selectors.supervised_officers(request.user))
    if not (choice.is_bound and choice.is_valid()):
        return render(request, "record/supervision.html", {"choice_form": choice, "title": "Record a supervision"})
    officer: User = choice.cleaned_data["officer"]
    decided_on: datetime.date = choice.cleaned_data["decided_on"]
    offered = list(
        selectors.supervised_cases(request.user)
        .filter(case_holder=officer)
        .select_related("service_user", "team__area")
        .order_by("service_user__last_name_key", "service_user__first_name_key", "pk")
    )
    posting = request.method == "POST"
    if posting:
        repeated = submissions.already_saved(request)
        if repeated is not None:
            return repeated
        _refuse_strays(request, offered)
    data = request.POST if posting else None
    page = GovukForm(data)
    forms = [SupervisionCaseForm(data, case=case) for case in offered]
    if posting:
        done = _save(request, officer, decided_on, forms, page)
        if done is not None:
            return done
    due = deadlines.due_by_case([DEADLINE])
    overdue = {task.case.pk: task.fact for task in discussion_tasks({case.pk: case for case in offered}, due, clock.today())}
    return render(
        request,
        "record/supervision.html",
        {
            "title": f"Supervision with {officer} on {decided_on:%-d %B %Y}",
            "choice_form": choice,
            "officer": officer,
            "decided_on": decided_on,
            "page_form": page,
            "forms": forms,
            "rows": [(form, overdue.get(form.case.pk, "")) for form in forms],
            "submission": submissions.token_for(request),
            "query": request.GET.urlencode(),
        },
    )
