"""Linking a child already recorded, ending an address, removing a link."""

import datetime

import pytest

from safeguard.core.models import AccessLog, AuditEvent
from safeguard.people import services
from safeguard.people.models import AdultChildLink, ChildLink


@pytest.fixture
def father_and_partner(world, make_case):
    father = make_case(first_name="Dean", last_name="Bishop", children=1)
    services.child_name_variant_add(
        actor=world["officer1"],
        case=father,
        child=father.service_user.child_links.get().child,
        first_name="Rubie",
        last_name="Bishopp",
        note="School spelling",
    )
    partner = make_case(first_name="Lee", last_name="Grant")
    return father, partner


def test_officer_finds_and_links_a_child_from_another_case(client, world, father_and_partner):
    father, partner = father_and_partner
    child = father.service_user.child_links.get().child
    client.force_login(world["officer1"])
    page = client.get(f"/cases/{partner.pk}/children/find/", {"q": "bishopp"}).content.decode()
    assert "1 child found" in page and str(child) in page
    response = client.post(
        f"/cases/{partner.pk}/children/find/{child.pk}/link/",
        {
            "relationship": "partners_child",
            "contact": "lives_with",
            "parental_responsibility": "False",
            "risk_role": "poses_risk",
        },
    )
    assert response.status_code == 302
    assert set(ChildLink.objects.filter(child=child).values_list("service_user__first_name", flat=True)) == {"Dean", "Lee"}
    assert "0 children found" in client.get(f"/cases/{partner.pk}/children/find/", {"q": "bishop"}).content.decode()


def test_find_needs_a_name_or_date(client, world, father_and_partner):
    _, partner = father_and_partner
    client.force_login(world["officer1"])
    page = client.get(f"/cases/{partner.pk}/children/find/", {"q": ""}).content.decode()
    assert "Enter the child&#x27;s name or date of birth" in page


def test_children_of_cases_i_cannot_see_are_not_found_or_linkable(client, world, make_case):
    hidden = make_case(first_name="Hidden", last_name="Parent", team=world.south, holder=world["officer2"], children=1)
    child = hidden.service_user.child_links.get().child
    mine = make_case(first_name="My", last_name="Case")
    client.force_login(world["officer1"])
    assert "0 children found" in client.get(f"/cases/{mine.pk}/children/find/", {"q": "parent"}).content.decode()
    response = client.post(
        f"/cases/{mine.pk}/children/find/{child.pk}/link/",
        {"relationship": "parent", "contact": "lives_with", "parental_responsibility": "False", "risk_role": "not_known"},
    )
    assert response.status_code == 404
    assert not ChildLink.objects.filter(child=child, service_user=mine.service_user).exists()
    assert AccessLog.objects.filter(object_type="people.Child", object_id=str(child.pk)).exists()


def test_end_an_address(client, world, make_case, fixed_today):
    case = make_case()
    use = case.service_user.addresses.get()
    client.force_login(world["officer1"])
    response = client.post(
        f"/cases/{case.pk}/addresses/{use.pk}/end/", {"end_date_day": "1", "end_date_month": "11", "end_date_year": "2026"}
    )
    assert response.status_code == 302
    use.refresh_from_db()
    assert use.end_date == datetime.date(2026, 11, 1)
    assert "No current address" in client.get(f"/cases/{case.pk}/").content.decode()
    assert client.get(f"/cases/{case.pk}/addresses/{use.pk}/end/").status_code == 404  # already ended


def test_remove_adult_child_link_is_audited(client, world, make_case):
    case = make_case(children=1, adults=1)
    link = AdultChildLink.objects.get()
    client.force_login(world["officer1"])
    assert "Remove the link" in client.get(f"/cases/{case.pk}/adults/{link.adult_id}/children/{link.pk}/remove/").content.decode()
    response = client.post(f"/cases/{case.pk}/adults/{link.adult_id}/children/{link.pk}/remove/")
    assert response.status_code == 302
    assert not AdultChildLink.objects.exists()
    event = AuditEvent.objects.get(action="adult_child_link.remove")
    assert event.changes["relationship"] == ["step_parent", None]
