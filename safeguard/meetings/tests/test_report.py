"""The written report to a meeting (West Mercia Appendix 2): drafted from what the case records with
no statement marked, edited by the officer, sent only when every statement is marked (which closes
the meeting's step), read-only once sent, printable and a PDF; another area's meeting is refused."""

import datetime
import shutil
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from safeguard.cases import services as cases
from safeguard.core.models import AuditEvent
from safeguard.meetings import services
from safeguard.meetings.models import Meeting, ReportStatement, WrittenReport
from safeguard.people import services as people
from safeguard.testing import council, form_values

from .conftest import steps

D = datetime.date
K = Meeting.Kind
S = ReportStatement.Section


@pytest.fixture
def conference(world, meeting_case, hold):
    """A conference nobody from probation attended, about a child with a school, a plan and a social
    worker, on a case with a community order."""
    people.child_add(
        actor=world["officer1"],
        case=meeting_case,
        where="service_user",
        child={"first_name": "Macy", "last_name": "Garside", "date_of_birth": D(2018, 6, 9), "school": "Oak Primary"},
        link={"relationship": "parent", "contact": "lives_with", "parental_responsibility": True},
        status={
            "status": "cpp",
            "category": "neglect",
            "start_date": D(2026, 10, 1),
            "local_authority": council(),
            "social_worker": "Sam Worker",
        },
    )
    cases.order_add(
        actor=world["officer1"],
        case=meeting_case,
        stage="court_order",
        order_type="community_order",
        start_date=D(2026, 3, 2),
        expected_end_date=D(2027, 3, 1),
        offence="Assault by beating (domestic)",
    )
    children = [link.child for link in meeting_case.service_user.child_links.filter(child__first_name="Macy")]
    meeting = hold(K.INITIAL_CONFERENCE, D(2026, 11, 20), children=children)
    services.meeting_attendance(
        actor=world["officer1"],
        case=meeting_case,
        meeting=meeting,
        attendance="not_attended",
        absence_reason="In court",
        absence_agreed=True,
    )
    return meeting


def _url(case, meeting, page=""):
    return f"/cases/{case.pk}/meetings/{meeting.pk}/report/{page}"


def _draft(world, case, meeting):
    return services.report_draft(actor=world["officer1"], case=case, meeting=meeting)


def _mark_all(client, case, meeting, basis="fact"):
    """The edit page sent as a browser would, with every statement marked."""
    values = form_values(client.get(_url(case, meeting, "edit/")).content.decode())
    values |= {name.replace("text_", "basis_"): basis for name in values if name.startswith("text_")}
    return client.post(_url(case, meeting, "edit/"), values)


def test_the_draft_restates_the_record_and_leaves_the_judgement_to_the_officer(world, meeting_case, conference):
    report = _draft(world, meeting_case, conference)
    statements = list(report.statements.all())
    text = {section: " ".join(s.text for s in statements if s.section == section) for section in S.values}
    assert "Macy Garside, born 9 June 2018" in text[S.CHILD]
    assert "Oak Primary" in text[S.CHILD]
    assert "Child-protection plan (neglect) since 1 October 2026" in text[S.CHILD] and "Sam Worker" in text[S.CHILD]
    assert "1 High Street" in text[S.ADDRESS]
    assert "Tyler Garside" in text[S.FAMILY] and "parental responsibility" in text[S.FAMILY]
    assert "community order from 2 March 2026" in text[S.INVOLVEMENT]
    assert "Assault by beating (domestic)" in text[S.INVOLVEMENT] and "Supervising officer" in text[S.INVOLVEMENT]
    assert text[S.HEALTH] == "" and text[S.CAPACITY] == ""  # nothing on record: nothing invented
    assert {s.basis for s in statements} == {""}  # the officer marks each one
    assert report.drafted_by == world["officer1"]
    assert AuditEvent.objects.filter(action="report_statement.add", case_id=meeting_case.pk).count() == len(statements)


def test_the_report_page_drafts_then_edits_with_no_answer_chosen(client, world, meeting_case, conference):
    client.force_login(world["officer1"])
    page = client.get(_url(meeting_case, conference)).content.decode()
    assert "Draft the report from the case record" in page
    response = client.post(_url(meeting_case, conference, "draft/"))
    assert response.status_code == 302 and response.url == _url(meeting_case, conference, "edit/")
    edit = client.get(response.url).content.decode()
    assert "Macy Garside, born 9 June 2018" in edit
    assert " checked" not in edit  # no basis marked for the officer
    assert "Nothing is drafted here" in edit
    values = form_values(edit)
    values["new_health"] = "Macy attends her health checks, her mother says."
    values["new_health_basis"] = "allegation"
    response = client.post(_url(meeting_case, conference, "edit/"), values)
    assert response.status_code == 302
    added = ReportStatement.objects.get(section=S.HEALTH)
    assert (added.text, added.basis) == ("Macy attends her health checks, her mother says.", "allegation")


def test_an_unmarked_statement_blocks_sending_and_nothing_is_saved(client, world, meeting_case, conference):
    client.force_login(world["officer1"])
    _draft(world, meeting_case, conference)
    sent = {"report_submitted_on_day": "21", "report_submitted_on_month": "11", "report_submitted_on_year": "2026"}
    response = client.post(_url(meeting_case, conference, "sent/"), sent)
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html and "Mark every statement as a fact" in html
    conference.refresh_from_db()
    assert conference.report_submitted_on is None and WrittenReport.objects.get().submitted_on is None
    assert steps(meeting_case, "meetings.written_report")


def test_a_report_must_be_drafted_before_it_is_sent(world, meeting_case, conference):
    with pytest.raises(ValidationError, match="Draft the written report"):
        services.report_submitted(
            actor=world["officer1"], case=meeting_case, meeting=conference, report_submitted_on=D(2026, 11, 21)
        )


def test_sending_closes_the_task_and_then_the_report_cannot_change(client, world, meeting_case, conference):
    client.force_login(world["officer1"])
    [step] = steps(meeting_case, "meetings.written_report")
    assert step.url == _url(meeting_case, conference)
    _draft(world, meeting_case, conference)
    assert _mark_all(client, meeting_case, conference).status_code == 302
    sent = {"report_submitted_on_day": "21", "report_submitted_on_month": "11", "report_submitted_on_year": "2026"}
    assert client.post(_url(meeting_case, conference, "sent/"), sent).status_code == 302
    report = WrittenReport.objects.get()
    assert (report.submitted_on, report.submitted_by) == (D(2026, 11, 21), world["officer1"])
    assert steps(meeting_case, "meetings.written_report") == []
    statement = report.statements.all()[0]
    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.report_edit(
            actor=world["officer1"],
            case=meeting_case,
            report=report,
            statements={statement.pk: {"text": "Changed", "basis": "opinion"}},
            added={},
        )
    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.statement_remove(actor=world["officer1"], case=meeting_case, statement=statement)
    response = client.post(_url(meeting_case, conference, "edit/"), {f"text_{statement.pk}": "Changed"})
    assert response.status_code == 302 and response.url == _url(meeting_case, conference)
    statement.refresh_from_db()
    assert statement.text != "Changed"
    page = client.get(_url(meeting_case, conference)).content.decode()
    assert "It can no longer be changed" in page and "Edit the report" not in page


def test_a_sent_report_is_a_copy_outside_to_delete(client, world, meeting_case, conference):
    from safeguard.core import registry

    client.force_login(world["officer1"])
    _draft(world, meeting_case, conference)
    _mark_all(client, meeting_case, conference)
    children = list(conference.children.all())
    assert not any("Written report" in line for line in registry.copies_outside(meeting_case, children))
    services.report_submitted(actor=world["officer1"], case=meeting_case, meeting=conference, report_submitted_on=D(2026, 11, 21))
    [line] = [line for line in registry.copies_outside(meeting_case, children) if "Written report" in line]
    assert "initial child-protection conference of 20 November 2026" in line and "21 November 2026" in line


def test_a_statement_can_be_removed_before_sending(client, world, meeting_case, conference):
    client.force_login(world["officer1"])
    report = _draft(world, meeting_case, conference)
    statement = report.statements.all()[0]
    path = f"/cases/{meeting_case.pk}/meetings/report/statements/{statement.pk}/remove/"
    assert "Remove this statement?" in client.get(path).content.decode()
    assert client.post(path).status_code == 302
    assert not ReportStatement.objects.filter(pk=statement.pk).exists()
    assert AuditEvent.objects.filter(action="report_statement.remove", object_id=str(statement.pk)).exists()


needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils' pdftotext is not installed")


@needs_pdftotext
def test_the_report_prints_and_downloads_as_a_pdf(client, world, meeting_case, conference, tmp_path):
    client.force_login(world["officer1"])
    _draft(world, meeting_case, conference)
    printed = client.get(_url(meeting_case, conference, "print/")).content.decode()
    assert "Macy Garside" in printed and "Name of the child" in printed and "http" not in printed.split("<body>")[0]
    response = client.get(_url(meeting_case, conference, "pdf/"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "report.pdf"
    path.write_bytes(response.content)
    result = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)  # noqa: S603, S607
    text = " ".join(result.stdout.split())
    assert "Macy Garside" in text
    for heading in ("Name of the child", "Address", "Family composition", "Nature of the involvement"):
        assert heading in text
    assert "Knowledge of the child's health and development" in text


def test_another_areas_meeting_report_is_refused(client, world, make_case, conference):
    far = make_case(last_name="Far", team=world.far, holder=world["officer3"], children=1)
    child = far.service_user.child_links.get().child
    theirs = services.meeting_record(
        actor=world["officer3"], case=far, kind=K.CORE_GROUP, children=[child], held_on=D(2026, 11, 2), convened_by="CSC"
    )
    services.report_draft(actor=world["officer3"], case=far, meeting=theirs)
    client.force_login(world["officer1"])
    for page in ("", "edit/", "print/", "pdf/"):
        assert client.get(_url(far, theirs, page)).status_code == 404
        mine = f"/cases/{conference.case_id}/meetings/{theirs.pk}/report/{page}"  # their meeting on my case
        assert client.get(mine).status_code == 404
    assert client.post(_url(far, theirs, "draft/")).status_code == 404


def _queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_report_page_runs_a_fixed_number_of_queries(client, world, meeting_case, conference, django_assert_max_num_queries):
    """The same number of queries for a report of a dozen statements and one of many more."""
    client.force_login(world["officer1"])
    _draft(world, meeting_case, conference)
    pages = [_url(meeting_case, conference, page) for page in ("", "edit/")]
    small = [_queries(client, path) for path in pages]
    for first in ("Ann", "Bea", "Cal"):
        people.child_add(
            actor=world["officer1"],
            case=meeting_case,
            where="service_user",
            child={"first_name": first, "last_name": "Garside", "date_of_birth": D(2019, 1, 1)},
            link={"relationship": "parent", "contact": "regular"},
        )
    conference.children.set([link.child for link in meeting_case.service_user.child_links.all()])
    WrittenReport.objects.all().delete()
    report = _draft(world, meeting_case, conference)
    assert report.statements.count() > 20
    for path, queries in zip(pages, small, strict=True):
        with django_assert_max_num_queries(queries):
            assert client.get(path).status_code == 200
