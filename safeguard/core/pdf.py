"""Printable forms as PDF: a Django template rendered to HTML, then laid out on A4 by WeasyPrint.

The print templates are standalone documents that reference no external URL, font or image, so
rendering never touches the network.
"""

import re
from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string

from . import clock
from .exports import as_attachment

_UNSAFE = re.compile(r"[^A-Za-z0-9-]+")


def render_pdf(template_name: str, context: dict, *, base_url: str | None = None) -> bytes:
    """Render ``template_name`` with ``context`` and return the PDF bytes."""
    from weasyprint import HTML  # imported here: loading Pango is slow and only needed when printing

    html = render_to_string(template_name, context)
    return HTML(string=html, base_url=base_url).write_pdf()


def safe_filename(filename: str) -> str:
    """Letters, digits and hyphens only, ending ``.pdf``: nothing a browser or file system could misread."""
    stem = filename.strip()
    if stem.lower().endswith(".pdf"):
        stem = stem[:-4]
    stem = _UNSAFE.sub("-", stem)
    stem = re.sub(r"-{2,}", "-", stem).strip("-")[:100].strip("-")
    return f"{stem or 'document'}.pdf"


def pdf_response(template_name: str, context: dict, filename: str) -> HttpResponse:
    """An attachment download of the rendered template as PDF."""
    response = HttpResponse(render_pdf(template_name, context), content_type="application/pdf")
    return as_attachment(response, safe_filename(filename))


def print_context(case: Any) -> dict[str, Any]:
    """Who is writing, for every form and report that leaves the service (the print header)."""
    officer = case.case_holder
    return {
        "case": case,
        "person": case.service_user,
        "officer": officer,
        "officer_email": getattr(officer, "email", "") or "",
        "team": case.team,
        "area": case.team.area,
        "service_name": settings.SAFEGUARD["SERVICE_NAME"],
        "today": clock.today(),
    }
