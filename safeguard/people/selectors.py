"""Reads about people that are more than a `get`."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from safeguard.core.forms import name_key

from .access import CHILD_RELATED, visible_adults, visible_children, visible_service_users
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


def similar_names(first_name: str, last_name: str) -> Q:
    """Names that could be the same person's: the same, the same surname with the same first initial
    ("R Bishop", "Rubie Bishop" for Ruby Bishop), or the two names the wrong way round. Each is an
    equality on an indexed name key."""
    first, last = name_key(first_name), name_key(last_name)
    same_surname = (
        Q(last_name_key=last, first_name_key__startswith=first[:1]) if first else Q(last_name_key=last, first_name_key="")
    )
    return same_surname | Q(first_name_key=last, last_name_key=first)


def _born(date_of_birth: datetime.date | None) -> Q:
    """Born that day, or with no date of birth recorded (an unborn child, an adult whose date is not
    known); without a date, anyone."""
    return Q(date_of_birth=date_of_birth) | Q(date_of_birth__isnull=True) if date_of_birth else Q()


def already_on_case(
    case: Any,
    field: str,
    *,
    first_name: str,
    last_name: str,
    date_of_birth: datetime.date | None,
    other_than: Any = None,
) -> Any:
    """The child (`field` "child") or adult ("adult") linked to the case's service user with exactly
    this name and date of birth, other than `other_than`; None if there is none. An unborn child (no
    date of birth yet) is never the same as another: twins are expected together."""
    if field == "child" and date_of_birth is None:
        return None
    model = ChildLink if field == "child" else AdultLink
    links = model.objects.filter(
        service_user_id=case.service_user_id,
        **{
            f"{field}__first_name_key": name_key(first_name),
            f"{field}__last_name_key": name_key(last_name),
            f"{field}__date_of_birth": date_of_birth,
        },
    )
    if other_than is not None and other_than.pk is not None:
        links = links.exclude(**{field: other_than})
    link = links.select_related(field).first()
    return getattr(link, field) if link is not None else None


@dataclass
class PossibleDuplicate:
    """A person already recorded who may be the one being added, with the cases the user can see
    that they are linked to (never others)."""

    person: Any
    linked_to: list[Any]


def possible_duplicate_children(
    user: Any, *, case: Any, first_name: str, last_name: str, date_of_birth: datetime.date | None
) -> list[PossibleDuplicate]:
    """Children the user may see, not yet linked to this case, whose name or another name of theirs is
    the same or similar (`similar_names`) and who were born the same day (or have no date of birth):
    offered for linking before a new child is recorded. At most 10, in two queries."""
    names = similar_names(first_name, last_name)
    children = (
        visible_children(user)
        .filter(names | Q(pk__in=ChildNameVariant.objects.filter(names).values("child_id")))
        .filter(_born(date_of_birth))
        .exclude(service_user_links__service_user=case.service_user)
        .select_related("address", "address__local_authority", "local_authority_override")
        .order_by("last_name_key", "first_name_key", "pk")[:10]
    )
    return _with_links(user, list(children), ChildLink, "child")


def possible_duplicate_adults(
    user: Any, *, case: Any, first_name: str, last_name: str, date_of_birth: datetime.date | None
) -> list[PossibleDuplicate]:
    """Other adults the user may see, not yet linked to this case, with the same or a similar name and
    the same date of birth (or none recorded): offered for linking before a new adult is recorded."""
    adults = (
        visible_adults(user)
        .filter(similar_names(first_name, last_name), _born(date_of_birth))
        .exclude(service_user_links__service_user=case.service_user)
        .select_related("address")
        .order_by("last_name_key", "first_name_key", "pk")[:10]
    )
    return _with_links(user, list(adults), AdultLink, "adult")


def _with_links(user: Any, people: list[Any], link_model: Any, field: str) -> list[PossibleDuplicate]:
    """Each person with the service users they are linked to among those the user may see (one query)."""
    if not people:
        return []
    links = link_model.objects.filter(
        **{f"{field}__in": people}, service_user__in=visible_service_users(user).values("pk")
    ).select_related("service_user")
    linked: dict[int, list[Any]] = {}
    for link in links.order_by("pk"):
        linked.setdefault(getattr(link, f"{field}_id"), []).append(link.service_user)
    return [PossibleDuplicate(person, linked.get(person.pk, [])) for person in people]


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
