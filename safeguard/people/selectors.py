"""Reads about people that are more than a `get`."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from safeguard.core.forms import name_key

from .access import CHILD_RELATED, visible_children
from .models import AdultLink, Child, ChildLink, ChildNameVariant, SocialCareStatus


def find_children(
    user: Any, *, q: str, date_of_birth: datetime.date | None = None, exclude_service_user: Any = None
) -> QuerySet[Child]:
    """Children the user may see whose name (or a variant of it) starts like `q`; for linking a child
    already known to Safeguard to another service user instead of recording them twice."""
    tokens = [t for t in (name_key(part) for part in (q or "").replace(",", " ").split()) if t]
    children = visible_children(user)
    if tokens:
        if len(tokens) == 1:
            person = Q(last_name_key__startswith=tokens[0]) | Q(first_name_key__startswith=tokens[0])
            variant = Q(last_name_key__startswith=tokens[0]) | Q(first_name_key__startswith=tokens[0])
        else:
            person = Q(first_name_key__startswith=tokens[0], last_name_key__startswith=tokens[-1])
            variant = Q(first_name_key__startswith=tokens[0], last_name_key__startswith=tokens[-1])
        children = children.filter(person | Q(pk__in=ChildNameVariant.objects.filter(variant).values("child_id")))
    elif date_of_birth is None:
        return children.none()
    if date_of_birth is not None:
        children = children.filter(date_of_birth=date_of_birth)
    if exclude_service_user is not None:
        children = children.exclude(service_user_links__service_user=exclude_service_user)
    return children.select_related("address", "address__local_authority", "local_authority_override").order_by(
        "last_name_key", "first_name_key", "pk"
    )


def links_to_children_with_status(
    service_user_ids: Iterable[int], statuses: Iterable[str], *, select: Iterable[str] = ()
) -> list[ChildLink]:
    """The links from these service users to children whose social-care status is one of `statuses`,
    with the child (and `select`) loaded and the child's open statuses prefetched.

    Two steps, each led by an index the database cannot misjudge: a database without statistics
    (SQLite) given both conditions at once starts from every child with that status nationally."""
    wanted = [
        link_id
        for link_id, status in ChildLink.objects.filter(service_user_id__in=list(service_user_ids)).values_list(
            "pk", "child__csc_status"
        )
        if status in statuses
    ]
    return list(
        ChildLink.objects.filter(pk__in=wanted)
        .select_related("child", *select)
        .prefetch_related(Prefetch("child__statuses", queryset=SocialCareStatus.objects.filter(end_date__isnull=True)))
        .order_by("pk")
    )


def children_of(service_user: Any) -> list[Child]:
    """The children linked to a service user, as the case overview lists them, each with what names
    their responsible council loaded: for the forms that choose among a case's children."""
    return [
        link.child
        for link in ChildLink.objects.filter(service_user=service_user)
        .select_related(*CHILD_RELATED)
        .order_by("child__date_of_birth", "child__expected_date_of_delivery", "pk")
    ]


def all_on_case(case: Any, *, children: Iterable[Any] = (), adults: Iterable[Any] = ()) -> bool:
    """Whether every child and adult given is linked to the case's service user: the one check that a
    record made on a case names only that case's people."""
    child_ids = {child.pk for child in children}
    adult_ids = {adult.pk for adult in adults}
    if child_ids and ChildLink.objects.filter(service_user_id=case.service_user_id, child_id__in=child_ids).count() != len(
        child_ids
    ):
        return False
    return not adult_ids or AdultLink.objects.filter(service_user_id=case.service_user_id, adult_id__in=adult_ids).count() == len(
        adult_ids
    )
