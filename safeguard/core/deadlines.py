"""The one deadline engine: every timescale in Safeguard is a named rule computed here.

Working days exclude Saturdays, Sundays and the bank holidays of the service's nation, taken from
the maintained `holidays` library (England and Wales by default; Scotland, Northern Ireland and
Jersey selectable per area). Months are calendar months, clamped to the month's end
(30 November + 3 months = 28 or 29 February). The start day itself never counts.
"""

import csv
import datetime
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import holidays
from dateutil.relativedelta import relativedelta
from django.apps import AppConfig
from django.apps import apps as django_apps
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


def due_by_case(names: Iterable[str] | None = None) -> Callable[[str, datetime.date, Any], datetime.date]:
    """`due(rule, start, case)`: when a step under the named rule is due for the case, counted in its
    nation's working days; the rules (those `names`, or all) are loaded once, in one query."""
    loaded = DeadlineRule.objects.all() if names is None else DeadlineRule.objects.filter(name__in=list(names))
    rules = {found.name: found for found in loaded}

    def due(name: str, start: datetime.date, case: Any) -> datetime.date:
        return add(start, rules[name].length, rules[name].unit, case.nation)

    return due


def rule(name: str) -> DeadlineRule:
    found = DeadlineRule.objects.filter(name=name).first()
    if found is None:
        raise UnknownRule(f"No deadline rule named {name!r}")
    return found


def due_date(rule_name: str, start: datetime.date, nation: str | None = None) -> datetime.date:
    """When something anchored on `start` is due under the named rule."""
    found = rule(rule_name)
    return add(start, found.length, found.unit, nation)


# The rules the code uses, with their defaults: each app ships its own in `data/deadline_rules.csv`
# (name, label, counted_from, length, unit, source), so a new capability brings its timescales with
# it. Loaded after migrate when missing; administrators change lengths and units in the admin
# (Deadline rules) without a code change. Core's own file holds the rules of capabilities still to
# come (case review panels) until their apps take them over.
RULES_FILE = Path("data") / "deadline_rules.csv"


def default_rules() -> list[dict[str, str]]:
    """Every installed app's default rules, in INSTALLED_APPS order."""
    found: list[dict[str, str]] = []
    for config in django_apps.get_app_configs():
        path = Path(config.path) / RULES_FILE
        if path.exists():
            with path.open(encoding="utf-8", newline="") as handle:
                found.extend(csv.DictReader(handle))
    return found


def ensure_rules(sender: AppConfig | None = None, apps: Apps | None = None, **kwargs: Any) -> int:
    """Add default rules that are missing (never overwrite an administrator's change)."""
    model = apps.get_model("core", "DeadlineRule") if apps is not None else DeadlineRule
    existing = set(model.objects.values_list("name", flat=True))
    missing = [
        model(
            name=row["name"],
            label=row["label"],
            anchor=row["counted_from"],
            length=int(row["length"]),
            unit=row["unit"],
            source=row["source"],
        )
        for row in default_rules()
        if row["name"] not in existing
    ]
    model.objects.bulk_create(missing, ignore_conflicts=True)
    return len(missing)
