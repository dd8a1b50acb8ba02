"""Home visits on a case's timeline (a provider declared in the registry, read by the case record):
each visit, with the children seen and not seen, and each reason for no visit and the manager's
decision on it. Three queries whatever the case holds: the visits, their children, the reasons."""

from collections import defaultdict
from typing import Any

from django.urls import reverse

from safeguard.core.registry import TimelineItem

from .history import HISTORY
from .models import HomeVisit, HomeVisitChild, NoVisitReason
from .selectors import seen_words

KIND = HISTORY.kind  # the word for this app's records, which the timeline filters by


def _visit_text(visit: HomeVisit, rows: list[HomeVisitChild]) -> str:
    if visit.refused:
        return f"Refused by {visit.consent_by}: the visit was not carried out."
    text = seen_words(rows)
    if visit.concerns:
        text = f"{text} Concerns: {visit.concerns}".strip()
    return text


def visit_items(case: Any) -> list[TimelineItem]:
    """Every visit and every reason for no visit on the case, as the case's timeline shows them."""
    items = []
    visits = list(HomeVisit.objects.filter(case=case).select_related("address", "created_by").order_by())
    if visits:
        rows: dict[int, list[HomeVisitChild]] = defaultdict(list)
        for row in HomeVisitChild.objects.filter(visit__case=case).select_related("child").order_by("-seen", "pk"):
            rows[row.visit_id].append(row)
        for visit in visits:
            refused = " refused" if visit.refused else ""
            items.append(
                TimelineItem.on_day(
                    visit.visited_on,
                    kind=KIND,
                    title=f"Home visit at {visit.address}{refused}",
                    text=_visit_text(visit, rows[visit.pk]),
                    url=reverse("visits:visit", args=[case.pk, visit.pk]),
                    by=str(visit.created_by or ""),
                    children=tuple(sorted(row.child_id for row in rows[visit.pk])),
                )
            )
    for reason in NoVisitReason.objects.filter(case=case).select_related("recorded_by", "decided_by").order_by():
        url = reverse("visits:index", args=[case.pk])
        items.append(
            TimelineItem.on_day(
                reason.recorded_on,
                kind=KIND,
                title="Reason for no home visit recorded",
                text=reason.reason,
                url=url,
                by=str(reason.recorded_by),
            )
        )
        if reason.decided_on is not None:
            decision = "agreed" if reason.agreed else "not agreed"
            items.append(
                TimelineItem.on_day(
                    reason.decided_on,
                    kind=KIND,
                    title=f"Reason for no home visit {decision} by the manager",
                    text=reason.manager_comment,
                    url=url,
                    by=str(reason.decided_by or ""),
                )
            )
    return items
