"""The referral register: built from the referral records themselves, so it is always complete."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from safeguard.accounts.models import Team, User
from safeguard.cases.access import visible_cases
from safeguard.cases.selectors import visible_teams
from safeguard.core import clock

from .models import Referral, ReferralEscalation

STATUS_FILTERS = {
    "on_time": "Answered on time",
    "late": "Answered late",
    "unanswered": "Unanswered",
    "escalated": "Escalated",
    "disputed": "Disputed",
}


def status_condition(status: str, today: datetime.date) -> Q:
    escalated = Q(answered_on__isnull=True) & (Q(escalate_on__lte=today) | Q(has_escalation=True))
    return {
        "on_time": Q(answered_on__isnull=False, answered_on__lte=F("due_on")),
        "late": Q(answered_on__isnull=False, answered_on__gt=F("due_on")),
        "unanswered": Q(answered_on__isnull=True),
        "escalated": escalated,
        "disputed": Q(outcome_accepted=False),
    }[status]


@dataclass
class RegisterFilters:
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    team: Any = None
    officer: Any = None
    local_authority: Any = None
    status: str = ""


def cases_escalated_to(user: Any) -> QuerySet[Referral, Any]:
    """The ids of the cases with an open referral escalated to `user` by name (a subquery: the
    caller limits it to the cases the user may see)."""
    return Referral.objects.filter(closed_on__isnull=True, escalations__escalated_to=user).values("case_id")


def register_choices(user: Any) -> tuple[QuerySet[Team], QuerySet[User]]:
    """The teams and the officers the register can be filtered by: those of the cases the user may see."""
    made_by = Referral.objects.filter(case__in=visible_cases(user).values("pk")).values("made_by_id")
    return visible_teams(user), User.objects.filter(pk__in=made_by).order_by("last_name")


def register_queryset(user: Any, filters: RegisterFilters) -> QuerySet[Referral]:
    """Every referral on a case the user may see, with the filters other than status applied."""
    referrals = Referral.objects.filter(case__in=visible_cases(user).values("pk")).annotate(
        has_escalation=Exists(ReferralEscalation.objects.filter(referral=OuterRef("pk")))
    )
    if filters.date_from:
        referrals = referrals.filter(made_on__gte=filters.date_from)
    if filters.date_to:
        referrals = referrals.filter(made_on__lte=filters.date_to)
    if filters.team is not None:
        referrals = referrals.filter(case__team=filters.team)
    if filters.officer is not None:
        referrals = referrals.filter(made_by=filters.officer)
    if filters.local_authority is not None:
        referrals = referrals.filter(local_authority=filters.local_authority)
    return referrals


def register(user: Any, filters: RegisterFilters) -> tuple[QuerySet[Referral], dict[str, int]]:
    """(rows, counts): rows filtered by status too; counts of each status under the other filters."""
    today = clock.today()
    base = register_queryset(user, filters)
    counts = base.aggregate(
        total=Count("pk"), **{key: Count("pk", filter=status_condition(key, today)) for key in STATUS_FILTERS}
    )
    rows = base.filter(status_condition(filters.status, today)) if filters.status in STATUS_FILTERS else base
    rows = rows.select_related("case__service_user", "case__team", "made_by", "local_authority").prefetch_related("children")
    return rows.order_by("-made_on", "-pk"), counts


def status_label(referral: Referral, today: datetime.date) -> str:
    if referral.answered_on is not None:
        timing = "Answered on time" if referral.answered_on <= referral.due_on else "Answered late"
        if referral.awaiting_decision:
            return f"{timing}; disputed, awaiting decision"
        if referral.outcome_accepted is False:
            return f"{timing}; disputed, decided"
        return timing
    if today >= referral.escalate_on or getattr(referral, "has_escalation", False):
        return "Escalated"
    if today > referral.due_on:
        return "Overdue"
    return "Awaiting reply"


COLUMNS = [
    "Date",
    "Service user",
    "CRN",
    "Team",
    "Officer",
    "Referred to",
    "Children",
    "Nature of harm",
    "Level of risk",
    "Response wanted",
    "Urgency",
    "How",
    "Reply due",
    "Answered",
    "Outcome",
    "Status",
]


# The page shows the CSV's columns in fewer, stacked cells, so that the table fits a desktop screen:
# each page column is (heading, [(CSV column, how its value is labelled in the cell)]).
PAGE_COLUMNS: list[tuple[str, list[tuple[int, str]]]] = [
    ("Made", [(0, ""), (11, "")]),
    ("Service user", [(1, ""), (2, "")]),
    ("Team and officer", [(3, ""), (4, "")]),
    ("Referred to", [(5, "")]),
    ("Children", [(6, "")]),
    ("Concern", [(7, ""), (8, "Risk: ")]),
    ("Response wanted", [(9, ""), (10, "Urgency: ")]),
    ("Reply due", [(12, "")]),
    ("Answer", [(13, "Answered "), (14, "")]),
    ("Status", [(15, "")]),
]


def page_cells(values: list[str]) -> list[list[str]]:
    """A referral's CSV values as the page's cells: each a list of lines (empty values left out)."""
    return [[f"{label}{values[i]}" for i, label in parts if values[i]] for _, parts in PAGE_COLUMNS]


def row_values(referral: Referral, today: datetime.date) -> list[str]:
    return [
        f"{referral.made_on:%d/%m/%Y}",
        referral.case.service_user.full_name,
        referral.case.service_user.crn,
        str(referral.case.team),
        str(referral.made_by),
        referral.to_label,
        ", ".join(str(c) for c in referral.children.all()),
        ", ".join(referral.harm_labels),
        referral.get_risk_level_display(),
        referral.get_response_wanted_display(),
        referral.get_urgency_display(),
        referral.get_channel_display(),
        f"{referral.due_on:%d/%m/%Y}",
        f"{referral.answered_on:%d/%m/%Y}" if referral.answered_on else "",
        referral.get_outcome_display() if referral.outcome else "",
        status_label(referral, today),
    ]
