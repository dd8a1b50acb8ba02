"""A meeting's chair chosen from the case's key contacts instead of typed again: the chair's name is
stored as typed, and their organisation is the convening agency unless another is entered."""

import pytest

from safeguard.cases import services as cases
from safeguard.meetings.models import Meeting

NOT_THIS_CASES = "Choose one of this case’s key contacts from the list, or type the name"


def chair(world, case, **values):
    return cases.key_contact_add(
        actor=world["officer1"],
        case=case,
        kind="team_manager",
        name=values.pop("name", "Helen Price"),
        role="Independent child-protection chair",
        organisation="Worcestershire children's services",
        **values,
    )


@pytest.fixture
def answers(meeting_case):
    child = meeting_case.service_user.child_links.first().child
    return {
        "kind": "initial_conference",
        "children": [child.pk],
        "held_on_day": "20",
        "held_on_month": "11",
        "held_on_year": "2026",
    }


def test_a_chair_chosen_from_the_key_contacts_is_stored_with_their_organisation(client, world, meeting_case, answers):
    helen = chair(world, meeting_case)
    client.force_login(world["officer1"])
    path = f"/cases/{meeting_case.pk}/meetings/new/"
    form = client.get(path).content.decode()
    assert "Or type the chair’s name" in form and f'<option value="{helen.pk}">' in form
    assert client.post(path, {**answers, "chair_chosen": helen.pk}).status_code == 302
    meeting = Meeting.objects.get()
    assert (meeting.chair, meeting.convened_by) == ("Helen Price", "Worcestershire children's services")


def test_a_convening_agency_entered_is_kept(client, world, meeting_case, answers):
    helen = chair(world, meeting_case)
    client.force_login(world["officer1"])
    data = {**answers, "chair_chosen": helen.pk, "convened_by": "West Mercia Police"}
    assert client.post(f"/cases/{meeting_case.pk}/meetings/new/", data).status_code == 302
    assert Meeting.objects.get().convened_by == "West Mercia Police"


def test_without_a_chair_chosen_the_convening_agency_is_still_needed(client, world, meeting_case, answers):
    chair(world, meeting_case)
    client.force_login(world["officer1"])
    page = client.post(f"/cases/{meeting_case.pk}/meetings/new/", {**answers, "chair": "Ann Chair"}).content.decode()
    assert "Enter the agency that called the meeting" in page
    assert not Meeting.objects.exists()


def test_another_cases_contact_posted_by_hand_is_refused_and_nothing_saved(client, world, make_case, meeting_case, answers):
    chair(world, meeting_case)
    theirs = chair(world, make_case(last_name="Other"), name="Their Chair")
    client.force_login(world["officer1"])
    page = client.post(
        f"/cases/{meeting_case.pk}/meetings/new/", {**answers, "chair_chosen": theirs.pk, "convened_by": "CSC"}
    ).content.decode()
    assert NOT_THIS_CASES in page
    assert not Meeting.objects.exists()


def test_a_chair_chosen_and_another_typed_is_asked_about_once(client, world, meeting_case, answers):
    helen = chair(world, meeting_case)
    client.force_login(world["officer1"])
    page = client.post(
        f"/cases/{meeting_case.pk}/meetings/new/", {**answers, "chair_chosen": helen.pk, "chair": "Ann Chair"}
    ).content.decode()
    assert "You chose Helen Price from the key contacts: clear this box, or select no key contact to type a name" in page
    assert "Enter the agency that called the meeting" not in page  # the chair's choice would have answered it
    assert not Meeting.objects.exists()
