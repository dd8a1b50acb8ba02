"""Search as people type it: "SURNAME, First" (as the case list shows names), "First Surname" in
either order, part of a CRN or PNC, and dates of birth in the common forms. The query is parsed once
(`cases.search.parse_query`); an empty result says what was searched for and how to widen it."""

import datetime

import pytest
from django.db import connection

from safeguard.cases.search import parse_date_of_birth, parse_query
from safeguard.cases.selectors import case_search


@pytest.mark.parametrize(
    "text,expected",
    [
        ("18 October 1985", datetime.date(1985, 10, 18)),
        ("18 Oct 85", datetime.date(1985, 10, 18)),
        ("18th October 1985", datetime.date(1985, 10, 18)),
        ("October 18, 1985", datetime.date(1985, 10, 18)),
        ("18/10/85", datetime.date(1985, 10, 18)),
        ("18/10/1985", datetime.date(1985, 10, 18)),
        ("18.10.85", datetime.date(1985, 10, 18)),
        ("18-10-1985", datetime.date(1985, 10, 18)),
        ("1985-10-18", datetime.date(1985, 10, 18)),
        ("3/4/2001", datetime.date(2001, 4, 3)),  # day first, as in the UK
        ("1/12/26", datetime.date(1926, 12, 1)),  # a date of birth is in the past: not December 2026
        ("1/1/26", datetime.date(2026, 1, 1)),
        ("31/02/1980", None),
        ("October 1985", None),  # no day: not a date of birth
        ("1985", None),
        ("1 2", None),
        ("Holt", None),
        ("D1000", None),
        ("2012/0123", None),
    ],
)
def test_dates_of_birth_as_people_type_them(fixed_today, text, expected):
    assert parse_date_of_birth(text) == expected


@pytest.mark.parametrize(
    "text,description",
    [
        ("HOLT, Darren", "surname Holt, first name Darren"),
        ("Holt Darren", "first name Holt and surname Darren, or surname Holt and first name Darren"),
        ("holt", "surname or first name Holt"),
        ("Holt,", "surname Holt"),
        ("D1000", "CRN starting D1000"),
        ("d100001", "CRN D100001"),
        ("2012/0123", "PNC number starting 2012/0123"),
        ("12/123456x", "PNC number 2012/0123456X"),
        ("18 October 1985", "date of birth 18 October 1985"),
        ("18/10/85", "date of birth 18 October 1985"),
        ("1985-10-18", "date of birth 18 October 1985"),
        ("!!!", ""),
    ],
)
def test_the_query_is_understood_once(fixed_today, text, description):
    assert parse_query(text).description == description


def test_how_each_form_is_read(fixed_today):
    assert parse_query("HOLT, Darren").names == (("darren", "holt"),)
    assert parse_query("Holt Darren").names == (("holt", "darren"), ("darren", "holt"))
    assert parse_query("Mary Ann Smith").names == (("mary", "smith"), ("ann", "mary"))
    assert parse_query("holt").names == (("", "holt"), ("holt", ""))
    assert parse_query("D1000").crn == "D1000" and not parse_query("D1000").names
    assert parse_query("2012/0123").pnc == "2012/0123"
    assert parse_query("18/10/85").date_of_birth == datetime.date(1985, 10, 18)
    assert parse_query("  ").is_empty


@pytest.fixture
def holt(world, make_case):
    """Darren Holt, as the issue found him, among others who must not be found."""
    return {
        "holt": make_case(
            first_name="Darren", last_name="Holt", date_of_birth=datetime.date(1985, 10, 18), crn="D100001", pnc="2012/0123456X"
        ),
        "darren": make_case(first_name="Holt", last_name="Darrenson", date_of_birth=datetime.date(1990, 1, 2), crn="E200002"),
        "other": make_case(first_name="Darren", last_name="Smith", date_of_birth=datetime.date(1985, 10, 19), crn="D200001"),
        "hidden": make_case(
            first_name="Darren",
            last_name="Holt",
            date_of_birth=datetime.date(1985, 10, 18),
            crn="D100002",
            team=world.far,
            holder=world["officer3"],
        ),
    }


def crns(user, q, **kwargs):
    return {c.service_user.crn for c in case_search(user, q=q, **kwargs)}


@pytest.mark.parametrize(
    "q,expected",
    [
        ("HOLT, Darren", {"D100001"}),
        ("Holt, D", {"D100001"}),
        ("Holt Darren", {"D100001", "E200002"}),  # both orders: Darren Holt, and Holt Darrenson
        ("Darren Holt", {"D100001", "E200002"}),
        ("D1000", {"D100001"}),
        ("d1000", {"D100001"}),
        ("D100001", {"D100001"}),
        ("2012/0123", {"D100001"}),
        ("12/123456X", {"D100001"}),
        ("18 October 1985", {"D100001"}),
        ("18/10/85", {"D100001"}),
        ("1985-10-18", {"D100001"}),
    ],
)
def test_the_issues_examples_find_darren_holt(world, holt, fixed_today, q, expected):
    assert crns(world["officer1"], q) == expected


def test_results_only_ever_come_from_visible_cases(world, holt, fixed_today):
    for q in ["HOLT, Darren", "Holt Darren", "D1000", "18 October 1985"]:
        assert "D100002" not in crns(world["officer1"], q)
    assert crns(world["officer3"], "D1000") == {"D100002"}


@pytest.fixture
def officer(client, world):
    client.force_login(world["officer1"])
    return client


def test_the_case_list_finds_the_list_s_own_format(officer, holt, fixed_today):
    page = officer.get("/cases/", {"q": "HOLT, Darren"}).content.decode()
    assert "1 case for surname Holt, first name Darren" in page
    assert f"/cases/{holt['holt'].pk}/" in page


def test_an_empty_result_says_what_was_searched_and_how_to_widen(officer, holt, fixed_today):
    page = officer.get("/cases/", {"q": "HOLT, Dean", "scope": "mine"}).content.decode()
    assert "No cases found for surname Holt, first name Dean" in page
    assert 'href="/cases/?q=HOLT&amp;scope=mine"' in page  # surname only
    assert 'href="/cases/?q=HOLT%2C+Dean&amp;scope=all"' in page  # all cases, not only mine
    assert "Darren" not in page

    page = officer.get("/cases/", {"q": "D9999"}).content.decode()
    assert "No cases found for CRN starting D9999" in page
    page = officer.get("/cases/", {"q": "1 January 1970"}).content.decode()
    assert "No cases found for date of birth 1 January 1970" in page


@pytest.mark.parametrize("q", ["HOLT, Darren", "Holt Darren", "D1000", "2012/0123", "18 October 1985", "18/10/85", "1985-10-18"])
def test_search_runs_a_fixed_number_of_queries(officer, world, make_case, fixed_today, django_assert_max_num_queries, q):
    for i in range(6):
        make_case(
            first_name="Darren",
            last_name="Holt",
            date_of_birth=datetime.date(1985, 10, 18),
            crn=f"D10000{i}",
            pnc=f"2012/012345{i}X",
            children=1,
        )
    with django_assert_max_num_queries(13):
        response = officer.get("/cases/", {"q": q})
    assert response.status_code == 200 and "D100005" in response.content.decode()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plan")
@pytest.mark.parametrize("q", ["HOLT, Darren", "Holt Darren", "holt", "D1000", "2012/0123", "18 October 1985"])
def test_search_walks_indexes_never_scans_the_people(world, fixed_today, q):
    sql, params = case_search(world["lead1"], q=q).query.sql_with_params()  # the lead sees the whole area
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = [row[-1] for row in cursor.fetchall()]
    assert not [step for step in plan if step.startswith("SCAN") and ("people_" in step or " U0" in step)], plan
