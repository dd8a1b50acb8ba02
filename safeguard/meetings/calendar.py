"""Meetings as iCalendar (RFC 5545) with the `icalendar` library (ADR 0016): one event per meeting, in
a calendar that carries the Europe/London VTIMEZONE its times refer to.

Pure functions: they read the meetings given (each with its case and service user loaded) and the
settings, never the database or the request. The caller passes the link to each meeting's page and
the time of the download (DTSTAMP).

A calendar file leaves the service: it lands on phones, in mail systems and in shared calendars. So an
event says only what someone needs to be at the meeting: the kind of meeting, the case reference
(CRN), the convening agency, the chair, the place and the link to the meeting's page, where the rest
is behind sign-in. It never names a child or the service user, and never gives a person's address.
"""

import datetime
import re
import zoneinfo
from collections.abc import Callable, Iterable

from django.conf import settings
from icalendar import Calendar, Event
from icalendar.enums import CLASS

from .models import Meeting

LONDON = zoneinfo.ZoneInfo("Europe/London")
PRODID = "-//Safeguard//Meetings//EN"
DEFAULT_LENGTH_MINUTES = 90
DEFAULT_UID_DOMAIN = "safeguard.probation"


def meeting_length() -> datetime.timedelta:
    """How long a meeting lasts in a calendar: meetings record when they start, not when they end."""
    return datetime.timedelta(minutes=int(settings.SAFEGUARD.get("MEETING_LENGTH_MINUTES", DEFAULT_LENGTH_MINUTES)))


def event_uid(meeting: Meeting) -> str:
    """The same for every download of the meeting, so a calendar updates its event rather than adding one."""
    return f"meeting-{meeting.pk}@{settings.SAFEGUARD.get('CALENDAR_UID_DOMAIN', DEFAULT_UID_DOMAIN)}"


def crn_of(meeting: Meeting) -> str:
    return str(meeting.case.service_user.crn)


def summary(meeting: Meeting) -> str:
    return f"{meeting.get_kind_display()}, case {crn_of(meeting)}"


def description(meeting: Meeting, link: str) -> str:
    lines = [f"{meeting.get_kind_display()} on case {crn_of(meeting)}", f"Convened by: {meeting.convened_by}"]
    if meeting.chair:
        lines.append(f"Chair: {meeting.chair}")
    if meeting.place:
        lines.append(f"Place: {meeting.place}")
    if meeting.starts_at is None:
        lines.append("Time: not recorded")
    lines.append(f"Details in Safeguard (sign-in needed): {link}")
    return "\n".join(lines)


def meeting_event(meeting: Meeting, *, link: str, stamp: datetime.datetime) -> Event:
    """One VEVENT: at its time in Europe/London for the default length, or all day when no time is
    recorded."""
    start: datetime.date | datetime.datetime
    end: datetime.date | datetime.datetime
    if meeting.starts_at is None:
        start, end = meeting.held_on, meeting.held_on + datetime.timedelta(days=1)
    else:
        start = datetime.datetime.combine(meeting.held_on, meeting.starts_at, tzinfo=LONDON)
        end = start + meeting_length()
    return Event.new(
        uid=event_uid(meeting),
        stamp=stamp,
        last_modified=meeting.modified_at,
        start=start,
        end=end,
        summary=summary(meeting),
        location=meeting.place or None,
        description=description(meeting, link),
        url=link,
        classification=CLASS.PRIVATE,
    )


def meetings_calendar(
    meetings: Iterable[Meeting], *, link: Callable[[Meeting], str], stamp: datetime.datetime, name: str
) -> Calendar:
    """A calendar of the meetings, with the VTIMEZONE for Europe/London covering the years they fall in."""
    calendar = Calendar.new(prodid=PRODID, name=name, method="PUBLISH")
    days = []
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, link=link(meeting), stamp=stamp))
        days.append(meeting.held_on)
    if days:
        calendar.add_missing_timezones(
            first_date=datetime.date(min(days).year, 1, 1), last_date=datetime.date(max(days).year + 1, 1, 1)
        )
    return calendar


def filename(*parts: str) -> str:
    """A download's file name from safe characters only (no quotes, slashes or spaces)."""
    stem = "-".join(re.sub(r"[^A-Za-z0-9]+", "-", part).strip("-") for part in parts if part)
    return f"{stem.lower() or 'meetings'}.ics"
