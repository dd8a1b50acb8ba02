"""The first draft of a written report to a meeting (West Mercia Appendix 2), from what the case
records: a pure function of the facts `selectors.report_facts` loads, so what it writes can be read
and tested without a database.

It only restates what is on file: each child's name, date of birth (or expected date), school,
council and social-care status with the social worker; their address; the family as the case links
it; the orders probation supervises and who supervises. The two sections that ask for professional
judgement (the child's health and development, the parents' capacity) are left for the officer:
Safeguard records nothing that could fill them, and nothing is invented. No statement is marked fact,
observation, allegation or opinion: the officer marks each one before the report is sent.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from safeguard.people.models import CSCStatus

from .models import ReportStatement

S = ReportStatement.Section


@dataclass(frozen=True)
class ReportFacts:
    """What the case records that a report restates (loaded by `selectors.report_facts`)."""

    service_user: Any
    service_user_address: Any  # the service user's current address, or None
    children: Sequence[Any]  # the meeting's children, each with `open_statuses` (their current statuses)
    child_links: Sequence[Any]  # every child linked to the service user, with the child
    adult_links: Sequence[Any]  # every other adult linked to the service user, with the adult
    adult_child_links: Sequence[Any]  # those adults' links to the meeting's children
    orders: Sequence[Any]  # the case's orders, latest first
    case_holder: Any  # who supervises, or None
    team: Any = None


@dataclass(frozen=True)
class Drafted:
    section: str
    text: str


def _day(day: datetime.date) -> str:
    return f"{day:%-d %B %Y}"


def _born(child: Any) -> str:
    if child.date_of_birth:
        return f"born {_day(child.date_of_birth)}"
    if child.expected_date_of_delivery:
        return f"unborn, expected {_day(child.expected_date_of_delivery)}"
    return "date of birth not recorded"


def _child(child: Any) -> list[Drafted]:
    found = [Drafted(S.CHILD, f"{child}, {_born(child)}.")]
    if child.school:
        found.append(Drafted(S.CHILD, f"{child}'s school or nursery: {child.school}."))
    council = child.responsible_local_authority
    if council is not None:
        found.append(Drafted(S.CHILD, f"{child}'s responsible council: {council}."))
    statuses = list(getattr(child, "open_statuses", []))
    if statuses:
        found += [Drafted(S.CHILD, f"{child}'s children's social care status: {s.in_words()}.") for s in statuses]
    elif child.csc_status != CSCStatus.NOT_KNOWN:
        found.append(Drafted(S.CHILD, f"{child}'s children's social care status: {child.get_csc_status_display()}."))
    return found


def _address(child: Any, service_user: Any, home: Any) -> list[Drafted]:
    if child.address is None:
        return []
    same = f" (also {service_user}'s address)" if home is not None and home.pk == child.address_id else ""
    return [Drafted(S.ADDRESS, f"{child}'s address: {child.address}{same}.")]


def _family(facts: ReportFacts) -> list[Drafted]:
    person = facts.service_user
    found: list[Drafted] = []
    for link in facts.child_links:
        child = link.child
        responsibility = f"; {person} has parental responsibility" if link.parental_responsibility else ""
        found.append(
            Drafted(
                S.FAMILY,
                f"{child} ({_born(child)}): recorded relationship with {person}, the service user: "
                f"{link.get_relationship_display().lower()}; {link.get_contact_display().lower()}{responsibility}.",
            )
        )
    for link in facts.adult_links:
        lives = f"; lives with {person}" if link.lives_with else ""
        found.append(Drafted(S.FAMILY, f"{link.adult.full_name}: {person}'s {link.get_relationship_display().lower()}{lives}."))
    for link in facts.adult_child_links:
        responsibility = f"; {link.adult.full_name} has parental responsibility" if link.parental_responsibility else ""
        found.append(
            Drafted(
                S.FAMILY,
                f"{link.adult.full_name} and {link.child}: {link.get_relationship_display().lower()}; "
                f"{link.get_contact_display().lower()}{responsibility}.",
            )
        )
    return found


def _order(order: Any, person: Any) -> str:
    words = f"{person} is subject to a {order.get_order_type_display().lower()} from {_day(order.start_date)}"
    if order.ended_on:
        words += f", which ended on {_day(order.ended_on)}"
    elif order.expected_end_date:
        words += f", expected to end on {_day(order.expected_end_date)}"
    if order.offence:
        words += f"; main offence: {order.offence}"
    if order.requirements:
        words += f"; requirements: {order.requirements}"
    return words + "."


def _involvement(facts: ReportFacts) -> list[Drafted]:
    person = facts.service_user
    found = [Drafted(S.INVOLVEMENT, _order(order, person)) for order in facts.orders]
    if facts.case_holder is not None:
        team = f", {facts.team}" if facts.team is not None else ""
        found.append(Drafted(S.INVOLVEMENT, f"Supervising officer: {facts.case_holder}{team}."))
    return found


def draft(facts: ReportFacts) -> list[Drafted]:
    """The statements of a first draft, in the order of Appendix 2, none of them marked."""
    found: list[Drafted] = []
    for child in facts.children:
        found += _child(child)
    for child in facts.children:
        found += _address(child, facts.service_user, facts.service_user_address)
    found += _family(facts)
    found += _involvement(facts)
    order = list(S.values)
    return sorted(found, key=lambda d: order.index(d.section))  # stable: each section keeps its own order
