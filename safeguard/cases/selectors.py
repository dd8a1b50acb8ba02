"""Reads for case pages. Each runs a fixed number of queries whatever the size of the data."""

import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from safeguard.accounts.models import Team
from safeguard.core import flags
from safeguard.core.forms import name_key
from safeguard.core.models import AuditEvent
from safeguard.core.registry import Flag
from safeguard.people.models import (
    AdultChildLink,
    AdultLink,
    Alias,
    ChildLink,
    ServiceUser,
    ServiceUserAddress,
    SocialCareStatus,
)

from .access import visible_cases
from .forms import parse_search_date
from .models import Allocation, Case, Order

CRN_SEARCH = re.compile(r"^[A-Za-z]\d{6}$")


def case_search(user: Any, *, q: str = "", mine: bool = False) -> QuerySet[Case]:
    """Cases the user may see, searched by CRN, date of birth or name (names match aliases too).

    Name search is a prefix match on normalised keys (indexed): "smi" finds Smith, "j smi" finds John Smith.
    """
    cases = visible_cases(user).filter(status=Case.Status.OPEN)
    if mine:
        cases = cases.filter(case_holder=user)
    q = (q or "").strip()
    if q:
        date = parse_search_date(q)
        if CRN_SEARCH.match(q):
            cases = cases.filter(service_user__crn=q.upper())
        elif date is not None:
            cases = cases.filter(service_user__date_of_birth=date)
        else:
            tokens = [name_key(t) for t in q.replace(",", " ").split()]
            tokens = [t for t in tokens if t]
            if not tokens:
                return cases.none()
            if len(tokens) == 1:
                names = Q(last_name_key__startswith=tokens[0]) | Q(first_name_key__startswith=tokens[0])
            else:
                names = Q(first_name_key__startswith=tokens[0], last_name_key__startswith=tokens[-1])
            # One set of people, found through the name indexes of both tables. (An OR between the
            # person's name and an alias subquery stops PostgreSQL using the name index: 0.9 s at
            # 250,000 service users against 20 ms.)
            people = (
                ServiceUser.objects.filter(names)
                .order_by()
                .values("pk")
                .union(Alias.objects.filter(names).order_by().values("service_user_id"))
            )
            cases = cases.filter(service_user_id__in=people)
    # A correlated subquery is counted only for the rows of the page shown, unlike a JOIN + GROUP BY.
    child_count = (
        ChildLink.objects.filter(service_user=OuterRef("service_user"))
        .order_by()
        .values("service_user")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        cases.select_related("service_user", "team", "case_holder")
        .annotate(child_count=Coalesce(Subquery(child_count, output_field=IntegerField()), 0))
        .order_by("service_user__last_name_key", "service_user__first_name_key", "pk")
    )


@dataclass
class CaseOverview:
    case: Case
    aliases: list = field(default_factory=list)
    addresses: list = field(default_factory=list)
    orders: list = field(default_factory=list)
    allocations: list = field(default_factory=list)
    child_links: list = field(default_factory=list)
    adult_links: list = field(default_factory=list)
    adult_child_links: list = field(default_factory=list)
    child_flags: dict[int, list[Flag]] = field(default_factory=dict)

    @property
    def children(self) -> list[Any]:
        return [link.child for link in self.child_links]

    @property
    def current_order(self) -> Order | None:
        return next((o for o in self.orders if o.ended_on is None), None)


def case_overview(case: Case) -> CaseOverview:
    """Everything the overview and family picture show, in a constant number of queries."""
    person = case.service_user
    child_links = list(
        ChildLink.objects.filter(service_user=person)
        .select_related("child", "child__address", "child__address__local_authority", "child__local_authority_override")
        .prefetch_related(Prefetch("child__statuses", queryset=SocialCareStatus.objects.select_related("local_authority")))
        .order_by("child__date_of_birth", "child__expected_date_of_delivery", "pk")
    )
    adult_links = list(AdultLink.objects.filter(service_user=person).select_related("adult", "adult__address").order_by("pk"))
    adult_ids = [link.adult_id for link in adult_links]
    child_ids = [link.child_id for link in child_links]
    adult_child_links = (
        list(AdultChildLink.objects.filter(adult_id__in=adult_ids, child_id__in=child_ids).select_related("adult", "child"))
        if adult_ids and child_ids
        else []
    )
    return CaseOverview(
        child_flags=flags.for_children(child_ids),
        case=case,
        aliases=list(person.aliases.all()),
        addresses=list(
            ServiceUserAddress.objects.filter(service_user=person, end_date__isnull=True).select_related(
                "address", "address__local_authority"
            )
        ),
        orders=list(Order.objects.filter(case=case)),
        allocations=list(Allocation.objects.filter(case=case).select_related("team", "case_holder", "line_manager")[:10]),
        child_links=child_links,
        adult_links=adult_links,
        adult_child_links=adult_child_links,
    )


def case_history(case: Case) -> QuerySet[AuditEvent]:
    """The case's audit trail, newest first."""
    return AuditEvent.objects.filter(case_id=case.pk).select_related("actor")


def visible_teams(user: Any) -> QuerySet[Team]:
    """The teams of the cases the user may see: what registers and reports can be filtered by."""
    return Team.objects.filter(pk__in=visible_cases(user).values("team_id")).select_related("area")
