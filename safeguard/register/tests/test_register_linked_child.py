"""'Register the case: linked to a child on a plan or looked after' goes once the child is covered.

What covers a child: a registration names the children it concerns (`Registration.children`), so an
active registration of any category that names the child covers that child, whatever its category
(a "risk to identified children" registration naming Poppy puts Poppy on the register as surely as
a "linked child" one). A registration covers only the children it names: a "linked child"
registration made for one child does not cover a child linked later, so the step comes back for
that child, and is done by naming the child in the registration at its next review. A "risk to
unspecified children" registration names no child, so it covers none.
"""

import datetime

import pytest

from safeguard.core.tasks import tasks_for_cases
from safeguard.people import services as people
from safeguard.register import services
from safeguard.testing import council

D = datetime.date


def register_steps(case):
    return [
        t for t in tasks_for_cases([case])[case.pk] if t.kind == "register_needed" and t.rule == "register.linked_child_on_plan"
    ]


def register(world, case, category, children):
    return services.register_case(
        actor=world["officer1"],
        case=case,
        category=category,
        trigger_date=D(2026, 11, 20),
        registered_on=D(2026, 11, 20),
        children=children,
        reason="Concerns",
    )


def add_child_on_plan(world, case, first_name):
    return people.child_add(
        actor=world["officer1"],
        case=case,
        where="service_user",
        child={"first_name": first_name, "last_name": "Smith", "date_of_birth": D(2020, 1, 1)},
        link={"relationship": "step_parent", "contact": "lives_with", "parental_responsibility": False},
        status={"status": "looked_after", "start_date": D(2026, 11, 21), "local_authority": council()},
    ).child


@pytest.mark.parametrize("category", ["risk_identified", "concerns", "linked_child"])
def test_a_registration_naming_the_child_on_a_plan_ends_the_step(world, make_case, fixed_today, category):
    case = make_case(children=1)
    child = case.service_user.child_links.get().child
    assert len(register_steps(case)) == 1
    register(world, case, category, [child])
    assert register_steps(case) == []


def test_a_registration_naming_no_child_does_not_end_it(world, make_case, fixed_today):
    case = make_case(children=1)
    register(world, case, "risk_unspecified", [])
    assert len(register_steps(case)) == 1


def test_the_step_comes_back_for_a_newly_linked_child_and_goes_when_they_are_named(client, world, make_case, fixed_today):
    case = make_case(children=1)
    first = case.service_user.child_links.get().child
    registration = register(world, case, "linked_child", [first])
    assert register_steps(case) == []
    newcomer = add_child_on_plan(world, case, "Newcomer")
    [step] = register_steps(case)
    assert step.detail == str(newcomer) and str(first) not in step.fact and str(newcomer) in step.fact
    assert step.title == "Name the child in the registration: on a plan or looked after"
    assert step.url == f"/cases/{case.pk}/register/{registration.pk}/review/"  # the review names them
    client.force_login(world["officer1"])
    page = client.get(step.url).content.decode()
    assert "Newcomer" in page and f'value="{newcomer.pk}"' in page and f'value="{first.pk}"' not in page
    response = client.post(
        step.url,
        {
            "reviewed_on_day": "23",
            "reviewed_on_month": "11",
            "reviewed_on_year": "2026",
            "what_changed": "Newcomer came to live with them and is looked after",
            "decision": "continue",
            "children_added": [str(newcomer.pk)],
        },
    )
    assert response.status_code == 302
    assert set(registration.children.all()) == {first, newcomer}
    assert register_steps(case) == []


def test_without_a_linked_child_registration_the_step_asks_for_one(world, make_case, fixed_today):
    case = make_case(children=1)
    register(world, case, "concerns", [case.service_user.child_links.get().child])
    newcomer = add_child_on_plan(world, case, "Newcomer")
    [step] = register_steps(case)
    assert step.title == "Register the case: linked to a child on a plan or looked after"
    assert step.url == f"/cases/{case.pk}/register/new/" and step.detail == str(newcomer)


def test_a_review_names_only_children_linked_to_the_case(world, make_case, fixed_today):
    from django.core.exceptions import ValidationError

    case = make_case(children=1)
    other = make_case(last_name="Other", children=1).service_user.child_links.get().child
    registration = register(world, case, "linked_child", [c.child for c in case.service_user.child_links.all()])
    with pytest.raises(ValidationError):
        services.review_record(
            actor=world["officer1"],
            case=case,
            registration=registration,
            reviewed_on=D(2026, 11, 23),
            what_changed="-",
            decision="continue",
            children_added=[other],
        )
