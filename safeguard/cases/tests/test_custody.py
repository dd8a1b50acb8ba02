"""In custody with child-protection concerns, the prison's child-protection co-ordinator is contacted
(West Mercia 2.4) and kept as a key contact of the case."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from safeguard.cases import services
from safeguard.cases.models import KeyContact
from safeguard.core.tasks import tasks_for_cases
from safeguard.people import services as people_services
from safeguard.testing import council

D = datetime.date
EMPTY = {"csrfmiddlewaretoken": "sent by every browser"}  # a form sent with nothing answered
STEP = "Contact the child-protection co-ordinator at the prison"


def coordinator_steps(case):
    return [t for t in tasks_for_cases([case])[case.pk] if t.rule == "cases.prison_cp_coordinator"]


def sentence_to_custody(world, case, start=None):
    start = start or D(2026, 11, 16)
    return services.order_add(actor=world["officer1"], case=case, stage="custody", order_type="custody", start_date=start)


@pytest.fixture
def on_a_plan(world, make_case, fixed_today):
    """A father whose child is on a child-protection plan (since 13 November); today 23 November 2026."""
    return make_case(first_name="Dean", last_name="Bishop", children=1)


def test_custody_with_a_child_on_a_plan_requires_contact_with_the_prisons_co_ordinator(world, on_a_plan):
    assert coordinator_steps(on_a_plan) == []
    sentence_to_custody(world, on_a_plan)
    [step] = coordinator_steps(on_a_plan)
    child = on_a_plan.service_user.child_links.get().child
    assert step.title == STEP
    assert step.rule == "cases.prison_cp_coordinator"
    assert step.why.source == "WM 2.4"
    assert step.fact == f"Custodial sentence from 16/11/2026; {child} is on a child-protection plan"
    assert step.due_on == D(2026, 11, 23)  # 5 working days after the later of custody (16th) and the plan (13th)
    assert step.url == f"/cases/{on_a_plan.pk}/key-contacts/prison/add/"


def test_a_current_custody_address_counts_as_custody(world, make_case, fixed_today):
    case = make_case(risk_to_unspecified_children=True, risk_to_children_details="Offence against a child")
    people_services.service_user_address_add(
        actor=world["officer1"],
        case=case,
        service_user=case.service_user,
        address={"line_1": "HMP Hewell", "town": "Redditch", "local_authority": council()},
        address_type="custody",
        start_date=D(2026, 11, 20),
    )
    [step] = coordinator_steps(case)
    assert step.fact == "In custody at HMP Hewell, Redditch since 20/11/2026; the service user poses a risk to children generally"


def test_a_child_the_service_user_poses_a_risk_to_is_a_concern(world, make_case, fixed_today):
    case = make_case()
    people_services.child_add(
        actor=world["officer1"],
        case=case,
        child={"first_name": "Amy", "last_name": "Cole", "date_of_birth": D(2019, 1, 1)},
        link={"relationship": "relative", "contact": "regular", "risk_role": "poses_risk"},
    )
    sentence_to_custody(world, case)
    [step] = coordinator_steps(case)
    assert step.fact == "Custodial sentence from 16/11/2026; the service user poses a risk to Amy Cole"


def test_no_step_without_concerns_or_out_of_custody(world, make_case, fixed_today, on_a_plan):
    no_concerns = make_case(last_name="Plain")
    sentence_to_custody(world, no_concerns)
    assert coordinator_steps(no_concerns) == []
    services.order_add(
        actor=world["officer1"], case=on_a_plan, stage="court_order", order_type="community_order", start_date=D(2026, 11, 16)
    )
    assert coordinator_steps(on_a_plan) == []


def test_recording_the_contact_completes_the_step_and_a_new_custody_asks_again(world, on_a_plan):
    order = sentence_to_custody(world, on_a_plan)
    contact = services.key_contact_add(
        actor=world["officer1"],
        case=on_a_plan,
        kind=KeyContact.Kind.PRISON_CP_COORDINATOR,
        organisation="HMP Hewell",
        name="Sam Patel",
        contact_details="sam.patel@justice.gov.uk",
        contacted_on=D(2026, 11, 18),
    )
    assert contact.pk and coordinator_steps(on_a_plan) == []
    services.order_end(actor=world["officer1"], case=on_a_plan, order=order, ended_on=D(2026, 11, 20), end_reason="revoked")
    sentence_to_custody(world, on_a_plan, start=D(2026, 11, 21))  # a new custody: the prison may be another
    assert [s.title for s in coordinator_steps(on_a_plan)] == [STEP]


def test_the_contact_needs_a_prison_a_name_a_way_to_reach_them_and_a_date(world, on_a_plan):
    with pytest.raises(ValidationError) as raised:
        services.key_contact_add(
            actor=world["officer1"],
            case=on_a_plan,
            kind=KeyContact.Kind.PRISON_CP_COORDINATOR,
            organisation="",
            name="",
            contact_details="",
            contacted_on=D(2026, 11, 24),
        )
    assert {"organisation", "name", "contact_details", "contacted_on"} <= set(raised.value.message_dict)


def test_the_officer_records_the_co_ordinator_and_the_overview_shows_them(client, world, on_a_plan):
    sentence_to_custody(world, on_a_plan)
    client.force_login(world["officer1"])
    path = f"/cases/{on_a_plan.pk}/key-contacts/prison/add/"
    form = client.get(path).content.decode()
    assert 'value="2' not in form.split("contacted_on_year")[1][:60]  # no date filled in
    empty = client.post(path, EMPTY).content.decode()
    for message in (
        "Enter the name of the prison",
        "Enter the co-ordinator’s name",
        "Enter a phone number or email address for the co-ordinator",
        "Enter date you contacted them",
    ):
        assert message in empty.replace("&#x27;", "’")
    response = client.post(
        path,
        {
            "organisation": "HMP Hewell",
            "name": "Sam Patel",
            "contact_details": "01527 785000",
            "contacted_on_day": "20",
            "contacted_on_month": "11",
            "contacted_on_year": "2026",
        },
    )
    assert response.status_code == 302
    overview = client.get(f"/cases/{on_a_plan.pk}/").content.decode()
    assert "Key contacts" in overview and "Sam Patel" in overview and "HMP Hewell" in overview and "20 November 2026" in overview
    assert coordinator_steps(on_a_plan) == []


def test_the_provider_runs_a_fixed_number_of_queries(world, make_case, fixed_today):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from safeguard.cases.tasks import custody_tasks

    def count(cases):
        by_id = {case.pk: case for case in cases}
        with CaptureQueriesContext(connection) as queries:
            found = list(custody_tasks(by_id, lambda rule, start, case: start, D(2026, 11, 23)))
        return len(queries), found

    cases = []
    for i in range(6):
        case = make_case(last_name=f"Inside{i}", children=2)
        sentence_to_custody(world, case)
        cases.append(case)
    small, found_small = count(cases[:1])
    large, found_large = count(cases)
    assert (len(found_small), len(found_large)) == (1, 6)
    assert small == large
