"""Visits on the case's timeline and in the handover summary; lawful erasure of a child leaves no
trace of them on a visit; the registered-case rule moves from 10 working days to 3 months on an
existing database, and an administrator's own change is kept."""

import datetime
from importlib import import_module

from django.apps import apps

from safeguard.core import registry
from safeguard.core.models import DeadlineRule
from safeguard.people import services as people
from safeguard.register import services as register
from safeguard.testing import council, deregister
from safeguard.visits import services
from safeguard.visits.models import HomeVisit, HomeVisitChild

from .conftest import child

D = datetime.date


def test_a_visit_on_the_timeline_names_the_children_seen_and_not(client, world, visit_case, visit):
    visit(concerns="Tyler has a bruise")
    services.reason_record(actor=world["officer1"], case=visit_case, reason="Darren in hospital")
    client.force_login(world["officer1"])
    html = client.get(f"/cases/{visit_case.pk}/record/").content.decode()
    assert "Home visit at 1 High Street, Worcester, WR1 1AA" in html
    assert "Seen: Tyler Holt. Not seen: Kayleigh Holt (Lives with her mother)." in html
    assert "Reason for no home visit recorded" in html
    kayleigh = child(visit_case, "Kayleigh")
    only = client.get(f"/cases/{visit_case.pk}/record/", {"kind": "Home visits", "child": kayleigh.pk}).content.decode()
    assert "Home visit at 1 High Street" in only and "Reason for no home visit" not in only


def test_the_handover_summary_says_the_last_visit_and_what_is_due(world, visit_case, visit):
    visit()
    services.reason_record(actor=world["officer1"], case=visit_case, reason="Away")
    [part] = [p for p in registry.handover_parts(visit_case) if p.title == "Home visits"]
    assert part.lines[0] == (
        "Last home visit 20 November 2026 at 1 High Street, Worcester, WR1 1AA. "
        "Seen: Tyler Holt. Not seen: Kayleigh Holt (Lives with her mother)."
    )
    assert "not yet agreed by the manager: Away" in part.lines[-1]


def test_an_erased_child_leaves_no_trace_on_a_visit(client, world, visit_case, visit):
    tyler = child(visit_case, "Tyler")
    recorded = visit(present="Darren and Tyler Holt", concerns="Tyler was quiet")
    people.status_add(
        actor=world["officer1"],
        case=visit_case,
        child=tyler,
        status="cpp",
        category="neglect",
        start_date=D(2026, 11, 2),
        local_authority=council(),
    )
    registration = register.register_case(
        actor=world["officer1"],
        case=visit_case,
        category="linked_child",
        trigger_date=D(2026, 11, 2),
        registered_on=D(2026, 11, 3),
        children=[tyler],
        reason="On a plan",
    )
    deregister(world, visit_case, registration, "child_left_register")
    recorded.refresh_from_db()
    assert "Tyler" not in recorded.present + recorded.concerns
    assert list(HomeVisitChild.objects.values_list("child__first_name", flat=True)) == ["Kayleigh"]
    client.force_login(world["officer1"])
    for path in ("visits/", f"visits/{recorded.pk}/", "record/"):
        assert "Tyler" not in client.get(f"/cases/{visit_case.pk}/{path}").content.decode(), path
    assert HomeVisit.objects.count() == 1


def test_the_migration_moves_the_old_default_to_three_months_only(db):
    migration = import_module("safeguard.visits.migrations.0002_home_visit_registered_three_months")
    rule = DeadlineRule.objects.get(name="home_visit_registered")
    DeadlineRule.objects.filter(pk=rule.pk).update(length=10, unit="working_days", anchor="registration")
    migration.three_months(apps, None)
    rule.refresh_from_db()
    assert (rule.length, rule.unit) == (3, "months") and rule.anchor.startswith("registration, the last home visit")
    DeadlineRule.objects.filter(pk=rule.pk).update(length=15, unit="working_days")  # an administrator's choice
    migration.three_months(apps, None)
    rule.refresh_from_db()
    assert (rule.length, rule.unit) == (15, "working_days")
