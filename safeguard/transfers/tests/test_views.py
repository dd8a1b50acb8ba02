import shutil
import subprocess

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from safeguard.core.models import AccessLog, AuditEvent
from safeguard.testing import make_case

from .conftest import add_records, move, steps

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils' pdftotext is not installed")


def _url(case, handover, page=""):
    return f"/cases/{case.pk}/handovers/{handover.pk}/{page}"


def test_the_handover_page_shows_the_summary_and_only_the_new_holder_may_acknowledge(client, world, family, officer4):
    handover = move(world, family, officer4)
    client.force_login(world["manager1"])
    page = client.get(_url(family, handover)).content.decode()
    assert "Child0 Garside" in page and "next review due" in page and "I have read the handover" not in page
    response = client.post(_url(family, handover, "acknowledge/"), follow=True)
    assert "Only Officer4, the new case holder, can acknowledge this handover" in response.content.decode()
    handover.refresh_from_db()
    assert handover.acknowledged_at is None
    client.force_login(officer4)
    assert "I have read the handover" in client.get(_url(family, handover)).content.decode()
    response = client.post(_url(family, handover, "acknowledge/"), follow=True)
    assert "Handover acknowledged" in response.content.decode()
    handover.refresh_from_db()
    assert handover.acknowledged_by == officer4


def test_recording_that_a_unit_was_told(client, world, family, officer4):
    from safeguard.cases import services as cases

    unit = cases.key_contact_add(actor=world["officer1"], case=family, kind="probation", name="Unpaid work", organisation="UPW")
    handover = move(world, family, officer4)
    client.force_login(officer4)
    url = _url(family, handover, f"told/{unit.pk}/")
    empty = client.post(url, {"how": ""})
    assert empty.status_code == 200 and "Select how you told them" in empty.content.decode()
    done = client.post(url, {"informed_on_day": "23", "informed_on_month": "11", "informed_on_year": "2026", "how": "phone"})
    assert done.status_code == 302 and handover.notices.get().key_contact == unit
    assert steps(family, "transfers.inform_probation") == []


@needs_pdftotext
def test_the_pdf_names_every_child_and_the_next_review(client, world, family, officer4, tmp_path):
    handover = move(world, family, officer4)
    client.force_login(officer4)
    response = client.get(_url(family, handover, "pdf/"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "handover.pdf"
    path.write_bytes(response.content)
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout.split())  # noqa: S603, S607
    assert "Child0 Garside" in text and "Child1 Garside" in text
    # The change of case holder brings the register review forward to now (West Mercia 5.2).
    assert "next review due 23 November 2026" in text


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_pages_take_the_same_queries_however_much_is_on_file(client, world, fixed_today, officer4):
    small = make_case(world=world, first_name="One", last_name="Child", children=1)
    large = make_case(world=world, first_name="Many", last_name="Children", children=4, adults=2)
    add_records(world, small)
    add_records(world, large)
    add_records(world, large, register_children=False)
    counts = []
    for case in (small, large):
        handover = move(world, case, officer4)
        move(world, case, world["officer1"])
        move(world, case, officer4)
        client.force_login(officer4)
        counts.append((_queries(client, f"/cases/{case.pk}/handovers/"), _queries(client, _url(case, handover))))
    assert counts[0] == counts[1]


def test_a_move_to_another_area_keeps_the_history_and_moves_access(client, world, family, far_manager):
    before = AuditEvent.objects.filter(case_id=family.pk).count()
    handover = move(world, family, world["officer3"], team=world.far, manager=far_manager)
    assert handover.between_areas and handover.to_team == world.far
    assert AuditEvent.objects.filter(case_id=family.pk).count() > before
    client.force_login(world["officer1"])
    refused = client.get(_url(family, handover))
    assert refused.status_code == 404 and "restricted" in refused.content.decode().lower()
    assert AccessLog.objects.filter(user=world["officer1"], object_id=str(family.pk), outcome="refused").exists()
    assert client.get(f"/cases/{family.pk}/").status_code == 404
    client.force_login(world["officer3"])
    page = client.get(_url(family, handover)).content.decode()
    assert "Child0 Garside" in page and "I have read the handover" in page
    history = client.get(f"/cases/{family.pk}/history/").content.decode()
    assert "Handover produced for the new case holder" in history and "Meeting recorded" in history
    record = client.get(f"/cases/{family.pk}/record/").content.decode()
    assert "Handover produced" in record and "Core group" in record
    assert client.post(_url(family, handover, "acknowledge/")).status_code == 302
    handover.refresh_from_db()
    assert handover.acknowledged_by == world["officer3"]
