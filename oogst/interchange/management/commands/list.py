"""`oogst list`: the engagements, one per line, or as JSON."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from oogst.engagements.models import Engagement
from oogst.harvest.stages import progress_of
from oogst.measures.model import PARTIES


class Command(BaseCommand):
    help = "List the engagements by id: `ID<TAB>title` per line, or JSON with --format json."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, format: str, **options: Any) -> None:
        engagements = Engagement.objects.order_by("id")
        if format == "text":
            for pk, title in engagements.values_list("id", "title").iterator(chunk_size=2000):
                # One engagement, one line, whatever the title holds.
                self.stdout.write(f"{pk}\t{' '.join(title.split())}")
            return
        listed = [
            {
                "id": e.pk,
                "title": e.title,
                "organisation": e.organisation.name,
                "parties": _parties(e),
                # Where it stands and whom it waits for, as the operator sees it.
                **progress_of(e).as_json(),
            }
            for e in engagements.select_related("organisation")
            .prefetch_related("participations__person")
            .iterator(chunk_size=2000)
        ]
        self.stdout.write(json.dumps(listed, indent=2, ensure_ascii=False))


def _parties(engagement: Engagement) -> dict[str, str]:
    names = {p.party: p.person.name for p in engagement.participations.all()}
    return {party: names[party] for party in PARTIES if party in names}
