import pytest
from django.core.exceptions import ValidationError

from safeguard.core.models import AuditEvent, AuditEventChanged
from safeguard.people import services
from safeguard.people.models import ServiceUser


def test_update_records_old_and_new_values(make_case, world):
    case = make_case(first_name="John", last_name="Smith")
    services.service_user_update(actor=world["officer1"], case=case, service_user=case.service_user, last_name="Smyth")
    event = AuditEvent.objects.filter(action="service_user.update").get()
    assert event.changes == {"last_name": ["Smith", "Smyth"]}
    assert event.actor == world["officer1"]
    assert event.case_id == case.pk
    person = ServiceUser.objects.get(pk=case.service_user_id)
    assert person.modified_by == world["officer1"]
    assert person.last_name_key == "smyth"


def test_update_without_change_writes_no_event(make_case, world):
    case = make_case()
    before = AuditEvent.objects.count()
    services.service_user_update(actor=world["officer1"], case=case, service_user=case.service_user, last_name="Smith")
    assert AuditEvent.objects.count() == before


def test_invalid_update_changes_nothing(make_case, world):
    case = make_case()
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        services.service_user_update(actor=world["officer1"], case=case, service_user=case.service_user, crn="not a crn")
    assert ServiceUser.objects.get(pk=case.service_user_id).crn.startswith("T")
    assert ServiceUser.objects.filter(crn="not a crn").count() == 0
    assert AuditEvent.objects.count() == before


def test_audit_events_cannot_be_changed(make_case):
    make_case()
    event = AuditEvent.objects.first()
    assert event is not None
    event.action = "tampered"
    with pytest.raises(AuditEventChanged):
        event.save()
