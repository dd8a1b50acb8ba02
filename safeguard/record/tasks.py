"""Outstanding steps of the case record (a task provider declared in the registry): a child-protection
case not discussed by its manager in supervision within the timescale (West Mercia 5.6: cases where
there are child-protection concerns are regularly discussed in supervision; HMIP 2002 72-74: the
decision recorded).

A child-protection case is an open case whose service user is linked to a child on a child-protection
plan. The clock runs from the last manager's discussion or decision recorded on the case (either
kind), or from when the case became a child-protection case (the start of the child's plan, or the
case's opening when later) if that is later; the length is the `record_manager_discussion` deadline
rule. The step is the line manager's (`needs_manager`), raised once the timescale has passed.

One query finds the children on a plan, and when their plans began, for every case given; only when
there are some, one more reads the last decision of each of those cases."""

import datetime
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from django.db.models import Max, OuterRef, Subquery
from django.urls import reverse

from safeguard.cases.models import Case
from safeguard.core.tasks import Due, Task
from safeguard.people.models import ChildLink, CSCStatus, SocialCareStatus

from .models import ManagerDecision

DEADLINE = "record_manager_discussion"


def _child_protection_since(cases: Mapping[int, Any]) -> dict[int, datetime.date | None]:
    """Open case id → the earliest start of the current plans of its service user's children on a
    child-protection plan (None when no start is on file), for the cases with such a child."""
    cases_of: dict[int, list[int]] = defaultdict(list)
    for case in cases.values():
        if case.status == Case.Status.OPEN:
            cases_of[case.service_user_id].append(case.pk)
    if not cases_of:
        return {}
    plan_began = SocialCareStatus.objects.filter(
        child_id=OuterRef("child_id"), status=CSCStatus.CHILD_PROTECTION_PLAN, end_date__isnull=True
    ).order_by("start_date")
    # The link first, the child's status read from it (see people.selectors.links_to_children_with_status).
    links = (
        ChildLink.objects.filter(service_user_id__in=list(cases_of))
        .annotate(plan_began=Subquery(plan_began.values("start_date")[:1]))
        .values_list("service_user_id", "child__csc_status", "plan_began")
    )
    starts: dict[int, list[datetime.date]] = defaultdict(list)
    for service_user_id, status, began in links:
        if status == CSCStatus.CHILD_PROTECTION_PLAN:
            for case_id in cases_of[service_user_id]:
                starts[case_id] += [began] if began is not None else []
    return {case_id: min(dates, default=None) for case_id, dates in starts.items()}


def discussion_tasks(by_id: Mapping[int, Any], due: Due, today: datetime.date) -> list[Task]:
    on_plan = _child_protection_since(by_id)
    if not on_plan:
        return []
    last_discussed = dict(
        ManagerDecision.objects.filter(case_id__in=list(on_plan))
        .order_by()
        .values("case_id")
        .annotate(last=Max("decided_on"))
        .values_list("case_id", "last")
    )
    found: list[Task] = []
    for case_id, plan_since in on_plan.items():
        case = by_id[case_id]
        became = max(plan_since or case.opened_on, case.opened_on)
        last = last_discussed.get(case_id)
        counted_from = max(last, became) if last is not None else became
        due_on = due(DEADLINE, counted_from, case)
        since = f"since {last:%-d %B %Y}" if last is not None else ""
        found.append(
            Task(
                case,
                "Discuss the case in supervision",
                due_on,
                reverse("record:decision_new", args=[case_id]),
                "manager_discussion",
                needs_manager=True,
                detail=f"A child-protection case since {became:%-d %B %Y}",
                rule="record.manager_discussion",
                fact=" ".join(("No manager discussion recorded", since)).strip(),
                shows_from=due_on + datetime.timedelta(days=1),  # a step once the discussion is late
            )
        )
    return found
