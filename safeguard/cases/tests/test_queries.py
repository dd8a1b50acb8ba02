"""The case list and the case overview run the same number of queries whatever the data size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "path",
    ["/cases/", "/cases/?q=smi", "/cases/?scope=mine", "/cases/?q=SMITH1%2C+John", "/cases/?q=T1", "/cases/?q=17+May+1985"],
)
def test_case_list_queries_do_not_grow(client, world, make_case, path):
    client.force_login(world["officer1"])
    for i in range(5):
        make_case(last_name=f"Smith{i}", children=1)
    small = count_queries(client, path)
    for i in range(45):
        make_case(last_name=f"Smith{i + 5}", children=2)
    large = count_queries(client, path)
    assert small == large
    assert large <= 13


@pytest.mark.parametrize("suffix", ["", "family/"])
def test_case_overview_queries_do_not_grow(client, world, make_case, suffix):
    client.force_login(world["officer1"])
    small_case = make_case(children=1, adults=1)
    large_case = make_case(children=12, adults=3)
    small = count_queries(client, f"/cases/{small_case.pk}/{suffix}")
    large = count_queries(client, f"/cases/{large_case.pk}/{suffix}")
    assert small == large
    # The overview also lists the outstanding steps (one query per kind of record, answers received and
    # facts settled included), the flags (one per source) and the key contacts; what matters is that the
    # count does not grow with the case. (The case record's manager-discussion step reads two; the
    # allocation rules read the holder's roles; home visits five; transfers the handovers; objectives four.)
    assert large <= 63


def test_history_queries_do_not_grow(client, world, make_case):
    client.force_login(world["officer1"])
    small_case = make_case(children=1)
    large_case = make_case(children=10, adults=2)
    assert count_queries(client, f"/cases/{small_case.pk}/history/") == count_queries(client, f"/cases/{large_case.pk}/history/")
