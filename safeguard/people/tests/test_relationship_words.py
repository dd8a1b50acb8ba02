"""The family network says every relationship the right way round, in the text list beside the picture
and in the picture itself.

What is stored: a child link's relationship is what the service user is to the child ("Parent": the
service user is the child's parent; "Partner's child": the child is the service user's partner's
child); an adult link's is what the adult is to the service user; an adult-to-child link's is what the
adult is to the child. The list names the person and says what they are to the service user ("Tyler
Garside: the service user's child"), and says the other way round too where it helps.
"""

import datetime

import pytest

from safeguard.cases.selectors import case_overview
from safeguard.people import services
from safeguard.people.diagram import family_network
from safeguard.people.models import AdultRelationship, Relationship

CHILD_WORDS = {
    "parent": ("Tyler Garside: the service user's child", "Gary Stone is Tyler Garside's parent"),
    "step_parent": ("Tyler Garside: the service user's stepchild", "Gary Stone is Tyler Garside's step-parent"),
    "partners_child": (
        "Tyler Garside: the service user's partner's child",
        "Gary Stone is the partner of Tyler Garside's parent",
    ),
    "sibling": ("Tyler Garside: the service user's brother or sister", "Gary Stone is Tyler Garside's brother or sister"),
    "relative": ("Tyler Garside: a relative of the service user", "Gary Stone is a relative of Tyler Garside"),
    "household_member": (
        "Tyler Garside: lives in the same household as the service user",
        "Gary Stone lives in the same household as Tyler Garside",
    ),
    "other": (
        "Tyler Garside: linked to the service user in another way",
        "Gary Stone is linked to Tyler Garside in another way",
    ),
}
ADULT_WORDS = {
    "partner": "Ann Lee: the service user's partner",
    "ex_partner": "Ann Lee: the service user's ex-partner",
    "other_parent": "Ann Lee: the other parent of a child of the service user",
    "household_member": "Ann Lee: lives in the same household as the service user",
    "relative": "Ann Lee: a relative of the service user",
    "friend": "Ann Lee: a friend or associate of the service user",
    "other": "Ann Lee: linked to the service user in another way",
}
ADULT_CHILD_WORDS = {
    "parent": "Ann Lee is Tyler Garside's parent",
    "step_parent": "Ann Lee is Tyler Garside's step-parent",
    "partners_child": "Ann Lee is the partner of Tyler Garside's parent",
    "sibling": "Ann Lee is Tyler Garside's brother or sister",
    "relative": "Ann Lee is a relative of Tyler Garside",
    "household_member": "Ann Lee lives in the same household as Tyler Garside",
    "other": "Ann Lee is linked to Tyler Garside in another way",
}


def test_every_stored_relationship_has_its_words():
    assert set(CHILD_WORDS) == set(Relationship.values) == set(ADULT_CHILD_WORDS)
    assert set(ADULT_WORDS) == set(AdultRelationship.values)


def family(world, make_case, child_relationship="parent", adult_relationship="partner", adult_child_relationship="parent"):
    officer = world["officer1"]
    case = make_case(first_name="Gary", last_name="Stone")
    child = services.child_add(
        actor=officer,
        case=case,
        child={"first_name": "Tyler", "last_name": "Garside", "date_of_birth": datetime.date(2017, 6, 1)},
        link={"relationship": child_relationship, "contact": "lives_with", "risk_role": "poses_risk"},
    ).child
    adult = services.adult_add(
        actor=officer,
        case=case,
        adult={"first_name": "Ann", "last_name": "Lee"},
        link={"relationship": adult_relationship, "lives_with": True},
    ).adult
    services.adult_child_link_add(
        actor=officer, case=case, adult=adult, child=child, relationship=adult_child_relationship, contact="lives_with"
    )
    return case


def network_list(client, case):
    page = client.get(f"/cases/{case.pk}/family/").content.decode()
    items = page.split('id="network-list">')[1].split("</ul>")[0]
    return " ".join(items.replace("<strong>", "").replace("</strong>", "").replace("&#x27;", "'").split())


@pytest.mark.parametrize("relationship", Relationship.values)
def test_a_childs_link_is_worded_the_right_way_round(client, world, make_case, relationship):
    case = family(world, make_case, child_relationship=relationship, adult_child_relationship=relationship)
    client.force_login(world["officer1"])
    listed = network_list(client, case)
    child_is, su_is = CHILD_WORDS[relationship]
    assert child_is in listed and f"({su_is})" in listed
    assert ADULT_CHILD_WORDS[relationship] in listed
    assert "of the service user;" not in listed
    titles = [edge.title for edge in family_network(case_overview(case))["edges"]]
    assert titles[0].startswith(su_is) and titles[-1].startswith(ADULT_CHILD_WORDS[relationship])


@pytest.mark.parametrize("relationship", AdultRelationship.values)
def test_an_adults_link_is_worded_the_right_way_round(client, world, make_case, relationship):
    case = family(world, make_case, adult_relationship=relationship)
    client.force_login(world["officer1"])
    assert ADULT_WORDS[relationship] in network_list(client, case)
