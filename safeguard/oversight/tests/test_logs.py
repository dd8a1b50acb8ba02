"""The admin shows no case data to anyone; the audit trail and access log are read in the product,
under the case pages' access rules, and an access-log address never keeps a query string."""

import pytest
from django.contrib.auth.models import Group

from safeguard.accounts import roles, services
from safeguard.core.models import AccessLog


@pytest.fixture
def staff_admin(world):
    admin = world["admin1"]
    admin.is_staff = True
    admin.save()
    return admin


def test_the_admin_holds_no_case_data(client, world, make_case, staff_admin):
    make_case(first_name="Tyler", last_name="Mitchell", children=1)
    client.force_login(staff_admin)
    index = client.get("/admin/").content.decode()
    assert "Audit events" not in index and "Access logs" not in index and "Referrals" not in index
    for path in ["/admin/core/auditevent/?q=Mitchell", "/admin/core/accesslog/", "/admin/referrals/referral/"]:
        assert client.get(path).status_code == 404, path


def test_the_lead_reads_the_audit_trail_of_cases_and_an_officer_cannot(client, world, make_case):
    make_case(first_name="Tyler", last_name="Mitchell", children=1)
    client.force_login(world["lead1"])
    page = client.get("/audit-trail/").content.decode()
    assert "Mitchell" in page and "Audit trail" in page
    client.force_login(world["officer1"])
    assert client.get("/audit-trail/").status_code == 403
    assert "Audit trail" not in client.get("/cases/").content.decode()  # not offered either


def test_an_administrator_reads_account_changes_but_never_a_case(client, world, make_case, staff_admin):
    make_case(first_name="Tyler", last_name="Mitchell", children=1)
    services.role_change_ask(
        actor=staff_admin,
        user=world["manager1"],
        groups=[Group.objects.get(name=roles.LINE_MANAGER)],
        team=world["manager1"].team,
        area=None,
        reason="Tidy",
    )
    client.force_login(staff_admin)
    page = client.get("/audit-trail/").content.decode()
    assert "Change of roles asked for" in page and "account.role_change.ask" not in page
    assert "Mitchell" not in page and "Tyler" not in page


def test_an_access_log_address_keeps_no_query_string(client, world, make_case):
    other = make_case(team=world.far, holder=world["officer3"])
    client.force_login(world["officer1"])
    assert client.get(f"/cases/{other.pk}/", {"q": "Tyler Mitchell"}).status_code == 404
    row = AccessLog.objects.get(user=world["officer1"], outcome="refused")
    assert row.path == f"/cases/{other.pk}/" and "Tyler" not in str(row.__dict__)
    client.force_login(world["lead1"])
    page = client.get("/access-log/", {"outcome": "refused"}).content.decode()
    assert f"/cases/{other.pk}/" in page


def test_older_access_log_addresses_lose_their_query_strings(db):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("safeguard.core.migrations.0004_access_log_paths_without_query_strings")
    old = AccessLog.objects.create(
        object_type="cases.Case", object_id="7", path="/cases/7/?q=Tyler+Mitchell", method="GET", outcome="refused"
    )
    plain = AccessLog.objects.create(object_type="cases.Case", object_id="8", path="/cases/8/", method="GET", outcome="refused")
    migration.strip_query_strings(apps, None)
    old.refresh_from_db()
    plain.refresh_from_db()
    assert (old.path, plain.path) == ("/cases/7/", "/cases/8/")


def test_the_audit_trail_shares_the_history_wording_and_filters_by_kind(client, world, make_case, fixed_today):
    make_case(first_name="Tyler", last_name="Mitchell", children=1)
    client.force_login(world["lead1"])
    page = client.get("/audit-trail/").content.decode()
    assert "Case opened" in page and "Child added" in page and "23 November 2026 at 10am" in page
    assert "case.open" not in page and "child.create" not in page
    assert "Date of birth" in page and "date_of_birth" not in page  # what changed, by its label
    assert '<select class="govuk-select" id="kind" name="kind"' in page
    people = client.get("/audit-trail/", {"kind": "people"}).content.decode()
    assert "Child added" in people and "Case opened" not in people
