import datetime
import zoneinfo

import pytest

from safeguard.plans import services

D = datetime.date
LONDON = zoneinfo.ZoneInfo("Europe/London")
TODAY = D(2026, 11, 23)  # the fixed_today fixture's day, a Monday
GOOD = {
    "work": "Visit the home monthly to see Tyler and talk with Wayne about his drinking and its effect on the children",
    "informing": "Email the social worker after each home visit and send a written report before each core group",
}


def moment(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, 10, 0, tzinfo=LONDON)


@pytest.fixture
def cp_case(world, make_case, fixed_today):
    """Wayne Garside's case, opened today, with one child on a child-protection plan since 13 November."""
    return make_case(first_name="Wayne", last_name="Garside", children=1)


@pytest.fixture
def child(cp_case):
    return cp_case.service_user.child_links.get().child


@pytest.fixture
def add(world, cp_case, child):
    """Add an objective (a good one unless told) to the case."""

    def make(case=None, **values):
        case = case or cp_case
        values = {**GOOD, "review_on": D(2027, 1, 18), **values}
        if case == cp_case:
            values.setdefault("children", [child])
        return services.objective_add(actor=world["officer1"], case=case, **values)

    return make
