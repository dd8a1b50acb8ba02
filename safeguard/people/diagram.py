"""The family network picture: a server-rendered SVG of the service user, children and adults.

Layout: the service user at the top centre, other adults in a column on the left, children in a
column on the right; lines join the service user to each person and each adult to their children.
Every line's meaning is also written in words inside the boxes (colour is never the only signal),
and the page gives the same facts as a text list for screen readers.
"""

from dataclasses import dataclass
from typing import Any

from .models import AdultChildLink, AdultLink, AdultRelationship, ChildLink, Relationship, RiskRole

# Relationships in words, the right way round. A child link's relationship is what the service user is
# to the child (Parent: the service user is the child's parent; Partner's child: the child is the
# service user's partner's child); an adult link's is what the adult is to the service user; an
# adult-to-child link's is what the adult is to the child.
#   value: (what the child is to the person, what the person is to the child, short form for a box)
CHILD_ROLES: dict[str, tuple[str, str, str]] = {
    Relationship.PARENT: ("{p}'s child", "is {c}'s parent", "SU's child"),
    Relationship.STEP_PARENT: ("{p}'s stepchild", "is {c}'s step-parent", "SU's stepchild"),
    Relationship.PARTNERS_CHILD: ("{p}'s partner's child", "is the partner of {c}'s parent", "SU's partner's child"),
    Relationship.SIBLING: ("{p}'s brother or sister", "is {c}'s brother or sister", "SU's brother or sister"),
    Relationship.RELATIVE: ("a relative of {p}", "is a relative of {c}", "SU's relative"),
    Relationship.HOUSEHOLD_MEMBER: (
        "lives in the same household as {p}",
        "lives in the same household as {c}",
        "In SU's household",
    ),
    Relationship.OTHER: (
        "linked to {p} in another way",
        "is linked to {c} in another way",
        "Other link to SU",
    ),
}
# value: (what the adult is to the service user, short form for a box)
ADULT_ROLES: dict[str, tuple[str, str]] = {
    AdultRelationship.PARTNER: ("{p}'s partner", "SU's partner"),
    AdultRelationship.EX_PARTNER: ("{p}'s ex-partner", "SU's ex-partner"),
    AdultRelationship.OTHER_PARENT: ("the other parent of a child of {p}", "Other parent of SU's child"),
    AdultRelationship.HOUSEHOLD_MEMBER: ("lives in the same household as {p}", "In SU's household"),
    AdultRelationship.RELATIVE: ("a relative of {p}", "SU's relative"),
    AdultRelationship.FRIEND: ("a friend or associate of {p}", "SU's friend or associate"),
    AdultRelationship.OTHER: ("linked to {p} in another way", "Other link to SU"),
}
SU = "the service user"


def child_is(link: ChildLink) -> str:
    """What the child is to the service user: "the service user's child"."""
    return CHILD_ROLES[link.relationship][0].format(p=SU)


def service_user_is(link: ChildLink, service_user: str = SU) -> str:
    """What the service user is to the child, as a sentence: "Gary Stone is Tyler Garside's parent"."""
    return f"{service_user} {CHILD_ROLES[link.relationship][1].format(c=link.child)}"


def adult_is(link: AdultLink, service_user: str = SU) -> str:
    """What the adult is to the service user: "the service user's partner"."""
    return ADULT_ROLES[link.relationship][0].format(p=service_user)


def adult_to_child(link: AdultChildLink) -> str:
    """What the adult is to the child, as a sentence: "Ann Lee is Tyler Garside's parent"."""
    return f"{link.adult} {CHILD_ROLES[link.relationship][1].format(c=link.child)}"


def people_and_relationships(overview: Any) -> list[tuple[str, str]]:
    """The family network as a text list (beside the picture, and for screen readers): each line as
    the person it is about (shown in bold; none for a link between two others) and the rest."""
    su = overview.case.service_user
    unspecified = ": poses a risk to children generally" if su.risk_to_unspecified_children else ""
    lines = [(su.full_name, f" (service user){unspecified}")]
    for link in overview.child_links:
        lines.append(
            (
                str(link.child),
                f": {child_is(link)} ({service_user_is(link, su.full_name)}); {link.get_contact_display().lower()}; "
                f"service user: {link.get_risk_role_display().lower()}; "
                f"social care: {link.child.get_csc_status_display().lower()}",
            )
        )
    for link in overview.adult_links:
        lines.append((str(link.adult), f": {adult_is(link)}" + (", lives with them" if link.lives_with else "")))
    for link in overview.adult_child_links:
        lines.append(("", f"{adult_to_child(link)} ({link.get_contact_display().lower()})"))
    return lines


BOX_W = 270
BOX_H = 84
GAP = 16
LINE = 18
COL_ADULTS = 10
COL_SU = 335
COL_CHILDREN = 660
WIDTH = COL_CHILDREN + BOX_W + 10
ROWS_TOP = 10


@dataclass
class Node:
    key: str
    x: int
    y: int
    lines: list[str]
    kind: str  # service_user | child | adult
    text: list | None = None  # (x, y, line) positions, filled in by family_network

    @property
    def cx(self) -> int:
        return self.x + BOX_W // 2

    @property
    def cy(self) -> int:
        return self.y + BOX_H // 2


@dataclass
class Edge:
    x1: int
    y1: int
    x2: int
    y2: int
    kind: str  # risk | protective | unknown | adult | adult_child
    title: str


def _child_lines(link: ChildLink) -> list[str]:
    child = link.child
    if child.is_unborn:
        age = f"unborn, due {child.expected_date_of_delivery:%d/%m/%Y}"
    elif child.is_adult:
        age = f"now 18 or over ({child.age})"
    else:
        age = f"aged {child.age}"
    roles: dict[str, str] = {RiskRole.POSES_RISK: "SU poses a risk", RiskRole.PROTECTIVE: "SU protective"}
    role = roles.get(link.risk_role, "Risk not known")
    return [
        str(child),
        f"{CHILD_ROLES[link.relationship][2]}, {age}",
        f"{link.get_contact_display()} · {child.get_csc_status_display()}",
        role,
    ]


def family_network(overview: Any) -> dict:
    su = overview.case.service_user
    nodes: dict[str, Node] = {}
    edges: list[Edge] = []
    rows = max(len(overview.child_links), len(overview.adult_links), 1)
    height = ROWS_TOP + rows * (BOX_H + GAP)
    # The service user sits in the middle, level with the centre of the columns, so lines fan out.
    su_top = max(ROWS_TOP, ROWS_TOP + (rows * (BOX_H + GAP) - GAP) // 2 - BOX_H // 2)
    su_node = Node(
        "su",
        COL_SU,
        su_top,
        [su.full_name, f"Service user, {su.crn}", f"Risk of serious harm: {su.get_rosh_level_display()}"],
        "service_user",
    )
    nodes["su"] = su_node
    for index, link in enumerate(overview.child_links):
        node = Node(f"child-{link.child_id}", COL_CHILDREN, ROWS_TOP + index * (BOX_H + GAP), _child_lines(link), "child")
        nodes[node.key] = node
        kind = {RiskRole.POSES_RISK: "risk", RiskRole.PROTECTIVE: "protective"}.get(link.risk_role, "unknown")
        edges.append(
            Edge(
                su_node.x + BOX_W,
                su_node.cy,
                node.x,
                node.cy,
                kind,
                f"{service_user_is(link, su.full_name)}; the service user: {link.get_risk_role_display().lower()}",
            )
        )
    for index, link in enumerate(overview.adult_links):
        node = Node(
            f"adult-{link.adult_id}",
            COL_ADULTS,
            ROWS_TOP + index * (BOX_H + GAP),
            [
                str(link.adult),
                ADULT_ROLES[link.relationship][1],
                "Lives with the service user" if link.lives_with else "Lives elsewhere",
            ],
            "adult",
        )
        nodes[node.key] = node
        edges.append(
            Edge(
                su_node.x,
                su_node.cy,
                node.x + BOX_W,
                node.cy,
                "adult",
                f"{link.adult}: {adult_is(link, su.full_name)}",
            )
        )
    for link in overview.adult_child_links:
        a, c = nodes.get(f"adult-{link.adult_id}"), nodes.get(f"child-{link.child_id}")
        if a and c:
            edges.append(
                Edge(
                    a.x + BOX_W,
                    a.cy,
                    c.x,
                    c.cy,
                    "adult_child",
                    adult_to_child(link),
                )
            )
    if su.risk_to_unspecified_children:
        su_node.lines.append("Poses a risk to children generally")
    # Draw the service user last so the lines between adults and children pass behind the box.
    ordered = [n for n in nodes.values() if n.kind != "service_user"] + [su_node]
    for node in ordered:
        node.text = [
            (node.x + 10, node.y + 22 + i * LINE, line[:34] + ("…" if len(line) > 34 else ""))
            for i, line in enumerate(node.lines)
        ]
    return {
        "width": WIDTH,
        "height": height,
        "box_w": BOX_W,
        "box_h": BOX_H,
        "nodes": ordered,
        "edges": edges,
        "count": len(nodes),
        "listed": people_and_relationships(overview),
    }
