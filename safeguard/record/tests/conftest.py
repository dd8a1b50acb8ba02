import datetime
import zoneinfo

import pytest

from safeguard.people import services as people
from safeguard.record import services

LONDON = zoneinfo.ZoneInfo("Europe/London")


def at(day: int, hour: int = 10, month: int = 11) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, 0, tzinfo=LONDON)


@pytest.fixture
def record_case(world, make_case, fixed_today):
    """Darren Holt's case, held by officer1 in North, with two children: Tyler and Kayleigh."""
    case = make_case(first_name="Darren", last_name="Holt")
    for first in ("Tyler", "Kayleigh"):
        people.child_add(
            actor=world["officer1"],
            case=case,
            where="service_user",
            child={
                "first_name": first,
                "last_name": "Holt",
                "date_of_birth": datetime.date(2019, 2, 14 if first == "Tyler" else 3),
            },
            link={"relationship": "parent", "contact": "lives_with", "parental_responsibility": True},
        )
    return case


@pytest.fixture
def write(world, record_case):
    """Write an entry on the case (by officer1 unless told), general and disclosable unless told."""

    def make(text, *, section="general", kind="phone", with_whom="service_user", when=None, actor=None, case=None, **values):
        return services.entry_add(
            actor=actor or world["officer1"],
            case=case or record_case,
            contact_at=when or at(20),
            kind=kind,
            with_whom=with_whom,
            text=text,
            section=section,
            not_for_disclosure=values.pop("not_for_disclosure", False),
            **values,
        )

    return make
