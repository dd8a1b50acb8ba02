"""Meeting pages under a case: the Meetings tab, a meeting's page, and its question pages."""

from collections.abc import Callable
from functools import partial
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from safeguard.accounts.http import AuthenticatedRequest
from safeguard.cases.models import Case
from safeguard.core import clock
from safeguard.core.access import case_view, get_case_record
from safeguard.core.tasks import tasks_for_record
from safeguard.core.views import question_page
from safeguard.people.selectors import children_of

from . import selectors, services
from .forms import (
    ActionForm,
    AttendanceForm,
    DecisionForm,
    DoneForm,
    MeetingForm,
    MinutesCheckForm,
    MinutesForm,
    PlanEndForm,
    ProtectionPlanForm,
    ReportForm,
    RiskPlanSharedForm,
)
from .models import Meeting, MeetingAction, late_notice_days


def _get(request: HttpRequest, case: Case, meeting_id: int) -> Meeting:
    return get_case_record(request, case, Meeting.objects.all(), meeting_id)


@case_view("meetings/", name="index")
def index(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    meetings = selectors.meetings_of(case)
    late, dated = selectors.late_invitations(meetings)
    return render(
        request,
        "meetings/index.html",
        {
            "case": case,
            "tab": "meetings",
            "meetings": meetings,
            "expected": selectors.expected(case, meetings),
            "today": clock.today(),
            "late_invitations": late,
            "dated_invitations": dated,
            "late_notice_days": late_notice_days(),
            **selectors.plans_on_file(case),
        },
    )


@case_view("meetings/plans/new/", name="protection_plan_new", change=True, perm="meetings.add_protectionplan")
def protection_plan_new(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    form = ProtectionPlanForm(request.POST or None, children=children_of(case.service_user))
    return question_page(
        request,
        case,
        [form],
        service=services.protection_plan_add,
        title="Put a child-protection plan on file",
        submit="Save the plan",
        done="Child-protection plan on file",
        then=reverse("meetings:index", args=[case.pk]) + "#plans",
    )


@case_view("meetings/risk-plan-shared/", name="risk_plan_shared", change=True, perm="meetings.add_riskplanshared")
def risk_plan_shared(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    return question_page(
        request,
        case,
        [RiskPlanSharedForm(request.POST or None)],
        service=services.risk_plan_shared,
        title="Risk-management plan shared with the social worker",
        submit="Save",
        done="Sharing of the risk-management plan recorded",
        then=reverse("meetings:index", args=[case.pk]) + "#plans",
    )


@case_view("meetings/new/", name="meeting_new", change=True, perm="meetings.add_meeting")
def meeting_new(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    form = MeetingForm(request.POST or None, children=children_of(case.service_user))
    return question_page(
        request,
        case,
        [form],
        service=services.meeting_record,
        title="Record a meeting",
        submit="Record meeting",
        done="Meeting recorded",
        then=lambda meeting: reverse("meetings:meeting", args=[case.pk, meeting.pk]),
    )


@case_view("meetings/<int:meeting_id>/", name="meeting")
def meeting_detail(request: AuthenticatedRequest, case: Case, meeting_id: int) -> HttpResponse:
    meeting = _get(request, case, meeting_id)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "case": case,
            "tab": "meetings",
            "meeting": meeting,
            "children": meeting.children.all(),
            "actions": meeting.actions.all(),
            "tasks": tasks_for_record(case, meeting),
            "held": meeting.held_on <= clock.today(),
            "core_assessment_due": selectors.core_assessment_due(case, meeting),
        },
    )


def _step(
    route: str,
    name: str,
    *,
    form: Callable[[Any], forms.BaseForm],
    service: Callable[..., object],
    title: str,
    submit: str,
    done: str,
) -> Callable[..., HttpResponse]:
    """A page for one step on a meeting: its form, then the service with the form's answers, then
    back to the meeting."""

    @case_view(f"meetings/<int:meeting_id>/{route}", name=name, change=True, perm="meetings.change_meeting")
    def step(request: AuthenticatedRequest, case: Case, meeting_id: int) -> HttpResponse:
        meeting = _get(request, case, meeting_id)
        return question_page(
            request,
            case,
            [form(request.POST or None)],
            service=partial(service, meeting=meeting),
            title=f"{title}: {meeting}",
            submit=submit,
            done=done,
            then=reverse("meetings:meeting", args=[case.pk, meeting.pk]),
        )

    return step


attendance = _step(
    "attendance/",
    "attendance",
    form=AttendanceForm,
    service=services.meeting_attendance,
    title="Attendance",
    submit="Save attendance",
    done="Attendance recorded",
)
decision = _step(
    "decision/",
    "decision",
    form=DecisionForm,
    service=services.meeting_decision,
    title="Decision on a child-protection plan",
    submit="Save decision",
    done="Decision recorded",
)
plan_end = _step(
    "plan-end/",
    "plan_end",
    form=PlanEndForm,
    service=services.plan_end,
    title="End of the child-protection plan",
    submit="Save",
    done="End of the plan recorded",
)
report = _step(
    "report/",
    "report",
    form=ReportForm,
    service=services.report_submitted,
    title="Written report",
    submit="Save",
    done="Written report recorded",
)
minutes = _step(
    "minutes/",
    "minutes",
    form=MinutesForm,
    service=services.minutes_received,
    title="Minutes received",
    submit="Save",
    done="Minutes recorded",
)
minutes_check = _step(
    "minutes/check/",
    "minutes_check",
    form=MinutesCheckForm,
    service=services.minutes_checked,
    title="Minutes checked for accuracy",
    submit="Save",
    done="Check of the minutes recorded",
)
action_new = _step(
    "actions/new/",
    "action_new",
    form=ActionForm,
    service=services.action_add,
    title="Action agreed",
    submit="Record action",
    done="Action recorded",
)


@case_view("meetings/actions/<int:action_id>/done/", name="action_done", change=True, perm="meetings.change_meetingaction")
def action_done(request: AuthenticatedRequest, case: Case, action_id: int) -> HttpResponse:
    action = get_case_record(request, case, MeetingAction.objects.select_related("meeting"), action_id)
    return question_page(
        request,
        case,
        [DoneForm(request.POST or None)],
        service=partial(services.action_done, action=action),
        title=f"Action done: {action}",
        submit="Save",
        done="Action recorded as done",
        then=reverse("meetings:meeting", args=[case.pk, action.meeting_id]),
    )
