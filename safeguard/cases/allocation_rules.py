"""Who may hold a child-protection case (West Mercia 6), enforced wherever a case holder is set.

- A trainee never holds a child-protection case (6.2); they work on it under a qualified officer.
- A probation service officer holds one only with a line manager's approval on record (6.3).
- A high-risk case with child-protection concerns is allocated only once a risk manager's
  consultation is on record (6.1).

Which roles are restricted, and how, is configuration (`data/holder_rules.csv`: role, rule, source);
an offender manager is qualified whatever else they hold. A child-protection case is
`protection.child_protection`; high risk is `protection.is_high_risk`.

The rules are applied when a holder is set, on every path: the allocation service and the case's
`clean()` (pages, and the admin should a case ever appear there) and the case's `save()` itself. A case
that comes to break a rule later — it is registered while a trainee holds it, a role or the rules
change, the risk level rises — is listed for its managers (`breaches`) and raises a step.
"""

import csv
import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Exists, OuterRef, Q

from safeguard.accounts import roles

from .models import HolderApproval, RiskManagerConsultation
from .protection import HIGH_RISK, Concern, child_protection, child_protection_condition, is_high_risk

NEVER, WITH_APPROVAL = "never", "with_approval"
RULES_FILE = Path(__file__).parent / "data" / "holder_rules.csv"


@dataclass(frozen=True)
class HolderRule:
    role: str
    rule: str  # NEVER or WITH_APPROVAL
    source: str


@lru_cache(maxsize=1)
def holder_rules() -> dict[str, HolderRule]:
    """Role → its rule, from the configuration file; an unknown role or rule stops start-up."""
    with RULES_FILE.open(encoding="utf-8", newline="") as handle:
        found = {row["role"]: HolderRule(row["role"], row["rule"], row["source"]) for row in csv.DictReader(handle)}
    for rule in found.values():
        if rule.role not in roles.ALL_ROLES or rule.rule not in (NEVER, WITH_APPROVAL):
            raise ImproperlyConfigured(f"{RULES_FILE}: unknown role or rule in {rule}")
    return found


def rule_for(role_names: Iterable[str]) -> HolderRule | None:
    """The strictest rule among someone's roles, or None when they may hold any case."""
    names = set(role_names)
    if roles.OFFENDER_MANAGER in names:
        return None
    found = [rule for name, rule in holder_rules().items() if name in names]
    return min(found, key=lambda rule: rule.rule != NEVER, default=None)


@dataclass(frozen=True)
class Breach:
    """A case that breaks an allocation rule, in words, and since when."""

    case: Any
    kind: str  # "holder" or "risk_manager"
    reason: str
    source: str
    since: datetime.date


def _facts(concerns: list[Concern]) -> str:
    return "; ".join(concern.fact for concern in concerns)


def _holder_breach(case: Any, holder: Any, rule: HolderRule, concerns: list[Concern], approved: bool) -> Breach | None:
    since = min(concern.since for concern in concerns)
    if rule.rule == NEVER:
        reason = (
            f"{holder} is a {rule.role.lower()} and cannot hold a child-protection case ({rule.source}): "
            f"{_facts(concerns)}. Allocate it to a qualified offender manager; they can still work on it"
        )
        return Breach(case, "holder", reason, rule.source, since)
    if not approved:
        reason = (
            f"{holder} is a {rule.role.lower()}: they can hold this child-protection case only with a line "
            f"manager's approval on record ({rule.source}): {_facts(concerns)}"
        )
        return Breach(case, "holder", reason, rule.source, since)
    return None


def _consultation_breach(case: Any, concerns: list[Concern]) -> Breach:
    reason = (
        f"The case is high risk ({case.service_user.get_rosh_level_display().lower()} risk of serious harm) "
        f"with child-protection concerns ({_facts(concerns)}): a risk manager must be consulted and the "
        "consultation recorded (West Mercia 6.1)"
    )
    return Breach(case, "risk_manager", reason, "West Mercia 6.1", min(concern.since for concern in concerns))


def refusal(case: Any, holder: Any) -> str | None:
    """Why `holder` may not be made the holder of `case` now, or None. A case not yet saved has no
    concerns on file to break a rule."""
    if case.pk is None or holder is None:
        return None
    rule = rule_for(holder.role_names)
    high = is_high_risk(case)
    if rule is None and not high:
        return None
    concerns = child_protection([case]).get(case.pk)
    if not concerns:
        return None
    if rule is not None:
        approved = HolderApproval.objects.filter(case=case, approved_for=holder).exists()
        if breach := _holder_breach(case, holder, rule, concerns, approved):
            return breach.reason
    if high and not RiskManagerConsultation.objects.filter(case=case).exists():
        return _consultation_breach(case, concerns).reason + " before the case is allocated"
    return None


def breaking_condition() -> Q:
    """`breaches` as a condition on a query of open cases, exact, so a list of them pages in the
    database: a child-protection case held by someone whose role never holds one, or needs an
    approval not on record; or a high-risk one with no risk manager consulted."""
    users = get_user_model().objects.exclude(groups__name=roles.OFFENDER_MANAGER)
    never = [rule.role for rule in holder_rules().values() if rule.rule == NEVER]
    with_approval = [rule.role for rule in holder_rules().values() if rule.rule == WITH_APPROVAL]
    approved = HolderApproval.objects.filter(case_id=OuterRef("pk"), approved_for_id=OuterRef("case_holder_id"))
    holder = Q(case_holder__in=users.filter(groups__name__in=never)) | (
        Q(case_holder__in=users.filter(groups__name__in=with_approval)) & ~Q(Exists(approved))
    )
    consultation = Q(service_user__rosh_level__in=HIGH_RISK) & ~Q(
        Exists(RiskManagerConsultation.objects.filter(case_id=OuterRef("pk")))
    )
    return child_protection_condition() & (holder | consultation)


def breaches(cases: Iterable[Any], concerns: dict[int, list[Concern]] | None = None) -> dict[int, list[Breach]]:
    """Case id → the allocation rules it breaks now, for the open cases given (each with its
    `service_user` and `case_holder` loaded): at most six queries however many cases; `concerns`,
    when the caller has already asked `child_protection` for these cases, saves asking again."""
    listed = [case for case in cases if case.status == "open"]
    holder_ids = {case.case_holder_id for case in listed if case.case_holder_id}
    role_names: dict[int, list[str]] = defaultdict(list)
    if holder_ids:
        through = get_user_model().groups.through
        for user_id, name in through.objects.filter(user_id__in=holder_ids).values_list("user_id", "group__name"):
            role_names[user_id].append(name)
    rules = {case.pk: rule_for(role_names[case.case_holder_id]) if case.case_holder_id else None for case in listed}
    candidates = [case for case in listed if rules[case.pk] is not None or is_high_risk(case)]
    if concerns is None:
        concerns = child_protection(candidates) if candidates else {}
    else:
        concerns = {case.pk: concerns[case.pk] for case in candidates if concerns.get(case.pk)}
    if not concerns:
        return {}
    approved = set(HolderApproval.objects.filter(case_id__in=list(concerns)).values_list("case_id", "approved_for_id"))
    consulted = set(RiskManagerConsultation.objects.filter(case_id__in=list(concerns)).values_list("case_id", flat=True))
    found: dict[int, list[Breach]] = {}
    for case in candidates:
        if case.pk not in concerns:
            continue
        on_case = []
        rule = rules[case.pk]
        if rule is not None:
            holder_breach = _holder_breach(
                case, case.case_holder, rule, concerns[case.pk], (case.pk, case.case_holder_id) in approved
            )
            on_case += [holder_breach] if holder_breach else []
        if is_high_risk(case) and case.pk not in consulted:
            on_case.append(_consultation_breach(case, concerns[case.pk]))
        if on_case:
            found[case.pk] = on_case
    return found
