"""The monthly register report (West Mercia 5.4), as CSV or PDF, optionally e-mailed.

manage.py register_report --month 2026-11 --format pdf --output register-2026-11.pdf --email
"""

import io
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.management.base import BaseCommand, CommandError, CommandParser

from safeguard.accounts.models import Area
from safeguard.core.pdf import render_pdf
from safeguard.register import selectors
from safeguard.register.models import Registration
from safeguard.register.views import report_context, write_csv


class Command(BaseCommand):
    help = "Write the monthly child-protection register report (CSV or PDF) and optionally e-mail it"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", required=True, help="YYYY-MM")
        parser.add_argument("--format", choices=["csv", "pdf"], default="csv")
        parser.add_argument("--output", required=True, help="File to write")
        parser.add_argument("--area", help="Area code (default: every area)")
        parser.add_argument("--email", action="store_true", help="E-mail it to SAFEGUARD_REGISTER_REPORT_RECIPIENTS")

    def handle(self, *args: Any, month: str, format: str, output: str, area: str | None, email: bool, **options: Any) -> None:
        try:
            selectors.month_bounds(month)
        except ValueError:
            raise CommandError("--month must be YYYY-MM, like 2026-11") from None
        area_obj = None
        if area:
            area_obj = Area.objects.filter(code=area).first()
            if area_obj is None:
                raise CommandError(f"No area with code {area!r}")
        monthly = selectors.monthly_report(Registration.objects.all(), month, area=area_obj)
        if format == "csv":
            buffer = io.StringIO()
            write_csv(buffer, monthly)
            content: bytes = buffer.getvalue().encode("utf-8")
            mimetype = "text/csv"
        else:
            content = render_pdf("register/print/report.html", report_context(monthly))
            mimetype = "application/pdf"
        Path(output).write_bytes(content)
        total, overdue = monthly.total, monthly.overdue
        self.stdout.write(f"{total} registered cases, {overdue} reviews overdue, written to {output}")
        if email:
            recipients = settings.SAFEGUARD["REGISTER_REPORT_RECIPIENTS"]
            if not recipients:
                raise CommandError("No recipients: set SAFEGUARD_REGISTER_REPORT_RECIPIENTS")
            message = EmailMessage(
                subject=f"Child-protection register: monthly report {month}",
                body=f"The register report for {month}: {total} registered cases, {overdue} with the review overdue.",
                to=recipients,
            )
            message.attach(Path(output).name, content, mimetype)
            message.send()
            self.stdout.write(f"E-mailed to {', '.join(recipients)}")
