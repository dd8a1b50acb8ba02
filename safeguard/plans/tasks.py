"""Outstanding steps of the sentence plan (a task provider declared in the registry).

- `plans.cp_objective`: an open case with child-protection concerns or a registration (the one
  definition, `cases.protection.child_protection`) and no active objective. Due by the
  `plan_cp_objective` deadline rule from the earliest concern on file, or the case's opening, or the
  day the last objective ended, whichever is latest (West Mercia 2.1-2.2 set no timescale: the
  default is local configuration).
- `plans.objective_review`: an active objective of an open case whose review date has passed or
  falls within the "due soon" window; due on the review date itself, which the officer set within
  the `plan_objective_review` timescale.

Four queries whatever the number of cases: three to find the child-protection cases, one for the
objectives of every open case given."""

import datetime
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from django.urls import reverse

from safeguard.cases.models import Case
from safeguard.cases.protection import child_protection
from safeguard.core.tasks import Due, Task, due_soon_from

from .models import Objective

DEADLINE = "plan_cp_objective"


def plan_tasks(by_id: Mapping[int, Any], due: Due, today: datetime.date) -> list[Task]:
    open_cases = [case for case in by_id.values() if case.status == Case.Status.OPEN]
    if not open_cases:
        return []
    concerns = child_protection(open_cases)
    objectives: dict[int, list[dict[str, Any]]] = defaultdict(list)
    rows: Any = (
        Objective.objects.filter(case_id__in=[case.pk for case in open_cases])
        .order_by("review_on", "id")
        .values("pk", "case_id", "work", "status", "review_on", "ended_on")
    )
    for row in rows:
        objectives[row["case_id"]].append(row)
    found: list[Task] = []
    for case_id, case_concerns in concerns.items():
        if any(row["status"] == Objective.Status.ACTIVE for row in objectives[case_id]):
            continue
        case = by_id[case_id]
        first = min(case_concerns, key=lambda concern: concern.since)
        ended = [row["ended_on"] for row in objectives[case_id] if row["ended_on"] is not None]
        counted_from = max([first.since, case.opened_on, *ended])
        fact = f"A child-protection case since {first.since:%-d %B %Y} ({first.fact}) with no active child-protection objective"
        found.append(
            Task(
                case,
                "Add a child-protection objective to the sentence plan",
                due(DEADLINE, counted_from, case),
                reverse("plans:objective_new", args=[case_id]),
                "cp_objective",
                rule="plans.cp_objective",
                fact=fact,
            )
        )
    for case in open_cases:
        for row in objectives[case.pk]:
            if row["status"] != Objective.Status.ACTIVE:
                continue
            words = " ".join(row["work"].split())
            found.append(
                Task(
                    case,
                    "Review the child-protection objective",
                    row["review_on"],
                    reverse("plans:objective_review", args=[case.pk, row["pk"]]),
                    "objective_review",
                    detail=words if len(words) <= 80 else words[:77].rstrip() + "…",
                    subject=("plans.Objective", row["pk"]),
                    rule="plans.objective_review",
                    fact=f"The objective's review date is {row['review_on']:%-d %B %Y}",
                    shows_from=due_soon_from(row["review_on"], case.nation),  # once the review falls due soon
                )
            )
    return found
