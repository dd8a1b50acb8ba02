"""Every write for meetings: record one, its attendance, a conference's decision on a plan, the end
of the plan, the written report (drafted from the case, edited statement by statement, sent; required
when nobody from probation attended), the minutes received, and the actions agreed (added, then
done)."""

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from safeguard.accounts.models import User
from safeguard.cases.models import Case
from safeguard.core import clock
from safeguard.core.services import create_tracked, delete_tracked, update_tracked
from safeguard.core.validation import not_before, past_date, required_text
from safeguard.people import services as people
from safeguard.people.models import Child, CSCStatus
from safeguard.people.selectors import all_on_case

from . import report as drafting
from . import selectors
from .models import Meeting, MeetingAction, ProtectionPlan, ReportStatement, RiskPlanShared, WrittenReport


def _named(case: Case, children: Iterable[Child] | None, none_chosen: str) -> list[Child]:
    """The children chosen: at least one, and only children of this case."""
    chosen = list(children or [])
    if not chosen:
        raise ValidationError({"children": none_chosen})
    if not all_on_case(case, children=chosen):
        raise ValidationError({"children": "Only children linked to this case can be named"})
    return chosen


def _held(meeting: Meeting, what: str) -> None:
    if meeting.held_on > clock.today():
        raise ValidationError(f"The meeting is on {meeting.held_on:%-d %B %Y}: record {what} once it has been held")


@transaction.atomic
def meeting_record(
    *,
    actor: User,
    case: Case,
    kind: str,
    children: Iterable[Child],
    held_on: datetime.date | None,
    invited_on: datetime.date | None = None,
    **values: Any,
) -> Meeting:
    """Record a meeting (held or to come) and the invitation to it."""
    children = _named(case, children, "Choose the child or children the meeting is about")
    if held_on is None:
        raise ValidationError({"held_on": "Enter the date of the meeting"})
    past_date(invited_on, "invited_on", "The date the invitation was received", required=False)
    return create_tracked(
        Meeting,
        actor=actor,
        action="meeting.record",
        case=case,
        kind=kind,
        children=children,
        held_on=held_on,
        invited_on=invited_on,
        **values,
    )


@transaction.atomic
def meeting_details_update(*, actor: User, case: Case, meeting: Meeting, **values: Any) -> Meeting:
    """When and where the meeting is, and the invitation to it. A meeting with its attendance,
    decision or minutes on record has been held: it cannot move into the future."""
    held_on = values.get("held_on")
    if held_on is None:
        raise ValidationError({"held_on": "Enter the date of the meeting"})
    recorded = meeting.attendance or meeting.plan_made is not None or meeting.minutes_received_on or meeting.actions.exists()
    if recorded and held_on > clock.today():
        raise ValidationError({"held_on": "What happened at the meeting is on record: its date must be today or in the past"})
    past_date(values.get("invited_on"), "invited_on", "The date the invitation was received", required=False)
    return update_tracked(meeting, actor=actor, action="meeting.details", case=case, **values)


@transaction.atomic
def meeting_attendance(
    *,
    actor: User,
    case: Case,
    meeting: Meeting,
    attendance: str,
    attended_by: str = "",
    absence_reason: str = "",
    absence_agreed: bool | None = None,
) -> Meeting:
    """Who from probation attended, or why nobody did and whether the line manager agreed."""
    _held(meeting, "who attended")
    if not attendance:
        raise ValidationError({"attendance": "Select whether anyone from probation attended"})
    return update_tracked(
        meeting,
        actor=actor,
        action="meeting.attendance",
        case=case,
        attendance=attendance,
        attended_by=(attended_by or "").strip(),
        absence_reason=(absence_reason or "").strip(),
        absence_agreed=absence_agreed,
    )


@transaction.atomic
def meeting_decision(
    *,
    actor: User,
    case: Case,
    meeting: Meeting,
    plan_made: bool | None,
    plan_category: str = "",
    status_after: str = "",
) -> Meeting:
    """A conference's decision: whether the children are subject to a child-protection plan, and its
    category. A plan made puts each child on it (`people.services.status_add`) from the conference's
    date, unless the child is already on a plan of that category; the register's prompt follows. A
    review conference that makes no plan ends it: the children's status after it is what the
    conference decided (`status_after`, asked, never assumed)."""
    if not meeting.is_conference:
        raise ValidationError("Only a child-protection conference decides on a plan")
    _held(meeting, "its decision")
    if plan_made is None:
        raise ValidationError({"plan_made": "Select whether the children were made subject to a child-protection plan"})
    ends_plan = plan_made is False and meeting.kind == Meeting.Kind.REVIEW_CONFERENCE
    if ends_plan and not status_after:
        raise ValidationError({"status_after": "Select the children's social-care status now the plan has ended"})
    updated = update_tracked(
        meeting, actor=actor, action="meeting.decision", case=case, plan_made=plan_made, plan_category=plan_category
    )
    source = f"{meeting.get_kind_display()} of {meeting.held_on:%d/%m/%Y}"
    if plan_made:
        for child in meeting.children.all():
            current = child.statuses.filter(end_date__isnull=True).first()
            if current and current.status == CSCStatus.CHILD_PROTECTION_PLAN and current.category == plan_category:
                continue
            people.status_add(
                actor=actor,
                case=case,
                child=child,
                status=CSCStatus.CHILD_PROTECTION_PLAN,
                category=plan_category,
                start_date=meeting.held_on,
                source=source,
            )
    elif status_after:
        _status_after(actor=actor, case=case, meeting=meeting, status=status_after, on=meeting.held_on, source=source)
    return updated


def _status_after(*, actor: User, case: Case, meeting: Meeting, status: str, on: datetime.date, source: str) -> None:
    """Each child of the meeting still on a child-protection plan takes the status decided, from `on`."""
    if status == CSCStatus.CHILD_PROTECTION_PLAN:
        raise ValidationError({"status_after": "Select the status after the plan, not the plan itself"})
    for child in meeting.children.all():
        if child.csc_status == CSCStatus.CHILD_PROTECTION_PLAN:
            people.status_add(actor=actor, case=case, child=child, status=status, start_date=on, source=source)


@transaction.atomic
def plan_end(
    *, actor: User, case: Case, meeting: Meeting, plan_ended_on: datetime.date | None, status_after: str = ""
) -> Meeting:
    """The date the plan made or continued at this conference ended: the clock stops, and the
    children still on the plan take the status the officer records they now have."""
    past_date(plan_ended_on, "plan_ended_on", "The date the plan ended")
    not_before(plan_ended_on, meeting.held_on, "plan_ended_on", "The date the plan ended must be on or after the conference")
    if not status_after:
        raise ValidationError({"status_after": "Select the children's social-care status now the plan has ended"})
    updated = update_tracked(meeting, actor=actor, action="meeting.plan_end", case=case, plan_ended_on=plan_ended_on)
    source = f"End of the plan recorded on the {meeting}"
    _status_after(actor=actor, case=case, meeting=meeting, status=status_after, on=plan_ended_on, source=source)  # type: ignore[arg-type]
    return updated


@transaction.atomic
def report_submitted(*, actor: User, case: Case, meeting: Meeting, report_submitted_on: datetime.date | None) -> Meeting:
    """The written report sent to the meeting: only a report drafted here whose every statement says
    something and is marked fact, observation, allegation or opinion (West Mercia Appendix 2). From
    then on the report is what the meeting was told, and is not changed."""
    past_date(report_submitted_on, "report_submitted_on", "The date the report was sent")
    report = WrittenReport.objects.select_for_update().filter(meeting=meeting).first()
    if report is None:
        raise ValidationError("Draft the written report before you record it as sent")
    _not_sent(report)
    statements = list(report.statements.all())
    if not statements:
        raise ValidationError("The report has no statements: write it before you record it as sent")
    unmarked = [n for n, s in enumerate(_in_section_order(statements), 1) if not s.basis or not s.text.strip()]
    if unmarked:
        numbers = ", ".join(str(n) for n in unmarked)
        raise ValidationError(
            f"Mark every statement as a fact, an observation, an allegation or an opinion before you record the report "
            f"as sent: statement{'s' if len(unmarked) > 1 else ''} {numbers} {'are' if len(unmarked) > 1 else 'is'} not marked"
        )
    update_tracked(
        report,
        actor=actor,
        action="written_report.send",
        case=case,
        submitted_on=report_submitted_on,
        submitted_by=actor,
    )
    return update_tracked(meeting, actor=actor, action="meeting.report", case=case, report_submitted_on=report_submitted_on)


def _not_sent(report: WrittenReport) -> None:
    if report.submitted_on is not None:
        raise ValidationError(f"The report was sent on {report.submitted_on:%-d %B %Y}: it can no longer be changed")


def _in_section_order(statements: Iterable[ReportStatement]) -> list[ReportStatement]:
    sections = list(ReportStatement.Section.values)
    return sorted(statements, key=lambda s: (sections.index(s.section), s.order, s.pk))


@transaction.atomic
def report_draft(*, actor: User, case: Case, meeting: Meeting) -> WrittenReport:
    """A first draft of the written report, from what the case records (`meetings.report.draft`):
    every statement unmarked, the sections of judgement left for the officer."""
    if WrittenReport.objects.filter(meeting=meeting).exists():
        raise ValidationError("A written report to this meeting is already drafted")
    report = create_tracked(
        WrittenReport,
        actor=actor,
        action="written_report.draft",
        case=case,
        meeting=meeting,
        drafted_by=actor,
        drafted_at=clock.now(),
    )
    for order, drafted in enumerate(drafting.draft(selectors.report_facts(case, meeting)), 1):
        create_tracked(
            ReportStatement,
            actor=actor,
            action="report_statement.add",
            case=case,
            report=report,
            section=drafted.section,
            text=drafted.text,
            order=order,
        )
    return report


@transaction.atomic
def report_edit(
    *,
    actor: User,
    case: Case,
    report: WrittenReport,
    statements: Mapping[int, Mapping[str, str]],
    added: Mapping[str, Mapping[str, str]],
) -> WrittenReport:
    """The officer's changes to the report: each statement's text and its basis (`statements`, by
    id), and a new statement for any section (`added`, by section; one without text is none)."""
    _not_sent(report)
    existing = {s.pk: s for s in report.statements.all()}
    numbers = {s.pk: n for n, s in enumerate(_in_section_order(existing.values()), 1)}
    for pk, values in statements.items():
        statement = existing.get(pk)
        if statement is None:
            raise ValidationError("A statement of this report was removed meanwhile: check the report and try again")
        update_tracked(
            statement,
            actor=actor,
            action="report_statement.change",
            case=case,
            text=required_text(values.get("text"), f"text_{pk}", f"Enter statement {numbers[pk]}, or remove it"),
            basis=values.get("basis") or "",
        )
    last = max((s.order for s in existing.values()), default=0)
    for section, values in added.items():
        text = (values.get("text") or "").strip()
        if not text:
            continue
        last += 1
        create_tracked(
            ReportStatement,
            actor=actor,
            action="report_statement.add",
            case=case,
            report=report,
            section=section,
            text=text,
            basis=values.get("basis") or "",
            order=last,
        )
    return report


@transaction.atomic
def statement_remove(*, actor: User, case: Case, statement: ReportStatement) -> None:
    """A statement taken out of a report not yet sent."""
    _not_sent(statement.report)
    delete_tracked(statement, actor=actor, action="report_statement.remove", case=case)


@transaction.atomic
def minutes_received(*, actor: User, case: Case, meeting: Meeting, minutes_received_on: datetime.date | None) -> Meeting:
    """The minutes of the meeting received (to check for accuracy)."""
    past_date(minutes_received_on, "minutes_received_on", "The date the minutes were received")
    not_before(
        minutes_received_on,
        meeting.held_on,
        "minutes_received_on",
        "The date the minutes were received must be on or after the meeting",
    )
    return update_tracked(meeting, actor=actor, action="meeting.minutes", case=case, minutes_received_on=minutes_received_on)


@transaction.atomic
def minutes_checked(
    *,
    actor: User,
    case: Case,
    meeting: Meeting,
    minutes_checked_on: datetime.date | None,
    minutes_accurate: bool | None,
    minutes_correction: str = "",
) -> Meeting:
    """The minutes checked for accuracy (West Mercia 4.4), and the correction asked of the chair
    when they were not accurate."""
    if meeting.minutes_received_on is None:
        raise ValidationError("Record the date the minutes were received before checking them")
    past_date(minutes_checked_on, "minutes_checked_on", "The date the minutes were checked")
    if minutes_accurate is None:
        raise ValidationError({"minutes_accurate": "Select whether the minutes are accurate"})
    return update_tracked(
        meeting,
        actor=actor,
        action="meeting.minutes_checked",
        case=case,
        minutes_checked_on=minutes_checked_on,
        minutes_accurate=minutes_accurate,
        minutes_correction=(minutes_correction or "").strip(),
    )


@transaction.atomic
def protection_plan_add(
    *,
    actor: User,
    case: Case,
    children: Iterable[Child],
    made_on: datetime.date | None,
    category: str,
    received_on: datetime.date | None,
    probation_role: str,
) -> ProtectionPlan:
    """A copy of a child-protection plan put on the probation file, with probation's role in it."""
    children = _named(case, children, "Choose the child or children the plan covers")
    past_date(made_on, "made_on", "The date of the plan")
    past_date(received_on, "received_on", "The date the copy was received")
    return create_tracked(
        ProtectionPlan,
        actor=actor,
        action="protection_plan.add",
        case=case,
        children=children,
        made_on=made_on,
        category=category,
        received_on=received_on,
        probation_role=required_text(probation_role, "probation_role", "Enter probation's role in the plan"),
    )


@transaction.atomic
def risk_plan_shared(*, actor: User, case: Case, shared_on: datetime.date | None, shared_with: str) -> RiskPlanShared:
    """The probation risk-management plan shared with the social worker."""
    past_date(shared_on, "shared_on", "The date the plan was shared")
    return create_tracked(
        RiskPlanShared,
        actor=actor,
        action="risk_plan.shared",
        case=case,
        shared_on=shared_on,
        shared_with=required_text(shared_with, "shared_with", "Enter the social worker it was shared with"),
    )


@transaction.atomic
def action_add(
    *,
    actor: User,
    case: Case,
    meeting: Meeting,
    description: str,
    owner_agency: str,
    probation_owns: bool | None,
    due_on: datetime.date | None = None,
) -> MeetingAction:
    """An action agreed at the meeting."""
    _held(meeting, "its actions")
    if probation_owns is None:
        raise ValidationError({"probation_owns": "Select yes if probation owns the action"})
    not_before(due_on, meeting.held_on, "due_on", "The date due must be on or after the meeting")
    return create_tracked(
        MeetingAction,
        actor=actor,
        action="meeting_action.add",
        case=case,
        meeting=meeting,
        description=required_text(description, "description", "Enter the action"),
        owner_agency=required_text(owner_agency, "owner_agency", "Enter the agency that owns the action"),
        probation_owns=probation_owns,
        due_on=due_on,
    )


@transaction.atomic
def action_done(
    *,
    actor: User,
    case: Case,
    action: MeetingAction,
    done_on: datetime.date | None,
    outcome: str = MeetingAction.Outcome.DONE,
    not_done_reason: str = "",
) -> MeetingAction:
    """The action's outcome: done, or not done with the reason in writing (West Mercia 4.4: "actions
    agreed must be carried out as requested or reasons given in writing why they have not")."""
    if action.done_on is not None:
        raise ValidationError("This action's outcome is already recorded")
    if not outcome:
        raise ValidationError({"outcome": "Select whether the action was done"})
    past_date(done_on, "done_on", "The date")
    return update_tracked(
        action,
        actor=actor,
        action="meeting_action.done" if outcome == MeetingAction.Outcome.DONE else "meeting_action.not_done",
        case=case,
        done_on=done_on,
        outcome=outcome,
        not_done_reason=(not_done_reason or "").strip(),
    )
