"""The one deadline engine: every timescale in Safeguard is a named rule computed here.

Working days exclude Saturdays, Sundays and the bank holidays of the service's nation, taken from
the maintained `holidays` library (England and Wales by default; Scotland, Northern Ireland and
Jersey selectable per area). Months are calendar months, clamped to the month's end
(30 November + 3 months = 28 or 29 February). The start day itself never counts.
"""

import datetime
from functools import lru_cache
from typing import Any

import holidays
from dateutil.relativedelta import relativedelta
from django.apps import AppConfig
from django.apps.registry import Apps
from django.conf import settings

from .models import DeadlineRule

NATION_CALENDARS = {
    "England": ("GB", "ENG"),
    "Wales": ("GB", "WLS"),
    "Scotland": ("GB", "SCT"),
    "Northern Ireland": ("GB", "NIR"),
    "Jersey": ("JE", None),
}


class UnknownRule(LookupError):
    pass


def default_nation() -> str:
    return settings.SAFEGUARD.get("NATION", "England")


@lru_cache(maxsize=64)
def _holidays(nation: str, year: int) -> frozenset[datetime.date]:
    country, subdivision = NATION_CALENDARS[nation]
    return frozenset(holidays.country_holidays(country, subdiv=subdivision, years=year).keys())


def is_working_day(day: datetime.date, nation: str | None = None) -> bool:
    return day.weekday() < 5 and day not in _holidays(nation or default_nation(), day.year)


def add_working_days(start: datetime.date, days: int, nation: str | None = None) -> datetime.date:
    """The date `days` working days after `start` (start not counted). 0 → the next working day on or after start."""
    nation = nation or default_nation()
    current = start
    if days == 0:
        while not is_working_day(current, nation):
            current += datetime.timedelta(days=1)
        return current
    counted = 0
    while counted < days:
        current += datetime.timedelta(days=1)
        if is_working_day(current, nation):
            counted += 1
    return current


def working_days_between(start: datetime.date, end: datetime.date, nation: str | None = None) -> int:
    """Working days after `start` up to and including `end` (negative when end is before start)."""
    if end < start:
        return -working_days_between(end, start, nation)
    count, current = 0, start
    while current < end:
        current += datetime.timedelta(days=1)
        if is_working_day(current, nation):
            count += 1
    return count


def add(start: datetime.date, length: int, unit: str, nation: str | None = None) -> datetime.date:
    if unit == DeadlineRule.Unit.WORKING_DAYS:
        return add_working_days(start, length, nation)
    if unit == DeadlineRule.Unit.MONTHS:
        return start + relativedelta(months=length)
    if unit == DeadlineRule.Unit.CALENDAR_DAYS:
        return start + datetime.timedelta(days=length)
    raise ValueError(f"Unknown unit {unit!r}")


def rule(name: str) -> DeadlineRule:
    found = DeadlineRule.objects.filter(name=name).first()
    if found is None:
        raise UnknownRule(f"No deadline rule named {name!r}")
    return found


def due_date(rule_name: str, start: datetime.date, nation: str | None = None) -> datetime.date:
    """When something anchored on `start` is due under the named rule."""
    found = rule(rule_name)
    return add(start, found.length, found.unit, nation)


# The rules the code uses, with their defaults. Loaded after migrate when missing; administrators
# change lengths and units in the admin (Deadline rules) without a code change.
DEFAULT_RULES = [
    # name, label, counted from, length, unit, source
    (
        "safeguarding_checklist",
        "Safeguarding children checklist",
        "the start of an order",
        5,
        "working_days",
        "HMIP 2014 2.31; local",
    ),
    (
        "request_for_information_send",
        "Request for information: send",
        "a checklist answered yes or a significant event",
        2,
        "working_days",
        "local",
    ),
    (
        "request_for_information_reply",
        "Request for information: reply due",
        "the date the request was sent",
        10,
        "working_days",
        "HMIP 2014 2.6",
    ),
    (
        "request_for_information_escalation",
        "Request for information: escalate to line manager",
        "the reply due date",
        5,
        "working_days",
        "local",
    ),
    ("police_check_send", "Police check: send", "a domestic-abuse marker", 2, "working_days", "HMIP 2014 2.13; local"),
    ("police_check_reply", "Police check: reply due", "the date the check was sent", 10, "working_days", "HMIP 2014 2.13"),
    ("police_check_escalation", "Police check: escalate to line manager", "the reply due date", 5, "working_days", "local"),
    (
        "notification_send",
        "Notification of probation involvement: send",
        "a linked child known to children's social care",
        5,
        "working_days",
        "WM 2.4, App. 1",
    ),
    (
        "notification_acknowledgement",
        "Notification: acknowledgement expected",
        "the date the notification was sent",
        10,
        "working_days",
        "local",
    ),
    (
        "loss_of_contact_notification",
        "Loss-of-contact notification: send",
        "whereabouts becoming unknown",
        1,
        "working_days",
        "WM 3.2",
    ),
    ("recheck_after_event", "Fresh check after a significant event", "the significant event", 5, "working_days", "HMIP 2014 2.4"),
    ("referral_reply", "Referral: reply due", "the date the referral was made", 10, "working_days", "WM 3.1"),
    (
        "referral_written_followup",
        "Referral: written follow-up of a phone referral",
        "the phone referral",
        1,
        "working_days",
        "WM 3.1",
    ),
    ("referral_escalation", "Referral: escalate to line manager", "the reply due date", 5, "working_days", "WM 3.1, 4.7"),
    ("core_assessment", "Core assessment", "the strategy discussion", 35, "working_days", "WM 4.5"),
    ("first_core_group", "First core group", "the initial child-protection conference", 10, "working_days", "WM 4.5"),
    ("first_review_conference", "First review conference", "the initial child-protection conference", 3, "months", "WM 4.6"),
    ("review_conference", "Later review conferences", "the previous review conference", 6, "months", "WM 4.6"),
    (
        "registration_target",
        "Registration on the probation register",
        "the registration trigger",
        7,
        "calendar_days",
        "HMIP 2002 52",
    ),
    ("register_review", "Register review", "registration or the last review", 4, "months", "WM 5.2"),
    ("home_visit_registered", "Home visit to a registered case", "registration", 10, "working_days", "JR; local"),
    ("case_review_panel", "Case review panel", "the panel's decision to hold a review", 4, "months", "WM 8.5"),
]


def ensure_rules(sender: AppConfig | None = None, apps: Apps | None = None, **kwargs: Any) -> int:
    """Add default rules that are missing (never overwrite an administrator's change)."""
    model = apps.get_model("core", "DeadlineRule") if apps is not None else DeadlineRule
    existing = set(model.objects.values_list("name", flat=True))
    missing = [
        model(name=name, label=label, anchor=anchor, length=length, unit=unit, source=source)
        for name, label, anchor, length, unit, source in DEFAULT_RULES
        if name not in existing
    ]
    model.objects.bulk_create(missing, ignore_conflicts=True)
    return len(missing)
