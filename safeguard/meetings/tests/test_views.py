"""The Meetings tab and a meeting's pages: recording one through the question page, the tab's
queries constant whatever the number of meetings."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from safeguard.meetings.models import Meeting

D = datetime.date
K = Meeting.Kind


def count_queries(client, path) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_meetings_tab_runs_a_constant_number_of_queries(client, world, meeting_case, hold, fixed_today):
    client.force_login(world["officer1"])
    path = f"/cases/{meeting_case.pk}/meetings/"
    hold(K.INITIAL_CONFERENCE, D(2026, 9, 1), plan=True, invited_on=D(2026, 8, 28))
    small, _ = count_queries(client, path)
    for day in range(2, 22):
        hold(K.CORE_GROUP, D(2026, 10, day), attendance="attended", attended_by="Officer One")
    hold(K.REVIEW_CONFERENCE, D(2026, 11, 20), plan=True)
    large, html = count_queries(client, path)
    assert small == large
    assert "Late invitation" in html and "First review conference" in html


def test_recording_a_meeting_through_its_page(client, world, meeting_case, fixed_today):
    client.force_login(world["officer1"])
    child = meeting_case.service_user.child_links.first().child
    response = client.post(
        f"/cases/{meeting_case.pk}/meetings/new/",
        {
            "kind": K.INITIAL_CONFERENCE,
            "children": [child.pk],
            "convened_by": "Worcestershire children's services",
            "chair": "Ann Chair",
            "held_on_day": "20",
            "held_on_month": "11",
            "held_on_year": "2026",
            "starts_at": "10:30",
            "place": "Worcester",
            "invited_on_day": "18",
            "invited_on_month": "11",
            "invited_on_year": "2026",
        },
    )
    meeting = Meeting.objects.get(case=meeting_case)
    assert response.status_code == 302 and response.url == f"/cases/{meeting_case.pk}/meetings/{meeting.pk}/"
    assert meeting.notice_days == 2 and meeting.invited_late
    page = client.get(response.url).content.decode()
    assert "2 days&#x27; notice" in page or "2 days' notice" in page
    response = client.post(
        f"/cases/{meeting_case.pk}/meetings/{meeting.pk}/decision/", {"plan_made": "True", "plan_category": "neglect"}
    )
    assert response.status_code == 302
    assert child.statuses.get(end_date__isnull=True).source == "Initial child-protection conference of 20/11/2026"


def test_a_missing_answer_is_shown_as_an_error(client, world, meeting_case, fixed_today):
    client.force_login(world["officer1"])
    response = client.post(f"/cases/{meeting_case.pk}/meetings/new/", {"convened_by": "CSC"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Select the kind of meeting" in html and "Choose the child or children the meeting is about" in html
    assert not Meeting.objects.exists()


def test_the_steps_of_many_cases_load_in_a_fixed_number_of_queries(world, make_case, fixed_today):
    from safeguard.cases.models import Case
    from safeguard.meetings import services
    from safeguard.meetings.tasks import meeting_tasks

    def build(n):
        for i in range(n):
            case = make_case(last_name=f"Meet{i}", children=1)
            child = case.service_user.child_links.get().child
            meeting = services.meeting_record(
                actor=world["officer1"], case=case, kind=K.CORE_GROUP, children=[child], held_on=D(2026, 11, 2), convened_by="CSC"
            )
            services.action_add(
                actor=world["officer1"],
                case=case,
                meeting=meeting,
                description="Share",
                owner_agency="Probation",
                probation_owns=True,
            )

    def count():
        cases = {case.pk: case for case in Case.objects.select_related("team__area")}
        with CaptureQueriesContext(connection) as queries:
            found = meeting_tasks(cases, lambda rule, start, case: start, D(2026, 11, 23))
        return len(queries), len(found)

    build(1)
    small, one = count()
    build(4)
    large, five = count()
    assert small == large and one >= 1 and five == 5 * one


def test_the_invitation_recorded_later_and_a_held_meeting_cannot_move_into_the_future(client, world, meeting_case, fixed_today):
    from safeguard.meetings import services

    child = meeting_case.service_user.child_links.first().child
    officer = world["officer1"]
    coming = services.meeting_record(
        actor=officer, case=meeting_case, kind=K.CORE_GROUP, children=[child], held_on=D(2026, 11, 30), convened_by="CSC"
    )
    client.force_login(officer)
    url = f"/cases/{meeting_case.pk}/meetings/{coming.pk}/details/"
    page = client.get(url).content.decode()
    assert 'value="CSC"' in page and 'value="30"' in page  # what is on file starts filled in
    answers = {
        "convened_by": "Worcestershire children's services",
        "held_on_day": "30", "held_on_month": "11", "held_on_year": "2026",
        "invited_on_day": "20", "invited_on_month": "11", "invited_on_year": "2026",
    }  # fmt: skip
    response = client.post(url, answers)
    assert response.status_code == 302, response.content.decode()[:2000]
    coming.refresh_from_db()
    assert coming.invited_on == D(2026, 11, 20) and coming.notice_days == 10

    held = services.meeting_record(
        actor=officer, case=meeting_case, kind=K.CORE_GROUP, children=[child], held_on=D(2026, 11, 20), convened_by="CSC"
    )
    services.meeting_attendance(actor=officer, case=meeting_case, meeting=held, attendance="attended", attended_by="Officer One")
    url = f"/cases/{meeting_case.pk}/meetings/{held.pk}/details/"
    html = client.post(url, {**answers, "invited_on_day": "18", "held_on_day": "1", "held_on_month": "12"}).content.decode()
    assert "its date must be today or in the past" in html
    held.refresh_from_db()
    assert held.held_on == D(2026, 11, 20) and held.invited_on is None
