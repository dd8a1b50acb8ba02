from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from safeguard.core import steps


class Command(BaseCommand):
    help = (
        "Work every case's outstanding steps out again from its records and report any difference from the "
        "stored steps; --repair brings them into line. Exits with status 1 when a difference is found and not repaired."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--repair", action="store_true", help="bring the stored steps into line with the records")
        parser.add_argument("--chunk", type=int, default=500, help="cases worked out at a time (default 500)")
        parser.add_argument("--show", type=int, default=20, help="differences to list (default 20)")

    def handle(self, *args: Any, repair: bool, chunk: int, show: int, **options: Any) -> None:
        if chunk < 1:
            raise CommandError("--chunk must be at least 1")
        found = steps.verify(repair=repair, chunk=chunk)
        for difference in found[:show]:
            self.stdout.write(f"  {difference}")
        if len(found) > show:
            self.stdout.write(f"  … and {len(found) - show} more")
        if not found:
            self.stdout.write("The stored steps match the records.")
        elif repair:
            self.stdout.write(f"{len(found)} difference{'s' if len(found) != 1 else ''} found and repaired.")
        else:
            raise CommandError(
                f"{len(found)} difference{'s' if len(found) != 1 else ''} between the stored steps and the records"
            )
