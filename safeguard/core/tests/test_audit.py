"""The audit trail is append-only: no change or deletion, one way or another, except lawful erasure."""

import datetime

import pytest

from safeguard.core import audit
from safeguard.core.models import AuditEvent, AuditEventChanged
from safeguard.core.services import update_tracked
from safeguard.register import services as register


@pytest.fixture
def event(make_case):
    make_case()
    return AuditEvent.objects.order_by("pk").first()


def test_an_event_cannot_be_saved_again(event):
    event.action = "tampered"
    with pytest.raises(AuditEventChanged):
        event.save()


@pytest.mark.parametrize(
    "attempt",
    [
        lambda events: events.update(action="tampered"),
        lambda events: events.delete(),
        lambda events: events.first().delete(),
        lambda events: AuditEvent._base_manager.filter(pk__in=events.values("pk")).update(action="tampered"),
        lambda events: AuditEvent.objects.bulk_update(list(events), ["action"]),
    ],
    ids=["update", "bulk delete", "delete one", "base manager", "bulk update"],
)
def test_no_way_round_it(event, attempt):
    count = AuditEvent.objects.count()
    with pytest.raises(AuditEventChanged):
        attempt(AuditEvent.objects.all())
    assert AuditEvent.objects.count() == count and not AuditEvent.objects.filter(action="tampered").exists()


def test_lawful_erasure_is_the_one_path(event):
    with audit.erasure_window():
        AuditEvent.objects.filter(pk=event.pk).update(object_repr="[erased]")
    assert AuditEvent.objects.get(pk=event.pk).object_repr == "[erased]"
    with pytest.raises(AuditEventChanged):  # and the window closes again
        AuditEvent.objects.filter(pk=event.pk).update(object_repr="again")


def test_opening_a_case_writes_each_event_once_with_the_case_in_order(make_case):
    case = make_case()
    events = list(AuditEvent.objects.filter(case_id=case.pk).order_by("pk").values_list("action", flat=True))
    assert events[:3] == ["service_user.create", "case.open", "allocation.start"]
    assert not AuditEvent.objects.filter(object_type="people.ServiceUser", case_id__isnull=True).exists()


def test_the_people_a_record_names_are_in_its_audit_event_and_so_is_a_change_to_them(world, make_case):
    """Many-to-many values (the children a registration concerns) are set and audited with the record."""
    case = make_case(children=2)
    first, second = (link.child for link in case.service_user.child_links.order_by("pk"))
    registration = register.register_case(
        actor=world["officer1"],
        case=case,
        category="linked_child",
        trigger_date=datetime.date(2026, 11, 2),
        registered_on=datetime.date(2026, 11, 3),
        children=[first],
        reason="Plan",
    )
    created = AuditEvent.objects.get(action="register.register")
    assert created.changes["children"] == [None, [str(first)]]
    update_tracked(registration, actor=world["manager1"], action="register.children", case=case, children=[first, second])
    changed = AuditEvent.objects.get(action="register.children")
    assert changed.changes == {"children": [[str(first)], sorted([str(first), str(second)])]}
    assert set(registration.children.all()) == {first, second}
