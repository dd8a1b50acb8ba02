"""Who may hold a child-protection case (West Mercia 6): a trainee never, a probation service officer
only with a line manager's approval on record, and a high-risk case only after a risk manager has been
consulted. Refused on every path that sets a holder; cases that come to break a rule are listed."""

import datetime

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from safeguard.accounts import roles
from safeguard.cases import services
from safeguard.cases.models import Case, HolderApproval, RiskManagerConsultation
from safeguard.core.models import AccessLog
from safeguard.core.tasks import tasks_for_cases
from safeguard.people import services as people
from safeguard.register import services as register
from safeguard.testing import council, make_user

D = datetime.date
TODAY = D(2026, 11, 23)


def _child(world, case, *, plan=True, first_name="Tyler"):
    status = {"status": "cpp", "category": "neglect", "start_date": D(2026, 11, 2), "local_authority": council()}
    return people.child_add(
        actor=world["officer1"],
        case=case,
        where="service_user",
        child={"first_name": first_name, "last_name": "Garside", "date_of_birth": D(2020, 4, 2)},
        link={"relationship": "parent", "contact": "lives_with", "parental_responsibility": True, "risk_role": "not_known"},
        status=status if plan else None,
    ).child


def _register(world, case):
    child = _child(world, case)
    register.register_case(
        actor=world["officer1"],
        case=case,
        category="linked_child",
        trigger_date=TODAY,
        registered_on=TODAY,
        children=[child],
        reason="Child on a plan",
    )
    return child


@pytest.fixture
def registered(world, make_case, fixed_today):
    case = make_case(first_name="Wayne", last_name="Garside")
    _register(world, case)
    return case


def allocate(client, case, holder, reason="Workload"):
    return client.post(
        f"/cases/{case.pk}/allocation/",
        {"team": case.team_id, "case_holder": holder.pk, "line_manager": case.line_manager_id, "reason": reason},
    )


def test_a_trainee_cannot_be_made_holder_of_a_registered_case_in_the_form(client, world, registered):
    client.force_login(world["manager1"])
    response = allocate(client, registered, world["trainee1"])
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "is a trainee and cannot hold a child-protection case (West Mercia 6.2)" in page
    assert "the case is on the child-protection register" in page
    registered.refresh_from_db()
    assert registered.case_holder == world["officer1"]
    assert registered.allocations.count() == 1  # nothing partly saved


def test_a_trainee_cannot_be_made_holder_by_the_service_or_by_saving_the_case(world, registered):
    with pytest.raises(ValidationError) as refused:
        services.case_allocate(
            actor=world["manager1"], case=registered, team=registered.team, case_holder=world["trainee1"], line_manager=None
        )
    assert "trainee" in str(refused.value)
    case = Case.objects.get(pk=registered.pk)
    case.case_holder = world["trainee1"]
    with pytest.raises(ValidationError, match="cannot hold a child-protection case"):
        case.save()
    Case.objects.filter(pk=registered.pk).update()  # (a queryset update sets no holder here)
    assert Case.objects.get(pk=registered.pk).case_holder == world["officer1"]


def test_the_admin_offers_no_way_to_set_a_case_holder(admin_client, registered):
    """Cases are not administered (ADR 0009): no admin form has a case-holder field, and the case's
    admin address does not exist."""
    for model in admin.site._registry:
        assert "case_holder" not in {field.name for field in model._meta.get_fields()}, model
    assert admin_client.get(f"/admin/cases/case/{registered.pk}/change/").status_code == 404


def test_a_trainee_may_hold_a_case_with_no_child_protection_concerns(client, world, make_case, fixed_today):
    case = make_case()
    _child(world, case, plan=False)
    client.force_login(world["manager1"])
    assert allocate(client, case, world["trainee1"]).status_code == 302
    case.refresh_from_db()
    assert case.case_holder == world["trainee1"]


def test_a_pso_can_hold_a_child_protection_case_only_with_an_approval_on_record(client, world, registered):
    client.force_login(world["manager1"])
    refused = allocate(client, registered, world["pso1"])
    assert refused.status_code == 200
    assert "only with a line manager&#x27;s approval on record (West Mercia 6.3)" in refused.content.decode()
    registered.refresh_from_db()
    assert registered.case_holder == world["officer1"]

    page = client.get(f"/cases/{registered.pk}/allocation/approve/").content.decode()
    assert "Pso1" in page and "Trainee1" not in page  # only those who need an approval are offered
    response = client.post(
        f"/cases/{registered.pk}/allocation/approve/",
        {"approved_for": world["pso1"].pk, "contact": "Weekly reporting; I see the family with the officer monthly"},
    )
    assert response.status_code == 302
    approval = HolderApproval.objects.get(case=registered)
    assert (approval.approved_for, approval.approved_by, approval.approved_on) == (world["pso1"], world["manager1"], TODAY)

    assert allocate(client, registered, world["pso1"]).status_code == 302
    registered.refresh_from_db()
    assert registered.case_holder == world["pso1"]
    assert tasks_for_cases([registered])[registered.pk] == [] or all(
        task.rule != "cases.cp_case_holder" for task in tasks_for_cases([registered])[registered.pk]
    )


def test_only_the_cases_manager_records_an_approval_and_never_for_a_trainee(client, world, registered):
    client.force_login(world["officer1"])
    assert client.get(f"/cases/{registered.pk}/allocation/approve/").status_code == 403
    assert AccessLog.objects.filter(reason__contains="holderapproval").exists()
    with pytest.raises(ValidationError, match="line manager of the case"):
        services.holder_approval_record(actor=world["officer1"], case=registered, approved_for=world["pso1"], contact="x")
    with pytest.raises(ValidationError, match="cannot hold a child-protection case"):
        services.holder_approval_record(actor=world["manager1"], case=registered, approved_for=world["trainee1"], contact="x")
    client.force_login(world["manager1"])
    response = client.post(f"/cases/{registered.pk}/allocation/approve/", {"approved_for": world["pso1"].pk, "contact": "  "})
    assert response.status_code == 200 and "Describe the nature of their work" in response.content.decode()
    assert not HolderApproval.objects.exists()


def test_a_high_risk_child_protection_case_is_allocated_only_after_a_risk_manager_is_consulted(client, world, registered):
    people.service_user_update(actor=world["officer1"], case=registered, service_user=registered.service_user, rosh_level="high")
    client.force_login(world["manager1"])
    assert allocate(client, registered, world["officer1"]).status_code == 302  # the same holder: nothing to refuse
    other = make_user("officer9", roles.OFFENDER_MANAGER, world.north, None)
    response = allocate(client, registered, other)
    assert response.status_code == 200
    assert "a risk manager must be consulted" in response.content.decode()
    [step] = [t for t in tasks_for_cases([registered])[registered.pk] if t.rule == "cases.risk_manager_consulted"]
    # The holder's step, 5 working days from the earliest concern (the child's plan from 2 November).
    assert step.due_on == D(2026, 11, 9) and not step.needs_manager

    client.force_login(world["officer1"])
    response = client.post(
        f"/cases/{registered.pk}/allocation/risk-manager/",
        {
            "risk_manager": world["risk1"].pk,
            "consulted_on_day": "23",
            "consulted_on_month": "11",
            "consulted_on_year": "2026",
            "advice": "Keep the core group informed weekly",
        },
    )
    assert response.status_code == 302
    assert RiskManagerConsultation.objects.get(case=registered).risk_manager == world["risk1"]
    client.force_login(world["manager1"])
    assert allocate(client, registered, other).status_code == 302
    assert [t for t in tasks_for_cases([registered])[registered.pk] if t.rule == "cases.risk_manager_consulted"] == []


def test_a_case_that_comes_to_break_a_rule_is_listed_for_its_managers(client, world, make_case, fixed_today):
    case = make_case(first_name="Wayne", last_name="Garside")
    services.case_allocate(actor=world["manager1"], case=case, team=case.team, case_holder=world["trainee1"], line_manager=None)
    client.force_login(world["manager1"])
    assert "No case you can see breaks an allocation rule" in client.get("/cases/allocation-rules/").content.decode()

    _register(world, case)  # registered while a trainee holds it: allowed, and listed
    page = client.get("/cases/allocation-rules/").content.decode()
    assert "Wayne" in page and "is a trainee and cannot hold a child-protection case" in page
    [step] = [t for t in tasks_for_cases([case])[case.pk] if t.rule == "cases.cp_case_holder"]
    assert step.needs_manager

    client.force_login(world["officer1"])
    assert client.get("/cases/allocation-rules/").status_code == 403
    client.force_login(world["manager2"])  # another team's manager does not see the case
    assert "Wayne" not in client.get("/cases/allocation-rules/").content.decode()


def test_a_role_change_that_leaves_a_child_protection_case_with_a_trainee_lists_it(client, world, registered):
    officer = world["officer1"]
    officer.groups.set([Group.objects.get(name=roles.TRAINEE)])  # what an applied role change does
    client.force_login(world["manager1"])
    page = client.get("/cases/allocation-rules/").content.decode()
    assert "Officer1" in page and "is a trainee" in page


def _breaking_case(world, make_case, n):
    case = make_case(first_name="Wayne", last_name=f"Garside{n}")
    services.case_allocate(actor=world["manager1"], case=case, team=case.team, case_holder=world["trainee1"], line_manager=None)
    _register(world, case)
    return case


def count(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_list_and_the_allocation_page_run_a_constant_number_of_queries(client, world, make_case, fixed_today):
    client.force_login(world["manager1"])
    first = _breaking_case(world, make_case, 1)
    one = count(client, "/cases/allocation-rules/")
    one_page = count(client, f"/cases/{first.pk}/allocation/")
    for n in range(2, 6):
        _breaking_case(world, make_case, n)
    _child(world, first, first_name="Kayla")
    services.holder_approval_record(actor=world["manager1"], case=first, approved_for=world["pso1"], contact="Reports")
    assert count(client, "/cases/allocation-rules/") == one
    assert count(client, f"/cases/{first.pk}/allocation/") == one_page


def test_the_list_finds_in_the_database_exactly_the_cases_the_rules_find(world, make_case, fixed_today):
    """The list pages in the database (`breaking_condition`); the words come from `breaches`: both
    must say the same cases, whatever makes each one a child-protection case."""
    from safeguard.cases.allocation_rules import breaches
    from safeguard.cases.selectors import breaking_allocation_rules

    def held_by(holder, name, build=None, **extra):
        case = make_case(first_name=name, last_name="Case", **extra)
        services.case_allocate(actor=world["manager1"], case=case, team=case.team, case_holder=holder, line_manager=None)
        if build:
            build(case)
        return case

    def registered_without_a_plan(case):  # the register alone makes it a child-protection case
        child = _child(world, case, plan=False)
        register.register_case(
            actor=world["officer1"],
            case=case,
            category="concerns",
            trigger_date=TODAY,
            registered_on=TODAY,
            children=[child],
            reason="Concerns",
        )

    def approved(case):
        _register(world, case)
        services.holder_approval_record(actor=world["manager1"], case=case, approved_for=world["pso1"], contact="Reports")

    def consulted(case):
        _child(world, case)
        services.risk_consultation_record(
            actor=world["officer1"], case=case, risk_manager=world["risk1"], consulted_on=TODAY, advice="Weekly contact"
        )

    def poses_risk(case):
        people.child_add(
            actor=world["officer1"],
            case=case,
            where="service_user",
            child={"first_name": "Amy", "last_name": "Case", "date_of_birth": D(2019, 1, 1)},
            link={"relationship": "relative", "contact": "regular", "risk_role": "poses_risk"},
        )

    breaking = {
        held_by(world["trainee1"], "Registered", registered_without_a_plan),
        held_by(world["trainee1"], "Risky", poses_risk),
        held_by(world["pso1"], "Unapproved", lambda c: _child(world, c)),
        held_by(world["officer1"], "Unconsulted", lambda c: _child(world, c), rosh_level="high"),
        held_by(
            world["officer1"],
            "General",
            None,
            rosh_level="very_high",
            risk_to_unspecified_children=True,
            risk_to_children_details="Offences against children",
        ),
    }
    fine = {
        held_by(world["trainee1"], "Noconcern", lambda c: _child(world, c, plan=False)),
        held_by(world["pso1"], "Approved", approved),
        held_by(world["officer1"], "Consulted", consulted, rosh_level="high"),
        held_by(world["officer1"], "Lowrisk", lambda c: _child(world, c), rosh_level="low"),
    }
    listed = set(breaking_allocation_rules(world["lead1"]))
    assert listed == breaking
    assert set(breaches(Case.objects.select_related("service_user", "case_holder"))) == {case.pk for case in breaking}
    assert not listed & fine
