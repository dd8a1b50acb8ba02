"""Reads of the sentence plan: a case's objectives, each with its children and progress, in a fixed
number of queries however many there are."""

from typing import Any

from django.db.models import F, Prefetch, QuerySet

from .models import Objective, ProgressEntry


def objectives_of(case: Any) -> QuerySet[Objective]:
    """The case's objectives, active first, newest first; each with its children and its progress
    entries (newest first) and who wrote them: three queries."""
    return (
        Objective.objects.filter(case=case)
        .select_related("created_by")
        .prefetch_related("children", Prefetch("progress", queryset=ProgressEntry.objects.select_related("created_by")))
        .order_by(F("ended_on").desc(nulls_first=True), "-created_at", "-id")
    )


def active_objectives(case: Any) -> QuerySet[Objective]:
    return (
        Objective.objects.filter(case=case, status=Objective.Status.ACTIVE)
        .prefetch_related("children")
        .order_by("review_on", "id")
    )
