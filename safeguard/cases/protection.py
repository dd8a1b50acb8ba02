"""What makes a case a child-protection case, in one place: the concerns on file for it.

A concern is a linked child on a child-protection plan or looked after, a child the service user
poses a risk to, a risk to children generally, or the case being on the probation child-protection
register (which the register tells through `core.registry.registered_since` and
`registered_condition`). Allocation rules
(West Mercia 6), sentence-plan objectives (2.1–2.2), home visits and the prison co-ordinator step
all ask here, for many cases at once in a fixed number of queries.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q

from safeguard.core import registry
from safeguard.people.models import ON_A_PLAN, ChildLink, CSCStatus, RiskRole, RoshLevel, SocialCareStatus

HIGH_RISK = frozenset({RoshLevel.HIGH, RoshLevel.VERY_HIGH})


@dataclass(frozen=True)
class Concern:
    since: datetime.date
    fact: str


def concerns_of(cases: list[Any]) -> dict[int, list[Concern]]:
    """The child-protection concerns on file for each case's service user (two queries): only the links
    that are a concern are read, and the current statuses of only the children on a plan."""
    found: dict[int, list[Concern]] = defaultdict(list)
    if not cases:
        return found
    links = list(
        ChildLink.objects.filter(service_user_id__in={case.service_user_id for case in cases})
        .filter(Q(child__csc_status__in=ON_A_PLAN) | Q(risk_role=RiskRole.POSES_RISK))
        .select_related("child")
        .order_by("pk")
    )
    on_plan = {link.child_id for link in links if link.child.csc_status in ON_A_PLAN}
    starts: dict[tuple[int, str], list[datetime.date]] = defaultdict(list)
    if on_plan:
        current = SocialCareStatus.objects.filter(child_id__in=on_plan, end_date__isnull=True)
        for child_id, status, start in current.values_list("child_id", "status", "start_date"):
            starts[(child_id, status)].append(start)
    by_person: dict[int, list[Concern]] = defaultdict(list)
    for link in links:
        child = link.child
        if child.csc_status in ON_A_PLAN:
            began = max(starts[(child.pk, child.csc_status)], default=link.created_at.date())
            wording = "is looked after" if child.csc_status == CSCStatus.LOOKED_AFTER else "is on a child-protection plan"
            by_person[link.service_user_id].append(Concern(began, f"{child} {wording}"))
        if link.risk_role == RiskRole.POSES_RISK:
            by_person[link.service_user_id].append(Concern(link.created_at.date(), f"the service user poses a risk to {child}"))
    for case in cases:
        found[case.pk] = list(by_person[case.service_user_id])
        if case.service_user.risk_to_unspecified_children:
            found[case.pk].append(Concern(case.opened_on, "the service user poses a risk to children generally"))
    return found


def child_protection(cases: Iterable[Any]) -> dict[int, list[Concern]]:
    """Case id → the concerns that make it a child-protection case, for those of `cases` that are one
    (the register's first: a registered case is one whatever else is on file). Each case's
    `service_user` should be loaded (select_related) to keep the queries fixed."""
    listed = list(cases)
    registered = registry.registered_since(case.pk for case in listed)
    on_file = concerns_of(listed)
    found: dict[int, list[Concern]] = {}
    for case in listed:
        concerns = list(on_file.get(case.pk, []))
        if case.pk in registered:
            concerns.insert(0, Concern(registered[case.pk], "the case is on the child-protection register"))
        if concerns:
            found[case.pk] = concerns
    return found


def child_protection_condition() -> Q:
    """`child_protection` as a condition on a query of cases, to find them among any number at once:
    registered, or a linked child on a plan or looked after, or a child the service user poses a risk
    to, or a risk to children generally."""
    links = ChildLink.objects.filter(service_user_id=OuterRef("service_user_id")).filter(
        Q(child__csc_status__in=ON_A_PLAN) | Q(risk_role=RiskRole.POSES_RISK)
    )
    return registry.registered_condition() | Q(Exists(links)) | Q(service_user__risk_to_unspecified_children=True)


def is_high_risk(case: Any) -> bool:
    """Assessed as posing a high or very high risk of serious harm (West Mercia 6.1)."""
    return case.service_user.rosh_level in HIGH_RISK
