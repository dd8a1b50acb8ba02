import datetime

import pytest

from safeguard.people import services as people
from safeguard.testing import council
from safeguard.visits import services

D = datetime.date


@pytest.fixture
def visit_case(world, make_case, fixed_today):
    """Darren Holt's case (given address 1 High Street), with Tyler living with him there and Kayleigh,
    in regular contact, living with her mother at 9 Elm Road."""
    case = make_case(first_name="Darren", last_name="Holt")
    people.child_add(
        actor=world["officer1"],
        case=case,
        where="service_user",
        child={"first_name": "Tyler", "last_name": "Holt", "date_of_birth": D(2019, 2, 14)},
        link={"relationship": "parent", "contact": "lives_with", "parental_responsibility": True},
    )
    people.child_add(
        actor=world["officer1"],
        case=case,
        where="new",
        address={"line_1": "9 Elm Road", "town": "Worcester", "postcode": "WR2 4AA", "local_authority": council()},
        child={"first_name": "Kayleigh", "last_name": "Holt", "date_of_birth": D(2021, 6, 3)},
        link={"relationship": "parent", "contact": "regular", "parental_responsibility": True},
    )
    return case


def child(case, first_name):
    return case.service_user.child_links.get(child__first_name=first_name).child


def home(case):
    """The service user's given address."""
    return case.service_user.addresses.get(address_type="given").address


@pytest.fixture
def visit(world, visit_case):
    """Record a visit to the given address by officer1: Tyler seen, Kayleigh not, unless told."""

    def make(*, case=None, address=None, visited_on=None, consent_given=True, children=None, **values):
        case = case or visit_case
        if children is None:
            children = {
                child(case, "Tyler").pk: {"seen": True, "presentation": "Chatty, showed me his room"},
                child(case, "Kayleigh").pk: {"seen": False, "not_seen_reason": "Lives with her mother"},
            }
        return services.visit_record(
            actor=values.pop("actor", world["officer1"]),
            case=case,
            address=address or home(case),
            visited_on=visited_on or D(2026, 11, 20),
            consent_given=consent_given,
            consent_by=values.pop("consent_by", "Darren Holt, the tenant"),
            children=children,
            **values,
        )

    return make
