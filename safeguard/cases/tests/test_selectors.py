import datetime

import pytest

from safeguard.cases.selectors import case_search
from safeguard.people import services


@pytest.fixture
def people(world, make_case):
    made = {
        "smith": make_case(first_name="John", last_name="Smith", date_of_birth=datetime.date(1980, 3, 27), crn="X111111"),
        "oneil": make_case(first_name="Siobhan", last_name="O'Neil", date_of_birth=datetime.date(1992, 12, 1)),
        "south": make_case(first_name="John", last_name="Smithers", team=world.south, holder=world["officer2"]),
        "pso": make_case(first_name="Mary", last_name="Jones", holder=world["pso1"]),
    }
    services.alias_add(
        actor=world["officer1"], case=made["pso"], service_user=made["pso"].service_user, first_name="Maria", last_name="Jonas"
    )
    return made


def found(user, **kwargs):
    return {c.service_user.last_name for c in case_search(user, **kwargs)}


@pytest.mark.parametrize(
    "q,expected",
    [
        ("smi", {"Smith"}),
        ("SMITH", {"Smith"}),
        ("john smith", {"Smith"}),
        ("j smi", {"Smith"}),
        ("oneil", {"O'Neil"}),
        ("o'neil", {"O'Neil"}),
        ("O Neil", set()),
        ("X111111", {"Smith"}),
        ("x111111", {"Smith"}),
        ("27/03/1980", {"Smith"}),
        ("27-3-1980", {"Smith"}),
        ("1980-03-27", {"Smith"}),
        ("27.03.80", {"Smith"}),
        ("jonas", {"Jones"}),
        ("maria jon", {"Jones"}),
        ("", {"Smith", "O'Neil", "Jones"}),
        ("!!!", set()),
        ("31/02/1980", set()),
    ],
)
def test_search_by_name_alias_crn_and_date(world, people, q, expected):
    assert found(world["officer1"], q=q) == expected


def test_search_never_reaches_outside_access(world, people):
    assert found(world["officer1"], q="smithers") == set()
    assert found(world["officer2"], q="john") == {"Smithers"}


def test_mine_only_lists_cases_i_hold(world, people):
    assert found(world["pso1"], mine=True) == {"Jones"}
