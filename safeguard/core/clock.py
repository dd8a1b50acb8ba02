"""The one place the application asks what day and time it is.

Tests move the clock with time-machine; nothing else reads the system time directly,
so deadlines and ages can be checked on any chosen day.
"""

import datetime

from django.utils import timezone


def now() -> datetime.datetime:
    return timezone.now()


def today() -> datetime.date:
    return timezone.localdate()


def start_of(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of `day`, local time: a date-only fact as a moment, or a period's bound."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def age_on(date_of_birth: datetime.date, on: datetime.date | None = None) -> int:
    on = on or today()
    years = on.year - date_of_birth.year
    if (on.month, on.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years
