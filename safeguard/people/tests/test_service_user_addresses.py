"""'At the service user's address' when the service user has several current addresses: asked, never
guessed (JR: a client visited at one address while living with a partner and her children at
another). With one current address it is that one, as before."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from safeguard.people import services
from safeguard.people.models import Child, OtherAdult
from safeguard.testing import council

LINK = {"relationship": "parent", "contact": "lives_with", "parental_responsibility": True}
CHILD = {"first_name": "Tyler", "last_name": "Garside", "date_of_birth": datetime.date(2018, 4, 2)}


@pytest.fixture
def two_addresses(world, make_case):
    """Gary Stone gives 1 High Street; he actually stays at 4 Orchard Way with his partner."""
    case = make_case(first_name="Gary", last_name="Stone")
    given = case.service_user.addresses.get().address
    stays = services.service_user_address_add(
        actor=world["officer1"],
        case=case,
        service_user=case.service_user,
        address={"line_1": "4 Orchard Way", "town": "Worcester", "local_authority": council("Herefordshire")},
        address_type="stays",
    ).address
    return case, given, stays


def add_child(world, case, **where):
    return services.child_add(actor=world["officer1"], case=case, child=CHILD, link=LINK, where="service_user", **where)


def test_with_one_current_address_the_child_lives_there(world, make_case):
    case = make_case()
    link = add_child(world, case)
    assert link.child.address == case.service_user.addresses.get().address


def test_with_several_the_address_must_be_chosen(world, two_addresses):
    case, given, stays = two_addresses
    with pytest.raises(ValidationError) as refused:
        add_child(world, case)
    assert refused.value.message_dict == {"service_user_address": ["Select which of Gary Stone's addresses the child lives at"]}
    assert not Child.objects.exists()
    assert add_child(world, case, service_user_address=stays).child.address == stays


def test_an_address_that_is_not_a_current_one_of_this_service_user_is_refused(world, make_case, two_addresses):
    case, given, stays = two_addresses
    someone_else = make_case(first_name="Other").service_user.addresses.get().address
    ended = case.service_user.addresses.get(address=given)
    services.service_user_address_end(actor=world["officer1"], case=case, use=ended, end_date=datetime.date(2026, 1, 1))
    for wrong in (someone_else, given):  # another person's address; an address he no longer lives at
        with pytest.raises(ValidationError) as refused:
            add_child(world, case, service_user_address=wrong)
        assert "service_user_address" in refused.value.message_dict
    assert not Child.objects.exists()


def test_an_adult_at_the_service_users_address_is_asked_too(world, two_addresses):
    case, given, stays = two_addresses
    adult = {"first_name": "Ann", "last_name": "Lee"}
    link = {"relationship": "partner", "lives_with": True}
    with pytest.raises(ValidationError) as refused:
        services.adult_add(actor=world["officer1"], case=case, adult=adult, link=link, where="service_user")
    assert refused.value.message_dict == {"service_user_address": ["Select which of Gary Stone's addresses they live at"]}
    services.adult_add(
        actor=world["officer1"], case=case, adult=adult, link=link, where="service_user", service_user_address=given
    )
    assert OtherAdult.objects.get().address == given


def page_data(**extra):
    return {
        "child-first_name": "Tyler",
        "child-last_name": "Garside",
        "child-date_of_birth_day": "2",
        "child-date_of_birth_month": "4",
        "child-date_of_birth_year": "2018",
        "child-gender": "male",
        "where-where": "service_user",
        "link-relationship": "parent",
        "link-contact": "lives_with",
        "link-parental_responsibility": "True",
        "link-risk_role": "not_known",
        "status-status": "not_known",
        **extra,
    }


def test_the_add_a_child_page_asks_which_address(client, world, two_addresses):
    case, given, stays = two_addresses
    client.force_login(world["officer1"])
    page = client.get(f"/cases/{case.pk}/children/add/").content.decode()
    assert 'name="where-service_user_address"' in page
    assert f'value="{given.pk}"' in page and f'value="{stays.pk}"' in page and "4 Orchard Way" in page
    assert "checked" not in page.split('name="where-service_user_address"')[1].split("</fieldset>")[0]
    response = client.post(f"/cases/{case.pk}/children/add/", page_data())
    assert response.status_code == 200
    errors = response.content.decode()
    assert "Select which of Gary Stone&#x27;s addresses the child lives at" in errors and "govuk-error-summary" in errors
    assert not Child.objects.exists()
    response = client.post(f"/cases/{case.pk}/children/add/", page_data(**{"where-service_user_address": str(stays.pk)}))
    assert response.status_code == 302 and Child.objects.get().address == stays


def test_the_page_does_not_ask_when_there_is_one_address(client, world, make_case):
    case = make_case()
    client.force_login(world["officer1"])
    assert "service_user_address" not in client.get(f"/cases/{case.pk}/children/add/").content.decode()
    assert client.post(f"/cases/{case.pk}/children/add/", page_data()).status_code == 302
    assert Child.objects.get().address == case.service_user.addresses.get().address


def test_a_childs_new_address_at_the_service_users_is_asked_too(client, world, two_addresses):
    case, given, stays = two_addresses
    child = add_child(world, case, service_user_address=given).child
    client.force_login(world["officer1"])
    url = f"/cases/{case.pk}/children/{child.pk}/address/"
    response = client.post(url, {"where": "service_user"})
    assert "Select which of Gary Stone&#x27;s addresses the child lives at" in response.content.decode()
    response = client.post(url, {"where": "service_user", "service_user_address": str(stays.pk)})
    assert response.status_code == 302 and Child.objects.get().address == stays
