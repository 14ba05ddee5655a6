"""`oogst send-reminders [--now ISO-DATETIME] [--dry-run]`: the reminders, the coaches'
weekly digests and the re-sent invitations that are due, and the retries of failed
messages. Run it every few minutes (cron, a systemd timer): it is idempotent, also when two
runs overlap (`notifications.reminders`)."""

from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from oogst.notifications.reminders import DIGEST, REMINDER, RESENT, run


def parse_now(value: str) -> datetime:
    """An ISO date or date and time; without an offset it is in the current time zone."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--now {value!r} is no ISO date and time, for example 2026-12-10T09:00"
        ) from None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


class Command(BaseCommand):
    help = "Send the reminders, weekly digests and invitation re-sends that are due."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now",
            type=parse_now,
            default=None,
            help="the clock, as an ISO date and time (default: now); for tests and dry runs",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="say what is due, send and record nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        now = options["now"] or timezone.now()
        if isinstance(now, str):  # call_command(now="...") skips the parser's type
            now = parse_now(now)
        dry_run = options["dry_run"]
        summary = run(now, dry_run=dry_run)
        for kind in (REMINDER, DIGEST, RESENT):
            if dry_run:
                line = f"{kind}: {summary.due[kind]} due (dry run: nothing sent)"
            else:
                line = f"{kind}: {summary.sent[kind]} sent of {summary.due[kind]} due"
                if summary.failed[kind]:
                    line += f", {summary.failed[kind]} failed (tried again next run)"
            self.stdout.write(line)
        if not dry_run:
            self.stdout.write(f"retried: {summary.retried} failed message(s)")
