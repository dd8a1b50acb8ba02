"""The same child (or adult) recorded twice: before a new record is made, people the user can see
with the same or a similar name and the same date of birth are offered for linking (the officer
decides; nothing is chosen for them), and the same person twice on one case is refused."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from safeguard.core.models import AccessLog
from safeguard.people import services
from safeguard.people.models import AdultLink, Child, ChildLink, OtherAdult

LINK = {"relationship": "parent", "contact": "regular", "parental_responsibility": True, "risk_role": "not_known"}


def child_data(first="Ruby", last="Bishop", day="3", month="5", year="2019", **extra):
    return {
        "child-first_name": first,
        "child-last_name": last,
        "child-date_of_birth_day": day,
        "child-date_of_birth_month": month,
        "child-date_of_birth_year": year,
        "child-gender": "female",
        "where-where": "service_user",
        "link-relationship": "parent",
        "link-contact": "lives_with",
        "link-parental_responsibility": "True",
        "link-risk_role": "not_known",
        "status-status": "not_known",
        **extra,
    }


def add_child(case, actor, first="Ruby", last="Bishop", dob=datetime.date(2019, 5, 3)):
    return services.child_add(
        actor=actor,
        case=case,
        where="service_user",
        child={"first_name": first, "last_name": last, "date_of_birth": dob},
        link=LINK,
    ).child


@pytest.fixture
def officer(client, world):
    client.force_login(world["officer1"])
    return client


def test_the_same_child_added_twice_to_a_case_is_refused_and_nothing_saved(officer, world, make_case):
    case = make_case(first_name="Dean", last_name="Bishop")
    assert officer.post(f"/cases/{case.pk}/children/add/", child_data()).status_code == 302
    response = officer.post(
        f"/cases/{case.pk}/children/add/", child_data(**{"child-first_name": " ruby ", "child-last_name": "BISHOP"})
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Add a child" in page and "govuk-error-summary" in page
    assert "Ruby Bishop, born 3 May 2019, is already on this case" in page
    assert Child.objects.count() == 1 and ChildLink.objects.count() == 1


def test_the_service_refuses_the_same_child_or_adult_twice_on_a_case(world, make_case):
    case = make_case(first_name="Dean", last_name="Bishop")
    add_child(case, world["officer1"])
    with pytest.raises(ValidationError, match="already on this case"):
        add_child(case, world["officer1"], first="RUBY", last="bishop")
    add_child(case, world["officer1"], dob=datetime.date(2020, 5, 3))  # another Ruby Bishop: born another day
    adult = {"first_name": "Wendy", "last_name": "Thorne"}
    services.adult_add(actor=world["officer1"], case=case, adult=adult, link={"relationship": "partner"})
    with pytest.raises(ValidationError, match="already on this case"):
        services.adult_add(actor=world["officer1"], case=case, adult=adult, link={"relationship": "partner"})
    assert Child.objects.count() == 2 and OtherAdult.objects.count() == 1


@pytest.fixture
def father_and_partner(world, make_case):
    father = make_case(first_name="Dean", last_name="Bishop", crn="B123456")
    ruby = add_child(father, world["officer1"])
    partner = make_case(first_name="Lee", last_name="Grant")
    return father, ruby, partner


def radios_checked(page):
    return [line for line in page.splitlines() if 'name="same-answer"' in line and "checked" in line]


def test_a_child_recorded_on_another_case_is_offered_for_linking(officer, world, father_and_partner):
    father, ruby, partner = father_and_partner
    response = officer.post(f"/cases/{partner.pk}/children/add/", child_data())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Is this the same child?" in page
    assert "Ruby Bishop" in page and "Dean Bishop" in page  # the child, and the case the user can see
    assert f'value="{ruby.pk}"' in page and 'value="new"' in page
    assert radios_checked(page) == []  # the officer decides: nothing chosen for them
    assert 'name="child-first_name" value="Ruby"' in page  # what was typed is carried forward
    assert Child.objects.count() == 1 and ChildLink.objects.count() == 1

    response = officer.post(f"/cases/{partner.pk}/children/add/", child_data(**{"same-answer": str(ruby.pk)}))
    assert response.status_code == 302
    assert response["Location"] == f"/cases/{partner.pk}/children/{ruby.pk}/"
    assert Child.objects.count() == 1
    assert set(ChildLink.objects.filter(child=ruby).values_list("service_user__first_name", flat=True)) == {"Dean", "Lee"}


def test_the_officer_may_still_add_a_new_child(officer, world, father_and_partner):
    _, ruby, partner = father_and_partner
    response = officer.post(f"/cases/{partner.pk}/children/add/", child_data(**{"same-answer": "new"}))
    assert response.status_code == 302
    assert Child.objects.count() == 2
    assert ChildLink.objects.filter(service_user=partner.service_user).exclude(child=ruby).exists()


def test_no_answer_is_an_error_and_saves_nothing(officer, world, father_and_partner):
    _, _, partner = father_and_partner
    response = officer.post(f"/cases/{partner.pk}/children/add/", child_data(**{"same-answer": ""}))
    page = response.content.decode()
    assert "govuk-error-summary" in page and "Select whether this is one of these children or a new child" in page
    assert Child.objects.count() == 1 and ChildLink.objects.count() == 1


@pytest.mark.parametrize(
    "first,last,day,offered",
    [
        ("Ruby", "Bishop", "3", True),  # the same name and date of birth
        ("Rubie", "Bishop", "3", True),  # the same surname and first initial
        ("R", "Bishop", "3", True),
        ("Bishop", "Ruby", "3", True),  # names the wrong way round
        ("Rubie", "Bishopp", "3", True),  # a spelling recorded as another name of the child
        ("Kayleigh", "Bishop", "3", False),  # a sister born the same day is another initial
        ("Ruby", "Bishop", "4", False),  # another day
        ("Ruby", "Grant", "3", False),
    ],
)
def test_same_or_similar_names_born_the_same_day_are_offered(officer, world, father_and_partner, first, last, day, offered):
    father, ruby, partner = father_and_partner
    services.child_name_variant_add(actor=world["officer1"], case=father, child=ruby, first_name="Rubie", last_name="Bishopp")
    response = officer.post(f"/cases/{partner.pk}/children/add/", child_data(first=first, last=last, day=day))
    assert ("Is this the same child?" in response.content.decode()) is offered
    assert (response.status_code == 302) is not offered


def test_children_of_cases_the_user_cannot_see_are_never_offered_or_linked(officer, world, make_case):
    hidden = make_case(first_name="Darren", last_name="Holt", team=world.far, holder=world["officer3"])
    theirs = add_child(hidden, world["officer3"])
    mine = make_case(first_name="Lee", last_name="Grant")
    response = officer.post(f"/cases/{mine.pk}/children/add/", child_data(**{"same-answer": str(theirs.pk)}))
    assert response.status_code == 404  # an answer naming a child the user cannot see
    assert AccessLog.objects.filter(object_type="people.Child", object_id=str(theirs.pk), outcome="refused").exists()
    assert not ChildLink.objects.filter(service_user=mine.service_user).exists()

    response = officer.post(f"/cases/{mine.pk}/children/add/", child_data())
    assert response.status_code == 302  # nothing offered: a new record, and nothing of theirs shown
    assert Child.objects.count() == 2


def test_a_child_with_no_date_of_birth_recorded_is_offered(officer, world, make_case, fixed_today):
    father = make_case(first_name="Dean", last_name="Bishop")
    services.child_add(
        actor=world["officer1"],
        case=father,
        child={"first_name": "Ruby", "last_name": "Bishop", "expected_date_of_delivery": datetime.date(2026, 12, 1)},
        link=LINK,
    )
    partner = make_case(first_name="Lee", last_name="Grant")
    page = officer.post(f"/cases/{partner.pk}/children/add/", child_data(day="20", month="11", year="2026")).content.decode()
    assert "Is this the same child?" in page and "due 01/12/2026" in page


def test_an_adult_recorded_on_another_case_is_offered_for_linking(officer, world, make_case):
    father = make_case(first_name="Dean", last_name="Bishop")
    wendy = services.adult_add(
        actor=world["officer1"],
        case=father,
        adult={"first_name": "Wendy", "last_name": "Thorne", "date_of_birth": datetime.date(1990, 2, 1)},
        link={"relationship": "ex_partner"},
    ).adult
    partner = make_case(first_name="Lee", last_name="Grant")
    data = {
        "adult-first_name": "Wendy",
        "adult-last_name": "Thorne",
        "adult-date_of_birth_day": "1",
        "adult-date_of_birth_month": "2",
        "adult-date_of_birth_year": "1990",
        "adult-gender": "female",
        "link-relationship": "partner",
        "link-lives_with": "True",
        "where-where": "service_user",
    }
    page = officer.post(f"/cases/{partner.pk}/adults/add/", data).content.decode()
    assert "Is this the same person?" in page and f'value="{wendy.pk}"' in page and radios_checked(page) == []
    response = officer.post(f"/cases/{partner.pk}/adults/add/", {**data, "same-answer": str(wendy.pk)})
    assert response.status_code == 302
    assert OtherAdult.objects.count() == 1
    assert AdultLink.objects.filter(adult=wendy, service_user=partner.service_user, relationship="partner").exists()


def test_the_offer_runs_a_fixed_number_of_queries(officer, world, make_case, django_assert_max_num_queries):
    cases = [make_case(first_name="Dean", last_name=f"Bishop{i}") for i in range(6)]
    for case in cases:
        add_child(case, world["officer1"])
    partner = make_case(first_name="Lee", last_name="Grant")
    # the same with 1 or 6 offered (one is the service user's current addresses, to ask which when several)
    with django_assert_max_num_queries(18):  # 2 of them the form's transaction (`steps.StepsMiddleware`)
        page = officer.post(f"/cases/{partner.pk}/children/add/", child_data()).content.decode()
    assert page.count('name="same-answer"') == 7


def test_the_offer_names_only_the_cases_the_user_can_see(officer, world, father_and_partner, make_case):
    _, ruby, partner = father_and_partner
    theirs = make_case(first_name="Darren", last_name="Holt", team=world.far, holder=world["officer3"], crn="H654321")
    services.child_link_add(actor=world["officer3"], case=theirs, child=ruby, **LINK)
    page = officer.post(f"/cases/{partner.pk}/children/add/", child_data()).content.decode()
    assert "Is this the same child?" in page and "Dean Bishop" in page
    assert "Holt" not in page and "H654321" not in page
