"""Reminders by e-mail (`manage.py send_reminders`, run daily): each person gets a digest of their
steps that have become due soon, overdue or escalated since they were last told, and each line
manager, once a week, a digest of every overdue step in the teams they manage.

A step is e-mailed once in each state: told "due soon", a person is told again only when it becomes
overdue, and again if it is escalated; never the same thing every day. What was sent is kept
(`ReminderSent`); when a step is no longer outstanding its rows go, so if it comes back it is sent
again. The steps are the ones My work shows (`selectors.my_work`); the links are absolute, from the
`SITE_URL` setting. Mail goes through Django's e-mail framework (the console by default).
"""

import datetime
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction

from safeguard.core import clock
from safeguard.core.tasks import DUE_SOON, ESCALATED, OVERDUE, Task

from .models import ReminderSent
from .outstanding import OVERDUE as OVERDUE_NOW
from .outstanding import as_tasks, status_condition, visible_steps, with_cases
from .selectors import my_work

REMINDED = (ESCALATED, OVERDUE, DUE_SOON)  # the states worth an e-mail, most urgent first
WEEKLY = "weekly"


@dataclass
class Sent:
    daily: int = 0  # personal digests sent
    weekly: int = 0  # managers' weekly digests sent
    steps: int = 0  # steps told about in the personal digests


def step_key(task: Task) -> str:
    """What identifies a step from one day to the next: its rule, case, record and words."""
    subject = f"{task.subject[0]}:{task.subject[1]}" if task.subject else ""
    raw = "|".join([task.rule or task.kind, str(task.case.pk), subject, task.title])
    return hashlib.sha256(raw.encode()).hexdigest()


def _line(task: Task) -> str:
    due = f", due {task.due_on:%-d %B %Y}" if task.due_on else ""
    return f"- {task.case}: {task.title}{due}\n  {settings.SAFEGUARD['SITE_URL']}{task.url}"


def _digest(groups: Iterable[tuple[str, list[Task]]]) -> str:
    parts = [f"{heading} ({len(tasks)})\n" + "\n".join(_line(task) for task in tasks) for heading, tasks in groups if tasks]
    return "\n\n".join(parts)


def personal_steps(user: Any) -> list[Task]:
    """The steps that are the user's own to act on: their cases' steps, those escalated to them by
    name and, for a manager, the decisions waiting for them; each once."""
    work = my_work(user, limit=None)
    found: dict[str, Task] = {}
    for task in [*work.overdue, *work.due_soon, *work.escalated_to_you, *work.decisions]:
        found.setdefault(step_key(task), task)
    return list(found.values())


@transaction.atomic
def remind(user: Any, *, now: datetime.datetime) -> int:
    """E-mail the user the steps newly due soon, overdue or escalated; returns how many."""
    steps = personal_steps(user)
    keys = {step_key(task) for task in steps}
    ReminderSent.objects.filter(user=user).exclude(key=WEEKLY).exclude(key__in=keys).delete()
    told = set(ReminderSent.objects.filter(user=user, key__in=keys).values_list("key", "state"))
    new = [task for task in steps if task.status in REMINDED and (step_key(task), task.status) not in told]
    if not new:
        return 0
    body = _digest((state, [task for task in new if task.status == state]) for state in REMINDED)
    send_mail(
        f"{settings.SAFEGUARD['SERVICE_NAME']}: {len(new)} step{'s' if len(new) != 1 else ''} due or overdue",
        f"Hello {user.first_name or user.username},\n\nThese steps on your cases have become due soon, overdue or "
        f"escalated since you were last told:\n\n{body}\n\nMy work lists everything: {settings.SAFEGUARD['SITE_URL']}/my-work/\n",
        None,
        [user.email],
    )
    ReminderSent.objects.bulk_create(
        [ReminderSent(user=user, key=step_key(task), state=task.status, sent_at=now) for task in new], ignore_conflicts=True
    )
    return len(new)


@transaction.atomic
def weekly_digest(user: Any, *, now: datetime.datetime) -> bool:
    """Once an ISO week: every overdue step in the teams the user manages, by team."""
    week = f"{now:%G-W%V}"
    teams = list(user.managed_teams.order_by("name"))
    if not teams or ReminderSent.objects.filter(user=user, key=WEEKLY, state=week).exists():
        return False
    today = clock.today()
    overdue = as_tasks(with_cases(visible_steps(user, today).filter(status_condition(OVERDUE_NOW, today), team__in=teams)), today)
    groups = [(team.name, sorted((t for t in overdue if t.case.team_id == team.pk), key=lambda t: t.sort_key)) for team in teams]
    body = _digest(groups) or "Nothing is overdue in your teams."
    send_mail(
        f"{settings.SAFEGUARD['SERVICE_NAME']}: your teams' overdue steps, week {now:%V}",
        f"Hello {user.first_name or user.username},\n\n{len(overdue)} overdue step{'s' if len(overdue) != 1 else ''} "
        f"in the teams you manage:\n\n{body}\n",
        None,
        [user.email],
    )
    ReminderSent.objects.create(user=user, key=WEEKLY, state=week, sent_at=now)
    return True


def send_reminders(*, weekly: bool | None = None) -> Sent:
    """Every active person with an e-mail address and a role: their digest; on the weekly day (or
    when `weekly` says so), each line manager's digest of their teams."""
    now = clock.now()
    if weekly is None:
        weekly = clock.today().weekday() == settings.SAFEGUARD["REMINDER_WEEKLY_DAY"]
    sent = Sent()
    people = get_user_model().objects.filter(is_active=True, groups__isnull=False).exclude(email="").distinct()
    for user in people.select_related("team").order_by("pk"):
        told = remind(user, now=now)
        sent.daily += 1 if told else 0
        sent.steps += told
        if weekly and weekly_digest(user, now=now):
            sent.weekly += 1
    return sent
