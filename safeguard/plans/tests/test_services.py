"""The sentence plan's services: an objective that says no more than "liaise with children's services"
is refused and nothing is saved; a good one is added and audited; review dates, progress and ending."""

import pytest
from django.core.exceptions import ValidationError

from safeguard.core.models import AuditEvent
from safeguard.plans import services
from safeguard.plans.models import EntryWritten, Objective, ProgressEntry

from .conftest import GOOD, D, moment


def test_the_liaise_with_childrens_services_objective_is_refused(world, cp_case, child):
    with pytest.raises(ValidationError) as refused:
        services.objective_add(
            actor=world["officer1"],
            case=cp_case,
            work="Liaise with children's services",
            informing=GOOD["informing"],
            review_on=D(2027, 1, 18),
            children=[child],
        )
    assert "what you will do, with whom, how often and for which children" in refused.value.message_dict["work"][0]
    assert not Objective.objects.exists()
    assert not AuditEvent.objects.filter(action="objective.add").exists()


def test_every_problem_is_said_at_once(world, cp_case):
    with pytest.raises(ValidationError) as refused:
        services.objective_add(
            actor=world["officer1"], case=cp_case, work="", informing="Keep CSC informed", review_on=D(2026, 11, 20)
        )
    assert set(refused.value.message_dict) == {"work", "informing", "review_on"}
    assert refused.value.message_dict["work"] == ["Enter what you will do"]
    assert refused.value.message_dict["review_on"] == ["The next review date must be today or in the future"]


def test_a_good_objective_is_added_and_audited(world, add, child):
    objective = add()
    assert objective.active and list(objective.children.all()) == [child]
    event = AuditEvent.objects.get(action="objective.add")
    assert event.case_id == objective.case_id


def test_the_review_date_is_within_the_timescale(world, add):
    with pytest.raises(ValidationError) as refused:
        add(review_on=D(2027, 3, 24))  # four months from 23 November is 23 March
    assert refused.value.message_dict["review_on"] == ["The next review date must be no later than 23 March 2027"]
    assert add(review_on=D(2027, 3, 23)).review_on == D(2027, 3, 23)
    with pytest.raises(ValidationError):
        add(review_on=None)


def test_only_the_cases_children_may_be_named(world, make_case, add):
    other = make_case(last_name="Other", children=1).service_user.child_links.get().child
    with pytest.raises(ValidationError) as refused:
        add(children=[other])
    assert "children" in refused.value.message_dict
    assert not Objective.objects.exists()


def test_a_review_records_what_it_found_and_moves_the_review_date_together(world, cp_case, add, fixed_today):
    objective = add(review_on=D(2026, 12, 7))
    fixed_today.move_to(moment(D(2026, 12, 7)))
    with pytest.raises(ValidationError) as refused:
        services.objective_review(
            actor=world["officer1"],
            case=cp_case,
            objective=objective,
            written_on=D(2026, 12, 7),
            text="Seen",
            next_review_on=None,
        )
    assert "next_review_on" in refused.value.message_dict
    assert not ProgressEntry.objects.exists()  # nothing partly saved
    entry = services.objective_review(
        actor=world["officer1"],
        case=cp_case,
        objective=objective,
        written_on=D(2026, 12, 7),
        text="Two home visits; Tyler seen both times",
        next_review_on=D(2027, 2, 1),
    )
    objective.refresh_from_db()
    assert entry.is_review and objective.review_on == D(2027, 2, 1)
    assert AuditEvent.objects.filter(action="objective.review").count() == 1


def test_progress_is_dated_not_in_the_future_and_never_changed(world, cp_case, add):
    objective = add()
    with pytest.raises(ValidationError) as refused:
        services.progress_add(actor=world["officer1"], case=cp_case, objective=objective, written_on=D(2026, 11, 24), text="x")
    assert refused.value.message_dict["written_on"] == ["The date must be today or in the past"]
    with pytest.raises(ValidationError) as refused:
        services.progress_add(actor=world["officer1"], case=cp_case, objective=objective, written_on=D(2026, 11, 1), text="x")
    assert "on or after the day the objective was added" in refused.value.message_dict["written_on"][0]
    entry = services.progress_add(
        actor=world["officer1"], case=cp_case, objective=objective, written_on=D(2026, 11, 23), text="Home visit booked"
    )
    entry.text = "Rewritten"
    with pytest.raises(EntryWritten):
        entry.save()
    with pytest.raises(EntryWritten):
        entry.delete()


def test_an_objective_ends_achieved_or_no_longer_needed_with_the_reason(world, cp_case, add):
    objective = add()
    with pytest.raises(ValidationError) as refused:
        services.objective_end(
            actor=world["officer1"], case=cp_case, objective=objective, status="active", ended_on=None, end_reason=""
        )
    assert set(refused.value.message_dict) == {"status", "ended_on", "end_reason"}
    services.objective_end(
        actor=world["officer1"],
        case=cp_case,
        objective=objective,
        status="achieved",
        ended_on=D(2026, 11, 23),
        end_reason="Programme done",
    )
    objective.refresh_from_db()
    assert objective.status == Objective.Status.ACHIEVED and objective.ended_on == D(2026, 11, 23)
    with pytest.raises(ValidationError, match="ended on 23 November 2026"):
        services.progress_add(actor=world["officer1"], case=cp_case, objective=objective, written_on=D(2026, 11, 23), text="x")


def test_a_change_is_checked_like_a_new_objective_and_kept_in_the_history(world, cp_case, add):
    objective = add()
    with pytest.raises(ValidationError):
        services.objective_change(
            actor=world["officer1"],
            case=cp_case,
            objective=objective,
            work="Work with social care",
            informing=GOOD["informing"],
            review_on=objective.review_on,
        )
    objective.refresh_from_db()
    assert objective.work == GOOD["work"]
    services.objective_change(
        actor=world["officer1"],
        case=cp_case,
        objective=objective,
        work=GOOD["work"] + " and Kayleigh",
        informing=GOOD["informing"],
        review_on=objective.review_on,
    )
    event = AuditEvent.objects.get(action="objective.change")
    assert "work" in event.changes
