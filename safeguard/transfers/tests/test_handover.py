import pytest
from django.core.exceptions import ValidationError

from safeguard.core.models import AuditEvent
from safeguard.oversight.selectors import my_work
from safeguard.transfers import services
from safeguard.transfers.models import Handover

from .conftest import move, steps


def _text(handover):
    return "\n".join(f"{p['title']}: {' | '.join(p['lines']) or p['empty']}" for p in handover.parts)


def test_a_transfer_produces_the_handover_with_the_whole_picture(world, family, officer4):
    handover = move(world, family, officer4)
    assert handover is not None
    assert (handover.from_holder, handover.to_holder, handover.to_team) == (world["officer1"], officer4, world.north)
    text = _text(handover)
    for words in (
        "Child0 Garside",
        "Child1 Garside",
        "Child-protection plan (neglect)",
        "Worcestershire",
        "next review due 23 November 2026",  # a change of case holder calls for a review (West Mercia 5.2)
        "Request for information to Worcestershire: sent 23 November 2026",
        "Referral to Worcestershire",
        "a section 47 enquiry",
        "Share the risk management plan",
        "Visit the family weekly",
        "Wayne Garside",
    ):
        assert words in text, words
    assert "Secret informant" not in text  # the restricted section stays in the record
    assert AuditEvent.objects.filter(case_id=family.pk, action="handover.add").exists()


def test_the_handover_is_frozen_as_handed_over(world, family, officer4, make_case):
    from safeguard.people import services as people

    handover = move(world, family, officer4)
    people.child_add(
        actor=officer4,
        case=family,
        where="service_user",
        child={"first_name": "Later", "last_name": "Garside", "date_of_birth": family.opened_on.replace(year=2021)},
        link={"relationship": "parent", "contact": "regular"},
    )
    handover.refresh_from_db()
    assert "Later Garside" not in _text(handover)


def test_no_handover_when_the_case_is_left_unallocated(world, family):
    assert move(world, family, None, team=world.north) is None
    assert not Handover.objects.exists()


def test_only_the_new_holder_acknowledges(world, family, officer4):
    handover = move(world, family, officer4)
    for someone in (world["officer1"], world["manager1"], world["lead1"]):
        with pytest.raises(ValidationError, match="Only Officer4, the new case holder"):
            services.handover_acknowledge(actor=someone, case=family, handover=handover)
    services.handover_acknowledge(actor=officer4, case=family, handover=handover)
    handover.refresh_from_db()
    assert handover.acknowledged_by == officer4 and handover.acknowledged_at is not None
    with pytest.raises(ValidationError, match="already acknowledged"):
        services.handover_acknowledge(actor=officer4, case=family, handover=handover)


def test_the_step_is_for_both_holders_until_acknowledged(world, family, officer4):
    handover = move(world, family, officer4)
    [step] = steps(family, "transfers.acknowledge")
    assert step.title == "Read and acknowledge the handover" and step.due_on is not None
    assert step.escalated_to == {world["officer1"].pk}
    work = my_work(officer4)
    assert step in work.due_soon.items + work.later.items + work.overdue.items
    assert [t.title for t in my_work(world["officer1"]).escalated_to_you] == ["Read and acknowledge the handover"]
    services.handover_acknowledge(actor=officer4, case=family, handover=handover)
    assert steps(family, "transfers.acknowledge") == []
    assert my_work(world["officer1"]).escalated_to_you == []


def test_a_later_transfer_supersedes_the_handover(world, family, officer4):
    first = move(world, family, officer4)
    move(world, family, world["officer1"])
    assert [t.subject for t in steps(family, "transfers.acknowledge")] == [("transfers.Handover", family.handovers.first().pk)]
    with pytest.raises(ValidationError, match="moved again"):
        services.handover_acknowledge(actor=officer4, case=family, handover=first)
