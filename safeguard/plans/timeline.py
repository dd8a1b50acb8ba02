"""The sentence plan on a case's timeline (a provider declared in the registry, read by the case
record): each objective added and ended, and each progress entry and review. Three queries whatever
the case holds (one when it has no objective)."""

from collections import defaultdict
from typing import Any

from django.urls import reverse

from safeguard.core.registry import TimelineItem

from .history import HISTORY
from .models import Objective, ProgressEntry

KIND = HISTORY.kind


def _by(user: Any) -> str:
    return user.get_full_name() or user.username if user is not None else ""


def plan_items(case: Any) -> list[TimelineItem]:
    objectives = list(Objective.objects.filter(case=case).select_related("created_by").order_by())
    if not objectives:
        return []
    named: dict[int, list[int]] = defaultdict(list)
    for objective_id, child_id in Objective.children.through.objects.filter(objective__case=case).values_list(
        "objective_id", "child_id"
    ):
        named[objective_id].append(child_id)
    items: list[TimelineItem] = []
    common: dict[int, dict[str, Any]] = {}
    for objective in objectives:
        common[objective.pk] = {
            "kind": KIND,
            "url": reverse("plans:objective", args=[case.pk, objective.pk]),
            "children": tuple(sorted(named[objective.pk])),
        }
        items.append(
            TimelineItem(
                at=objective.created_at,
                title="Child-protection objective added to the sentence plan",
                text=objective.work,
                by=_by(objective.created_by),
                **common[objective.pk],
            )
        )
        if objective.ended_on is not None:
            items.append(
                TimelineItem.on_day(
                    objective.ended_on,
                    title=f"Child-protection objective ended: {objective.get_status_display().lower()}",
                    text=objective.end_reason,
                    **common[objective.pk],
                )
            )
    for entry in ProgressEntry.objects.filter(objective__case=case).select_related("created_by").order_by():
        title = (
            f"Child-protection objective reviewed: next review {entry.next_review_on:%-d %B %Y}"
            if entry.next_review_on is not None
            else "Progress on a child-protection objective"
        )
        items.append(
            TimelineItem.on_day(
                entry.written_on, title=title, text=entry.text, by=_by(entry.created_by), **common[entry.objective_id]
            )
        )
    return items
