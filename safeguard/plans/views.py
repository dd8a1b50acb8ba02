"""Sentence-plan pages under a case: the Plan tab, an objective's page, and its question pages (add,
change, progress, review, end). Each objective is fetched through the case (`get_case_record`)."""

from functools import partial

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from safeguard.accounts.http import AuthenticatedRequest
from safeguard.cases.models import Case
from safeguard.cases.protection import child_protection
from safeguard.core import clock, registry
from safeguard.core.access import case_view, get_case_record
from safeguard.core.tasks import tasks_for_record
from safeguard.core.views import question_page
from safeguard.people.selectors import children_of

from . import selectors, services, wording
from .forms import EndForm, ObjectiveForm, ProgressForm, ReviewForm, objective_initial
from .models import Objective

MEETINGS_TAB = "meetings"


def _get(request: HttpRequest, case: Case, objective_id: int) -> Objective:
    return get_case_record(request, case, Objective.objects.all(), objective_id)


def _objective_url(case: Case, objective: Objective) -> str:
    return reverse("plans:objective", args=[case.pk, objective.pk])


def _plans_on_file_url(case: Case) -> str:
    """Where the risk-management plan's sharing is recorded: the meetings app's tab, when installed
    (ADR 0017; found through the registry, so this app does not depend on it)."""
    tab = next((t for t in registry.case_tabs() if t.key == MEETINGS_TAB), None)
    return reverse(tab.url_name, args=[case.pk]) + "#plans" if tab is not None else ""


@case_view("plans/", name="index")
def index(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    objectives = list(selectors.objectives_of(case))
    return render(
        request,
        "plans/index.html",
        {
            "case": case,
            "tab": "plans",
            "active": [o for o in objectives if o.active],
            "ended": [o for o in objectives if not o.active],
            "concerns": child_protection([case]).get(case.pk, []),
            "today": clock.today(),
            "plans_on_file_url": _plans_on_file_url(case),
            "good_example": wording.GOOD_EXAMPLE,
        },
    )


@case_view("plans/objectives/<int:objective_id>/", name="objective")
def objective(request: AuthenticatedRequest, case: Case, objective_id: int) -> HttpResponse:
    found = _get(request, case, objective_id)
    return render(
        request,
        "plans/objective.html",
        {
            "case": case,
            "tab": "plans",
            "objective": found,
            "progress": found.progress.select_related("created_by"),
            "steps": tasks_for_record(case, found),
            "today": clock.today(),
        },
    )


@case_view("plans/objectives/new/", name="objective_new", change=True, perm="plans.add_objective")
def objective_new(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    form = ObjectiveForm(request.POST or None, children=children_of(case.service_user))
    return question_page(
        request,
        case,
        [form],
        service=services.objective_add,
        title="Add a child-protection objective",
        submit="Add the objective",
        done="Child-protection objective added to the sentence plan",
        then=lambda saved: _objective_url(case, saved),
        template="plans/objective_form.html",
        good_example=wording.GOOD_EXAMPLE,
    )


@case_view("plans/objectives/<int:objective_id>/change/", name="objective_change", change=True, perm="plans.change_objective")
def objective_change(request: AuthenticatedRequest, case: Case, objective_id: int) -> HttpResponse:
    found = _get(request, case, objective_id)
    form = ObjectiveForm(request.POST or None, initial=objective_initial(found), children=children_of(case.service_user))
    return question_page(
        request,
        case,
        [form],
        service=partial(services.objective_change, objective=found),
        title="Change the child-protection objective",
        submit="Save the objective",
        done="Child-protection objective changed",
        then=_objective_url(case, found),
        template="plans/objective_form.html",
        good_example=wording.GOOD_EXAMPLE,
    )


@case_view("plans/objectives/<int:objective_id>/progress/", name="progress_new", change=True, perm="plans.add_progressentry")
def progress_new(request: AuthenticatedRequest, case: Case, objective_id: int) -> HttpResponse:
    found = _get(request, case, objective_id)
    return question_page(
        request,
        case,
        [ProgressForm(request.POST or None)],
        service=partial(services.progress_add, objective=found),
        title="Record progress on the objective",
        submit="Save the progress",
        done="Progress recorded",
        then=_objective_url(case, found),
        hint=str(found),
    )


@case_view("plans/objectives/<int:objective_id>/review/", name="objective_review", change=True, perm="plans.add_progressentry")
def objective_review(request: AuthenticatedRequest, case: Case, objective_id: int) -> HttpResponse:
    found = _get(request, case, objective_id)
    return question_page(
        request,
        case,
        [ReviewForm(request.POST or None)],
        service=partial(services.objective_review, objective=found),
        title="Review the child-protection objective",
        submit="Save the review",
        done="Objective reviewed",
        then=_objective_url(case, found),
        hint=str(found),
    )


@case_view("plans/objectives/<int:objective_id>/end/", name="objective_end", change=True, perm="plans.change_objective")
def objective_end(request: AuthenticatedRequest, case: Case, objective_id: int) -> HttpResponse:
    found = _get(request, case, objective_id)
    return question_page(
        request,
        case,
        [EndForm(request.POST or None)],
        service=partial(services.objective_end, objective=found),
        title="End the child-protection objective",
        submit="End the objective",
        done="Objective ended",
        then=_objective_url(case, found),
        hint=str(found),
    )
