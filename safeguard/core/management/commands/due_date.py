import datetime
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from safeguard.core.deadlines import NATION_CALENDARS, UnknownRule, due_date


class Command(BaseCommand):
    help = "Print the due date (YYYY-MM-DD) of a deadline rule from a start date, e.g. due_date request_for_information_reply 2026-12-18"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("rule")
        parser.add_argument("start_date", help="YYYY-MM-DD")
        parser.add_argument("--nation", choices=sorted(NATION_CALENDARS), default=None)

    def handle(self, *args: Any, rule: str, start_date: str, nation: str | None, **options: Any) -> None:
        try:
            start = datetime.date.fromisoformat(start_date)
        except ValueError:
            raise CommandError(f"Start date must be YYYY-MM-DD, not {start_date!r}") from None
        try:
            self.stdout.write(due_date(rule, start, nation).isoformat())
        except UnknownRule as error:
            raise CommandError(str(error)) from None
