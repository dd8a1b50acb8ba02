"""Reads for the meetings pages, each in a fixed number of queries."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from safeguard.core import deadlines
from safeguard.core.clock import today as clock_today
from safeguard.people.models import AdultChildLink, AdultLink, ChildLink, SocialCareStatus

from . import clock, report
from .models import Meeting, ReportStatement, WrittenReport

CLOCK_RULES = ("core_assessment", "first_core_group", "first_review_conference", "review_conference")


def meetings_of(case: Any) -> list[Meeting]:
    """The case's meetings, latest first, with their children (two queries)."""
    found: QuerySet[Meeting] = Meeting.objects.filter(case=case).prefetch_related("children")
    return list(found)


def due_for(case: Any) -> clock.DueOn:
    """`due(rule, start)` for the case's nation, with the clock's rules loaded in one query."""
    rules = {rule.name: rule for rule in deadlines.DeadlineRule.objects.filter(name__in=CLOCK_RULES)}

    def due(name: str, start: datetime.date) -> datetime.date:
        return deadlines.add(start, rules[name].length, rules[name].unit, case.nation)

    return due


def expected(case: Any, meetings: list[Meeting]) -> list[clock.Expected]:
    return clock.expected(meetings, due_for(case)) if clock.latest_plan(meetings) else []


def core_assessment_due(case: Any, meeting: Meeting) -> datetime.date | None:
    return clock.core_assessment_due(meeting, due_for(case)) if meeting.kind == Meeting.Kind.STRATEGY else None


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


def print_context(case: Any) -> dict[str, Any]:
    """Who is writing, for a report that leaves the service (as every printed form says)."""
    officer = case.case_holder
    return {
        "case": case,
        "person": case.service_user,
        "officer": officer,
        "officer_email": getattr(officer, "email", "") or "",
        "team": case.team,
        "area": case.team.area,
        "service_name": settings.SAFEGUARD["SERVICE_NAME"],
        "today": clock_today(),
    }
