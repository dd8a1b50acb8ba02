"""The case pages through real HTTP requests: forms, errors, and what is saved."""

import datetime

import pytest

from safeguard.cases.models import Case
from safeguard.core.models import AuditEvent
from safeguard.people.models import AdultChildLink, AdultLink, Child, ServiceUser
from safeguard.testing import council


def new_case_data(**overrides):
    data = {
        "first_name": "Jamie",
        "last_name": "O'Connor",
        "date_of_birth_day": "4",
        "date_of_birth_month": "7",
        "date_of_birth_year": "1991",
        "gender": "male",
        "ethnicity": "W1",
        "first_language": "English",
        "interpreter_required": "False",
        "crn": "a654321",
        "pnc": "",
        "rosh_level": "medium",
        "mappa_level": "none",
        "marac": "False",
        "domestic_abuse": "False",
        "risk_to_unspecified_children": "False",
        "risk_to_children_details": "",
        "address-line_1": "12 Elm Road",
        "address-town": "Worcester",
        "address-postcode": "wr2 4dd",
        "address-local_authority": str(council().pk),
        "address-address_type": "given",
    }
    data.update(overrides)
    return data


@pytest.fixture
def officer(client, world):
    client.force_login(world["officer1"])
    return client


def test_officer_opens_a_case(officer, world):
    response = officer.post(
        "/cases/new/", new_case_data(**{"allocation-team": world.north.pk, "allocation-case_holder": world["officer1"].pk})
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert response["Location"] == f"/cases/{case.pk}/"
    assert case.service_user.crn == "A654321"
    assert case.case_holder == world["officer1"] and case.line_manager == world["manager1"]
    page = officer.get(response["Location"]).content.decode()
    assert "Jamie O&#x27;Connor" in page and "12 Elm Road" in page and "Worcestershire" in page


def test_future_date_of_birth_shows_error_summary_and_saves_nothing(officer, world, fixed_today):
    response = officer.post(
        "/cases/new/",
        new_case_data(
            date_of_birth_day="1", date_of_birth_month="1", date_of_birth_year="2027", **{"allocation-team": world.north.pk}
        ),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Add a new case" in page
    assert "govuk-error-summary" in page
    assert 'href="#id_date_of_birth_0">Date of birth must be today or in the past' in page
    assert "govuk-form-group--error" in page
    assert not ServiceUser.objects.exists() and not Case.objects.exists() and not AuditEvent.objects.exists()
    assert 'value="O&#x27;Connor"' in page  # what was typed is kept


def test_several_errors_across_forms_are_all_summarised(officer, world):
    response = officer.post("/cases/new/", new_case_data(crn="123", **{"address-local_authority": "", "allocation-team": ""}))
    page = response.content.decode()
    assert "Enter a CRN as a letter followed by six digits" in page
    assert 'href="#id_address-local_authority"' in page
    assert 'href="#id_allocation-team"' in page
    assert not ServiceUser.objects.exists()


def test_garbage_input_never_causes_a_server_error(officer, world, make_case):
    case = make_case()
    for path in [
        "/cases/new/",
        f"/cases/{case.pk}/children/add/",
        f"/cases/{case.pk}/adults/add/",
        f"/cases/{case.pk}/orders/add/",
        f"/cases/{case.pk}/allocation/",
    ]:
        response = officer.post(
            path,
            {
                "date_of_birth_day": "\x00",
                "child-date_of_birth_year": "99999999999",
                "link-relationship": "<script>",
                "where-where": "address:abc",
                "team": "nope",
            },
        )
        assert response.status_code in (200, 403), path
    response = officer.get("/cases/", {"q": "%%%'; drop table", "page": "-4"})
    assert response.status_code == 200


def test_add_child_with_status_and_new_address(officer, world, make_case):
    case = make_case()
    response = officer.post(
        f"/cases/{case.pk}/children/add/",
        {
            "child-first_name": "Lily",
            "child-last_name": "Smith",
            "child-date_of_birth_day": "3",
            "child-date_of_birth_month": "5",
            "child-date_of_birth_year": "2019",
            "child-gender": "female",
            "where-where": "new",
            "where-line_1": "4 Rose Lane",
            "where-local_authority": str(council("Camden").pk),
            "link-relationship": "parent",
            "link-contact": "regular",
            "link-parental_responsibility": "True",
            "link-risk_role": "poses_risk",
            "status-status": "cpp",
            "status-category": "emotional",
            "status-start_date_day": "1",
            "status-start_date_month": "9",
            "status-start_date_year": "2025",
            "status-social_worker": "Ann Worker",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    child = Child.objects.get()
    assert child.responsible_local_authority is not None
    assert child.responsible_local_authority.name == "Camden"
    assert child.csc_status == "cpp"
    overview = officer.get(f"/cases/{case.pk}/").content.decode()
    assert "Lily Smith" in overview and "Child-protection plan" in overview and "Poses a risk" in overview


def test_add_child_needs_an_address_when_another_address_is_chosen(officer, world, make_case):
    case = make_case()
    response = officer.post(
        f"/cases/{case.pk}/children/add/",
        {
            "child-first_name": "Lily",
            "child-last_name": "Smith",
            "child-date_of_birth_day": "3",
            "child-date_of_birth_month": "5",
            "child-date_of_birth_year": "2019",
            "child-gender": "female",
            "where-where": "new",
            "link-relationship": "parent",
            "link-contact": "regular",
            "link-parental_responsibility": "True",
            "link-risk_role": "not_known",
            "status-status": "not_known",
        },
    )
    page = response.content.decode()
    assert "Enter address line 1" in page and "Select the council for this address" in page
    assert not Child.objects.exists()


def test_add_partner_and_link_to_child(officer, world, make_case):
    case = make_case(children=1)
    child = case.service_user.child_links.get().child
    response = officer.post(
        f"/cases/{case.pk}/adults/add/",
        {
            "adult-first_name": "Dana",
            "adult-last_name": "Reed",
            "adult-gender": "female",
            "link-relationship": "partner",
            "link-lives_with": "True",
            "where-where": "service_user",
        },
    )
    assert response.status_code == 302
    adult_link = AdultLink.objects.get()
    response = officer.post(
        f"/cases/{case.pk}/adults/{adult_link.adult_id}/children/add/",
        {
            "child": child.pk,
            "relationship": "step_parent",
            "contact": "lives_with",
            "parental_responsibility": "False",
        },
    )
    assert response.status_code == 302
    assert AdultChildLink.objects.get().child == child
    again = officer.post(
        f"/cases/{case.pk}/adults/{adult_link.adult_id}/children/add/",
        {
            "child": child.pk,
            "relationship": "step_parent",
            "contact": "lives_with",
            "parental_responsibility": "False",
        },
    )
    assert "already linked" in again.content.decode()
    family = officer.get(f"/cases/{case.pk}/family/").content.decode()
    assert family.count('class="sg-node ') == 3
    assert "Dana Reed is Child0 Smith&#x27;s step-parent" in family


def test_edit_child_records_the_change(officer, world, make_case):
    case = make_case(children=1)
    child = case.service_user.child_links.get().child
    data = {
        "first_name": "Kayleigh",
        "last_name": "Smith",
        "date_of_birth_day": child.date_of_birth.day,
        "date_of_birth_month": child.date_of_birth.month,
        "date_of_birth_year": child.date_of_birth.year,
        "gender": "female",
        "school": "St Mary's Primary",
    }
    response = officer.post(f"/cases/{case.pk}/children/{child.pk}/edit/", data)
    assert response.status_code == 302
    event = AuditEvent.objects.filter(action="child.update").get()
    assert event.changes["first_name"] == ["Child0", "Kayleigh"]
    assert event.changes["school"] == ["", "St Mary's Primary"]
    history = officer.get(f"/cases/{case.pk}/history/").content.decode()
    assert "Child&#x27;s details changed" in history and "First name changed from Child0 to Kayleigh" in history
    assert "School or nursery: St Mary&#x27;s Primary" in history
    assert "child.update" not in history


def test_manager_reallocates_and_history_is_kept(client, world, make_case):
    case = make_case()
    world["pso1"].refresh_from_db()
    client.force_login(world["manager1"])
    response = client.post(
        f"/cases/{case.pk}/allocation/",
        {"team": world.north.pk, "case_holder": world["pso1"].pk, "line_manager": world["manager1"].pk, "reason": "Workload"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.case_holder == world["pso1"]
    allocations = list(case.allocations.order_by("start_at", "pk"))
    assert [a.case_holder for a in allocations] == [world["officer1"], world["pso1"]]
    assert allocations[0].end_at is not None and allocations[1].end_at is None


def test_order_dates_are_checked(officer, world, make_case):
    case = make_case()
    response = officer.post(
        f"/cases/{case.pk}/orders/add/",
        {
            "stage": "court_order",
            "order_type": "unpaid_work_only",
            "start_date_day": "10",
            "start_date_month": "10",
            "start_date_year": "2026",
            "expected_end_date_day": "1",
            "expected_end_date_month": "1",
            "expected_end_date_year": "2026",
        },
    )
    assert "Expected end date must be after the start date" in response.content.decode()
    assert not case.orders.exists()


def test_date_of_birth_field_accepts_month_names(officer, world, make_case):
    case = make_case()
    response = officer.post(
        f"/cases/{case.pk}/aliases/add/",
        {
            "first_name": "Jon",
            "last_name": "Smyth",
            "date_of_birth_day": "17",
            "date_of_birth_month": "May",
            "date_of_birth_year": "1985",
        },
    )
    assert response.status_code == 302
    assert case.service_user.aliases.get().date_of_birth == datetime.date(1985, 5, 17)


def test_a_new_case_sent_twice_opens_one_case(officer, world):
    from safeguard.cases.models import Case

    data = new_case_data(**{"allocation-team": world.north.pk, "submission": "s" * 24})
    first = officer.post("/cases/new/", data)
    second = officer.post("/cases/new/", data)
    assert first.status_code == 302 and second["Location"] == first["Location"]
    assert Case.objects.count() == 1
