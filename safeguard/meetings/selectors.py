"""Reads for the meetings pages, steps and flags, each in a fixed number of queries."""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.db.models import F, Prefetch, QuerySet

from safeguard.cases.access import visible_cases
from safeguard.cases.models import Case
from safeguard.core import deadlines
from safeguard.core.tasks import Due
from safeguard.people.models import AdultChildLink, AdultLink, Child, ChildLink, CSCStatus, SocialCareStatus

from . import clock, report
from .models import Meeting, ProtectionPlan, ReportStatement, RiskPlanShared, WrittenReport

CLOCK_RULES = ("core_assessment", "first_core_group", "first_review_conference", "review_conference")


def meetings_of(case: Any) -> list[Meeting]:
    """The case's meetings, latest first, with their children (two queries)."""
    found: QuerySet[Meeting] = Meeting.objects.filter(case=case).prefetch_related("children")
    return list(found)


def due_for_cases() -> Due:
    """`due(rule, start, case)` with the clock's rules loaded in one query."""
    return deadlines.due_by_case(CLOCK_RULES)


def due_for(case: Any) -> clock.DueOn:
    """`due(rule, start)` for the case's nation (one query)."""
    return partial(on_case, due_for_cases(), case)


def expected(case: Any, meetings: list[Meeting]) -> list[clock.Expected]:
    return clock.expected(meetings, due_for(case)) if clock.latest_plan(meetings) else []


def core_assessment_due(case: Any, meeting: Meeting) -> datetime.date | None:
    return clock.core_assessment_due(meeting, due_for(case)) if meeting.kind == Meeting.Kind.STRATEGY else None


def meetings_by_case(case_ids: Iterable[int]) -> dict[int, list[Meeting]]:
    """Each case's meetings, oldest first (one query)."""
    found: dict[int, list[Meeting]] = defaultdict(list)
    for meeting in Meeting.objects.filter(case_id__in=list(case_ids)).order_by("held_on", "pk"):
        found[meeting.case_id].append(meeting)
    return found


def on_case(due: Due, case: Any, rule: str, start: datetime.date) -> datetime.date:
    return due(rule, start, case)


def no_invitation(cases: Sequence[Any], today: datetime.date) -> dict[int, list[clock.Expected]]:
    """The meetings each case's plan clock expected before `today` with none on record (two
    queries; none more for cases without meetings)."""
    by_case = meetings_by_case(case.pk for case in cases)
    if not any(clock.latest_plan(meetings) for meetings in by_case.values()):
        return {}
    due = due_for_cases()
    found: dict[int, list[clock.Expected]] = {}
    for case in cases:
        late = [step for step in clock.outstanding(by_case.get(case.pk, []), partial(on_case, due, case)) if step.due_on < today]
        if late:
            found[case.pk] = late
    return found


@dataclass
class PlanGaps:
    """What a case linked to children on child-protection plans lacks on file: the children whose
    plan has no copy on file (with the date their plan began), and whether the risk-management plan
    has been shared since the first of the plans began."""

    since: datetime.date
    children_without_plan: list[tuple[Child, datetime.date]] = field(default_factory=list)
    risk_plan_shared: bool = False

    @property
    def any(self) -> bool:
        return bool(self.children_without_plan) or not self.risk_plan_shared


def plan_gaps(cases: Sequence[Any]) -> dict[int, PlanGaps]:
    """For each case linked to a child on a child-protection plan: the plans and the sharing not on
    file (one query when no child is on a plan, four otherwise)."""
    person_to_case = {case.service_user_id: case.pk for case in cases}
    # Links first, the child's status read from them: a database without statistics given both
    # conditions at once starts from every child on a plan nationally (see people.selectors).
    cases_of: dict[int, set[int]] = defaultdict(set)
    for service_user_id, child_id, status in ChildLink.objects.filter(service_user_id__in=list(person_to_case)).values_list(
        "service_user_id", "child_id", "child__csc_status"
    ):
        if status == CSCStatus.CHILD_PROTECTION_PLAN:
            cases_of[child_id].add(person_to_case[service_user_id])
    if not cases_of:
        return {}
    on_plan: dict[int, dict[int, tuple[Child, datetime.date]]] = defaultdict(dict)
    current = SocialCareStatus.objects.filter(
        child_id__in=list(cases_of), status=CSCStatus.CHILD_PROTECTION_PLAN, end_date__isnull=True
    ).select_related("child")
    for plan_status in current:  # a child has one open status (people.services.status_add ends the last)
        for case_id in cases_of[plan_status.child_id]:
            on_plan[case_id][plan_status.child_id] = (plan_status.child, plan_status.start_date)
    received: dict[tuple[int, int], datetime.date] = {}
    on_file = ProtectionPlan.children.through.objects.filter(protectionplan__case_id__in=list(on_plan))
    for case_id, child_id, received_on in on_file.values_list(
        "protectionplan__case_id", "child_id", "protectionplan__received_on"
    ):
        received[(case_id, child_id)] = max(received_on, received.get((case_id, child_id), received_on))
    shared: dict[int, datetime.date] = {}
    for case_id, shared_on in RiskPlanShared.objects.filter(case_id__in=list(on_plan)).values_list("case_id", "shared_on"):
        shared[case_id] = max(shared_on, shared.get(case_id, shared_on))
    found: dict[int, PlanGaps] = {}
    for case_id, children in on_plan.items():
        since = min(start for _, start in children.values())
        missing = [
            (child, start)
            for child_id, (child, start) in children.items()
            if received.get((case_id, child_id), datetime.date.min) < start
        ]
        gaps = PlanGaps(since, missing, shared.get(case_id, datetime.date.min) >= since)
        if gaps.any:
            found[case_id] = gaps
    return found


def plans_on_file(case: Any) -> dict[str, Any]:
    """The Plans section of the Meetings tab (three queries)."""
    return {
        "protection_plans": list(ProtectionPlan.objects.filter(case=case).prefetch_related("children")),
        "risk_plans_shared": list(RiskPlanShared.objects.filter(case=case)),
    }


def late_invitations(meetings: Iterable[Meeting]) -> tuple[int, int]:
    """How many invitations were late, of those whose date is recorded."""
    dated = [m for m in meetings if m.invited_on is not None]
    return sum(1 for m in dated if m.invited_late), len(dated)


def report_facts(case: Any, meeting: Meeting) -> report.ReportFacts:
    """What the case records that a written report to `meeting` restates (a fixed number of queries)."""
    person = case.service_user
    open_statuses = SocialCareStatus.objects.filter(end_date__isnull=True).select_related("local_authority")
    children = list(
        meeting.children.select_related("address__local_authority", "local_authority_override").prefetch_related(
            Prefetch("statuses", queryset=open_statuses, to_attr="open_statuses")
        )
    )
    adult_links = list(AdultLink.objects.filter(service_user=person).select_related("adult").order_by("pk"))
    home = person.addresses.filter(end_date__isnull=True).select_related("address").first()
    return report.ReportFacts(
        service_user=person,
        service_user_address=home.address if home is not None else None,
        children=children,
        child_links=list(ChildLink.objects.filter(service_user=person).select_related("child")),
        adult_links=adult_links,
        adult_child_links=list(
            AdultChildLink.objects.filter(adult__in=[link.adult_id for link in adult_links], child__in=children)
            .select_related("adult", "child")
            .order_by("pk")
        ),
        orders=list(case.orders.all()),
        case_holder=case.case_holder,
        team=case.team,
    )


def report_of(meeting: Meeting) -> WrittenReport | None:
    """The meeting's written report, or None (one query)."""
    return WrittenReport.objects.filter(meeting=meeting).select_related("drafted_by", "submitted_by").first()


@dataclass(frozen=True)
class ReportSection:
    """A section of Appendix 2 with the report's statements in it (none yet, perhaps)."""

    value: str
    heading: str
    statements: list[ReportStatement]

    @property
    def judgement(self) -> bool:
        """A section only the officer can write: Safeguard records nothing for it."""
        return self.value in ReportStatement.JUDGEMENT


def report_sections(found: WrittenReport | None) -> list[ReportSection]:
    """Every section of Appendix 2 in order, empty ones too, with the report's statements (one query)."""
    statements = list(found.statements.all()) if found is not None else []
    return [
        ReportSection(value, str(label), [s for s in statements if s.section == value])
        for value, label in ReportStatement.Section.choices
    ]


def _upcoming(meetings: QuerySet[Meeting], today: datetime.date) -> QuerySet[Meeting]:
    """Those held today or later, soonest first (a meeting with no time before the timed ones of its
    day), with the case's reference loaded for the calendar (one query)."""
    return (
        meetings.filter(held_on__gte=today)
        .select_related("case__service_user")
        .order_by("held_on", F("starts_at").asc(nulls_first=True), "id")
    )


def upcoming_of_case(case: Any, today: datetime.date) -> QuerySet[Meeting]:
    """The case's meetings from `today` on (the case already passed the access check)."""
    return _upcoming(Meeting.objects.filter(case=case), today)


def upcoming_for_holder(user: Any, today: datetime.date) -> QuerySet[Meeting]:
    """The meetings from `today` on of the open cases `user` holds, among the cases they may see
    (`cases.access.visible_cases`: a case moved to another area drops out with its access)."""
    held = visible_cases(user).filter(case_holder=user, status=Case.Status.OPEN)
    return _upcoming(Meeting.objects.filter(case__in=held.values("pk")), today)
