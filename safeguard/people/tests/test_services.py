"""Rules for people and links: dates, ages, duplicates, and all-or-nothing saves."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from safeguard.cases.models import Case
from safeguard.cases.services import case_open
from safeguard.core import steps
from safeguard.core.models import AuditEvent
from safeguard.people import services
from safeguard.people.models import Address, Child, ChildLink, CSCStatus, OtherAdult, ServiceUser
from safeguard.testing import council

LINK = {"relationship": "parent", "contact": "lives_with", "parental_responsibility": True}


def add_child(case, actor, **child):
    return services.child_add(actor=actor, case=case, child={"last_name": "Smith", **child}, link=LINK, where="service_user")


def test_open_case_saves_person_address_case_and_allocation(world):
    case = case_open(
        actor=world["officer1"],
        team=world.north,
        case_holder=world["officer1"],
        service_user={"crn": "x123456", "first_name": " Jo ", "last_name": "Bloggs", "date_of_birth": datetime.date(1990, 1, 2)},
        address={"line_1": "2 Low Road", "postcode": "wr1 2ab", "local_authority": council()},
    )
    assert case.service_user.crn == "X123456"
    assert case.service_user.first_name == "Jo"
    assert case.line_manager == world["manager1"]
    assert case.allocations.get().case_holder == world["officer1"]
    use = case.service_user.addresses.get()
    assert use.address.postcode == "WR1 2AB"
    assert AuditEvent.objects.filter(case_id=case.pk, action="service_user.create").exists()


def test_open_case_with_bad_address_saves_nothing(world):
    with pytest.raises(ValidationError) as error:
        case_open(
            actor=world["officer1"],
            team=world.north,
            case_holder=world["officer1"],
            service_user={
                "crn": "X123456",
                "first_name": "Jo",
                "last_name": "Bloggs",
                "date_of_birth": datetime.date(1990, 1, 2),
            },
            address={"line_1": "2 Low Road", "postcode": "NOT A POSTCODE", "local_authority": council()},
        )
    assert "postcode" in error.value.message_dict
    assert not ServiceUser.objects.exists() and not Case.objects.exists() and not Address.objects.exists()
    assert not AuditEvent.objects.exists()


def test_case_holder_must_be_in_the_team(world):
    with pytest.raises(ValidationError) as error:
        case_open(
            actor=world["officer1"],
            team=world.north,
            case_holder=world["officer2"],
            service_user={
                "crn": "X123456",
                "first_name": "Jo",
                "last_name": "Bloggs",
                "date_of_birth": datetime.date(1990, 1, 2),
            },
        )
    assert "case_holder" in error.value.message_dict
    assert not ServiceUser.objects.exists()


def test_future_date_of_birth_is_refused(world, fixed_today):
    with pytest.raises(ValidationError) as error:
        case_open(
            actor=world["officer1"],
            team=world.north,
            case_holder=world["officer1"],
            service_user={
                "crn": "X123456",
                "first_name": "Jo",
                "last_name": "Bloggs",
                "date_of_birth": datetime.date(2027, 1, 1),
            },
        )
    assert error.value.message_dict["date_of_birth"] == ["Date of birth must be today or in the past"]
    assert not ServiceUser.objects.exists()


def test_child_with_future_date_of_birth_is_refused(make_case, world, fixed_today):
    case = make_case()
    with pytest.raises(ValidationError):
        add_child(case, world["officer1"], first_name="Amy", date_of_birth=datetime.date(2026, 12, 1))
    assert not Child.objects.exists()


def test_a_person_of_18_is_refused_as_a_child(make_case, world, fixed_today):
    case = make_case()
    with pytest.raises(ValidationError) as error:
        add_child(case, world["officer1"], first_name="Amy", date_of_birth=datetime.date(2008, 11, 23))
    assert "18 or over" in error.value.message_dict["date_of_birth"][0]
    add_child(case, world["officer1"], first_name="Amy", date_of_birth=datetime.date(2008, 11, 24))  # 17 for one more day
    assert Child.objects.count() == 1


def test_child_who_turns_18_while_linked_is_shown_as_adult_and_stays_editable(make_case, world, fixed_today, client):
    case = make_case()
    link = add_child(case, world["officer1"], first_name="Amy", date_of_birth=datetime.date(2008, 12, 1))
    assert not link.child.is_adult
    with time_machine.travel(datetime.datetime(2026, 12, 2, 9, 0, tzinfo=datetime.UTC), tick=False):
        child = Child.objects.get(pk=link.child_id)
        assert child.is_adult
        services.child_update(actor=world["officer1"], case=case, child=child, school="Sixth form college")
        client.force_login(world["officer1"])
        page = client.get(f"/cases/{case.pk}/children/{child.pk}/").content.decode()
        assert "18 or over" in page and "turned 18 while linked" in page
        assert "18 or over" in client.get(f"/cases/{case.pk}/").content.decode()
    steps.touch([case.pk])  # back in time, when Amy was 17: the steps then


def test_unborn_child_needs_a_plausible_expected_date(make_case, world, fixed_today):
    case = make_case()
    link = add_child(case, world["officer1"], expected_date_of_delivery=datetime.date(2027, 2, 1))
    assert link.child.is_unborn
    assert str(link.child) == "Unborn child of Smith"
    with pytest.raises(ValidationError) as error:
        add_child(case, world["officer1"], expected_date_of_delivery=datetime.date(2026, 6, 1))
    assert "has passed" in error.value.message_dict["expected_date_of_delivery"][0]
    with pytest.raises(ValidationError):
        add_child(case, world["officer1"])  # neither date
    assert Child.objects.count() == 1


def test_duplicate_links_are_refused(make_case, world):
    case = make_case(children=1)
    child = case.service_user.child_links.get().child
    with pytest.raises(ValidationError) as error:
        services.child_link_add(actor=world["officer1"], case=case, child=child, **LINK)
    assert "already linked" in error.value.messages[0]
    adult = services.adult_add(
        actor=world["officer1"], case=case, adult={"first_name": "Ann", "last_name": "Lee"}, link={"relationship": "partner"}
    ).adult
    services.adult_child_link_add(
        actor=world["officer1"], case=case, adult=adult, child=child, relationship="step_parent", contact="lives_with"
    )
    with pytest.raises(ValidationError):
        services.adult_child_link_add(
            actor=world["officer1"], case=case, adult=adult, child=child, relationship="step_parent", contact="lives_with"
        )
    assert ChildLink.objects.count() == 1


def test_one_child_linked_to_two_service_users(make_case, world):
    father = make_case(last_name="Holt", children=1)
    child = father.service_user.child_links.get().child
    new_partner = make_case(first_name="Lee", last_name="Grant", team=world.south, holder=world["officer2"])
    services.child_link_add(
        actor=world["officer2"],
        case=new_partner,
        child=child,
        relationship="partners_child",
        contact="lives_with",
        risk_role="poses_risk",
    )
    assert set(child.service_user_links.values_list("service_user__last_name", flat=True)) == {"Holt", "Grant"}


def test_failed_child_save_leaves_nothing_behind(make_case, world):
    case = make_case()
    before = (Child.objects.count(), Address.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError):
        services.child_add(
            actor=world["officer1"],
            case=case,
            child={"first_name": "Amy", "last_name": "Smith", "date_of_birth": datetime.date(2020, 1, 1)},
            link={"relationship": "not-a-choice", "contact": "lives_with"},
            where="new",
            address={"line_1": "9 New St", "local_authority": council("Herefordshire")},
        )
    assert (Child.objects.count(), Address.objects.count(), AuditEvent.objects.count()) == before


def test_responsible_authority_follows_the_address_unless_overridden(make_case, world):
    case = make_case()
    link = services.child_add(
        actor=world["officer1"],
        case=case,
        child={"first_name": "Amy", "last_name": "Smith", "date_of_birth": datetime.date(2020, 1, 1)},
        link=LINK,
        where="new",
        address={"line_1": "9 New St", "local_authority": council("Camden")},
    )
    authority = link.child.responsible_local_authority
    assert authority is not None and authority.name == "Camden"
    services.child_update(actor=world["officer1"], case=case, child=link.child, local_authority_override=council("Herefordshire"))
    authority = Child.objects.get(pk=link.child_id).responsible_local_authority
    assert authority is not None and authority.name == "Herefordshire"


def test_status_history_keeps_every_period(make_case, world, fixed_today):
    case = make_case(children=1)  # starts on a child-protection plan 10 days ago
    child = case.service_user.child_links.get().child
    services.status_add(
        actor=world["officer1"],
        case=case,
        child=child,
        status=CSCStatus.LOOKED_AFTER,
        start_date=datetime.date(2026, 11, 20),
        local_authority=council(),
    )
    child.refresh_from_db()
    assert child.csc_status == CSCStatus.LOOKED_AFTER
    periods = list(child.statuses.order_by("start_date").values_list("status", "end_date"))
    assert periods == [(CSCStatus.CHILD_PROTECTION_PLAN, datetime.date(2026, 11, 20)), (CSCStatus.LOOKED_AFTER, None)]
    with pytest.raises(ValidationError):
        services.status_add(
            actor=world["officer1"],
            case=case,
            child=child,
            status=CSCStatus.CHILD_PROTECTION_PLAN,
            start_date=datetime.date(2026, 11, 21),
        )  # no category
    assert child.statuses.count() == 2


def test_risk_to_unspecified_children_needs_details(make_case, world):
    case = make_case()
    with pytest.raises(ValidationError) as error:
        services.service_user_update(
            actor=world["officer1"], case=case, service_user=case.service_user, risk_to_unspecified_children=True
        )
    assert "risk_to_children_details" in error.value.message_dict
    services.service_user_update(
        actor=world["officer1"],
        case=case,
        service_user=case.service_user,
        risk_to_unspecified_children=True,
        risk_to_children_details="Offence against a child",
    )
    assert ServiceUser.objects.get(pk=case.service_user_id).risk_to_unspecified_children


def test_adult_lives_at_service_users_address(make_case, world):
    case = make_case()
    link = services.adult_add(
        actor=world["officer1"],
        case=case,
        adult={"first_name": "Ann", "last_name": "Lee"},
        link={"relationship": "partner", "lives_with": True},
        where="service_user",
    )
    assert OtherAdult.objects.get(pk=link.adult_id).address == case.service_user.addresses.get().address


@pytest.mark.parametrize(
    "raw,stored", [("2012/123x", "2012/0000123X"), ("12/0000123X", "2012/0000123X"), ("1999 123456 Z", "1999/0123456Z")]
)
def test_pnc_numbers_are_normalised(make_case, world, raw, stored, fixed_today):
    case = make_case()
    person = services.service_user_update(actor=world["officer1"], case=case, service_user=case.service_user, pnc=raw)
    assert person.pnc == stored
