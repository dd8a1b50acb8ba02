"""Meetings as iCalendar files: each downloaded file parses with `icalendar`, starts at the right time
in Europe/London on either side of the clock changes, carries its VTIMEZONE, names nobody, and holds
only the meetings the user may see; the downloads and the officer's page load in a fixed number of
queries."""

import datetime
import zoneinfo

import pytest
from icalendar import Calendar

from safeguard.core import steps
from safeguard.core.models import AccessLog
from safeguard.meetings import services
from safeguard.meetings.models import Meeting

D = datetime.date
T = datetime.time
K = Meeting.Kind
UTC = datetime.UTC
LONDON = zoneinfo.ZoneInfo("Europe/London")
NAMES = ("Wayne", "Tyler", "Kayleigh", "Garside")  # the service user and the children of `meeting_case`


@pytest.fixture
def meet(world, meeting_case, fixed_today):
    """Record a meeting to come (today is Monday 23 November 2026) on a case, about its children."""

    def make(held_on, starts_at=None, *, case=None, kind=K.CORE_GROUP, actor=None, **values):
        case = case or meeting_case
        return services.meeting_record(
            actor=actor or world["officer1"],
            case=case,
            kind=kind,
            children=[link.child for link in case.service_user.child_links.all()],
            held_on=held_on,
            starts_at=starts_at,
            convened_by=values.pop("convened_by", "Worcestershire children's services"),
            chair=values.pop("chair", "Ann Chair"),
            place=values.pop("place", "Kidderminster Family Centre"),
            **values,
        )

    return make


def download(client, path) -> tuple[Calendar, str]:
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="')
    text = response.content.decode()
    return Calendar.from_ical(response.content), text


def ics(case, meeting) -> str:
    return f"/cases/{case.pk}/meetings/{meeting.pk}/calendar.ics"


def uids(calendar: Calendar) -> set[str]:
    return {str(event["UID"]) for event in calendar.events}


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [
        (D(2027, 3, 26), 10),  # Friday before the clocks go forward (Sunday 28 March 2027): GMT
        (D(2027, 3, 29), 9),  # Monday after: BST, an hour ahead of UTC
        (D(2027, 10, 29), 9),  # Friday before the clocks go back (Sunday 31 October 2027): BST
        (D(2027, 11, 1), 10),  # Monday after: GMT again
    ],
)
def test_a_meeting_at_ten_starts_at_ten_in_london_whichever_side_of_the_clock_change(
    client, world, meeting_case, meet, day, utc_hour
):
    meeting = meet(day, T(10, 0))
    client.force_login(world["officer1"])
    calendar, text = download(client, ics(meeting_case, meeting))
    [event] = calendar.events
    start = event.start
    assert isinstance(start, datetime.datetime)
    assert start == datetime.datetime(day.year, day.month, day.day, 10, 0, tzinfo=LONDON)
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert f"DTSTART;TZID=Europe/London:{day:%Y%m%d}T100000" in text
    assert start.astimezone(UTC) == datetime.datetime(day.year, day.month, day.day, utc_hour, 0, tzinfo=UTC)
    assert event.end - event.start == datetime.timedelta(minutes=90)
    [timezone] = calendar.timezones
    assert timezone.tz_name == "Europe/London"
    assert {sub.name for sub in timezone.subcomponents} == {"STANDARD", "DAYLIGHT"}
    # The VTIMEZONE itself gives the offset: read without the tz database it still says the same.
    assert timezone.to_tz().utcoffset(start.replace(tzinfo=None)) == datetime.timedelta(hours=10 - utc_hour)


def test_an_event_says_what_the_meeting_is_and_where_and_links_to_it(client, world, meeting_case, meet):
    meeting = meet(D(2027, 3, 29), T(14, 30), kind=K.INITIAL_CONFERENCE)
    client.force_login(world["officer1"])
    calendar, _ = download(client, ics(meeting_case, meeting))
    [event] = calendar.events
    crn = meeting_case.service_user.crn
    page = f"http://testserver/cases/{meeting_case.pk}/meetings/{meeting.pk}/"
    assert str(event["UID"]) == f"meeting-{meeting.pk}@safeguard.probation"
    assert event["SUMMARY"] == f"Initial child-protection conference, case {crn}"
    assert event["LOCATION"] == "Kidderminster Family Centre"
    assert str(event["URL"]) == page
    said = str(event["DESCRIPTION"])
    assert "Worcestershire children's services" in said and "Ann Chair" in said and page in said
    assert event["CLASS"] == "PRIVATE"
    assert event.DTSTAMP.tzinfo is not None


def test_the_length_of_a_meeting_is_a_setting(client, world, meeting_case, meet, settings):
    settings.SAFEGUARD = {**settings.SAFEGUARD, "MEETING_LENGTH_MINUTES": 60}
    meeting = meet(D(2027, 3, 29), T(10, 0))
    client.force_login(world["officer1"])
    [event] = download(client, ics(meeting_case, meeting))[0].events
    assert event.end == datetime.datetime(2027, 3, 29, 11, 0, tzinfo=LONDON)


def test_a_meeting_with_no_time_is_an_all_day_event(client, world, meeting_case, meet):
    meeting = meet(D(2027, 3, 29))
    client.force_login(world["officer1"])
    calendar, text = download(client, ics(meeting_case, meeting))
    [event] = calendar.events
    assert event.start == D(2027, 3, 29) and not isinstance(event.start, datetime.datetime)
    assert event.end == D(2027, 3, 30)
    assert "DTSTART;VALUE=DATE:20270329" in text


def test_no_child_or_service_user_is_named_in_any_download(client, world, meeting_case, meet, fixed_today):
    meeting = meet(D(2027, 3, 29), T(10, 0), place="Worcester")
    meet(D(2027, 4, 5))
    child = meeting_case.service_user.child_links.first().child
    assert child.first_name in NAMES and meeting_case.service_user.first_name in NAMES
    client.force_login(world["officer1"])
    for path in (ics(meeting_case, meeting), f"/cases/{meeting_case.pk}/meetings/calendar.ics", "/meetings/calendar.ics"):
        calendar, text = download(client, path)
        assert calendar.events, path
        unfolded = text.replace("\r\n ", "")
        assert not [name for name in NAMES if name.lower() in unfolded.lower()], path
        assert meeting_case.service_user.crn in unfolded


def test_the_cases_feed_holds_only_its_upcoming_meetings(client, world, meeting_case, meet, make_case, fixed_today):
    fixed_today.move_to(datetime.datetime(2027, 3, 1, 9, 0, tzinfo=LONDON))
    past = meet(D(2027, 2, 26), T(10, 0))
    today = meet(D(2027, 3, 1))
    later = meet(D(2027, 3, 29), T(10, 0))
    other_case = make_case(last_name="Other", children=1)
    elsewhere = meet(D(2027, 3, 29), T(11, 0), case=other_case)
    client.force_login(world["officer1"])
    calendar, _ = download(client, f"/cases/{meeting_case.pk}/meetings/calendar.ics")
    assert uids(calendar) == {f"meeting-{today.pk}@safeguard.probation", f"meeting-{later.pk}@safeguard.probation"}
    assert past.pk and elsewhere.pk
    assert [event.start for event in calendar.events] == [D(2027, 3, 1), datetime.datetime(2027, 3, 29, 10, tzinfo=LONDON)]


def test_the_officers_feed_holds_the_upcoming_meetings_of_the_cases_they_hold(
    client, world, meeting_case, meet, make_case, fixed_today
):
    mine = meet(D(2027, 3, 29), T(10, 0))
    meet(D(2026, 11, 2))  # held before today
    colleagues = make_case(last_name="Colleague", team=world.north, holder=world["pso1"], children=1)
    other_team = make_case(last_name="South", team=world.south, holder=world["officer2"], children=1)
    far = make_case(last_name="Far", team=world.far, holder=world["officer3"], children=1)
    for case in (colleagues, other_team, far):
        meet(D(2027, 3, 29), T(11, 0), case=case)
    client.force_login(world["officer1"])
    calendar, _ = download(client, "/meetings/calendar.ics")
    assert uids(calendar) == {f"meeting-{mine.pk}@safeguard.probation"}
    client.force_login(world["officer3"])
    calendar, _ = download(client, "/meetings/calendar.ics")
    assert len(calendar.events) == 1 and far.service_user.crn in str(calendar.events[0]["SUMMARY"])


def test_a_held_case_moved_out_of_the_officers_sight_leaves_their_feed(client, world, meeting_case, meet):
    """Holding a case is not enough: it must also be one the officer may see (`visible_cases`)."""
    meet(D(2027, 3, 29), T(10, 0))
    type(meeting_case).objects.filter(pk=meeting_case.pk).update(team=world.far)
    steps.touch([meeting_case.pk])  # written past save(): its steps worked out again
    client.force_login(world["officer1"])
    calendar, _ = download(client, "/meetings/calendar.ics")
    assert calendar.events == []


def test_another_areas_meeting_is_restricted_and_the_refusal_logged(client, world, meeting_case, meet, make_case):
    far = make_case(last_name="Far", team=world.far, holder=world["officer3"], children=1)
    theirs = meet(D(2027, 3, 29), T(10, 0), case=far, actor=world["officer3"])
    client.force_login(world["officer1"])
    for path in (ics(far, theirs), ics(meeting_case, theirs), f"/cases/{far.pk}/meetings/calendar.ics"):
        before = AccessLog.objects.filter(user=world["officer1"], outcome="refused").count()
        response = client.get(path)
        assert response.status_code == 404 and "restricted" in response.content.decode().lower(), path
        assert AccessLog.objects.filter(user=world["officer1"], outcome="refused").count() == before + 1, path


def test_every_calendar_page_needs_sign_in(client, meeting_case, meet):
    meeting = meet(D(2027, 3, 29), T(10, 0))
    for path in (
        ics(meeting_case, meeting),
        f"/cases/{meeting_case.pk}/meetings/calendar.ics",
        "/meetings/",
        "/meetings/calendar.ics",
    ):
        response = client.get(path)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/"), path


def test_a_role_without_meetings_gets_no_page_and_no_navigation(client, world):
    client.force_login(world["admin1"])
    assert client.get("/meetings/").status_code == 403
    assert client.get("/meetings/calendar.ics").status_code == 403
    client.force_login(world["officer1"])
    assert 'href="/meetings/" aria-current="true"' in client.get("/meetings/").content.decode()


def test_the_file_names_are_safe(client, world, meeting_case, meet):
    meeting = meet(D(2027, 3, 29), T(10, 0))
    client.force_login(world["officer1"])
    crn = meeting_case.service_user.crn.lower()
    assert client.get(ics(meeting_case, meeting))["Content-Disposition"] == f'attachment; filename="meeting-{crn}-2027-03-29.ics"'
    feed = client.get(f"/cases/{meeting_case.pk}/meetings/calendar.ics")
    assert feed["Content-Disposition"] == f'attachment; filename="meetings-{crn}.ics"'
    assert client.get("/meetings/calendar.ics")["Content-Disposition"] == 'attachment; filename="my-meetings.ics"'


def test_the_officers_page_lists_their_meetings_a_page_at_a_time_with_the_download(client, world, meeting_case, meet):
    first = meet(D(2027, 3, 1), T(9, 30), kind=K.STRATEGY)
    for day in range(2, 30):
        meet(D(2027, 3, day), T(10, 0))
    client.force_login(world["officer1"])
    page = client.get("/meetings/").content.decode()
    assert "Your upcoming meetings" in page and 'href="/meetings/calendar.ics"' in page
    assert f'href="/cases/{meeting_case.pk}/meetings/{first.pk}/"' in page and "Strategy discussion" in page
    assert "at 09:30" in page and "Page 1 of 2" in page
    assert "29 March 2027" in client.get("/meetings/?page=2").content.decode()


def test_the_meeting_page_and_the_tab_link_to_their_downloads(client, world, meeting_case, meet):
    meeting = meet(D(2027, 3, 29), T(10, 0))
    client.force_login(world["officer1"])
    assert (
        f'href="{ics(meeting_case, meeting)}"' in client.get(f"/cases/{meeting_case.pk}/meetings/{meeting.pk}/").content.decode()
    )
    tab = client.get(f"/cases/{meeting_case.pk}/meetings/").content.decode()
    assert f'href="/cases/{meeting_case.pk}/meetings/calendar.ics"' in tab


@pytest.mark.parametrize(
    "path",
    [
        "/cases/{case}/meetings/{meeting}/calendar.ics",
        "/cases/{case}/meetings/calendar.ics",
        "/meetings/calendar.ics",
        "/meetings/",
    ],
)
def test_the_downloads_and_the_page_run_a_fixed_number_of_queries(
    client, world, meeting_case, meet, make_case, django_assert_max_num_queries, path
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = meet(D(2027, 3, 1), T(10, 0))
    client.force_login(world["officer1"])
    url = path.format(case=meeting_case.pk, meeting=first.pk)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for day in range(2, 22):
        meet(D(2027, 3, day), T(10, 0) if day % 2 else None)
    meet(D(2027, 3, 5), T(10, 0), case=make_case(last_name="Second", children=1))
    with django_assert_max_num_queries(len(small)):
        assert client.get(url).status_code == 200
