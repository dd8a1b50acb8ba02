"""Outstanding home-visit steps (a task provider declared in the registry):

- an address prompt: each current address of an open case's service user where a linked child lives,
  with no visit carried out there since the service user's use of it began (Jersey review: a client
  visited at one address while living with a partner and her children at another), due by the
  `home_visit_address` rule from when the address or the first child's link was recorded;
- a registered case's visit, due by the `home_visit_registered` rule (3 months) from the latest of
  its registration, its last visit and its last agreed reason for no visit; raised once it is due
  soon, overdue after it: a reason not yet agreed, or not agreed, does not stop the clock;
- the manager's decision on an officer's reason for no visit (`needs_manager`).

Six queries for any number of cases: the addresses, the children at them, the visits, the register,
the agreed reasons, the reasons waiting."""

import datetime
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from django.urls import reverse

from safeguard.cases.models import Case
from safeguard.core.tasks import Due, Task, about, due_soon_from
from safeguard.people.models import ChildLink

from .selectors import children_at, current_uses, last_visits, pending_reasons, registered_clocks, visited_since

ADDRESS_RULE = "home_visit_address"
DECISION_RULE = "no_visit_reason_decision"


def _names(links: list[ChildLink]) -> str:
    names = [str(link.child) for link in links]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _address_tasks(open_cases: list[Any], due: Due) -> list[Task]:
    uses = current_uses({case.service_user_id for case in open_cases})
    if not uses:
        return []
    links = children_at({use.service_user_id for use in uses}, {use.address_id for use in uses})
    if not links:
        return []
    at: dict[tuple[int, int], list[ChildLink]] = defaultdict(list)
    for link in links:
        at[(link.service_user_id, link.child.address_id)].append(link)  # type: ignore[index]
    visited = last_visits(case.pk for case in open_cases)
    uses_of: dict[int, list[Any]] = defaultdict(list)
    for use in uses:
        uses_of[use.service_user_id].append(use)
    found = []
    for case in open_cases:
        for use in uses_of[case.service_user_id]:
            children = at.get((use.service_user_id, use.address_id))
            if not children:
                continue
            if visited_since(use, visited.get((case.pk, use.address_id))):
                continue
            since = f" since {use.start_date:%d/%m/%Y}" if use.start_date else ""
            counted_from = max(use.created_at.date(), min(link.created_at.date() for link in children))
            verb = "lives" if len(children) == 1 else "live"
            found.append(
                Task(
                    case,
                    f"Visit {use.address}: children live or stay there",
                    due(ADDRESS_RULE, counted_from, case),
                    reverse("visits:visit_new", args=[case.pk, use.pk]),
                    "home_visit_address",
                    detail=f"{use.get_address_type_display()}: {_names(children)}",
                    subject=about(use),
                    rule="visits.address_visit",
                    fact=f"{_names(children)} {verb} at {use.address} ({use.get_address_type_display().lower()}); "
                    f"no home visit there{since}",
                )
            )
    return found


def _registered_tasks(open_cases: Mapping[int, Any], due: Due, today: datetime.date) -> list[Task]:
    found = []
    for case_id, clock in registered_clocks(open_cases, due).items():
        found.append(
            Task(
                open_cases[case_id],
                "Make a home visit (registered case)",
                clock.due_on,
                reverse("visits:index", args=[case_id]),
                "home_visit_registered",
                detail="Or record the reason there is none, for the manager to agree",
                rule="visits.registered_visit",
                fact=f"On the child-protection register since {clock.registered_on:%d/%m/%Y}; no visit or agreed reason since {clock.fact}",
                shows_from=due_soon_from(clock.due_on, open_cases[case_id].nation),  # once the visit falls due soon
            )
        )
    return found


def _decision_tasks(open_cases: Mapping[int, Any], due: Due) -> list[Task]:
    found = []
    for case_id, reasons in pending_reasons(open_cases).items():
        case = open_cases[case_id]
        for reason in reasons:
            found.append(
                Task(
                    case,
                    "Agree or not the reason for no home visit",
                    due(DECISION_RULE, reason.recorded_on, case),
                    reverse("visits:reason_decide", args=[case_id, reason.pk]),
                    "no_visit_reason",
                    needs_manager=True,
                    subject=about(reason),
                    rule="visits.reason_decision",
                    fact=f"Reason for no home visit recorded on {reason.recorded_on:%d/%m/%Y}, not yet agreed or not",
                )
            )
    return found


def visit_tasks(by_id: Mapping[int, Any], due: Due, today: datetime.date) -> list[Task]:
    open_cases = {pk: case for pk, case in by_id.items() if case.status == Case.Status.OPEN}
    if not open_cases:
        return []
    return [
        *_address_tasks(list(open_cases.values()), due),
        *_registered_tasks(open_cases, due, today),
        *_decision_tasks(open_cases, due),
    ]
