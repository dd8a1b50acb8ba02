"""The family network picture stays readable at 15 people: no overlaps, everyone inside the frame."""

from safeguard.cases.selectors import case_overview
from safeguard.people.diagram import BOX_H, BOX_W, family_network


def overlaps(a, b) -> bool:
    return not (a.x + BOX_W <= b.x or b.x + BOX_W <= a.x or a.y + BOX_H <= b.y or b.y + BOX_H <= a.y)


def test_fifteen_people_fit_without_overlap(make_case):
    case = make_case(children=11, adults=3)  # with the service user: 15 people
    network = family_network(case_overview(case))
    nodes = network["nodes"]
    assert network["count"] == len(nodes) == 15
    for i, a in enumerate(nodes):
        assert 0 <= a.x and a.x + BOX_W <= network["width"]
        assert 0 <= a.y and a.y + BOX_H <= network["height"]
        for b in nodes[i + 1 :]:
            assert not overlaps(a, b), (a.lines[0], b.lines[0])
        for _, y, _ in a.text:
            assert a.y < y < a.y + BOX_H  # every line of text inside its box
    # service user to 11 children and 3 adults, and each adult to two children
    assert len(network["edges"]) == 11 + 3 + 3 * 2


def test_risk_and_unborn_are_written_in_words(make_case, world, fixed_today):
    import datetime

    from safeguard.people import services

    case = make_case()
    services.child_add(
        actor=world["officer1"],
        case=case,
        child={"last_name": "Smith", "expected_date_of_delivery": datetime.date(2027, 3, 1)},
        link={"relationship": "parent", "contact": "lives_with", "risk_role": "poses_risk"},
    )
    network = family_network(case_overview(case))
    child = next(n for n in network["nodes"] if n.kind == "child")
    assert "unborn, due 01/03/2027" in " ".join(child.lines)
    assert "SU poses a risk" in child.lines
    assert [e.kind for e in network["edges"]] == ["risk"]
