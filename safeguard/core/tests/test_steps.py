"""Stored outstanding steps (`core.steps`): written with the records that change them, closed (not
deleted) when done, and checked against the records by `manage.py verify_steps`."""

import io

import pytest
from django.core.management import CommandError, call_command

from safeguard.checks import services as checks
from safeguard.core import steps
from safeguard.core.models import OutstandingStep


def open_steps(case):
    return OutstandingStep.objects.filter(case=case, closed_at__isnull=True)


def test_a_write_opens_its_steps_and_the_step_done_is_closed_not_deleted(world, make_case, fixed_today):
    case = make_case(children=1)
    [prepare] = open_steps(case).filter(rule="checks.child_on_file")
    assert prepare.holder == world["officer1"] and prepare.team == world.north and prepare.area == world.area
    checks.requests_prepare(actor=world["officer1"], case=case)
    prepare.refresh_from_db()
    assert prepare.closed_at is not None  # kept, for the charts of the past year
    assert open_steps(case).filter(rule="checks.request_send").exists()


def test_a_batch_that_fails_leaves_neither_the_record_nor_its_steps(world, make_case, fixed_today):
    case = make_case(children=1)
    before = list(open_steps(case).values_list("rule", flat=True))
    with pytest.raises(RuntimeError), steps.batch():
        checks.requests_prepare(actor=world["officer1"], case=case)
        raise RuntimeError("the form failed after saving")
    assert list(open_steps(case).values_list("rule", flat=True)) == before
    from safeguard.checks.models import RequestForInformation

    assert not RequestForInformation.objects.filter(case=case).exists()


def test_verify_steps_reports_each_difference_and_repairs_it(world, make_case, fixed_today):
    case = make_case(children=1)
    out = io.StringIO()
    call_command("verify_steps", stdout=out)
    assert "match the records" in out.getvalue()
    step = open_steps(case).first()
    OutstandingStep.objects.filter(pk=step.pk).update(due_on=None)  # past save(): the stored row is now wrong
    open_steps(case).exclude(pk=step.pk).first().delete()
    OutstandingStep.objects.create(
        **{**{f: getattr(step, f) for f in steps.FIELDS}, "case": case, "key": "stale", "opened_at": step.opened_at}
    )
    with pytest.raises(CommandError, match="3 differences"):
        call_command("verify_steps", stdout=(out := io.StringIO()))
    assert "differs in due_on" in out.getvalue() and "missing" in out.getvalue() and "not called for" in out.getvalue()
    call_command("verify_steps", "--repair", stdout=io.StringIO())
    assert steps.verify() == []


def test_a_change_of_timescale_moves_every_due_date(world, make_case, fixed_today):
    from safeguard.core.models import DeadlineRule

    case = make_case()
    [checklist] = open_steps(case).filter(rule="checks.checklist_due")
    rule = DeadlineRule.objects.get(name="safeguarding_checklist")
    rule.length += 5
    rule.save()
    assert open_steps(case).get(rule="checks.checklist_due").due_on > checklist.due_on
