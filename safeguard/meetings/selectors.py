"""Reads for the meetings pages, each in a fixed number of queries."""

import datetime
from typing import Any

from django.db.models import QuerySet

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
