"""Who sees which case: the scope of every role, and refusals that never reveal existence."""

import pytest

from safeguard.cases.access import visible_cases
from safeguard.core.models import AccessLog


@pytest.fixture
def cases(world, make_case):
    return {
        "north": make_case(team=world.north, holder=world["officer1"], last_name="North"),
        "south": make_case(team=world.south, holder=world["officer2"], last_name="South"),
        "far": make_case(team=world.far, holder=world["officer3"], last_name="Far"),
    }


@pytest.mark.parametrize(
    "username,expected",
    [
        ("officer1", {"north"}),
        ("pso1", {"north"}),
        ("trainee1", {"north"}),
        ("reception1", {"north"}),
        ("officer2", {"south"}),
        ("officer3", {"far"}),
        ("manager1", {"north"}),
        ("manager2", {"south"}),
        ("risk1", {"north", "south"}),
        ("info1", {"north", "south"}),
        ("lead1", {"north", "south", "far"}),
        ("auditor1", set()),
        ("admin1", set()),
    ],
)
def test_each_role_sees_its_scope(world, cases, username, expected):
    seen = set(visible_cases(world[username]).values_list("pk", flat=True))
    assert seen == {cases[name].pk for name in expected}


def test_line_manager_of_two_teams_sees_both(world, cases):
    world.south.line_managers.add(world["manager1"])
    seen = set(visible_cases(world["manager1"]).values_list("pk", flat=True))
    assert seen == {cases["north"].pk, cases["south"].pk}


def test_inactive_user_sees_nothing(world, cases):
    lead = world["lead1"]
    lead.is_active = False
    assert not visible_cases(lead).exists()


def _restricted_body(response) -> str:
    return response.content.decode().split('id="main-content"')[1].split("</main>")[0]


@pytest.mark.parametrize(
    "suffix", ["", "family/", "history/", "service-user/edit/", "children/add/", "adults/add/", "orders/add/", "allocation/"]
)
def test_other_team_gets_the_same_page_as_a_missing_case(client, world, cases, suffix):
    client.force_login(world["officer2"])
    forbidden = client.get(f"/cases/{cases['north'].pk}/{suffix}")
    missing = client.get(f"/cases/999999/{suffix}")
    assert forbidden.status_code == missing.status_code == 404
    assert _restricted_body(forbidden) == _restricted_body(missing)
    assert "You are restricted from viewing this page" in forbidden.content.decode()
    refusals = AccessLog.objects.filter(user=world["officer2"], outcome="refused")
    assert set(refusals.values_list("object_id", flat=True)) == {str(cases["north"].pk), "999999"}
    assert refusals.filter(path=f"/cases/{cases['north'].pk}/{suffix}").exists()


def test_other_team_cannot_post_changes(client, world, cases):
    client.force_login(world["officer2"])
    response = client.post(f"/cases/{cases['north'].pk}/service-user/edit/", {"first_name": "Changed"})
    assert response.status_code == 404
    cases["north"].service_user.refresh_from_db()
    assert cases["north"].service_user.first_name == "John"


def test_child_of_another_case_is_not_reachable_through_my_case(client, world, make_case):
    mine = make_case(team=world.north, holder=world["officer1"])
    theirs = make_case(team=world.south, holder=world["officer2"], children=1)
    child_id = theirs.service_user.child_links.get().child_id
    client.force_login(world["officer1"])
    response = client.get(f"/cases/{mine.pk}/children/{child_id}/")
    assert response.status_code == 404
    assert AccessLog.objects.filter(user=world["officer1"], object_type="people.Child", object_id=str(child_id)).exists()


def test_auditor_can_read_nothing_yet(client, world, cases):
    client.force_login(world["auditor1"])
    assert client.get(f"/cases/{cases['north'].pk}/").status_code == 404
    assert "0 cases" in client.get("/cases/").content.decode()


def test_role_without_permission_is_refused_and_logged(client, world, cases):
    client.force_login(world["pso1"])
    response = client.get(f"/cases/{cases['north'].pk}/allocation/")
    assert response.status_code == 403
    assert AccessLog.objects.filter(user=world["pso1"], reason__contains="allocate_case").exists()


def test_reception_cannot_add_children(client, world, cases):
    client.force_login(world["reception1"])
    assert client.get(f"/cases/{cases['north'].pk}/").status_code == 200
    assert client.get(f"/cases/{cases['north'].pk}/children/add/").status_code == 403


@pytest.mark.parametrize(
    "username,manages",
    [
        ("manager1", True),  # line manager of the case's team
        ("manager2", False),  # a line manager, of another team
        ("lead1", True),  # the safeguarding lead decides on any case
        ("risk1", False),  # sees the area's cases but is not their manager
        ("info1", False),
        ("officer1", False),  # the case holder
        ("reception1", False),
    ],
)
def test_one_meaning_of_manager_of_this_case(world, cases, username, manages):
    from safeguard.cases.access import manages_case

    assert manages_case(world[username], cases["north"]) is manages


def test_a_line_manager_of_a_second_team_manages_its_cases(world, cases):
    from safeguard.cases.access import manages_case

    world.south.line_managers.add(world["manager1"])
    assert manages_case(world["manager1"], cases["south"])


@pytest.mark.parametrize(
    "username,teams",
    [
        ("officer1", {"North"}),
        ("manager1", {"North"}),
        ("risk1", {"North", "South"}),
        ("info1", {"North", "South"}),
        ("lead1", {"North", "South", "Far"}),
        ("auditor1", set()),
    ],
)
def test_a_case_can_be_put_only_in_a_team_whose_cases_the_user_sees(world, username, teams):
    from safeguard.cases.access import allocatable_teams

    assert {team.name for team in allocatable_teams(world[username])} == teams


def test_allocations_are_audited_and_never_overwritten(client, world, cases):
    from safeguard.cases import services
    from safeguard.cases.models import Allocation
    from safeguard.core.models import AuditEvent

    case = cases["north"]
    first = Allocation.objects.get(case=case)
    services.case_allocate(
        actor=world["manager1"], case=case, team=world.north, case_holder=None, line_manager=world["manager1"], reason="Leave"
    )
    first.refresh_from_db()
    assert first.end_at is not None and first.case_holder == world["officer1"]
    assert Allocation.objects.filter(case=case, end_at__isnull=True).get().reason == "Leave"
    actions = list(AuditEvent.objects.filter(case_id=case.pk, object_type="cases.Allocation").values_list("action", flat=True))
    assert sorted(actions) == ["allocation.end", "allocation.start", "allocation.start"]
