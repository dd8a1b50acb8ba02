import datetime
import zoneinfo

import pytest

from safeguard.core.tasks import tasks_for_cases
from safeguard.meetings import services
from safeguard.people import services as people

D = datetime.date


def on(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, 10, 0, tzinfo=zoneinfo.ZoneInfo("Europe/London"))


def steps(case, rule=None):
    return [t for t in tasks_for_cases([case])[case.pk] if rule is None or t.rule == rule]


@pytest.fixture
def meeting_case(world, make_case, fixed_today):
    """A case with two children not known to children's social care (not yet on a plan)."""
    case = make_case(first_name="Wayne", last_name="Garside")
    for first in ("Tyler", "Kayleigh"):
        people.child_add(
            actor=world["officer1"],
            case=case,
            where="service_user",
            child={"first_name": first, "last_name": "Garside", "date_of_birth": D(2020, 4, 2)},
            link={"relationship": "parent", "contact": "lives_with", "parental_responsibility": True},
        )
    return case


@pytest.fixture
def hold(world, meeting_case, fixed_today):
    """Record a meeting on the case, moving the clock to its day first unless it is in the past."""

    def make(kind, held_on, *, plan=None, category="neglect", case=None, children=None, **values):
        case = case or meeting_case
        if children is None:
            children = [link.child for link in case.service_user.child_links.all()]
        if held_on > datetime.datetime.now(tz=datetime.UTC).date():
            fixed_today.move_to(on(held_on))
        meeting = services.meeting_record(
            actor=world["officer1"],
            case=case,
            kind=kind,
            children=children,
            held_on=held_on,
            convened_by=values.pop("convened_by", "Worcestershire children's services"),
            **values,
        )
        if plan is not None:
            services.meeting_decision(
                actor=world["officer1"],
                case=case,
                meeting=meeting,
                plan_made=plan,
                plan_category=category if plan else "",
                status_after="" if plan or kind != "review_conference" else "child_in_need",
            )
        return meeting

    return make
