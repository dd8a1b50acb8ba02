"""Meeting pages under a case: the Meetings tab, a meeting's page, and its question pages; each
meeting, and a case's upcoming meetings, as a calendar file; and the officer's own upcoming meetings."""

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from safeguard.accounts.http import AuthenticatedRequest
from safeguard.cases.models import Case
from safeguard.core import clock
from safeguard.core.access import case_view, get_case_record, require_perm
from safeguard.core.exports import as_attachment
from safeguard.core.pdf import pdf_response, print_context
from safeguard.core.tasks import tasks_for_record
from safeguard.core.views import button_action, paginate, question_page, safe_back
from safeguard.people.selectors import children_of

from . import calendar, selectors, services
from .forms import (
    ActionForm,
    AttendanceForm,
    DecisionForm,
    DoneForm,
    MeetingDetailsForm,
    MeetingForm,
    MinutesCheckForm,
    MinutesForm,
    PlanEndForm,
    ProtectionPlanForm,
    ReportEditForm,
    ReportForm,
    RiskPlanSharedForm,
)
from .models import Meeting, MeetingAction, ReportStatement, late_notice_days

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
    return as_attachment(response, filename)


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


@case_view("meetings/calendar.ics", name="calendar")
def case_calendar(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    """The case's upcoming meetings as a calendar file."""
    crn = case.service_user.crn
    meetings = selectors.upcoming_of_case(case, clock.today())
    return _calendar_download(request, meetings, name=f"Meetings on case {crn}", filename=calendar.filename("meetings", crn))


@case_view("meetings/new/", name="meeting_new", change=True, perm="meetings.add_meeting")
def meeting_new(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    form = MeetingForm(request.POST or None, case=case, children=children_of(case.service_user))
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
            "report": selectors.report_of(meeting),
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


@case_view("meetings/<int:meeting_id>/details/", name="meeting_details", change=True, perm="meetings.change_meeting")
def meeting_details(request: AuthenticatedRequest, case: Case, meeting_id: int) -> HttpResponse:
    meeting = _get(request, case, meeting_id)
    return question_page(
        request,
        case,
        [MeetingDetailsForm(request.POST or None, instance=meeting)],
        service=partial(services.meeting_details_update, meeting=meeting),
        title=f"Details: {meeting}",
        submit="Save details",
        done="Details of the meeting saved",
        then=reverse("meetings:meeting", args=[case.pk, meeting.pk]),
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
) -> Callable[..., HttpResponseBase]:
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
report_sent = _step(
    "report/sent/",
    "report_sent",
    form=ReportForm,
    service=services.report_submitted,
    title="Record the written report as sent",
    submit="Save",
    done="Written report recorded as sent",
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


def _report_url(case: Case, meeting: Meeting, page: str = "report") -> str:
    return reverse(f"meetings:{page}", args=[case.pk, meeting.pk])


@case_view("meetings/<int:meeting_id>/report/", name="report")
def report(request: AuthenticatedRequest, case: Case, meeting_id: int) -> HttpResponse:
    """The written report to a meeting: to draft when there is none, its statements by section of
    West Mercia Appendix 2, and what to do next (edit, print, record as sent)."""
    meeting = _get(request, case, meeting_id)
    found = selectors.report_of(meeting)
    sections = selectors.report_sections(found)
    unmarked = sum(1 for section in sections for s in section.statements if not s.basis)
    return render(
        request,
        "meetings/report.html",
        {
            "case": case,
            "tab": "meetings",
            "meeting": meeting,
            "report": found,
            "sections": sections,
            "unmarked": unmarked,
            "tasks": [task for task in tasks_for_record(case, meeting) if task.rule == "meetings.written_report"],
        },
    )


@require_POST
@case_view("meetings/<int:meeting_id>/report/draft/", name="report_draft", change=True, perm="meetings.add_writtenreport")
def report_draft(request: AuthenticatedRequest, case: Case, meeting_id: int) -> HttpResponse:
    meeting = _get(request, case, meeting_id)
    draft = partial(services.report_draft, actor=request.user, case=case, meeting=meeting)
    return button_action(
        request, draft, done="Report drafted from the case record", then=_report_url(case, meeting, "report_edit")
    )


@case_view("meetings/<int:meeting_id>/report/edit/", name="report_edit", change=True, perm="meetings.change_writtenreport")
def report_edit(request: AuthenticatedRequest, case: Case, meeting_id: int) -> HttpResponse:
    meeting = _get(request, case, meeting_id)
    found = selectors.report_of(meeting)
    if found is None or found.is_sent:
        messages.error(request, "The report was sent: it can no longer be changed" if found else "Draft the report first")
        return redirect(_report_url(case, meeting))
    form = ReportEditForm(request.POST or None, sections=selectors.report_sections(found))
    return question_page(
        request,
        case,
        [form],
        service=partial(services.report_edit, report=found),
        title=f"Written report to the {meeting}",
        submit="Save the report",
        done="Report saved",
        then=_report_url(case, meeting),
        template="meetings/report_form.html",
        meeting=meeting,
    )


@case_view(
    "meetings/report/statements/<int:statement_id>/remove/",
    name="statement_remove",
    change=True,
    perm="meetings.delete_reportstatement",
)
def statement_remove(request: AuthenticatedRequest, case: Case, statement_id: int) -> HttpResponse:
    """Asks, then takes a statement out of a report not yet sent."""
    statement = get_case_record(request, case, ReportStatement.objects.select_related("report__meeting"), statement_id)
    meeting = statement.report.meeting
    if request.method == "POST":
        remove = partial(services.statement_remove, actor=request.user, case=case, statement=statement)
        return button_action(request, remove, done="Statement removed", then=_report_url(case, meeting, "report_edit"))
    context = {"case": case, "tab": "meetings", "meeting": meeting, "statement": statement}
    return render(request, "meetings/statement_remove.html", context | {"cancel": _report_url(case, meeting, "report_edit")})


def _print_context(case: Case, meeting: Meeting) -> dict[str, Any]:
    found = selectors.report_of(meeting)
    if found is None:
        raise Http404("No written report")
    return print_context(case) | {
        "meeting": meeting,
        "children": list(meeting.children.all()),
        "report": found,
        "sections": selectors.report_sections(found),
    }


@case_view("meetings/<int:meeting_id>/report/print/", name="report_print")
def report_print(request: AuthenticatedRequest, case: Case, meeting_id: int) -> HttpResponse:
    meeting = _get(request, case, meeting_id)
    context = _print_context(case, meeting) | {"back_url": safe_back(request) or _report_url(case, meeting)}
    return render(request, "meetings/print/report.html", context)


@case_view("meetings/<int:meeting_id>/report/pdf/", name="report_pdf")
def report_pdf(request: AuthenticatedRequest, case: Case, meeting_id: int) -> HttpResponse:
    meeting = _get(request, case, meeting_id)
    filename = f"written-report-{case.service_user.crn}-{meeting.held_on:%Y-%m-%d}"
    return pdf_response("meetings/print/report.html", _print_context(case, meeting), filename)


@case_view("meetings/actions/<int:action_id>/done/", name="action_done", change=True, perm="meetings.change_meetingaction")
def action_done(request: AuthenticatedRequest, case: Case, action_id: int) -> HttpResponse:
    action = get_case_record(request, case, MeetingAction.objects.select_related("meeting"), action_id)
    return question_page(
        request,
        case,
        [DoneForm(request.POST or None)],
        service=partial(services.action_done, action=action),
        title=f"Outcome of the action: {action}",
        submit="Save",
        done=lambda a: (
            "Action recorded as done"
            if a.outcome == MeetingAction.Outcome.DONE
            else "Action recorded as not done, with the reason"
        ),
        then=reverse("meetings:meeting", args=[case.pk, action.meeting_id]),
    )
