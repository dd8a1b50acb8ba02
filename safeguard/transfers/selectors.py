"""Reads of the transfers app: the handover summary's own parts (people, children, orders, key
contacts) and the whole summary from every app, the handovers of a case, and whose My work a
handover waiting to be acknowledged belongs on."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, QuerySet

from safeguard.cases.models import Case, KeyContact, Order
from safeguard.cases.tasks import custody_of
from safeguard.core import registry
from safeguard.core.registry import HandoverPart
from safeguard.people.models import AdultLink, ChildLink, ChildWhereabouts, ServiceUserAddress, SocialCareStatus

from .models import Handover, HandoverNotice

# Where each of this app's parts comes in the summary (the register's registrations come at 30, the
# checks, referrals, meetings and decisions after it).
PEOPLE, CHILDREN, ORDERS, CONTACTS = 10, 20, 25, 80


def _date(day: datetime.date | None) -> str:
    return f"{day:%-d %B %Y}" if day else ""


def _child_line(link: ChildLink) -> str:
    child = link.child
    if child.is_unborn:
        born = f"expected {_date(child.expected_date_of_delivery)}"
    else:
        born = f"born {_date(child.date_of_birth)}, aged {child.age}"
    contact = link.get_contact_display().lower()
    parts = [f"{child} ({born}): {link.get_relationship_display().lower()}, {contact}"]
    if link.parental_responsibility:
        parts.append("parental responsibility")
    if link.risk_role != link._meta.get_field("risk_role").default:
        parts.append(f"the service user {link.get_risk_role_display().lower()} to them")
    statuses = list(child.statuses.all())
    if statuses:
        parts.append(f"children's social care: {statuses[0].in_words()}")
    else:
        parts.append("children's social care: not known")
    missing = list(child.whereabouts.all())
    if missing:
        parts.append(f"WHEREABOUTS UNKNOWN since {_date(missing[0].missing_since)}")
    parts.append(f"lives at {child.address}" if child.address else "address not recorded")
    authority = child.responsible_local_authority
    parts.append(f"responsible local authority: {authority or 'not recorded'}")
    if child.school:
        parts.append(f"school: {child.school}")
    return "; ".join(parts)


def own_parts(case: Any) -> Iterable[HandoverPart]:
    """The service user and the other adults, each linked child (status, whereabouts, council), the
    open orders and the key contacts still involved: six queries however many there are."""
    person = case.service_user
    people = [
        f"{person.full_name}, born {_date(person.date_of_birth)} (CRN {person.crn}); risk of serious harm: "
        f"{person.get_rosh_level_display().lower()}"
    ]
    people += [
        f"Address ({use.get_address_type_display().lower()}): {use.address}"
        for use in ServiceUserAddress.objects.filter(service_user=person, end_date__isnull=True).select_related("address")
    ]
    for link in AdultLink.objects.filter(service_user=person).select_related("adult").order_by("pk"):
        lives = ", lives with the service user" if link.lives_with else ""
        people.append(f"{link.adult.full_name}: {link.get_relationship_display().lower()}{lives}")
    yield HandoverPart("The service user and other adults", tuple(people), order=PEOPLE)

    links = (
        ChildLink.objects.filter(service_user=person)
        .select_related("child", "child__address", "child__address__local_authority", "child__local_authority_override")
        .prefetch_related(
            Prefetch(
                "child__statuses",
                queryset=SocialCareStatus.objects.filter(end_date__isnull=True).select_related("local_authority"),
            ),
            Prefetch("child__whereabouts", queryset=ChildWhereabouts.objects.filter(found_on__isnull=True)),
        )
        .order_by("child__date_of_birth", "child__expected_date_of_delivery", "pk")
    )
    yield HandoverPart("Children", tuple(_child_line(link) for link in links), empty="No children linked", order=CHILDREN)

    orders = [
        f"{order}{f', expected to end {_date(order.expected_end_date)}' if order.expected_end_date else ''}"
        f" ({order.get_stage_display().lower()})"
        for order in Order.objects.filter(case=case, ended_on__isnull=True)
    ]
    yield HandoverPart("Orders", tuple(orders), empty="No open order", order=ORDERS)

    contacts = []
    for contact in KeyContact.objects.filter(case=case, ended_on__isnull=True).order_by("kind", "name", "pk"):
        reach = ", ".join(part for part in (contact.phone, contact.email, contact.contact_details) if part)
        contacts.append(f"{contact.get_kind_display()}: {contact.described}{f', {reach}' if reach else ''}")
    yield HandoverPart("Key contacts", tuple(contacts), empty="No key contacts recorded", order=CONTACTS)


def summary_of(case: Any) -> list[dict[str, Any]]:
    """The handover summary of the case as it stands: every app's parts, in order, as stored."""
    return [{"title": part.title, "lines": list(part.lines), "empty": part.empty} for part in registry.handover_parts(case)]


def handovers_of(case: Any) -> QuerySet[Handover]:
    """The case's handovers, newest first, with who was involved (one query)."""
    return Handover.objects.filter(case=case).select_related(
        "from_holder", "from_team", "to_holder", "to_team__area", "acknowledged_by", "allocation"
    )


def is_current(handover: Handover) -> bool:
    """Whether the handover is of the case's present allocation (a later transfer supersedes it)."""
    return handover.allocation.end_at is None


def current_handovers() -> QuerySet[Handover]:
    """Handovers of allocations still open: the ones whose steps are outstanding."""
    return Handover.objects.filter(allocation__end_at__isnull=True)


def cases_handed_over_by(user: Any) -> QuerySet[Handover, Any]:
    """The ids of the cases `user` handed over whose new holder has not yet acknowledged it (a
    subquery: the caller limits it to the cases the user may still see)."""
    return current_handovers().filter(from_holder=user, acknowledged_at__isnull=True).values("case_id")


def notices_of(handover: Handover) -> list[HandoverNotice]:
    return list(handover.notices.select_related("key_contact", "by"))


def to_inform(handover: Handover) -> list[KeyContact]:
    """The key contacts to tell of this handover: other probation units involved and, when the
    service user is in custody, the prison's child-protection co-ordinator."""
    kinds = [KeyContact.Kind.PROBATION]
    if in_custody(handover.case):
        kinds.append(KeyContact.Kind.PRISON_CP_COORDINATOR)
    return list(KeyContact.objects.filter(case=handover.case, kind__in=kinds, ended_on__isnull=True).order_by("kind", "name"))


def in_custody(case: Case) -> bool:
    return case.pk in custody_of({case.pk: case})
