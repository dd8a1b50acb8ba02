"""Lawful erasure reaches the case record: a child named in a contact entry (every version of it) or a
manager's decision leaves no trace after de-registration, on the record's pages or in its rows."""

import datetime

from safeguard.core.models import AuditEvent
from safeguard.record import services
from safeguard.record.models import ContactEntry, ManagerDecision
from safeguard.register import services as register
from safeguard.testing import deregister

from .conftest import at


def test_a_child_named_in_the_record_leaves_no_trace_after_deregistration(client, world, record_case, write):
    tyler = record_case.service_user.child_links.get(child__first_name="Tyler").child
    kayleigh = record_case.service_user.child_links.get(child__first_name="Kayleigh").child
    entry = write("Tyler Holt told me he is scared at home", with_whom="child", child=tyler, section="restricted", when=at(19))
    services.entry_amend(
        actor=world["officer1"], case=record_case, entry=entry, reason="Date of birth added", text="Tyler (14/02/2019) told me"
    )
    write("Kayleigh is doing well", children=[kayleigh], when=at(20))
    services.decision_record(
        actor=world["manager1"],
        case=record_case,
        kind="decision",
        decided_on=datetime.date(2026, 11, 20),
        decision="Refer Tyler Holt to children's services",
        section="general",
        children=[tyler],
    )
    registration = register.register_case(
        actor=world["officer1"],
        case=record_case,
        category="linked_child",
        trigger_date=datetime.date(2026, 11, 2),
        registered_on=datetime.date(2026, 11, 3),
        children=[tyler],
        reason="On a plan",
    )
    deregister(world, record_case, registration, "child_left_register")

    texts = " ".join(ContactEntry.objects.values_list("text", flat=True)) + " ".join(
        ManagerDecision.objects.values_list("decision", flat=True)
    )
    assert "Tyler" not in texts and "14/02/2019" not in texts
    assert "Kayleigh is doing well" in texts  # the other child's entry is untouched
    assert not ContactEntry.objects.filter(child__isnull=False).exists()  # who it was with: gone with the child
    assert list(ContactEntry.children.through.objects.values_list("child_id", flat=True)) == [kayleigh.pk]
    assert not ManagerDecision.children.through.objects.exists()
    assert "Tyler" not in str(list(AuditEvent.objects.filter(case_id=record_case.pk).values_list("changes", "object_repr")))
    client.force_login(world["officer1"])
    for path in ("record/", f"record/entries/{entry.pk}/", "history/"):
        assert "Tyler" not in client.get(f"/cases/{record_case.pk}/{path}").content.decode(), path
