"""Reminders by e-mail: each step once in each state, never repeated daily; again when its state
changes; managers' weekly digest once a week (issue: reminders that arrive before things go overdue)."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from safeguard.core.tasks import tasks_for_cases
from safeguard.oversight.models import ReminderSent
from safeguard.oversight.reminders import send_reminders, step_key

LONDON = zoneinfo.ZoneInfo("Europe/London")


def at(day):
    return datetime.datetime.combine(day, datetime.time(7, 0), tzinfo=LONDON)


@pytest.fixture
def addressed(world):
    for name in ("officer1", "manager1", "officer2"):
        world[name].email = f"{name}@probation.example"
        world[name].save()
    return world


@pytest.fixture
def a_step(addressed, make_case):
    """Officer1's case with a child and no check yet: 'Prepare a request for information'."""
    with time_machine.travel(at(datetime.date(2026, 11, 23)), tick=False):
        case = make_case(first_name="Wayne", last_name="Garside", children=1)
        [step] = [t for t in tasks_for_cases([case])[case.pk] if "request for information" in t.title]
    return case, step


def officer_mail(world):
    return [m for m in mail.outbox if m.to == [world["officer1"].email]]


def test_a_step_is_sent_once_a_state_and_again_when_it_changes(addressed, a_step):
    case, step = a_step
    world = addressed
    assert step.due_on is not None
    with time_machine.travel(at(step.due_on), tick=False):  # due today: "due soon"
        send_reminders(weekly=False)
        send_reminders(weekly=False)  # the same day again: nothing new
        call_command("send_reminders", stdout=open("/dev/null", "w"))  # and through the command
    [first] = officer_mail(world)
    due_soon = first.body.split("Due soon (")[1]
    assert f"Wayne Garside ({case.service_user.crn}): {step.title}" in due_soon
    assert f"http://localhost:8000{step.url}" in first.body
    assert set(ReminderSent.objects.filter(key=step_key(step)).values_list("state", flat=True)) == {"Due soon"}

    with time_machine.travel(at(step.due_on + datetime.timedelta(days=1)), tick=False):  # now overdue
        send_reminders(weekly=False)
        send_reminders(weekly=False)
    [second] = officer_mail(world)[1:]
    assert step.title in second.body.split("Overdue (")[1].split("Due soon")[0]
    assert set(ReminderSent.objects.filter(key=step_key(step)).values_list("state", flat=True)) == {"Due soon", "Overdue"}


def test_a_step_no_longer_outstanding_is_forgotten_and_sent_again_if_it_returns(addressed, a_step):
    case, step = a_step
    with time_machine.travel(at(step.due_on), tick=False):
        send_reminders(weekly=False)
        assert ReminderSent.objects.filter(user=addressed["officer1"], key=step_key(step)).exists()
        case.status = "closed"  # closed cases have no steps (a plain save: only the step matters here)
        case.save()
        send_reminders(weekly=False)
        assert not ReminderSent.objects.filter(user=addressed["officer1"]).exists()
        case.status = "open"
        case.save()
        send_reminders(weekly=False)
    assert len(officer_mail(addressed)) == 2  # it came back: told again


def test_nobody_without_an_address_or_a_step_is_written_to(addressed, make_case, fixed_today):
    send_reminders(weekly=False)  # nobody has a case yet
    assert mail.outbox == []
    addressed["officer1"].email = ""
    addressed["officer1"].save()
    make_case(children=1)  # steps due soon, for someone with no e-mail address
    send_reminders(weekly=False)
    assert mail.outbox == []


def test_the_managers_weekly_digest_lists_their_teams_overdue_steps_once_a_week(addressed, a_step):
    case, step = a_step
    late = step.due_on + datetime.timedelta(days=3)
    with time_machine.travel(at(late), tick=False):
        send_reminders(weekly=True)
        send_reminders(weekly=True)  # the same week: once
    digests = [m for m in mail.outbox if m.to == [addressed["manager1"].email]]
    [digest] = [m for m in digests if "your teams' overdue steps" in m.subject]
    assert f"Wayne Garside ({case.service_user.crn}): {step.title}" in digest.body.split("North (")[1]
    assert not [m for m in mail.outbox if m.to == [addressed["officer2"].email]]  # not a manager; no steps
    with time_machine.travel(at(late + datetime.timedelta(days=7)), tick=False):
        send_reminders(weekly=True)
    assert len([m for m in mail.outbox if "your teams' overdue steps" in m.subject]) == 2


def test_the_weekly_digest_goes_on_the_configured_day(addressed, a_step, settings):
    case, step = a_step
    late = step.due_on + datetime.timedelta(days=3)
    settings.SAFEGUARD = {**settings.SAFEGUARD, "REMINDER_WEEKLY_DAY": (late.weekday() + 1) % 7}
    with time_machine.travel(at(late), tick=False):
        send_reminders()
    assert not [m for m in mail.outbox if "your teams' overdue steps" in m.subject]
    with time_machine.travel(at(late + datetime.timedelta(days=1)), tick=False):
        send_reminders()
    assert [m for m in mail.outbox if "your teams' overdue steps" in m.subject]


def test_a_line_managers_my_work_shows_the_teams_overdue_steps(client, addressed, a_step):
    """HMIP 2014 2.52-2.55: a manager's My work said "Overdue (0)" while the team's steps were months late."""
    case, step = a_step
    with time_machine.travel(at(step.due_on + datetime.timedelta(days=30)), tick=False):
        client.force_login(addressed["manager1"])
        page = client.get("/my-work/").content.decode()
        team = page.split('id="team-overdue-heading"')[1].split("</ul>")[0]
        assert "Overdue in your teams (" in page and step.title in team and "Wayne Garside" in team
        client.force_login(addressed["manager2"])  # another team's manager
        assert "Wayne Garside" not in client.get("/my-work/").content.decode()


def test_due_soon_counts_working_days(addressed, make_case):
    """Friday 27 November 2026: five working days on is Friday 4 December, not Wednesday 2 December."""
    from safeguard.core.tasks import due_soon_until

    assert due_soon_until(datetime.date(2026, 11, 27)) == datetime.date(2026, 12, 4)
    assert due_soon_until(datetime.date(2026, 12, 21)) == datetime.date(2026, 12, 30)  # Christmas and Boxing Day
