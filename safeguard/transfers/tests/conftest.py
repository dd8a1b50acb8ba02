import datetime

import pytest

from safeguard.accounts import roles
from safeguard.cases import services as cases
from safeguard.checks import services as checks
from safeguard.core.tasks import tasks_for_cases
from safeguard.meetings import services as meetings
from safeguard.record import services as record
from safeguard.referrals import services as referrals
from safeguard.referrals.tests.conftest import referral_values
from safeguard.register import services as register
from safeguard.testing import make_user

D = datetime.date
TODAY = D(2026, 11, 23)


def steps(case, rule=None):
    return [t for t in tasks_for_cases([case])[case.pk] if rule is None or t.rule == rule]


@pytest.fixture
def officer4(world):
    """A second offender manager in North, the team of officer1."""
    return make_user("officer4", roles.OFFENDER_MANAGER, world.north)


@pytest.fixture
def far_manager(world):
    """The line manager of Far, the team in the other area."""
    manager = make_user("manager3", roles.LINE_MANAGER, world.far)
    world.far.line_managers.add(manager)
    return manager


def move(world, case, holder, *, team=None, manager=None):
    """The case moved to `holder` by North's line manager, as the allocation page does it."""
    team = team or holder.team
    manager = manager or team.line_managers.first()
    cases.case_allocate(actor=world["manager1"], case=case, team=team, case_holder=holder, line_manager=manager, reason="Moved")
    case.refresh_from_db()
    return case.handovers.first()


def add_records(world, case, *, register_children=True):
    """On the case: its children registered, a request for information sent, a referral without a
    reply, a meeting with an action for probation, a recent manager's decision in the general section
    and another in the restricted section."""
    officer = world["officer1"]
    children = [link.child for link in case.service_user.child_links.all()]
    if register_children:
        register.register_case(
            actor=officer,
            case=case,
            category="linked_child",
            trigger_date=TODAY,
            registered_on=TODAY,
            children=children,
            reason="On a plan",
        )
    for request in checks.requests_prepare(actor=officer, case=case):
        checks.request_send(actor=officer, case=case, request=request, sent_on=TODAY, channel="portal", recipient="MASH")
    referrals.referral_make(actor=officer, case=case, children=children[:1], made_on=TODAY, **referral_values())
    meeting = meetings.meeting_record(
        actor=officer, case=case, kind="core_group", children=children, held_on=TODAY, convened_by="Children's services"
    )
    meetings.action_add(
        actor=officer,
        case=case,
        meeting=meeting,
        description="Share the risk management plan",
        owner_agency="Probation",
        probation_owns=True,
    )
    for section, words in (("general", "Visit the family weekly"), ("restricted", "Secret informant says")):
        record.decision_record(
            actor=world["manager1"], case=case, kind="decision", decided_on=TODAY, decision=words, section=section
        )


@pytest.fixture
def family(world, make_case, fixed_today):
    """Wayne Garside with two children on plans, and a record of every kind the handover sums up."""
    case = make_case(first_name="Wayne", last_name="Garside", children=2)
    add_records(world, case)
    return case
