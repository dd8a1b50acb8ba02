"""Dashboards of outstanding steps: one case for every kind of step across two teams of one area and a
team of another; each line manager sees only their teams' steps, each risk manager their area's, the
safeguarding lead everything; every count equals its list; the queries do not grow with the data."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from safeguard.accounts import roles
from safeguard.core.models import AccessLog, OutstandingStep
from safeguard.oversight import outstanding
from safeguard.testing import make_user
from tests.test_every_rule import SCENARIOS


def _counts(page: str) -> dict[str, dict[str, int]]:
    """Kind key → status → the number in the dashboard's table."""
    table = page[page.index('id="kinds"') : page.index("</table>", page.index('id="kinds"'))]
    found = {}
    for kind, row in re.findall(r'data-kind="(\w*)">(.*?)</tr>', table, re.S):
        found[kind or "every"] = {status: int(n) for status, n in re.findall(r'data-status="(\w+)">(?:<a[^>]*>)?(\d+)', row)}
    return found


def _listed(page: str) -> tuple[int, list[str]]:
    """The list's count in its heading, and each listed step's team."""
    found = re.search(r'<span id="steps-count">(\d+)</span>', page)
    assert found is not None
    count = int(found.group(1))
    if 'id="steps"' not in page:
        return count, []
    table = page[page.index('id="steps"') :]
    rows = re.findall(r'<tr class="govuk-table__row" data-rule="[\w.]+">(.*?)</tr>', table, re.S)
    return count, [re.findall(r'<td class="govuk-table__cell">([^<]*)</td>', row)[1] for row in rows]


@pytest.fixture
def every_kind(world, make_case, fixed_today):
    """For each kind on the dashboard, a case built to raise it, in North, South and Far in turn."""
    teams = [world.north, world.south, world.far]
    holders = {world.north: world["officer1"], world.south: world["officer2"], world.far: world["officer3"]}
    built = {}
    for i, kind in enumerate(k for k in outstanding.kinds() if k.key != "other"):
        rule = next(rule for rule in kind.rules if rule in SCENARIOS)
        extra, build, _ = SCENARIOS[rule]
        for team in (teams[i % 3], world.north):  # a few scenarios are built for North's officers
            try:
                with transaction.atomic():
                    case = make_case(
                        first_name="Kind", last_name=kind.key.replace("_", ""), team=team, holder=holders[team], **extra
                    )
                    build(world, case)
            except ValidationError:
                continue
            case.refresh_from_db()
            built[kind.key] = case.team  # where the case ended (a handover moves it)
            break
    world.users["risk9"] = make_user("risk9", roles.RISK_MANAGER, None, world.other_area)
    return built


@pytest.fixture
def long_pages(settings):
    settings.SAFEGUARD = {**settings.SAFEGUARD, "DASHBOARD_PAGE_SIZE": 500}


def test_each_overseer_sees_their_own_teams_or_area_and_every_count_equals_its_list(client, world, every_kind, long_pages):
    scopes = {
        "manager1": {"North"},
        "manager2": {"South"},
        "risk1": {"North", "South"},
        "info1": {"North", "South"},
        "risk9": {"Far"},
        "lead1": {"North", "South", "Far"},
    }
    for username, teams in scopes.items():
        client.force_login(world[username])
        page = client.get("/dashboard/").content.decode()
        counts = _counts(page)
        for kind, team in every_kind.items():
            if team.name in teams:  # the kind built in one of their teams shows
                assert counts[kind]["all"] >= 1, (username, kind)
        expected = OutstandingStep.objects.filter(outstanding_on_today(), team__name__in=teams, case__status="open").count()
        assert counts["every"]["all"] == expected, username
        for kind, by_status in counts.items():
            for status, n in by_status.items():
                query = f"?status={status}" + ("" if kind == "every" else f"&kind={kind}")
                listed, listed_teams = _listed(client.get("/dashboard/" + query).content.decode())
                assert listed == n == len(listed_teams), (username, kind, status)  # the count is its list
                assert set(listed_teams) <= teams, (username, kind, status)  # and only their teams


def outstanding_on_today():
    from safeguard.core import clock
    from safeguard.core.tasks import outstanding_on

    return outstanding_on(clock.today())


def test_the_lead_sees_every_kind(client, world, every_kind):
    client.force_login(world["lead1"])
    counts = _counts(client.get("/dashboard/").content.decode())
    assert {kind for kind, by in counts.items() if kind != "every" and by["all"]} >= set(every_kind)


def test_filters_narrow_the_counts_and_the_lists(client, world, every_kind, long_pages):
    client.force_login(world["lead1"])
    everything = _counts(client.get("/dashboard/").content.decode())["every"]["all"]
    north = _counts(client.get(f"/dashboard/?team={world.north.pk}").content.decode())["every"]["all"]
    officer = _counts(client.get(f"/dashboard/?team={world.north.pk}&officer={world['officer1'].pk}").content.decode())
    held = OutstandingStep.objects.filter(outstanding_on_today(), holder=world["officer1"], case__status="open").count()
    assert 0 < north < everything and officer["every"]["all"] == held > 0
    count, teams = _listed(client.get(f"/dashboard/?team={world.south.pk}&status=all").content.decode())
    assert count and set(teams) == {"South"}
    council = _counts(client.get("/dashboard/?local_authority=999999").content.decode())
    assert council["every"]["all"] == everything  # an unknown council is refused, not applied


def test_an_officer_has_no_dashboard_and_the_refusal_is_logged(client, world):
    client.force_login(world["officer1"])
    assert client.get("/dashboard/").status_code == 403
    assert client.get("/dashboard/charts/").status_code == 403
    assert AccessLog.objects.filter(user=world["officer1"], outcome="refused", object_type="core.OutstandingStep").count() == 2
    assert "/dashboard/" not in client.get("/my-work/").content.decode()  # nor a link to it


def test_the_charts_show_the_numbers_as_tables(client, world, every_kind, fixed_today):
    client.force_login(world["lead1"])
    page = client.get("/dashboard/charts/").content.decode()
    assert page.count("<svg") >= 2 and 'role="img"' in page and 'id="history"' in page and 'id="by-kind"' in page
    overdue_now = _counts(client.get("/dashboard/").content.decode())["every"]["overdue"]
    by_kind = page[page.index('id="by-kind"') :]
    assert sum(int(n) for n in re.findall(r'numeric">(\d+)</td>', by_kind)) == overdue_now


def test_the_dashboards_queries_do_not_grow_with_the_data(client, world, make_case, every_kind):
    client.force_login(world["lead1"])

    def queries(path):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    pages = ["/dashboard/", "/dashboard/?status=overdue", f"/dashboard/?team={world.north.pk}", "/dashboard/charts/", "/my-work/"]
    before = [queries(path) for path in pages]
    for i in range(6):
        make_case(first_name="More", last_name=f"Cases{i}", children=2, team=[world.north, world.far][i % 2])
    assert [queries(path) for path in pages] == before


def test_every_rule_is_under_one_kind_of_the_dashboard():
    from safeguard.core import registry

    listed = [rule for kind in outstanding.kinds() if kind.key != "other" for rule in kind.rules]
    assert len(listed) == len(set(listed))
    assert set(listed) == {key for key, rule in registry.rules().items() if rule.app_label != "example_capability"}


def test_a_cached_count_changes_with_the_next_write_to_its_team(client, world, make_case, fixed_today):
    client.force_login(world["manager1"])
    before = _counts(client.get("/dashboard/").content.decode())["every"]["all"]
    make_case(first_name="New", last_name="Case", children=1)  # North: its steps change North's version
    after = _counts(client.get("/dashboard/").content.decode())["every"]["all"]
    assert after > before
    assert after == OutstandingStep.objects.filter(outstanding_on_today(), team=world.north, case__status="open").count()
