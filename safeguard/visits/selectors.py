"""Every read of the home visits app beyond a get: the service user's current addresses and who lives
or stays at each, the visits of a case, and the registered case's visiting clock.

Each reads a fixed number of queries however many addresses, children, visits or reasons there are
(the tab's and the visit page's query counts are tested)."""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max, Prefetch

from safeguard.core import registry
from safeguard.people.models import AdultLink, ChildLink, ServiceUserAddress

from .models import HomeVisit, HomeVisitChild, NoVisitReason

REGISTERED_RULE = "home_visit_registered"


def current_uses(service_user_ids: Iterable[int]) -> list[ServiceUserAddress]:
    """The current addresses (an address in use with no end date) of these service users."""
    return list(
        ServiceUserAddress.objects.filter(service_user_id__in=list(service_user_ids), end_date__isnull=True)
        .select_related("address")
        .order_by("service_user_id", "pk")
    )


def visited_since(use: ServiceUserAddress, last: datetime.date | None) -> bool:
    """Whether a visit on `last` was made since the service user's use of the address began (any
    visit there counts when the start of the use is not known)."""
    return last is not None and (use.start_date is None or last >= use.start_date)


def children_at(service_user_ids: Iterable[int], address_ids: Iterable[int]) -> list[ChildLink]:
    """The links of these service users to children whose address is one of these addresses."""
    return list(
        ChildLink.objects.filter(service_user_id__in=list(service_user_ids), child__address_id__in=list(address_ids))
        .select_related("child")
        .order_by("child__date_of_birth", "child__expected_date_of_delivery", "pk")
    )


def last_visits(case_ids: Iterable[int]) -> dict[tuple[int, int], datetime.date]:
    """(case id, address id) → the day of the last visit carried out there (refused ones do not count)."""
    rows = (
        HomeVisit.objects.filter(case_id__in=list(case_ids), consent_given=True)
        .order_by()
        .values("case_id", "address_id")
        .annotate(last=Max("visited_on"))
        .values_list("case_id", "address_id", "last")
    )
    return {(case_id, address_id): last for case_id, address_id, last in rows}


@dataclass
class Household:
    """One current address of the service user and who lives or stays there."""

    use: ServiceUserAddress
    children: list[ChildLink] = field(default_factory=list)
    adults: list[AdultLink] = field(default_factory=list)
    last_visit: HomeVisit | None = None

    @property
    def address(self) -> Any:
        return self.use.address

    @property
    def needs_visit(self) -> bool:
        """Children live there and no visit is recorded since the service user's use of it began."""
        return bool(self.children) and not visited_since(self.use, self.last_visit.visited_on if self.last_visit else None)


def households(case: Any, visits: Iterable[HomeVisit]) -> list[Household]:
    """Each current address of the case's service user, with the children linked to the service user
    whose address it is (and their link's contact), the other adults of the case whose address it is,
    and the last visit carried out there (from `visits`, newest first)."""
    uses = current_uses([case.service_user_id])
    address_ids = [use.address_id for use in uses]
    by_address: dict[int, Household] = {}
    found = []
    for use in uses:
        household = Household(use)
        found.append(household)
        by_address.setdefault(use.address_id, household)
    for link in children_at([case.service_user_id], address_ids):
        by_address[link.child.address_id].children.append(link)  # type: ignore[index]
    adults = (
        AdultLink.objects.filter(service_user_id=case.service_user_id, adult__address_id__in=address_ids)
        .select_related("adult")
        .order_by("adult__last_name_key", "adult__first_name_key", "pk")
    )
    for adult_link in adults:
        by_address[adult_link.adult.address_id].adults.append(adult_link)  # type: ignore[index]
    for visit in visits:
        visited = by_address.get(visit.address_id)
        if visited is not None and visit.consent_given and visited.last_visit is None:
            visited.last_visit = visit
    return found


def visits_of(case: Any) -> list[HomeVisit]:
    """The case's visits, newest first, each with its address and its children's rows."""
    rows = HomeVisitChild.objects.select_related("child").order_by("-seen", "pk")
    return list(
        HomeVisit.objects.filter(case=case)
        .select_related("address")
        .prefetch_related(Prefetch("child_rows", queryset=rows))
        .order_by("-visited_on", "-pk")
    )


def reasons_of(case: Any) -> list[NoVisitReason]:
    return list(
        NoVisitReason.objects.filter(case=case).select_related("recorded_by", "decided_by").order_by("-recorded_on", "-pk")
    )


def linked_children(case: Any, address_id: int | None) -> list[ChildLink]:
    """Every child linked to the case's service user, those whose address is `address_id` first."""
    links = list(
        ChildLink.objects.filter(service_user_id=case.service_user_id)
        .select_related("child")
        .order_by("child__date_of_birth", "child__expected_date_of_delivery", "pk")
    )
    return sorted(links, key=lambda link: link.child.address_id != address_id)


def seen_words(rows: Iterable[HomeVisitChild]) -> str:
    """ "Seen: A, B. Not seen: C (reason)." for a visit's children."""
    rows = list(rows)
    seen = [str(row.child) for row in rows if row.seen]
    not_seen = [f"{row.child} ({row.not_seen_reason})" for row in rows if not row.seen]
    parts = []
    if seen:
        parts.append(f"Seen: {', '.join(seen)}.")
    if not_seen:
        parts.append(f"Not seen: {', '.join(not_seen)}.")
    return " ".join(parts)


@dataclass(frozen=True)
class Clock:
    """A registered case's home-visit clock: registered since when, what it is counted from (the latest
    of the registration, the last visit and the last agreed reason), in words, and when a visit is due."""

    registered_on: datetime.date
    counted_from: datetime.date
    fact: str
    due_on: datetime.date


def registered_clocks(cases: Mapping[int, Any], due: Callable[[str, datetime.date, Any], datetime.date]) -> dict[int, Clock]:
    """Case id → its home-visit clock, for the registered ones among `cases` (three queries: the
    register, the visits, the agreed reasons)."""
    registered = registry.registered_since(cases)
    if not registered:
        return {}
    visited: dict[int, datetime.date] = {}
    for (case_id, _), last in last_visits(registered).items():
        visited[case_id] = max(last, visited.get(case_id, last))
    agreed = dict(
        NoVisitReason.objects.filter(case_id__in=list(registered), agreed=True)
        .order_by()
        .values("case_id")
        .annotate(last=Max("decided_on"))
        .values_list("case_id", "last")
    )
    clocks = {}
    for case_id, since in registered.items():
        facts = [(since, f"the registration on {since:%d/%m/%Y}")]
        if case_id in visited:
            facts.append((visited[case_id], f"the last home visit on {visited[case_id]:%d/%m/%Y}"))
        if agreed.get(case_id):
            facts.append((agreed[case_id], f"the reason for no visit agreed on {agreed[case_id]:%d/%m/%Y}"))
        counted_from, fact = max(facts)
        clocks[case_id] = Clock(since, counted_from, fact, due(REGISTERED_RULE, counted_from, cases[case_id]))
    return clocks


def pending_reasons(case_ids: Iterable[int]) -> dict[int, list[NoVisitReason]]:
    """Case id → its reasons for no visit that wait for the manager's decision."""
    found: dict[int, list[NoVisitReason]] = defaultdict(list)
    for reason in NoVisitReason.objects.filter(case_id__in=list(case_ids), agreed__isnull=True).order_by("recorded_on", "pk"):
        found[reason.case_id].append(reason)
    return found
