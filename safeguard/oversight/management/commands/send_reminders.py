"""`manage.py send_reminders`: the daily reminders (`oversight.reminders`); run it once a day from
cron or a systemd timer (docs/operations.md)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from safeguard.oversight.reminders import send_reminders


class Command(BaseCommand):
    help = "E-mail each person the steps newly due soon, overdue or escalated; weekly, managers their teams' overdue steps."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--weekly", action="store_true", help="Send the managers' weekly digests today, whatever the day")

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_reminders(weekly=True if options["weekly"] else None)
        self.stdout.write(f"Reminders: {sent.daily} people told of {sent.steps} steps; {sent.weekly} weekly digests")
