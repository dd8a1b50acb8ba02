"""A referral cannot be empty, cannot be lost and cannot go unanswered unseen."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from safeguard.core.tasks import tasks_for_cases
from safeguard.referrals import services
from safeguard.referrals.models import Referral

from .conftest import referral_values

D = datetime.date


def test_a_phone_referral_needs_a_written_follow_up_next_working_day(make_referral, referral_case):
    referral = make_referral(channel="phone", made_on=D(2026, 11, 20))  # a Friday
    assert referral.followup_due_on == D(2026, 11, 23)
    assert referral.due_on == D(2026, 12, 4) and referral.escalate_on == D(2026, 12, 11)
    kinds = [t.kind for t in tasks_for_cases([referral_case])[referral_case.pk]]
    assert "referral_followup" in kinds and "referral" in kinds


@pytest.mark.parametrize(
    "overrides,field",
    [
        ({"response_wanted": ""}, "response_wanted"),
        ({"concern": "  "}, "concern"),
        ({"harms": []}, "harms"),
        ({"harms": ["made-up"]}, "harms"),
        ({"risk_level": ""}, "risk_level"),
        ({"urgency": "grave"}, "immediate_call_to"),
        ({"not_discussed_reason": ""}, "discussed_with"),
        ({"referred_to": "police"}, "police_force"),
        ({"referred_to": "csc", "local_authority": None}, "local_authority"),
        ({"referred_to": "mash"}, "referred_to"),  # the council has no MASH recorded
    ],
)
def test_an_incomplete_referral_is_refused_and_nothing_saved(make_referral, overrides, field):
    with pytest.raises(ValidationError) as error:
        make_referral(**overrides)
    assert field in error.value.message_dict
    assert not Referral.objects.exists()


def test_a_referral_needs_a_child_of_the_case(make_referral, world, make_case):
    with pytest.raises(ValidationError) as error:
        make_referral(children=[])
    assert error.value.message_dict["children"] == ["Choose the child or children the referral is about"]
    other = make_case(children=1)
    with pytest.raises(ValidationError):
        make_referral(children=[other.service_user.child_links.get().child])
    assert not Referral.objects.exists()


def test_grave_concern_records_the_immediate_call(make_referral):
    call = datetime.datetime(2026, 11, 23, 9, 15, tzinfo=datetime.UTC)
    referral = make_referral(
        urgency="grave",
        immediate_call_to="Police 999",
        immediate_call_at=call,
        risk_level="immediate",
        response_wanted="protection",
    )
    assert referral.immediate_call_at == call


def test_answer_accepted_closes(make_referral, world, referral_case):
    referral = make_referral(made_on=D(2026, 11, 16))
    with pytest.raises(ValidationError, match="before the referral"):
        services.referral_answer(
            actor=world["officer1"],
            case=referral_case,
            referral=referral,
            answered_on=D(2026, 11, 13),
            outcome="nfa",
            accepted=True,
        )
    services.referral_answer(
        actor=world["officer1"], case=referral_case, referral=referral, answered_on=D(2026, 11, 20), outcome="cin", accepted=True
    )
    referral.refresh_from_db()
    assert referral.closed_on == D(2026, 11, 23)
    assert not tasks_for_cases([referral_case])[referral_case.pk] or all(
        t.kind not in ("referral", "referral_decision") for t in tasks_for_cases([referral_case])[referral_case.pk]
    )
    with pytest.raises(ValidationError, match="closed"):
        services.referral_chase(
            actor=world["officer1"], case=referral_case, referral=referral, chased_on=D(2026, 11, 23), method="phone"
        )


def test_disputed_outcome_waits_for_the_line_managers_decision(make_referral, world, referral_case):
    referral = make_referral(made_on=D(2026, 11, 16))
    with pytest.raises(ValidationError):
        services.referral_answer(
            actor=world["officer1"],
            case=referral_case,
            referral=referral,
            answered_on=D(2026, 11, 20),
            outcome="nfa",
            accepted=False,
        )  # no reason
    services.referral_answer(
        actor=world["officer1"],
        case=referral_case,
        referral=referral,
        answered_on=D(2026, 11, 20),
        outcome="nfa",
        accepted=False,
        dispute_reason="The hammer was thrown at the child.",
    )
    referral.refresh_from_db()
    assert referral.awaiting_decision and referral.closed_on is None
    tasks = tasks_for_cases([referral_case])[referral_case.pk]
    assert any(t.kind == "referral_decision" and t.needs_manager for t in tasks)
    with pytest.raises(ValidationError, match="line manager"):
        services.referral_decide(actor=world["officer1"], case=referral_case, referral=referral, decision="Accept")
    with pytest.raises(ValidationError, match="line manager"):
        services.referral_decide(actor=world["manager2"], case=referral_case, referral=referral, decision="Accept")
    services.referral_decide(
        actor=world["manager1"],
        case=referral_case,
        referral=referral,
        decision="Raise with the area manager and children's services (WM 4.7)",
    )
    referral.refresh_from_db()
    assert referral.decided_by == world["manager1"] and referral.closed_on == D(2026, 11, 23)


def test_escalation_goes_to_the_line_manager_before_a_senior_manager(make_referral, world, referral_case):
    referral = make_referral(made_on=D(2026, 10, 26))
    with pytest.raises(ValidationError, match="line manager before"):
        services.referral_escalate(
            actor=world["officer1"],
            case=referral_case,
            referral=referral,
            level="senior_manager",
            escalated_on=D(2026, 11, 23),
            escalated_to=world["lead1"],
        )
    services.referral_escalate(
        actor=world["officer1"],
        case=referral_case,
        referral=referral,
        level="line_manager",
        escalated_on=D(2026, 11, 16),
        escalated_to=world["manager1"],
    )
    services.referral_escalate(
        actor=world["manager1"],
        case=referral_case,
        referral=referral,
        level="senior_manager",
        escalated_on=D(2026, 11, 23),
        escalated_to=world["lead1"],
        note="Four weeks without a reply",
    )
    assert [e.level for e in referral.escalations.all()] == ["line_manager", "senior_manager"]


def test_the_model_refuses_an_empty_referral_from_any_entry_point(referral_case, world):
    values = referral_values(response_wanted="")
    referral = Referral(
        case=referral_case,
        made_by=world["officer1"],
        made_on=D(2026, 11, 23),
        due_on=D(2026, 12, 7),
        escalate_on=D(2026, 12, 14),
        **values,
    )
    with pytest.raises(ValidationError) as error:
        referral.full_clean()
    assert "response_wanted" in error.value.message_dict


def test_the_admin_cannot_list_add_or_change_referrals(client, world, make_referral):
    referral = make_referral()
    from safeguard.accounts.models import User

    boss = User.objects.create_superuser("root", "root@example.org", "a-long-password-for-root")
    client.force_login(boss)
    assert client.get("/admin/referrals/referral/").status_code == 404  # not in the admin at all
    assert client.get("/admin/referrals/referral/add/").status_code == 404
    response = client.post(f"/admin/referrals/referral/{referral.pk}/change/", {"response_wanted": ""})
    assert response.status_code == 404
    referral.refresh_from_db()
    assert referral.response_wanted == "section_47"
