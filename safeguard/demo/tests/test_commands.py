import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from safeguard.accounts.models import User
from safeguard.cases.models import Case
from safeguard.people.models import Child, ChildLink, CSCStatus, ServiceUser


def test_seed_demo_creates_the_accounts_and_cases_once(db, client):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    counts = (User.objects.count(), Case.objects.count(), Child.objects.count())
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert (User.objects.count(), Case.objects.count(), Child.objects.count()) == counts
    for username in [
        "officer1",
        "officer2",
        "pso1",
        "trainee1",
        "manager1",
        "manager2",
        "risk1",
        "info1",
        "auditor1",
        "lead1",
        "admin1",
    ]:
        assert User.objects.get(username=username).check_password("demo")
    holt = ServiceUser.objects.get(crn="D100001")
    councils = {str(link.child.responsible_local_authority) for link in holt.child_links.select_related("child")}
    assert councils == {"Worcestershire", "Herefordshire"}
    assert holt.child_links.filter(child__csc_status=CSCStatus.LOOKED_AFTER).count() == 2
    assert holt.adult_links.count() == 3
    assert ServiceUser.objects.get(crn="D100002").risk_to_unspecified_children
    assert ChildLink.objects.filter(service_user__crn="D100003", child__expected_date_of_delivery__isnull=False).exists()
    assert ChildLink.objects.filter(service_user__crn="D100004", child__statuses__category="neglect").exists()
    from safeguard.checks.models import RequestForInformation
    from safeguard.referrals.models import Referral

    assert RequestForInformation.objects.filter(case__service_user__crn="D100001").count() == 2
    assert Referral.objects.get().followup_sent_on is not None
    from safeguard.cases.models import KeyContact

    holt_contacts = KeyContact.objects.filter(case__service_user__crn="D100001")
    assert {"social_worker", "school_dsl", "health_visitor"} <= set(holt_contacts.values_list("kind", flat=True))
    assert holt_contacts.filter(ended_on__isnull=False).count() == 1  # a social worker who moved on, kept
    assert holt_contacts.get(name="Karen Webb").children.get().first_name == "Alfie"
    client.post("/accounts/login/", {"username": "officer1", "password": "demo"})  # as a person signs in
    assert "HOLT" in client.get("/cases/?q=holt").content.decode()


@override_settings(SAFEGUARD={"DEMO": False})
def test_seed_demo_refuses_without_the_demo_setting(db):
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.filter(username="officer1").exists()


def test_generate_synthetic(db):
    call_command("generate_synthetic", service_users=120, stdout=open("/dev/null", "w"))
    call_command("generate_synthetic", service_users=30, seed=2, stdout=open("/dev/null", "w"))
    assert ServiceUser.objects.filter(crn__startswith="S").count() == 150
    assert Case.objects.filter(team__area__code="SYN").count() == 150
    per_person = ChildLink.objects.count() / 150
    assert 1.2 < per_person < 2.5
    from safeguard.register.models import Category, Registration

    linked = Registration.objects.filter(category=Category.LINKED_CHILD)
    assert linked.exists()
    # Every linked-child registration names only that service user's children on a plan or looked after.
    for registration in linked.prefetch_related("children__service_user_links").select_related("case"):
        named = list(registration.children.all())
        assert named
        assert all(c.csc_status in (CSCStatus.CHILD_PROTECTION_PLAN, CSCStatus.LOOKED_AFTER) for c in named)
        assert all(
            link.service_user_id == registration.case.service_user_id for c in named for link in c.service_user_links.all()
        )
    assert Registration.objects.filter(category=Category.RISK_UNSPECIFIED).count() == (
        ServiceUser.objects.filter(risk_to_unspecified_children=True).count()
    )
    with pytest.raises(CommandError):
        call_command("generate_synthetic", service_users=0)
