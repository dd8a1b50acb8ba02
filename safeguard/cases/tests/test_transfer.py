"""Moving a case to another team or area: the team first, then the holder and the reason; the history
stays with the case and who may see it follows the team (AN: the new officer had the whole record)."""

import pytest

from safeguard.accounts import roles
from safeguard.cases.models import Case
from safeguard.core.models import AccessLog, AuditEvent
from safeguard.testing import make_user


@pytest.fixture
def moving(world, make_case, fixed_today):
    return make_case(first_name="Wayne", last_name="Garside", children=1)


def test_a_transfer_to_another_area_keeps_the_history_and_moves_access(client, world, moving):
    before = AuditEvent.objects.filter(case_id=moving.pk).count()
    client.force_login(world["manager1"])
    page = client.get(f"/cases/{moving.pk}/allocation/transfer/").content.decode()
    assert "Far (Other area)" in page and "North (Test area)" not in page  # every team but the present one

    chosen = client.get(f"/cases/{moving.pk}/allocation/transfer/?team={world.far.pk}").content.decode()
    assert "Transfer the case to Far (Other area)" in chosen
    assert f'value="{world["officer3"].pk}"' in chosen and f'value="{world["officer1"].pk}"' not in chosen

    refused = client.post(f"/cases/{moving.pk}/allocation/transfer/?team={world.far.pk}", {"case_holder": world["officer3"].pk})
    assert refused.status_code == 200 and "Enter why the case is moving" in refused.content.decode()
    assert Case.objects.get(pk=moving.pk).team == world.north  # nothing partly saved

    response = client.post(
        f"/cases/{moving.pk}/allocation/transfer/?team={world.far.pk}",
        {"case_holder": world["officer3"].pk, "reason": "Moved to Telford"},
    )
    assert response.status_code == 302 and response["Location"] == "/cases/"  # the sender no longer sees it
    moving.refresh_from_db()
    assert (moving.team, moving.case_holder) == (world.far, world["officer3"])
    assert AuditEvent.objects.filter(case_id=moving.pk).count() > before

    client.force_login(world["officer1"])
    assert client.get(f"/cases/{moving.pk}/").status_code == 404
    assert AccessLog.objects.filter(object_type="cases.Case", object_id=str(moving.pk), user=world["officer1"]).exists()

    client.force_login(world["officer3"])
    history = client.get(f"/cases/{moving.pk}/history/").content.decode()
    assert "Case opened" in history and "Transferred" in client.get(f"/cases/{moving.pk}/record/").content.decode()


def test_a_transfer_within_the_area_returns_to_the_case(client, world, moving):
    client.force_login(world["lead1"])
    response = client.post(
        f"/cases/{moving.pk}/allocation/transfer/?team={world.south.pk}",
        {"case_holder": world["officer2"].pk, "reason": "Team boundaries changed"},
    )
    assert response["Location"] == f"/cases/{moving.pk}/"
    moving.refresh_from_db()
    assert moving.line_manager == world["manager2"]  # the team's line manager when none is chosen


def test_a_team_that_does_not_exist_is_asked_again_not_an_error(client, world, moving):
    client.force_login(world["manager1"])
    for bad in ["999999", "abc", ""]:
        response = client.get(f"/cases/{moving.pk}/allocation/transfer/?team={bad}")
        assert response.status_code == 200 and "Select the team taking the case" in response.content.decode()


def test_only_those_who_allocate_may_transfer(client, world, moving):
    client.force_login(world["officer1"])
    assert client.get(f"/cases/{moving.pk}/allocation/transfer/").status_code == 403


def test_the_allocation_rules_apply_to_a_transfer(client, world, moving):
    from safeguard.register import services as register

    child = moving.service_user.child_links.get().child
    register.register_case(
        actor=world["officer1"],
        case=moving,
        category="concerns",
        trigger_date=moving.opened_on,
        registered_on=moving.opened_on,
        children=[child],
        reason="Concerns",
    )
    trainee = make_user("trainee9", roles.TRAINEE, world.far, None)
    client.force_login(world["manager1"])
    response = client.post(
        f"/cases/{moving.pk}/allocation/transfer/?team={world.far.pk}", {"case_holder": trainee.pk, "reason": "Moved"}
    )
    assert response.status_code == 200 and "cannot hold a child-protection case" in response.content.decode()
    assert Case.objects.get(pk=moving.pk).team == world.north


def test_the_transfer_pages_run_a_constant_number_of_queries(client, world, make_case, fixed_today):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(path):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    client.force_login(world["manager1"])
    small, large = make_case(children=1), make_case(first_name="Jane", children=6, adults=2)
    for n in range(4):  # more staff in the team taking it
        make_user(f"officer3{n}", roles.OFFENDER_MANAGER, world.far, None)
    pages = ["allocation/transfer/", f"allocation/transfer/?team={world.far.pk}", "allocation/risk-manager/"]
    for page in pages:
        assert count(f"/cases/{small.pk}/{page}") == count(f"/cases/{large.pk}/{page}"), page


def test_a_team_change_with_the_same_holder_is_a_transfer_too(world, moving):
    """An officer who moved team takes the case with them: the team changes, the holder does not, and
    the move still produces a handover."""
    from safeguard.cases import services
    from safeguard.transfers.models import Handover

    officer = world["officer1"]
    officer.team = world.south
    officer.save()
    services.case_allocate(
        actor=world["manager2"], case=moving, team=world.south, case_holder=officer, line_manager=world["manager2"]
    )
    [handover] = Handover.objects.filter(case=moving)
    assert (handover.from_team, handover.to_team, handover.to_holder) == (world.north, world.south, officer)
