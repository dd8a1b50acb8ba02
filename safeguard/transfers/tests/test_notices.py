import pytest
from django.core.exceptions import ValidationError

from safeguard.cases import services as cases
from safeguard.transfers import services

from .conftest import TODAY, move, steps


def _contact(world, case, kind, name, **extra):
    return cases.key_contact_add(
        actor=world["officer1"], case=case, kind=kind, name=name, organisation="Elsewhere", phone="01905 555 0101", **extra
    )


def _in_custody(world, case):
    cases.order_add(actor=world["officer1"], case=case, stage="custody", order_type="custody", start_date=TODAY)


def test_another_probation_unit_is_told_until_recorded(world, family, officer4):
    unit = _contact(world, family, "probation", "Unpaid work team")
    _contact(world, family, "social_worker", "Jane Aldridge")  # not a unit to tell
    handover = move(world, family, officer4)
    [step] = steps(family, "transfers.inform_probation")
    assert step.title == "Tell Unpaid work team (Elsewhere) the case has moved to Officer4"
    assert steps(family, "transfers.inform_prison") == []  # not in custody
    services.notice_record(actor=officer4, case=family, handover=handover, key_contact=unit, informed_on=TODAY, how="phone")
    assert steps(family, "transfers.inform_probation") == []


def test_in_custody_the_prisons_coordinator_is_told_or_added_first(world, family, officer4):
    _in_custody(world, family)
    handover = move(world, family, officer4)
    [step] = steps(family, "transfers.inform_prison")
    assert "co-ordinator" in step.title and step.url.endswith("/key-contacts/prison/add/")
    coordinator = _contact(world, family, "prison_cp_coordinator", "Pat Cole", contacted_on=TODAY)
    [step] = steps(family, "transfers.inform_prison")
    assert step.title == "Tell Pat Cole (Elsewhere) the case has moved to Officer4"
    services.notice_record(
        actor=officer4, case=family, handover=handover, key_contact=coordinator, informed_on=TODAY, how="secure_email"
    )
    assert steps(family, "transfers.inform_prison") == []


def test_a_notice_is_refused_for_a_contact_not_to_tell_or_twice(world, family, officer4):
    worker = _contact(world, family, "social_worker", "Jane Aldridge")
    unit = _contact(world, family, "probation", "Unpaid work team")
    handover = move(world, family, officer4)
    with pytest.raises(ValidationError):
        services.notice_record(actor=officer4, case=family, handover=handover, key_contact=worker, informed_on=TODAY, how="phone")
    with pytest.raises(ValidationError, match="today or in the past"):
        services.notice_record(
            actor=officer4, case=family, handover=handover, key_contact=unit, informed_on=TODAY.replace(year=2027), how="phone"
        )
    services.notice_record(actor=officer4, case=family, handover=handover, key_contact=unit, informed_on=TODAY, how="phone")
    with pytest.raises(ValidationError, match="already recorded"):
        services.notice_record(actor=officer4, case=family, handover=handover, key_contact=unit, informed_on=TODAY, how="phone")
