"""Reads for case pages. Each runs a fixed number of queries whatever the size of the data."""

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from safeguard.accounts import roles
from safeguard.accounts.models import Team
from safeguard.core import flags, history, registry
from safeguard.core.models import AuditEvent
from safeguard.core.registry import Flag
from safeguard.people.models import (
    AdultChildLink,
    AdultLink,
    Alias,
    Child,
    ChildLink,
    ServiceUser,
    ServiceUserAddress,
    SocialCareStatus,
)

from .access import manages_case, visible_cases
from .allocation_rules import WITH_APPROVAL, breaches, breaking_condition, holder_rules
from .models import Allocation, Case, HolderApproval, KeyContact, Order, RiskManagerConsultation
from .protection import child_protection, is_high_risk
from .search import CaseQuery, parse_query


def starts_with(field: str, prefix: str) -> Q:
    """`field` starts with `prefix`, written also as a range so that the database walks the field's
    index: a LIKE alone cannot use a b-tree index on SQLite (case-insensitive LIKE), nor on
    PostgreSQL outside the C collation. Keys and references are stored in one case, so the range is
    exact; the LIKE keeps it so for any collation."""
    if not prefix:
        return Q()
    after = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return Q(**{f"{field}__gte": prefix, f"{field}__lt": after, f"{field}__startswith": prefix})


def _people_named(names: tuple[tuple[str, str], ...]) -> QuerySet[Any]:
    """The ids of service users whose name or an alias reads one of the ways `names` gives, as one
    UNION of indexed lookups: an OR between a person's name and an alias subquery stops PostgreSQL
    using the name index (0.9 s at 250,000 service users against 20 ms)."""
    parts: list[QuerySet[Any]] = []
    for first, last in names:
        named = starts_with("last_name_key", last) & starts_with("first_name_key", first)
        parts.append(ServiceUser.objects.filter(named).order_by().values("pk"))
        parts.append(Alias.objects.filter(named).order_by().values("service_user_id"))
    return parts[0].union(*parts[1:])


def case_search(user: Any, *, q: "str | CaseQuery" = "", mine: bool = False) -> QuerySet[Case]:
    """Open cases the user may see, searched by what `q` is (`search.parse_query`): a date of birth,
    the start of a CRN or PNC number (indexed), or names (names match aliases too).

    Name search is a prefix match on normalised keys (indexed): "smi" finds Smith, "j smi" finds John
    Smith, "SMITH, John" and "Smith John" find him too."""
    query = q if isinstance(q, CaseQuery) else parse_query(q)
    cases = visible_cases(user).filter(status=Case.Status.OPEN)
    if mine:
        cases = cases.filter(case_holder=user)
    if query.date_of_birth is not None:
        cases = cases.filter(service_user__date_of_birth=query.date_of_birth)
    elif query.crn:
        cases = cases.filter(service_user_id__in=ServiceUser.objects.filter(starts_with("crn", query.crn)).values("pk"))
    elif query.pnc:
        cases = cases.filter(service_user_id__in=ServiceUser.objects.filter(starts_with("pnc", query.pnc)).values("pk"))
    elif query.names:
        cases = cases.filter(service_user_id__in=_people_named(query.names))
    elif not query.is_empty:
        return cases.none()
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
    key_contacts: list = field(default_factory=list)

    @property
    def children(self) -> list[Any]:
        return [link.child for link in self.child_links]

    @property
    def current_order(self) -> Order | None:
        return next((o for o in self.orders if o.ended_on is None), None)

    @property
    def open_orders(self) -> list[Order]:
        return [o for o in self.orders if o.ended_on is None]


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
        key_contacts=list(current_key_contacts(case)),
    )


def key_contacts_of(case: Case) -> QuerySet[KeyContact]:
    """Every key contact of the case, those still involved first, each with the children they work
    with (two queries)."""
    return (
        KeyContact.objects.filter(case=case)
        .prefetch_related(Prefetch("children", queryset=Child.objects.order_by("date_of_birth", "pk")))
        .order_by(F("ended_on").desc(nulls_first=True), "name", "pk")
    )


def current_key_contacts(case: Case) -> QuerySet[KeyContact]:
    """The key contacts still involved with the case: those a page offers to choose from."""
    return KeyContact.objects.filter(case=case, ended_on__isnull=True).order_by("name", "pk")


def case_history(case: Case, *, user: Any, kind: str = "") -> QuerySet[AuditEvent]:
    """The case's audit trail as `user` may read it, newest first: without the events of the sections
    of the record they may not read (restricted, victim, third-party material); only the records of
    the app `kind` (an app label among the History filter's kinds) when given."""
    events = AuditEvent.objects.filter(case_id=case.pk).select_related("actor")
    hidden = registry.unreadable_sections(user, case)
    if hidden:
        events = events.exclude(section__in=hidden)
    return events.filter(history.of_kind(kind, history_kinds())).order_by("-at", "-id")


def history_kinds() -> dict[str, str]:
    """The kinds a case's History can be filtered by: app label → its word ("Register")."""
    return registry.history_kinds(case_records_only=True)


def visible_teams(user: Any) -> QuerySet[Team]:
    """The teams of the cases the user may see: what registers and reports can be filtered by."""
    return Team.objects.filter(pk__in=visible_cases(user).values("team_id")).select_related("area")


@dataclass
class Holding:
    """What the allocation page says about who may hold the case (`allocation_rules`)."""

    concerns: list[Any]
    high_risk: bool
    breaches: list[Any]
    approvals: list[HolderApproval]
    consultations: list[RiskManagerConsultation]
    may_approve: bool
    may_consult: bool


def holding(case: Case, user: Any) -> Holding:
    """The child-protection concerns that bring the allocation rules into play, the rules the case
    breaks now, and the approvals and consultations on record."""
    concerns = child_protection([case]).get(case.pk, [])
    return Holding(
        concerns=concerns,
        high_risk=is_high_risk(case),
        breaches=breaches([case], {case.pk: concerns}).get(case.pk, []) if concerns else [],
        approvals=list(case.holder_approvals.select_related("approved_for", "approved_by")),
        consultations=list(case.risk_consultations.select_related("risk_manager", "created_by")),
        may_approve=bool(concerns) and user.has_perm("cases.add_holderapproval") and manages_case(user, case),
        may_consult=bool(concerns) and user.has_perm("cases.add_riskmanagerconsultation"),
    )


def needing_approval(case: Case) -> QuerySet[Any]:
    """The case's team members whose roles let them hold a child-protection case only with approval."""
    restricted = [rule.role for rule in holder_rules().values() if rule.rule == WITH_APPROVAL]
    return (
        get_user_model()
        .objects.filter(is_active=True, team_id=case.team_id, groups__name__in=restricted)
        .exclude(groups__name=roles.OFFENDER_MANAGER)
        .distinct()
        .select_related("team")
        .prefetch_related("groups")
    )


def risk_managers(case: Case) -> QuerySet[Any]:
    """Risk managers of the case's area (West Mercia 6.1)."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=roles.RISK_MANAGER)
        .filter(Q(area_id=case.team.area_id) | Q(team__area_id=case.team.area_id))
        .distinct()
        .select_related("team")
        .prefetch_related("groups")
    )


def breaking_allocation_rules(user: Any) -> QuerySet[Case]:
    """The open cases the user may see that break an allocation rule now, by team and name: one query
    (`allocation_rules.breaking_condition`), so the list pages in the database; the rules each breaks,
    in words, come from `allocation_rules.breaches` for the page shown."""
    return (
        visible_cases(user)
        .filter(status=Case.Status.OPEN)
        .filter(breaking_condition())
        .select_related("service_user", "case_holder", "team")
        .order_by("team__name", "service_user__last_name_key", "service_user__first_name_key", "pk")
    )
