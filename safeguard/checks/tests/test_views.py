"""Checks through real HTTP: the case task list, forms with errors, the PDF, access."""

import datetime
import subprocess

import pytest

from safeguard.checks import services
from safeguard.checks.models import CHECKLIST_QUESTIONS, Checklist, RequestForInformation
from safeguard.core.models import AccessLog, DeadlineRule

D = datetime.date


@pytest.fixture
def officer(client, world):
    client.force_login(world["officer1"])
    return client


def checklist_data(**yes):
    data = {"stage": "start_of_order", "asked_on_day": "23", "asked_on_month": "11", "asked_on_year": "2026"}
    for name, _, _ in CHECKLIST_QUESTIONS:
        data[name] = "True" if name in yes else "False"
        if name in yes:
            data[f"{name}_details"] = yes[name]
    return data


def test_checklist_missing_details_shows_errors_and_saves_nothing(officer, family):
    data = checklist_data(living_with_children="")
    data.pop("children_excluded")
    page = officer.post(f"/cases/{family.pk}/checks/checklist/new/", data).content.decode()
    assert (
        "Give details for a yes answer" in page and "Select yes if their children are or have been excluded from school" in page
    )
    assert "<title>Error: " in page
    assert not Checklist.objects.exists()


def test_checklist_yes_leads_to_two_requests_and_a_pdf(officer, family, tmp_path):
    response = officer.post(f"/cases/{family.pk}/checks/checklist/new/", checklist_data(living_with_children="Two daughters"))
    assert response.status_code == 302
    page = officer.get(f"/cases/{family.pk}/checks/").content.decode()
    assert "Prepare requests for information (the checklist was answered yes)" in page
    officer.post(f"/cases/{family.pk}/checks/requests/prepare/")
    requests = list(RequestForInformation.objects.order_by("local_authority__name"))
    assert [str(r.local_authority) for r in requests] == ["Herefordshire", "Worcestershire"]
    response = officer.get(f"/cases/{family.pk}/checks/requests/{requests[0].pk}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert response["Content-Disposition"].startswith('attachment; filename="request-for-information-')
    pdf = tmp_path / "request.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout  # noqa: S603, S607
    assert "Ruby Holt" in text and "Darren" in text and "Kayleigh" not in text
    printable = officer.get(f"/cases/{family.pk}/checks/requests/{requests[1].pk}/print/").content.decode()
    assert "Kayleigh Holt" in printable and "Ruby Holt" not in printable


def test_answer_form_requires_an_answer_for_every_child(officer, family, world):
    request = services.requests_prepare(actor=world["officer1"], case=family)[0]
    page = officer.post(
        f"/cases/{family.pk}/checks/requests/{request.pk}/answer/",
        {"answered_on_day": "23", "answered_on_month": "11", "answered_on_year": "2026", "service_user_known": "False"},
        follow=True,
    ).content.decode()
    assert "This has not been sent yet" in page
    assert "There is a problem" in page
    services.request_send(
        actor=world["officer1"], case=family, request=request, sent_on=D(2026, 11, 20), channel="portal", recipient="x"
    )
    page = officer.post(
        f"/cases/{family.pk}/checks/requests/{request.pk}/answer/",
        {"answered_on_day": "19", "answered_on_month": "11", "answered_on_year": "2026", "service_user_known": "False"},
    ).content.decode()
    assert "is known or there is no trace" in page
    request.refresh_from_db()
    assert request.status == "sent"


def test_send_form_refuses_a_future_date(officer, family, world):
    request = services.requests_prepare(actor=world["officer1"], case=family)[0]
    page = officer.post(
        f"/cases/{family.pk}/checks/requests/{request.pk}/send/",
        {"sent_on_day": "1", "sent_on_month": "12", "sent_on_year": "2026", "channel": "portal", "recipient": "MASH"},
    ).content.decode()
    assert "Date sent must be today or in the past" in page
    request.refresh_from_db()
    assert request.status == "draft"


def test_records_of_another_case_are_not_reachable(officer, family, world, make_case):
    other = make_case(team=world.south, holder=world["officer2"], children=1)
    request = services.requests_prepare(actor=world["officer2"], case=other)[0]
    assert officer.get(f"/cases/{other.pk}/checks/requests/{request.pk}/pdf/").status_code == 404
    assert officer.get(f"/cases/{family.pk}/checks/requests/{request.pk}/pdf/").status_code == 404  # through my own case
    assert AccessLog.objects.filter(object_type="checks.RequestForInformation", object_id=str(request.pk)).exists()


def test_admin_changes_the_reply_rule_and_new_requests_use_it(client, world, family):
    admin = world["admin1"]
    admin.is_staff = True
    admin.save()
    client.force_login(admin)
    rule = DeadlineRule.objects.get(name="request_for_information_reply")
    page = client.get("/admin/core/deadlinerule/").content.decode()
    assert "Request for information: reply due" in page
    response = client.post(
        f"/admin/core/deadlinerule/{rule.pk}/change/",
        {"label": rule.label, "anchor": rule.anchor, "length": "15", "unit": "working_days", "source": rule.source},
    )
    assert response.status_code == 302
    request = services.requests_prepare(actor=world["officer1"], case=family)[0]
    services.request_send(
        actor=world["officer1"], case=family, request=request, sent_on=D(2026, 11, 23), channel="portal", recipient="x"
    )
    request.refresh_from_db()
    assert request.due_on == D(2026, 12, 14)  # 15 working days, not 10


def test_my_work_runs_a_constant_number_of_queries(client, world, make_case, fixed_today):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def build(n):
        for i in range(n):
            case = make_case(last_name=f"Work{i}", children=1)
            request = services.requests_prepare(actor=world["officer1"], case=case)[0]
            services.request_send(
                actor=world["officer1"], case=case, request=request, sent_on=D(2026, 11, 2), channel="portal", recipient="x"
            )
            services.request_chase(actor=world["officer1"], case=case, request=request, chased_on=D(2026, 11, 20), method="phone")

    def count(user):
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/my-work/")
        assert response.status_code == 200
        return len(queries), response.content.decode()

    build(5)
    small, page = count(world["officer1"])
    assert page.count('data-kind="request"') == 5
    small_manager, page = count(world["manager1"])
    assert 'id="escalated"' in page
    build(45)
    large, page = count(world["officer1"])
    assert page.count('data-kind="request"') == 50
    large_manager, _ = count(world["manager1"])
    assert small == large and small_manager == large_manager
    # Read from the stored steps (`core.steps`): each list of the officer's own steps two queries (the
    # first of them and how many), the cases named to them one each; a manager's team lists two each.
    assert large <= 17 and large_manager <= 24


def test_each_checklist_detail_is_revealed_under_its_yes(client, world, family):
    """GOV.UK conditional reveals: each "Give details" sits under the "Yes" of its own question, once."""
    import re

    client.force_login(world["officer1"])
    page = client.get(f"/cases/{family.pk}/checks/checklist/new/").content.decode()
    for name in ("living_with_children", "children_present_at_offence"):
        yes = re.search(rf'<input[^>]*name="{name}"[^>]*value="True"[^>]*>', page)
        assert yes and 'data-aria-controls="conditional-' in yes[0], name
        controls = re.search(r'data-aria-controls="([^"]+)"', yes[0])
        assert controls
        target = controls[1]
        block = page[page.index(f'id="{target}"') :]
        assert block.index(f'name="{name}_details"') < block.index("</textarea>")
        assert page.count(f'name="{name}_details"') == 1
    assert (
        "govuk-radios--inline"
        not in page[page.index('name="living_with_children"') - 400 : page.index('name="living_with_children"')]
    )
