"""Nobody above their role: an administrator cannot widen anyone's access (their own least of all)
without a second administrator, cannot set someone else's password, and every change of roles is
in the audit trail with its old and new values; the safeguarding lead is told of each widening."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from safeguard.accounts import roles
from safeguard.accounts.models import RoleChange
from safeguard.core.models import AccessLog, AuditEvent
from safeguard.testing import make_user


@pytest.fixture
def admins(world):
    first, second = world["admin1"], make_user("admin2", roles.SYSTEM_ADMINISTRATOR, None, world.area)
    for admin in (first, second):
        admin.is_staff = True
        admin.save()
    world["lead1"].email = "lead@example.org"
    world["lead1"].save()
    return first, second


def ask(client, user, role_names, reason="New post"):
    groups = [Group.objects.get(name=name).pk for name in role_names]
    data = {"user": user.pk, "groups": groups, "team": user.team_id or "", "area": user.area_id or "", "reason": reason}
    return client.post("/admin/accounts/rolechange/add/", data)


def test_an_administrator_cannot_make_himself_safeguarding_lead(client, world, admins):
    admin, _ = admins
    client.force_login(admin)
    lead = Group.objects.get(name=roles.SAFEGUARDING_LEAD)
    # The account page ignores roles, team and area (they are shown, not fields)...
    page = client.get(f"/admin/accounts/user/{admin.pk}/change/").content.decode()
    assert 'name="groups"' not in page and 'name="team"' not in page and 'name="area"' not in page
    client.post(f"/admin/accounts/user/{admin.pk}/change/", {"username": admin.username, "groups": [lead.pk]})
    assert not admin.groups.filter(pk=lead.pk).exists()
    # ...and a role change for himself is refused, and the refusal logged.
    response = ask(client, admin, [roles.SYSTEM_ADMINISTRATOR, roles.SAFEGUARDING_LEAD])
    assert response.status_code == 200 and "Nobody can change their own roles" in response.content.decode()
    assert not RoleChange.objects.exists() and not admin.groups.filter(pk=lead.pk).exists()
    assert AccessLog.objects.filter(user=admin, outcome="refused", reason="change their own roles").exists()


def test_widening_someone_elses_access_waits_for_a_second_administrator(
    client, world, admins, django_capture_on_commit_callbacks
):
    admin, second = admins
    officer = world["officer1"]
    client.force_login(admin)
    assert ask(client, officer, [roles.OFFENDER_MANAGER, roles.SAFEGUARDING_LEAD]).status_code == 302
    change = RoleChange.objects.get()
    assert change.status == RoleChange.Status.PENDING and change.widens
    assert officer.groups.count() == 1 and mail.outbox == []  # nothing applied yet

    # The one who asked cannot approve it: refused and logged.
    client.post("/admin/accounts/rolechange/", {"action": "approve", "_selected_action": [change.pk]})
    change.refresh_from_db()
    assert change.status == RoleChange.Status.PENDING
    assert AccessLog.objects.filter(user=admin, object_type="accounts.RoleChange", outcome="refused").exists()

    client.force_login(second)
    with django_capture_on_commit_callbacks(execute=True):  # the lead is told once the change is committed
        client.post("/admin/accounts/rolechange/", {"action": "approve", "_selected_action": [change.pk]})
    change.refresh_from_db()
    assert change.status == RoleChange.Status.APPLIED and change.decided_by == second
    assert set(officer.groups.values_list("name", flat=True)) == {roles.OFFENDER_MANAGER, roles.SAFEGUARDING_LEAD}
    event = AuditEvent.objects.get(action="account.roles")
    assert event.changes["groups"] == [[roles.OFFENDER_MANAGER], [roles.OFFENDER_MANAGER, roles.SAFEGUARDING_LEAD]]
    assert event.actor == second
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["lead@example.org"]
    assert "Safeguarding lead" in mail.outbox[0].body and "approved by Admin2" in mail.outbox[0].body


def test_granting_the_system_administrator_role_needs_a_second_administrator(client, world, admins):
    admin, _ = admins
    client.force_login(admin)
    ask(client, world["info1"], [roles.INFORMATION_OFFICER, roles.SYSTEM_ADMINISTRATOR])
    assert RoleChange.objects.get().status == RoleChange.Status.PENDING
    assert not world["info1"].groups.filter(name=roles.SYSTEM_ADMINISTRATOR).exists()


def test_taking_a_role_away_applies_at_once_and_is_audited(client, world, admins):
    admin, _ = admins
    manager = world["manager1"]
    manager.groups.add(Group.objects.get(name=roles.RISK_MANAGER))
    client.force_login(admin)
    ask(client, manager, [roles.LINE_MANAGER], reason="Left the risk post")
    assert RoleChange.objects.get().status == RoleChange.Status.APPLIED
    assert list(manager.groups.values_list("name", flat=True)) == [roles.LINE_MANAGER]
    assert AuditEvent.objects.get(action="account.roles").changes["groups"] == [
        [roles.LINE_MANAGER, roles.RISK_MANAGER],
        [roles.LINE_MANAGER],
    ]
    assert mail.outbox == []  # nothing widened


def test_an_administrator_cannot_set_someone_elses_password_but_can_send_a_reset(client, world, admins):
    admin, _ = admins
    officer = world["officer1"]
    officer.email = "officer1@example.org"
    officer.save()
    client.force_login(admin)
    form = client.get(f"/admin/accounts/user/{officer.pk}/password/")
    assert form.status_code == 403
    response = client.post(
        f"/admin/accounts/user/{officer.pk}/password/", {"password1": "taken-over-2026!", "password2": "taken-over-2026!"}
    )
    assert response.status_code == 403
    officer.refresh_from_db()
    assert officer.check_password("demo")
    assert AccessLog.objects.filter(user=admin, reason="set another user's password").count() == 2

    client.post("/admin/accounts/user/", {"action": "send_password_reset", "_selected_action": [officer.pk]})
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["officer1@example.org"]
    assert AuditEvent.objects.filter(action="account.password_reset_sent", object_id=str(officer.pk), actor=admin).exists()

    # Only the owner, from the e-mail, chooses the new password.
    found = re.search(r"https?://[^/]+(/accounts/reset/\S+/)", str(mail.outbox[0].body))
    assert found is not None
    link = found[1]
    client.logout()
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "A-long-new-pass-2026", "new_password2": "A-long-new-pass-2026"}
    )
    assert done.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password("A-long-new-pass-2026")


def test_a_teams_line_managers_changed_in_the_admin_are_in_the_audit_trail(client, world, admins):
    admin, _ = admins
    client.force_login(admin)
    team = world.south
    response = client.post(
        f"/admin/accounts/team/{team.pk}/change/",
        {"name": team.name, "area": team.area_id, "line_managers": [world["manager1"].pk, world["manager2"].pk]},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="admin.team.change")
    assert event.changes == {"line_managers": [["Manager2"], ["Manager1", "Manager2"]]}
