"""Reads for the meetings pages, each in a fixed number of queries."""

import datetime
from typing import Any

from django.db.models import F, QuerySet

from safeguard.cases.access import visible_cases
from safeguard.cases.models import Case
from safeguard.core import deadlines

from . import clock
from .models import Meeting

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
