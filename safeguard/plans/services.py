"""Every write to the sentence plan's child-protection objectives: add, change, record progress, review
(a progress entry and the next review date, together), end. Each validates, audits and runs in one
transaction: nothing is partly saved."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguard.accounts.models import User
from safeguard.cases.models import Case
from safeguard.core import clock, deadlines
from safeguard.core.services import create_tracked, update_tracked
from safeguard.core.validation import not_before, past_date, required_text
from safeguard.people.models import Child
from safeguard.people.selectors import all_on_case

from . import wording
from .models import Objective, ProgressEntry

REVIEW_RULE = "plan_objective_review"


def _review_date(value: datetime.date | None, field: str, case: Case) -> datetime.date:
    """A review date: given, today or later, and no further ahead than the `plan_objective_review` rule allows."""
    if value is None:
        raise ValidationError({field: "Enter the next review date"})
    today = clock.today()
    if value < today:
        raise ValidationError({field: "The next review date must be today or in the future"})
    latest = deadlines.due_date(REVIEW_RULE, today, case.nation)
    if value > latest:
        raise ValidationError({field: f"The next review date must be no later than {latest:%-d %B %Y}"})
    return value


def _children(case: Case, children: Iterable[Child] | None) -> list[Child]:
    named = list(children or [])
    if not all_on_case(case, children=named):
        raise ValidationError({"children": "Only children linked to this case can be chosen"})
    return named


def _said(case: Case, values: dict[str, Any]) -> dict[str, Any]:
    """What an objective says, checked: both texts say something, the children are the case's, the
    review date is within the timescale."""
    errors: dict[str, Any] = {}
    checked: dict[str, Any] = {}
    for field, empty in (
        ("work", "Enter what you will do"),
        ("informing", "Enter how children’s social care will be kept informed"),
    ):
        try:
            checked[field] = wording.check(field, required_text(values.get(field), field, empty))
        except ValidationError as error:
            errors |= error.error_dict
    try:
        checked["review_on"] = _review_date(values.get("review_on"), "review_on", case)
    except ValidationError as error:
        errors |= error.error_dict
    try:
        checked["children"] = _children(case, values.get("children"))
    except ValidationError as error:
        errors |= error.error_dict
    if errors:
        raise ValidationError(errors)
    return checked


def _active(objective: Objective) -> None:
    if not objective.active:
        raise ValidationError(f"This objective ended on {objective.ended_on:%-d %B %Y}: add a new objective instead")


@transaction.atomic
def objective_add(
    *,
    actor: User,
    case: Case,
    work: str | None,
    informing: str | None,
    review_on: datetime.date | None,
    children: Iterable[Child] | None = None,
) -> Objective:
    """Add a child-protection objective to the case's sentence plan."""
    values = _said(case, {"work": work, "informing": informing, "review_on": review_on, "children": children})
    return create_tracked(Objective, actor=actor, action="objective.add", case=case, **values)


@transaction.atomic
def objective_change(
    *,
    actor: User,
    case: Case,
    objective: Objective,
    work: str | None,
    informing: str | None,
    review_on: datetime.date | None,
    children: Iterable[Child] | None = None,
) -> Objective:
    """Change what an active objective says (the History tab keeps what it said before)."""
    _active(objective)
    values = _said(case, {"work": work, "informing": informing, "review_on": review_on, "children": children})
    return update_tracked(objective, actor=actor, action="objective.change", case=case, **values)


def _entry(objective: Objective, written_on: datetime.date | None, text: str | None) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    try:
        past_date(written_on, "written_on", "The date")
        not_before(
            written_on,
            timezone.localdate(objective.created_at),
            "written_on",
            "The date must be on or after the day the objective was added",
        )
    except ValidationError as error:
        errors |= error.error_dict
    try:
        text = required_text(text, "text", "Enter the progress")
    except ValidationError as error:
        errors |= error.error_dict
    if errors:
        raise ValidationError(errors)
    return {"written_on": written_on, "text": text}


@transaction.atomic
def progress_add(
    *, actor: User, case: Case, objective: Objective, written_on: datetime.date | None, text: str | None
) -> ProgressEntry:
    """Record progress on an active objective, in the officer's words."""
    _active(objective)
    values = _entry(objective, written_on, text)
    return create_tracked(ProgressEntry, actor=actor, action="progress_entry.add", case=case, objective=objective, **values)


@transaction.atomic
def objective_review(
    *,
    actor: User,
    case: Case,
    objective: Objective,
    written_on: datetime.date | None,
    text: str | None,
    next_review_on: datetime.date | None,
) -> ProgressEntry:
    """Review an active objective: what the review found (a progress entry) and the next review date,
    which moves the objective's review date. Both or neither."""
    _active(objective)
    errors: dict[str, Any] = {}
    values: dict[str, Any] = {}
    try:
        values = _entry(objective, written_on, text)
    except ValidationError as error:
        errors |= error.error_dict
    try:
        values["next_review_on"] = _review_date(next_review_on, "next_review_on", case)
    except ValidationError as error:
        errors |= error.error_dict
    if errors:
        raise ValidationError(errors)
    entry = create_tracked(ProgressEntry, actor=actor, action="progress_entry.add", case=case, objective=objective, **values)
    update_tracked(objective, actor=actor, action="objective.review", case=case, review_on=values["next_review_on"])
    return entry


@transaction.atomic
def objective_end(
    *,
    actor: User,
    case: Case,
    objective: Objective,
    status: str | None,
    ended_on: datetime.date | None,
    end_reason: str | None,
) -> Objective:
    """End an objective: achieved, or no longer needed; the day and why."""
    _active(objective)
    errors: dict[str, Any] = {}
    if status not in Objective.ENDED:
        errors["status"] = ["Select whether the objective was achieved or is no longer needed"]
    try:
        past_date(ended_on, "ended_on", "The date it ended")
        not_before(
            ended_on,
            timezone.localdate(objective.created_at),
            "ended_on",
            "The date it ended must be on or after the day it was added",
        )
    except ValidationError as error:
        errors |= error.error_dict
    try:
        end_reason = required_text(end_reason, "end_reason", "Enter why the objective ended")
    except ValidationError as error:
        errors |= error.error_dict
    if errors:
        raise ValidationError(errors)
    return update_tracked(
        objective, actor=actor, action="objective.end", case=case, status=status, ended_on=ended_on, end_reason=end_reason
    )
