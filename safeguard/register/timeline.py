"""The register on a case's timeline (a provider declared in the registry, read by the case record):
each registration, each review and its countersignature, the request to de-register and the
de-registration.

Three queries whatever the case holds (one when it has no registration): the registrations, the
children they name and the reviews."""

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from django.urls import reverse

from safeguard.core.registry import TimelineItem

from .history import HISTORY
from .models import Registration, Review

KIND = HISTORY.kind  # the word for this app's records, which the timeline filters by


def _registration(registration: Registration, reviews: list[Review], common: dict[str, Any]) -> Iterator[TimelineItem]:
    """What happened to one registration, the latest first."""
    if registration.ended_on:
        yield TimelineItem.on_day(registration.ended_on, title="De-registered", text=registration.end_reason, **common)
    if registration.deregistration_asked_on:
        yield TimelineItem.on_day(
            registration.deregistration_asked_on,
            title="De-registration asked for",
            text=registration.get_deregistration_reason_display(),
            by=str(registration.deregistration_asked_by or ""),
            **common,
        )
    for review in reviews:
        if review.countersigned_on:
            yield TimelineItem.on_day(
                review.countersigned_on, title="Register review countersigned", by=str(review.countersigned_by or ""), **common
            )
        yield TimelineItem.on_day(
            review.reviewed_on,
            title=f"Registration reviewed: {review.get_decision_display().lower()}",
            by=str(review.reviewer),
            **common,
        )
    yield TimelineItem.on_day(
        registration.registered_on,
        title="Registered on the probation child-protection register",
        text=registration.get_category_display(),
        by=str(registration.registered_by),
        **common,
    )


def registration_items(case: Any) -> list[TimelineItem]:
    """Every registration of the case and its reviews, as the case's timeline shows them."""
    registrations = list(Registration.objects.filter(case=case).select_related("registered_by", "deregistration_asked_by"))
    if not registrations:
        return []
    ids = [registration.pk for registration in registrations]
    named: dict[int, list[int]] = defaultdict(list)
    for registration_id, child_id in Registration.children.through.objects.filter(registration_id__in=ids).values_list(
        "registration_id", "child_id"
    ):
        named[registration_id].append(child_id)
    reviews: dict[int, list[Review]] = defaultdict(list)
    for review in (
        Review.objects.filter(registration_id__in=ids)
        .select_related("reviewer", "countersigned_by")
        .order_by("-reviewed_on", "-id")
    ):
        reviews[review.registration_id].append(review)
    page = reverse("register:case", args=[case.pk])
    return [
        item
        for registration in registrations
        for item in _registration(
            registration,
            reviews[registration.pk],
            {
                "kind": KIND,
                # The current registrations each have a card on the register tab; the ended are listed.
                "url": page if registration.ended_on else f"{page}#registration-{registration.pk}",
                "children": tuple(sorted(named[registration.pk])),
            },
        )
    ]
