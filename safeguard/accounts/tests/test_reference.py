import csv

from django.contrib.auth.models import Group

from safeguard.accounts import roles
from safeguard.accounts.models import LocalAuthority
from safeguard.accounts.reference import LOCAL_AUTHORITIES_CSV, ensure_local_authorities


def test_local_authorities_of_england_and_wales_are_loaded(db):
    assert LocalAuthority.objects.filter(nation="England").count() == 153
    assert LocalAuthority.objects.filter(nation="Wales").count() == 22
    assert LocalAuthority.objects.get(code="E09000007").name == "Camden"
    assert LocalAuthority.objects.get(code="W06000015").name == "Cardiff"


def test_reloading_keeps_administrators_edits(db):
    camden = LocalAuthority.objects.get(code="E09000007")
    camden.childrens_services_email = "mash@camden.example"
    camden.save()
    LocalAuthority.objects.filter(code="W06000015").delete()
    assert ensure_local_authorities() == 1
    assert LocalAuthority.objects.get(code="E09000007").childrens_services_email == "mash@camden.example"
    assert LocalAuthority.objects.filter(code="W06000015").exists()


def test_csv_has_unique_codes_and_names():
    with LOCAL_AUTHORITIES_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len({r["code"] for r in rows}) == len({r["name"] for r in rows}) == len(rows) == 175


def test_every_role_is_a_group_with_its_permissions(db):
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ALL_ROLES)
    om = Group.objects.get(name=roles.OFFENDER_MANAGER)
    assert om.permissions.filter(codename="add_child").exists()
    assert not om.permissions.filter(codename="allocate_case").exists()
    assert Group.objects.get(name=roles.LINE_MANAGER).permissions.filter(codename="allocate_case").exists()
    auditor = set(Group.objects.get(name=roles.AUDITOR).permissions.values_list("codename", flat=True))
    assert auditor and all(code.startswith("view_") for code in auditor)
