"""The system administrator edits reference data in the admin; every change is audited."""

from safeguard.accounts.models import LocalAuthority
from safeguard.core import audit
from safeguard.core.models import AuditEvent


def test_admin_edit_of_a_council_is_audited(client, world):
    admin = world["admin1"]
    admin.is_staff = True
    admin.save()
    client.force_login(admin)
    camden = LocalAuthority.objects.get(name="Camden")
    response = client.post(
        f"/admin/accounts/localauthority/{camden.pk}/change/",
        {
            "code": camden.code,
            "name": "Camden",
            "nation": "England",
            "childrens_services_email": "mash@camden.example",
            "active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    camden.refresh_from_db()
    assert camden.childrens_services_email == "mash@camden.example"
    assert camden.modified_by == admin
    event = AuditEvent.objects.get(action="admin.localauthority.change")
    assert event.changes == {"childrens_services_email": ["", "mash@camden.example"]}
    assert event.actor == admin


def test_system_administrator_cannot_grant_superuser(client, world):
    admin = world["admin1"]
    admin.is_staff = True
    admin.save()
    client.force_login(admin)
    page = client.get(f"/admin/accounts/user/{admin.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in page
    assert 'name="username"' in page


def test_password_hashes_never_reach_the_audit_trail(world):
    user = world["officer1"]
    before = audit.snapshot(user)
    user.set_password("another-long-password-1")
    after = audit.snapshot(user)
    assert user.password not in str(after) and "md5" not in str(after)
    assert audit.diff(before, after).keys() == {"password"}  # the change itself is still visible
