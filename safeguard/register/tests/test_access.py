"""Who may see the register and its monthly report, and who may countersign (register/access.py)."""

import pytest
from django.core.exceptions import ValidationError

from safeguard.core.models import AccessLog
from safeguard.register import services
from safeguard.testing import deregister

from .test_register import family  # noqa: F401  # the Stone family, registered

MANAGEMENT = {"manager1", "manager2", "risk1", "info1", "lead1"}
EVERYONE = ["officer1", "pso1", "trainee1", "reception1", "manager1", "manager2", "risk1", "info1", "auditor1", "lead1", "admin1"]


@pytest.mark.parametrize("username", EVERYONE)
@pytest.mark.parametrize("path", ["/register/", "/register/report/", "/register/report/?format=csv"])
def test_the_register_and_its_report_are_management_information(client, world, family, username, path):  # noqa: F811
    client.force_login(world[username])
    response = client.get(path)
    if username in MANAGEMENT:
        assert response.status_code == 200
    else:
        assert response.status_code == 403
        assert AccessLog.objects.filter(user=world[username], outcome="refused", reason__contains="view_register").exists()


@pytest.mark.parametrize("username", EVERYONE)
def test_the_register_is_in_the_navigation_only_for_those_who_may_see_it(client, world, username):
    client.force_login(world[username])
    page = client.get("/my-work/").content.decode()
    assert ('href="/register/"' in page) is (username in MANAGEMENT)


def test_each_manager_sees_only_the_registrations_in_their_scope(client, world, family):  # noqa: F811
    for username, sees in [("manager1", True), ("manager2", False), ("risk1", True), ("lead1", True)]:
        client.force_login(world[username])
        assert ("STONE" in client.get("/register/").content.decode().upper()) is sees, username


def test_an_officer_still_sees_registration_on_the_case(client, world, family):  # noqa: F811
    case, _, _ = family
    client.force_login(world["officer1"])
    assert "C.A.R. in household" in client.get(f"/cases/{case.pk}/register/").content.decode()


@pytest.mark.parametrize(
    "username,allowed",
    [("manager1", True), ("lead1", True), ("risk1", True), ("manager2", False), ("info1", False), ("officer2", False)],
)
def test_countersigned_by_the_cases_manager_or_a_risk_manager(world, family, username, allowed):  # noqa: F811
    case, _, registration = family
    review = services.review_record(
        actor=world["officer1"],
        case=case,
        registration=registration,
        reviewed_on=registration.registered_on,
        what_changed="-",
        decision="continue",
    )
    if allowed:
        assert services.review_countersign(actor=world[username], case=case, review=review).countersigned_by == world[username]
    else:
        with pytest.raises(ValidationError):
            services.review_countersign(actor=world[username], case=case, review=review)


def test_every_register_write_is_in_the_case_history(world, family):  # noqa: F811
    """Resolving the triggers a review answers, and the statistics kept on de-registration, are writes
    like any other: each leaves an audit event on the case."""
    from safeguard.core import clock
    from safeguard.core.models import AuditEvent
    from safeguard.people import services as people_services

    case, _, registration = family
    people_services.service_user_update(actor=world["officer1"], case=case, service_user=case.service_user, rosh_level="high")
    services.review_record(
        actor=world["officer1"],
        case=case,
        registration=registration,
        reviewed_on=clock.today(),
        what_changed="-",
        decision="continue",
    )
    deregister(world, case, registration, "order_ended")
    actions = set(AuditEvent.objects.filter(case_id=case.pk).values_list("action", flat=True))
    assert {"register.review_trigger_resolved", "register.deregistration_record"} <= actions
