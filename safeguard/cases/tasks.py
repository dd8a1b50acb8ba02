"""The outstanding steps the cases app derives from its records (a task provider in the registry).

In custody with child-protection concerns, the offender manager contacts the child-protection
co-ordinator of the prison (West Mercia 2.4). In custody means an open order at the custody stage or
a current address of the kind "In custody"; concerns are, from the facts on file, a linked child on a
child-protection plan or looked after, a child the service user poses a risk to, or a risk to
children generally. The step is done when a co-ordinator contacted on or after the custody began is
recorded as a key contact: a new custody, or a move to another prison (a new custody address), asks
again. The records are loaded for all the cases given in a fixed number of queries.
"""

import datetime
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse

from safeguard.core.tasks import Due, Task
from safeguard.people.models import (
    AddressType,
    ServiceUserAddress,
)

from .allocation_rules import breaches
from .models import Case, KeyContact, Order, Stage
from .protection import concerns_of


@dataclass(frozen=True)
class Custody:
    """The fact that puts the service user in custody, and since when."""

    began: datetime.date
    fact: str


def _open_custody_orders() -> QuerySet[Order]:
    return Order.objects.filter(ended_on__isnull=True, stage=Stage.CUSTODY)


def _current_prisons() -> QuerySet[ServiceUserAddress]:
    return ServiceUserAddress.objects.filter(end_date__isnull=True, address_type=AddressType.CUSTODY)


def custody_of(by_id: Mapping[int, Any]) -> dict[int, Custody]:
    """Each case whose service user is in custody now, with the latest custody fact: one query that
    finds the cases in custody (most are not), then two for the facts of those that are."""
    in_custody = set(
        Case.objects.filter(pk__in=list(by_id))
        .filter(
            Exists(_open_custody_orders().filter(case_id=OuterRef("pk")))
            | Exists(_current_prisons().filter(service_user_id=OuterRef("service_user_id")))
        )
        .values_list("pk", flat=True)
    )
    if not in_custody:
        return {}
    found: dict[int, list[Custody]] = defaultdict(list)
    for order in _open_custody_orders().filter(case_id__in=in_custody):
        found[order.case_id].append(Custody(order.start_date, str(order)))
    cases_of: dict[int, list[int]] = defaultdict(list)
    for case_id in in_custody:
        cases_of[by_id[case_id].service_user_id].append(case_id)
    prisons = _current_prisons().filter(service_user_id__in=list(cases_of)).select_related("address")
    for use in prisons:
        began = use.start_date or use.created_at.date()
        since = f"since {use.start_date:%d/%m/%Y}" if use.start_date else f"recorded {began:%d/%m/%Y}"
        for case_id in cases_of[use.service_user_id]:
            found[case_id].append(Custody(began, f"In custody at {use.address} {since}"))
    return {case_id: max(facts, key=lambda c: c.began) for case_id, facts in found.items()}


def custody_tasks(by_id: Mapping[int, Any], due: Due, today: datetime.date) -> list[Task]:
    """Contact the prison's child-protection co-ordinator, for each case in custody with concerns."""
    in_custody = custody_of(by_id)
    if not in_custody:
        return []
    concerns = concerns_of([by_id[case_id] for case_id in in_custody])
    contacted: dict[int, list[datetime.date]] = defaultdict(list)
    for case_id, contacted_on in KeyContact.objects.filter(
        case_id__in=list(in_custody), kind=KeyContact.Kind.PRISON_CP_COORDINATOR, contacted_on__isnull=False
    ).values_list("case_id", "contacted_on"):
        if contacted_on is not None:  # filtered out above; for the type checker
            contacted[case_id].append(contacted_on)
    found = []
    for case_id, custody in in_custody.items():
        case = by_id[case_id]
        if not concerns[case_id] or any(day >= custody.began for day in contacted[case_id]):
            continue
        anchor = max(custody.began, min(c.since for c in concerns[case_id]))
        found.append(
            Task(
                case,
                "Contact the child-protection co-ordinator at the prison",
                due("prison_cp_coordinator_contact", anchor, case),
                reverse("cases:key_contact_add", args=[case.pk]),
                "prison_cp_coordinator",
                detail="Tell them of probation's involvement and ask how information will be shared",
                rule="cases.prison_cp_coordinator",
                fact="; ".join([custody.fact, *(c.fact for c in concerns[case_id])]),
            )
        )
    return found


def allocation_tasks(by_id: Mapping[int, Any], due: Due, today: datetime.date) -> list[Task]:
    """Cases that break an allocation rule now (`allocation_rules.breaches`): a child-protection case
    held by someone who may not hold it is the line manager's to put right at once; a high-risk
    child-protection case with no risk manager's consultation is the holder's to consult on."""
    found = []
    for case_id, on_case in breaches(by_id.values()).items():
        case = by_id[case_id]
        for breach in on_case:
            if breach.kind == "holder":
                task = Task(
                    case,
                    "Reallocate the case, or record your approval",
                    breach.since,
                    reverse("cases:allocate", args=[case_id]),
                    "cp_case_holder",
                    needs_manager=True,
                    detail=breach.source,
                    rule="cases.cp_case_holder",
                    fact=breach.reason,
                )
            else:
                task = Task(
                    case,
                    "Consult a risk manager",
                    due("risk_manager_consultation", breach.since, case),
                    reverse("cases:risk_consultation", args=[case_id]),
                    "risk_manager_consultation",
                    detail=breach.source,
                    rule="cases.risk_manager_consulted",
                    fact=breach.reason,
                )
            found.append(task)
    return found
