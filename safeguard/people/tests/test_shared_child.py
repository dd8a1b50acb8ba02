"""A child shared between cases in different teams: each team's page about the child shows only what
its own cases link to, never who else the child is linked to."""

from safeguard.people import services


def test_a_shared_childs_page_does_not_name_the_other_teams_service_user_or_adults(client, world, make_case):
    ours = make_case(first_name="Sarah", last_name="Mitchell", children=1)
    theirs = make_case(first_name="Darren", last_name="Holt", team=world.far, holder=world["officer3"])
    child = ours.service_user.child_links.get().child
    link = {"relationship": "parent", "contact": "regular", "parental_responsibility": True, "risk_role": "not_known"}
    services.child_link_add(actor=world["officer3"], case=theirs, child=child, **link)
    partner = services.adult_add(
        actor=world["officer3"],
        case=theirs,
        adult={"first_name": "Wendy", "last_name": "Thorne", "gender": "female"},
        link={"relationship": "partner", "lives_with": True},
    ).adult
    services.adult_child_link_add(
        actor=world["officer3"], case=theirs, adult=partner, child=child, relationship="parent", contact="regular"
    )

    client.force_login(world["officer1"])
    page = client.get(f"/cases/{ours.pk}/children/{child.pk}/").content.decode()
    assert child.first_name in page  # the page itself is ours to see
    assert "Holt" not in page and "Thorne" not in page

    client.force_login(world["risk1"])  # sees every case in the area, not the other area's
    assert "Holt" not in client.get(f"/cases/{ours.pk}/children/{child.pk}/").content.decode()

    client.force_login(world["officer3"])  # the other team sees its own links, not ours
    page = client.get(f"/cases/{theirs.pk}/children/{child.pk}/").content.decode()
    assert "Thorne" in page and "Sarah Mitchell" not in page
