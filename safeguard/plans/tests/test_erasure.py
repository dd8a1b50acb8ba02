"""Lawful erasure reaches the sentence plan: a child named by an objective leaves no trace after
de-registration, in the objective's children, its words or its progress."""

from safeguard.plans import services
from safeguard.plans.models import Objective, ProgressEntry
from safeguard.register import services as register
from safeguard.testing import deregister

from .conftest import D


def test_a_child_named_in_an_objective_leaves_no_trace_after_deregistration(client, world, cp_case, child, add):
    name = child.first_name
    objective = add(work=f"Visit the home monthly to see {name} and talk with Wayne about the drinking")
    services.progress_add(
        actor=world["officer1"], case=cp_case, objective=objective, written_on=D(2026, 11, 23), text=f"{name} seen at home"
    )
    registration = register.register_case(
        actor=world["officer1"],
        case=cp_case,
        category="linked_child",
        trigger_date=D(2026, 11, 13),
        registered_on=D(2026, 11, 23),
        children=[child],
        reason="On a plan",
    )
    deregister(world, cp_case, registration, "child_left_register")
    objective.refresh_from_db()
    assert name not in objective.work and not objective.children.exists()
    assert name not in " ".join(ProgressEntry.objects.values_list("text", flat=True))
    assert Objective.objects.count() == 1  # the objective itself stays, without the child
    client.force_login(world["officer1"])
    for path in ("plans/", f"plans/objectives/{objective.pk}/", "history/"):
        assert name not in client.get(f"/cases/{cp_case.pk}/{path}").content.decode(), path
