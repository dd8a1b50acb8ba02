"""The outstanding step of a missing child, derived from the records (a task provider in the registry).

While a child's whereabouts are unknown, every case the child is linked to shows "Find out where …
is", timed from the day the whereabouts became unknown. Nothing completes it but recording that the
child has been found: no answer to a check, no "no trace" from a council, no time passing. Past its
due date it is overdue, and it stays overdue, so a missing child never drops off the list.
"""

import datetime
from collections.abc import Mapping
from typing import Any

from django.db.models import F
from django.urls import reverse

from safeguard.core.tasks import Due, Task

from .models import ChildWhereabouts


def missing_children(service_user_ids: list[int]) -> list[ChildWhereabouts]:
    """The open whereabouts periods of children linked to these service users, each once per link,
    with the child loaded and the linked service user's id as `linked_service_user_id` (one query)."""
    return list(
        ChildWhereabouts.objects.filter(found_on__isnull=True, child__service_user_links__service_user_id__in=service_user_ids)
        .select_related("child")
        .annotate(linked_service_user_id=F("child__service_user_links__service_user_id"))
        .order_by("missing_since", "pk")
    )


def whereabouts_tasks(by_id: Mapping[int, Any], due: Due, today: datetime.date) -> list[Task]:
    """A step on each case for each linked child whose whereabouts are unknown."""
    cases_of: dict[int, list[Any]] = {}
    for case in by_id.values():
        cases_of.setdefault(case.service_user_id, []).append(case)
    found = []
    for period in missing_children(list(cases_of)):
        child = period.child
        fact = f"{child}'s whereabouts unknown since {period.missing_since:%d/%m/%Y}"
        for case in cases_of.get(period.linked_service_user_id, []):  # type: ignore[attr-defined]
            found.append(
                Task(
                    case,
                    f"Find out where {child} is: tell children's social care and the police",
                    due("child_missing_report", period.missing_since, case),
                    reverse("people:child_found", args=[case.pk, child.pk]),
                    "child_missing",
                    detail=period.what_is_known,
                    subject=(child._meta.label, child.pk),
                    rule="people.child_missing",
                    fact=f"{fact}: {period.what_is_known}" if period.what_is_known else fact,
                )
            )
    return found
