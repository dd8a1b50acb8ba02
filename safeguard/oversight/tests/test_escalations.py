"""Escalations on My work: a referral escalated to a named person is on that person's My work until
it is closed, through the access rules; a written follow-up and a notification acknowledgement that
do not come escalate to the line manager like a reply."""

import datetime
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from safeguard.checks import services as checks
from safeguard.referrals import services as referrals
from safeguard.referrals.tests.conftest import referral_values

D = datetime.date


def section(page: str, list_id: str) -> str:
    """The task list with this id on a page ("" when there is none)."""
    found = re.search(rf'id="{list_id}".*?</ul>', page, re.S)
    return found[0] if found else ""


def my_work(client, user) -> str:
    client.force_login(user)
    response = client.get("/my-work/")
    assert response.status_code == 200
    return response.content.decode()


OCT_26, NOV_20 = D(2026, 10, 26), D(2026, 11, 20)


def referral_on(case, officer, made_on=OCT_26, **overrides):
    child = case.service_user.child_links.first().child
    return referrals.referral_make(actor=officer, case=case, children=[child], made_on=made_on, **referral_values(**overrides))


def escalate(case, referral, to, level="senior_manager", actor=None, on=NOV_20):
    return referrals.referral_escalate(
        actor=actor or case.case_holder,
        case=case,
        referral=referral,
        level=level,
        escalated_on=on,
        escalated_to=to,
        note="No reply after four weeks",
    )


def test_an_escalation_is_on_the_named_persons_my_work_until_the_referral_closes(client, world, make_case, fixed_today):
    case = make_case(first_name="Lee", last_name="Stevenson", children=1)
    referral = referral_on(case, world["officer1"])
    escalate(case, referral, world["manager1"], level="line_manager", on=D(2026, 11, 16))
    escalate(case, referral, world["lead1"])

    # The safeguarding lead manages no team: it is on their My work because they were named.
    page = my_work(client, world["lead1"])
    assert "Escalated to you (1)" in page
    named = section(page, "escalated-to-you")
    assert "Reply to the referral from Worcestershire" in named and "Lee Stevenson" in named
    assert f"/cases/{case.pk}/referrals/{referral.pk}/" in named
    # Someone not named does not see it as escalated to them.
    assert 'id="escalated-to-you"' not in my_work(client, world["risk1"])

    # The answer, accepted: the referral closes and leaves the list.
    referrals.referral_answer(
        actor=world["officer1"], case=case, referral=referral, answered_on=D(2026, 11, 23), outcome="section_47", accepted=True
    )
    assert section(my_work(client, world["lead1"]), "escalated-to-you") == ""


def test_a_line_manager_named_before_the_escalation_date_sees_it_at_once(client, world, make_case, fixed_today):
    case = make_case(children=1)
    referral = referral_on(case, world["officer1"], made_on=D(2026, 11, 16))  # reply due 30 November
    escalate(case, referral, world["manager1"], level="line_manager", on=D(2026, 11, 23))
    page = my_work(client, world["manager1"])
    assert "Reply to the referral from Worcestershire" in section(page, "escalated-to-you")
    assert "Reply to the referral" not in section(page, "escalated")  # not yet past its escalation date


def test_a_disputed_outcome_stays_with_the_named_person_until_decided(client, world, make_case, fixed_today):
    case = make_case(children=1)
    referral = referral_on(case, world["officer1"])
    escalate(case, referral, world["manager1"], level="line_manager", on=D(2026, 11, 16))
    escalate(case, referral, world["risk1"])
    referrals.referral_answer(
        actor=world["officer1"],
        case=case,
        referral=referral,
        answered_on=D(2026, 11, 23),
        outcome="nfa",
        accepted=False,
        dispute_reason="The hammer incident has not been assessed",
    )
    assert "Decide on the disputed outcome of a referral" in section(my_work(client, world["risk1"]), "escalated-to-you")
    referrals.referral_decide(actor=world["manager1"], case=case, referral=referral, decision="Raise with the area manager")
    assert section(my_work(client, world["risk1"]), "escalated-to-you") == ""


def test_an_escalation_can_name_only_someone_who_can_see_the_case(client, world, make_case, fixed_today):
    case = make_case(children=1)  # a North case
    referral = referral_on(case, world["officer1"])
    escalate(case, referral, world["manager1"], level="line_manager", on=D(2026, 11, 16))
    with pytest.raises(ValidationError) as error:
        escalate(case, referral, world["manager2"])  # manages South: cannot open a North case
    assert error.value.message_dict["escalated_to"] == [
        "Manager2 cannot see this case: choose someone who can, such as the case's line manager, "
        "a risk manager or the safeguarding lead of its area"
    ]
    assert referral.escalations.count() == 1
    client.force_login(world["officer1"])
    page = client.get(f"/cases/{case.pk}/referrals/{referral.pk}/escalate/").content.decode()
    assert ">Lead1<" in page and ">Risk1<" in page and ">Manager1<" in page
    assert ">Manager2<" not in page


def test_an_escalation_to_you_on_a_case_you_can_no_longer_see_is_not_shown(client, world, make_case, fixed_today):
    case = make_case(children=1)
    referral = referral_on(case, world["officer1"])
    escalate(case, referral, world["manager1"], level="line_manager", on=D(2026, 11, 16))
    escalate(case, referral, world["risk1"])
    risk = world["risk1"]
    risk.area = world.other_area  # moved to another area: North's cases are no longer theirs to see
    risk.save()
    assert 'id="escalated-to-you"' not in my_work(client, risk)
    assert client.get(f"/cases/{case.pk}/referrals/{referral.pk}/").status_code == 404


def test_escalated_to_you_runs_a_constant_number_of_queries(client, world, make_case, fixed_today):
    def build(n: int) -> None:
        for i in range(n):
            case = make_case(last_name=f"Named{n}x{i}", children=1)
            referral = referral_on(case, world["officer1"])
            escalate(case, referral, world["manager1"], level="line_manager", on=D(2026, 11, 16))
            escalate(case, referral, world["lead1"])

    def count() -> tuple[int, str]:
        client.force_login(world["lead1"])
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/my-work/").content.decode()
        return len(queries), page

    build(2)
    small, page = count()
    assert "Escalated to you (2)" in page
    build(10)
    large, page = count()
    assert "Escalated to you (12)" in page
    assert small == large


def test_a_written_follow_up_not_sent_escalates_to_the_line_manager(client, world, make_case, fixed_today):
    case = make_case(first_name="Lee", last_name="Stevenson", children=1)
    referral_on(case, world["officer1"], made_on=D(2026, 11, 23), channel="phone")  # follow-up due 24 November
    with time_machine.travel(datetime.datetime(2026, 11, 25, 10, 0, tzinfo=datetime.UTC), tick=False):
        page = my_work(client, world["manager1"])
        assert "written follow-up" not in section(page, "escalated")
    # Two working days after it was due (local rule referral_followup_escalation).
    with time_machine.travel(datetime.datetime(2026, 11, 26, 10, 0, tzinfo=datetime.UTC), tick=False):
        escalated = section(my_work(client, world["manager1"]), "escalated")
        assert "Send the written follow-up of the phone referral" in escalated and "Escalated" in escalated
        assert "Escalated" in section(my_work(client, world["officer1"]), "overdue")


def test_an_unacknowledged_notification_escalates_to_the_line_manager(client, world, make_case, fixed_today):
    case = make_case(first_name="Lee", last_name="Stevenson", children=1)
    child = case.service_user.child_links.get().child
    notification = checks.notification_prepare(
        actor=world["officer1"],
        case=case,
        kind="involvement",
        local_authority=child.responsible_local_authority,
        children=[child],
    )
    checks.notification_send(
        actor=world["officer1"],
        case=case,
        notification=notification,
        sent_on=D(2026, 11, 23),
        channel="secure_email",
        recipient="Key worker",
    )  # acknowledgement due 7 December
    with time_machine.travel(datetime.datetime(2026, 12, 11, 10, 0, tzinfo=datetime.UTC), tick=False):
        assert "Acknowledgement from" not in section(my_work(client, world["manager1"]), "escalated")
    # Five working days after it was due (notification_acknowledgement_escalation).
    with time_machine.travel(datetime.datetime(2026, 12, 14, 10, 0, tzinfo=datetime.UTC), tick=False):
        escalated = section(my_work(client, world["manager1"]), "escalated")
        assert "Acknowledgement from Worcestershire" in escalated and "Lee Stevenson" in escalated
