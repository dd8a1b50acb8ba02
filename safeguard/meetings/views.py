"""Meeting pages under a case: the Meetings tab, a meeting's page, and its question pages; each
meeting, and a case's upcoming meetings, as a calendar file; and the officer's own upcoming meetings."""

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from safeguard.accounts.http import AuthenticatedRequest
from safeguard.cases.models import Case
from safeguard.core import clock
from safeguard.core.access import case_view, get_case_record, require_perm
from safeguard.core.tasks import tasks_for_record
from safeguard.core.views import paginate, question_page
from safeguard.people.selectors import children_of

from . import calendar, selectors, services
from .forms import ActionForm, AttendanceForm, DecisionForm, DoneForm, MeetingForm, MinutesForm, PlanEndForm, ReportForm
from .models import Meeting, MeetingAction

# The officer's upcoming meetings, a page at a time.
MY_MEETINGS_PAGE_SIZE = 25


def _get(request: HttpRequest, case: Case, meeting_id: int) -> Meeting:
    return get_case_record(request, case, Meeting.objects.all(), meeting_id)


def _calendar_download(request: HttpRequest, meetings: Iterable[Meeting], *, name: str, filename: str) -> HttpResponse:
    """The meetings as an .ics attachment, each event linking to its meeting's page on this site."""

    def link(meeting: Meeting) -> str:
        return request.build_absolute_uri(reverse("meetings:meeting", args=[meeting.case_id, meeting.pk]))

    found = calendar.meetings_calendar(meetings, link=link, stamp=clock.now(), name=name)
    response = HttpResponse(found.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@case_view("meetings/", name="index")
def index(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    meetings = selectors.meetings_of(case)
    return render(
        request,
        "meetings/index.html",
        {
            "case": case,
            "tab": "meetings",
            "meetings": meetings,
            "expected": selectors.expected(case, meetings),
            "today": clock.today(),
        },
    )


@case_view("meetings/calendar.ics", name="calendar")
def case_calendar(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    """The case's upcoming meetings as a calendar file."""
    crn = case.service_user.crn
    meetings = selectors.upcoming_of_case(case, clock.today())
    return _calendar_download(request, meetings, name=f"Meetings on case {crn}", filename=calendar.filename("meetings", crn))


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


@case_view("meetings/<int:meeting_id>/calendar.ics", name="meeting_calendar")
def meeting_calendar(request: AuthenticatedRequest, case: Case, meeting_id: int) -> HttpResponse:
    """One meeting as a calendar file."""
    meeting = get_case_record(request, case, Meeting.objects.select_related("case__service_user"), meeting_id)
    return _calendar_download(
        request,
        [meeting],
        name=calendar.summary(meeting),
        filename=calendar.filename("meeting", case.service_user.crn, meeting.held_on.isoformat()),
    )


def my_meetings(request: AuthenticatedRequest) -> HttpResponse:
    """The upcoming meetings of the cases the officer holds, with the download of them all."""
    require_perm(request, "meetings.view_meeting", object_type="meetings.Meeting", object_id="")
    page, query = paginate(request, selectors.upcoming_for_holder(request.user, clock.today()), MY_MEETINGS_PAGE_SIZE)
    return render(request, "meetings/my_meetings.html", {"page": page, "query": query})


def my_calendar(request: AuthenticatedRequest) -> HttpResponse:
    """The upcoming meetings of the cases the officer holds as one calendar file."""
    require_perm(request, "meetings.view_meeting", object_type="meetings.Meeting", object_id="")
    meetings = selectors.upcoming_for_holder(request.user, clock.today())
    return _calendar_download(request, meetings, name="Your meetings in Safeguard", filename="my-meetings.ics")


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
