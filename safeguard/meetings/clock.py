"""The statutory clock of a child-protection plan (West Mercia 4.5-4.6; domain.md, timescales).

From the meetings on a case: a strategy discussion starts the core assessment (35 working days); an
initial conference that makes a plan starts the clock: the first core group within 10 working days,
the first review conference within 3 months, then a review conference at most every 6 months, until
the plan ends (a review conference that makes no plan, or the date the plan ended). Each timescale is
a `DeadlineRule` (meetings/data/deadline_rules.csv), so its length is configuration.

`expected(meetings, due)` is pure: it takes the case's meetings (any order) and `due(rule, start)`,
and makes no query, so a task provider can run it for any number of cases.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .models import Meeting

K = Meeting.Kind
DueOn = Callable[[str, datetime.date], datetime.date]


@dataclass(frozen=True)
class Expected:
    """A meeting the plan's clock expects: its kind, the rule that times it, when it is due, the
    meeting it is counted from, and the meeting that met it (None while none is on record)."""

    kind: str
    rule: str
    due_on: datetime.date
    counted_from: Meeting
    met_by: Meeting | None

    @property
    def label(self) -> str:
        return {
            "first_core_group": "First core group",
            "first_review_conference": "First review conference",
            "review_conference": "Review conference",
        }[self.rule]


def plan_end(initial: Meeting, later: Iterable[Meeting]) -> datetime.date | None:
    """When the plan made at `initial` ended: the first end recorded on it or a later conference, or
    the first later review conference that made no plan."""
    ends = [initial.plan_ended_on] if initial.plan_ended_on else []
    for meeting in later:
        if meeting.kind == K.REVIEW_CONFERENCE:
            if meeting.plan_ended_on:
                ends.append(meeting.plan_ended_on)
            if meeting.plan_made is False:
                ends.append(meeting.held_on)
    return min(ends, default=None)


def latest_plan(meetings: Iterable[Meeting]) -> Meeting | None:
    """The latest initial conference that made a plan."""
    made = [m for m in meetings if m.kind == K.INITIAL_CONFERENCE and m.plan_made]
    return max(made, key=lambda m: (m.held_on, m.pk), default=None)


def expected(meetings: Iterable[Meeting], due: DueOn) -> list[Expected]:
    """Every meeting the clock of the latest plan expects, in order, up to the first not yet on
    record; once the plan has ended, only those held. Meetings before the plan do not count."""
    meetings = sorted(meetings, key=lambda m: (m.held_on, m.pk))
    initial = latest_plan(meetings)
    if initial is None:
        return []
    after = [m for m in meetings if (m.held_on, m.pk) > (initial.held_on, initial.pk)]
    ended = plan_end(initial, after)
    found: list[Expected] = []

    def expect(kind: str, rule: str, start: Meeting) -> Expected | None:
        met = next((m for m in after if m.kind == kind and (m.held_on, m.pk) > (start.held_on, start.pk)), None)
        if met is None and ended is not None:
            return None  # the clock stopped when the plan ended
        found.append(Expected(kind, rule, due(rule, start.held_on), start, met))
        return found[-1]

    expect(K.CORE_GROUP, "first_core_group", initial)
    step = expect(K.REVIEW_CONFERENCE, "first_review_conference", initial)
    while step is not None and step.met_by is not None and step.met_by.plan_made is not False:
        step = expect(K.REVIEW_CONFERENCE, "review_conference", step.met_by)
    return found


def outstanding(meetings: Iterable[Meeting], due: DueOn) -> list[Expected]:
    """The expected meetings not yet on record."""
    return [e for e in expected(meetings, due) if e.met_by is None]


def core_assessment_due(meeting: Meeting, due: DueOn) -> datetime.date | None:
    """When the core assessment a strategy discussion starts is due."""
    return due("core_assessment", meeting.held_on) if meeting.kind == K.STRATEGY else None
