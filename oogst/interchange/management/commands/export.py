"""`oogst export ID`: one engagement as a document of the interchange format, on stdout."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from oogst.engagements.models import Engagement
from oogst.interchange.services import engagement_export

NOT_EXPORTED = (
    "Note: format version 1 carries the evaluation data only. Private notes, session "
    "reflections, end-report prose, minutes, the amendment history and the history of the "
    "parties are not exported; a result whose sharing the client has not decided yet is "
    "written as not shared; a result its reporter withdrew is left out."
)


class Command(BaseCommand):
    help = "Write one engagement as JSON (format oogst/engagement@1) to standard output."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("engagement_id", type=int, metavar="ID", help="the engagement's id")

    def handle(self, *args: Any, engagement_id: int, **options: Any) -> None:
        try:
            document = engagement_export(engagement_id=engagement_id)
        except Engagement.DoesNotExist:
            raise CommandError(f"There is no engagement with id {engagement_id}.") from None
        self.stdout.write(json.dumps(document, indent=2, ensure_ascii=False))
        self.stderr.write(NOT_EXPORTED)
