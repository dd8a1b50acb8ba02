"""Printable request and notification forms: they render to PDF, carry the names, and escape them."""

import datetime
import shutil
import subprocess
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string

from safeguard.core.pdf import pdf_response, render_pdf, safe_filename

REQUEST_TEMPLATE = "checks/print/request.html"
NOTIFICATION_TEMPLATE = "checks/print/notification.html"

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils' pdftotext is not installed")


class Address(SimpleNamespace):
    def __init__(self, line: str, council: str) -> None:
        super().__init__(line=line, local_authority=council)

    def __str__(self) -> str:
        return self.line


class Named(SimpleNamespace):
    """A stand-in for a person model: str() gives the name, as NamedPerson does."""

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def __str__(self) -> str:
        return self.full_name


def _context(*, last_name: str = "Hargreaves", child_last_name: str = "Smith", kind: str = "involvement") -> dict:
    home = Address("12 Acacia Avenue, Worcester, WR1 1AA", "Worcestershire County Council")
    elsewhere = Address("3 Mill Lane, Hereford, HR1 2BB", "Herefordshire Council")
    person = Named(
        first_name="John",
        middle_names="Paul",
        last_name=last_name,
        date_of_birth=datetime.date(1985, 3, 14),
        get_gender_display="Male",
        crn="X123456",
        pnc="2001/0012345A",
        first_language="English",
        interpreter_required=False,
    )
    child = Named(
        first_name="Amelia",
        last_name=child_last_name,
        date_of_birth=datetime.date(2017, 6, 2),
        expected_date_of_delivery=None,
        is_unborn=False,
        age=8,
        get_gender_display="Female",
        address=home,
        school="St Mary's Primary",
        csc_status="cpp",
    )
    unborn = Named(
        first_name="",
        last_name="Jones",
        date_of_birth=None,
        expected_date_of_delivery=datetime.date(2026, 1, 20),
        is_unborn=True,
        age=None,
        get_gender_display="Not known",
        address=elsewhere,
        school="",
        csc_status="not_known",
    )
    rows = [
        SimpleNamespace(
            child=child,
            link=SimpleNamespace(
                get_relationship_display="Daughter", get_contact_display="Lives with", parental_responsibility=True
            ),
        ),
        SimpleNamespace(
            child=unborn,
            link=SimpleNamespace(
                get_relationship_display="Partner's unborn child",
                get_contact_display="Regular contact",
                parental_responsibility=False,
            ),
        ),
    ]
    return {
        "request": SimpleNamespace(
            pk=42,
            local_authority="Worcestershire County Council",
            recipient="Family Front Door",
            status="sent",
            get_status_display="Sent",
            sent_on=datetime.date(2025, 5, 1),
            due_on=datetime.date(2025, 5, 15),
            stage_of_proceedings="Pre-sentence report",
            get_channel_display="Secure e-mail",
        ),
        "notification": SimpleNamespace(
            kind=kind,
            get_kind_display="Loss of contact" if kind == "loss_of_contact" else "Notification of probation involvement",
            local_authority="Worcestershire County Council",
            recipient="Child protection unit",
            details="Father of Amelia; stays at weekends.\nPartner is expecting.",
            sent_on=None,
            status="draft",
        ),
        "person": person,
        "person_address": str(home),
        "aliases": [Named(first_name="Jon", last_name="Smyth", date_of_birth=datetime.date(1985, 3, 15))],
        "addresses": [SimpleNamespace(get_address_type_display="Main", address=home)],
        "rows": rows,
        "adults": [
            SimpleNamespace(
                adult=Named(first_name="Sarah", last_name="Jones", date_of_birth=None),
                get_relationship_display="Partner",
                lives_with=True,
            )
        ],
        "risk_to_children": True,
        "order": SimpleNamespace(start_date=datetime.date(2025, 4, 1), expected_end_date=datetime.date(2027, 3, 31)),
        "officer": "Priya Patel",
        "officer_email": "priya.patel@probation.example",
        "team": "Worcester North",
        "area": "West Mercia",
        "service_name": "The Probation Service",
        "today": datetime.date(2025, 5, 1),
        "whereabouts_unknown_since": datetime.date(2025, 4, 20) if kind == "loss_of_contact" else None,
    }


def _pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)  # noqa: S603, S607
    return " ".join(result.stdout.split())


@needs_pdftotext
def test_request_renders_to_pdf_with_the_names(tmp_path):
    pdf = render_pdf(REQUEST_TEMPLATE, _context())

    assert pdf.startswith(b"%PDF-")
    text = _pdf_text(pdf, tmp_path)
    assert "Amelia Smith" in text
    assert "Hargreaves" in text
    assert "John Paul" in text
    assert "RESTRICTED" in text
    assert "a blank cannot be told from 'not known'" in text
    assert "Is this child known to children's social care?" in text
    assert "unborn, due 20 January 2026" in text
    assert "15 May 2025" in text


@needs_pdftotext
def test_notification_renders_to_pdf_with_the_names(tmp_path):
    pdf = render_pdf(NOTIFICATION_TEMPLATE, _context())

    assert pdf.startswith(b"%PDF-")
    text = _pdf_text(pdf, tmp_path)
    assert "Amelia" in text
    assert "Smith" in text
    assert "Hargreaves" in text
    assert "John Paul" in text
    assert "Child protection and/or risk to children notification" in text
    assert "PLEASE ENSURE THAT THE SUPERVISING OFFICER ABOVE IS NOTIFIED" in text


@needs_pdftotext
def test_loss_of_contact_notification(tmp_path):
    text = _pdf_text(render_pdf(NOTIFICATION_TEMPLATE, _context(kind="loss_of_contact")), tmp_path)

    assert "Notification of loss of contact" in text
    assert "We have lost contact with the service user named below since 20 April 2025." in text
    assert "Please tell the key worker of each child named." in text


def test_ticks_follow_the_children_and_the_risk():
    html = render_to_string(NOTIFICATION_TEMPLATE, _context())
    assert '<span class="box">X</span>Child(ren) subject to a child-protection plan' in html
    assert '<span class="box">X</span>Supervision of a person who poses a risk to children' in html

    context = _context()
    context["rows"][0].child.csc_status = "child_in_need"
    context["risk_to_children"] = False
    html = render_to_string(NOTIFICATION_TEMPLATE, context)
    assert '<span class="box"></span>Child(ren) subject to a child-protection plan' in html
    assert '<span class="box"></span>Supervision of a person who poses a risk to children' in html


@pytest.mark.parametrize("template_name", [REQUEST_TEMPLATE, NOTIFICATION_TEMPLATE])
def test_names_are_escaped(template_name):
    html = render_to_string(template_name, _context(last_name="O'Brien <script>", child_last_name="O'Brien <script>"))

    assert "O&#x27;Brien &lt;script&gt;" in html
    assert "<script>" not in html


def test_templates_reference_nothing_external():
    for template_name in (REQUEST_TEMPLATE, NOTIFICATION_TEMPLATE):
        html = render_to_string(template_name, _context())
        for needle in ("http://", "https://", "url(", "@import", "<img", "<link"):
            assert needle not in html, (template_name, needle)


def test_pdf_response_is_a_safe_attachment():
    response = pdf_response(REQUEST_TEMPLATE, _context(), "RFI O'Brien/../Worcestershire")

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="RFI-O-Brien-Worcestershire.pdf"'
    assert response.content.startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("request-42.pdf", "request-42.pdf"),
        ("Request 42.PDF", "Request-42.pdf"),
        ('a"b;c\r\nd', "a-b-c-d.pdf"),
        ("../../", "document.pdf"),
        ("", "document.pdf"),
        ("Zoë", "Zo.pdf"),
    ],
)
def test_safe_filename(given, expected):
    assert safe_filename(given) == expected
