"""Recording a visit: at one of the service user's current addresses only, never in the future, the
householder's consent answered, every linked child seen or not with the officer's words; a refused
visit records no child as seen. Nothing is partly saved."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from safeguard.people import services as people
from safeguard.testing import council
from safeguard.visits import services
from safeguard.visits.models import HomeVisit, HomeVisitChild

from .conftest import child, home

D = datetime.date


def test_a_visit_records_each_child_seen_or_not(visit, visit_case):
    recorded = visit(present="Darren, Tyler", concerns="Tyler has a bruise on his arm")
    rows = {row.child.first_name: row for row in recorded.child_rows.select_related("child")}
    assert rows["Tyler"].seen and rows["Tyler"].presentation == "Chatty, showed me his room"
    assert not rows["Kayleigh"].seen and rows["Kayleigh"].not_seen_reason == "Lives with her mother"
    assert recorded.address_type == "given" and recorded.concerns == "Tyler has a bruise on his arm"


def test_only_a_current_address_of_the_service_user_can_be_visited(world, visit, visit_case):
    elsewhere = people.address_create(
        actor=world["officer1"], case=visit_case, line_1="3 Other Street", local_authority=council()
    )
    with pytest.raises(ValidationError, match="current addresses"):
        visit(address=elsewhere)
    use = visit_case.service_user.addresses.get()
    people.service_user_address_end(actor=world["officer1"], case=visit_case, use=use, end_date=D(2026, 11, 1))
    with pytest.raises(ValidationError, match="current addresses"):
        visit(address=home(visit_case))
    assert not HomeVisit.objects.exists()


def test_a_visit_in_the_future_is_refused(visit):
    with pytest.raises(ValidationError) as error:
        visit(visited_on=D(2026, 11, 24))
    assert "today or in the past" in str(error.value)


def test_consent_must_be_answered_and_who_gave_it(visit):
    with pytest.raises(ValidationError, match="Select yes if the householder consented"):
        visit(consent_given=None)
    with pytest.raises(ValidationError, match="Enter who gave or refused consent"):
        visit(consent_by="  ")


def test_every_linked_child_is_answered_with_the_officers_words(visit, visit_case):
    tyler, kayleigh = child(visit_case, "Tyler"), child(visit_case, "Kayleigh")
    with pytest.raises(ValidationError) as error:
        visit(children={tyler.pk: {"seen": True, "presentation": " "}, kayleigh.pk: {"seen": None}})
    assert error.value.message_dict == {
        f"child_{tyler.pk}_presentation": ["Describe Tyler Holt's presentation and demeanour"],
        f"child_{kayleigh.pk}_seen": ["Select yes if Kayleigh Holt was seen"],
    }
    with pytest.raises(ValidationError, match="Enter why Kayleigh Holt was not seen"):
        visit(children={tyler.pk: {"seen": True, "presentation": "Fine"}, kayleigh.pk: {"seen": False, "not_seen_reason": ""}})
    assert not HomeVisit.objects.exists() and not HomeVisitChild.objects.exists()


def test_a_child_of_another_case_cannot_be_recorded(world, make_case, visit, visit_case):
    other = make_case(last_name="Other", children=1)
    stranger = other.service_user.child_links.get().child
    with pytest.raises(ValidationError, match="Only children linked to this case"):
        visit(children={stranger.pk: {"seen": True, "presentation": "Fine"}})


def test_a_refused_visit_records_no_child_as_seen(visit, visit_case):
    tyler = child(visit_case, "Tyler")
    with pytest.raises(ValidationError) as error:
        visit(consent_given=False, children={tyler.pk: {"seen": True, "presentation": "Seen at the door"}})
    assert error.value.message_dict == {f"child_{tyler.pk}_seen": [services.REFUSED]}
    refused = visit(consent_given=False, children={}, consent_words="Not today, he's not in")
    assert refused.refused and not refused.child_rows.exists()
