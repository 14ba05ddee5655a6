"""`oogst suggest-goals ID "result text"`: which goals of the engagement a result achieves.

Ranks the goals of engagement ID (the operator's view: all goals) for a result as it would
be written, with `oogst.results.suggest`. JSON: a list of {"goal", "score", "matched"},
best first. Text: one line per goal and, when no goal matches well, "probably unexpected".
The language of the result is detected unless `--lang` names it.
"""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from oogst.engagements.models import Engagement
from oogst.harvest.snapshot import engagement_with_everything, snapshot
from oogst.results import suggest
from oogst.text import LANGS


class Command(BaseCommand):
    help = "Suggest the goals of an engagement that a result most likely achieves, ranked."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("engagement_id", type=int, metavar="ID", help="the engagement's id")
        parser.add_argument("text", nargs="+", help="The result as written.")
        parser.add_argument(
            "--lang",
            choices=LANGS,
            help="Language of the result (default: detected, Dutch when unsure).",
        )
        parser.add_argument("--format", choices=("json", "text"), default="json")

    def handle(self, *args: Any, engagement_id: int, **options: Any) -> None:
        text = " ".join(options["text"]).strip()
        if not text:
            raise CommandError('Give the text of a result, e.g. oogst suggest-goals 1 "..."')
        try:
            engagement = snapshot(engagement_with_everything(engagement_id))
        except Engagement.DoesNotExist:
            raise CommandError(f"There is no engagement with id {engagement_id}.") from None
        ranking = suggest.rank(text, suggest.goal_texts(engagement.goals), options["lang"])
        if options["format"] == "json":
            rows = [suggestion.to_dict() for suggestion in ranking]
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(_as_text(ranking, engagement))


def _as_text(ranking: list[suggest.Suggestion], engagement: Any) -> str:
    texts = {goal.key: goal.text for goal in engagement.goals}
    if not ranking:
        return "The engagement has no goals: the result is unexpected."
    lines = []
    for place, suggestion in enumerate(ranking, 1):
        why = f" (shares: {', '.join(suggestion.matched[:5])})" if suggestion.matched else ""
        lines.append(
            f"{place}. {suggestion.goal} {suggestion.score:.3f}  {texts[suggestion.goal]}{why}"
        )
    if suggest.likely_unexpected(ranking):
        lines.append(f"Probably unexpected: no goal scores {suggest.UNEXPECTED_BELOW} or more.")
    return "\n".join(lines)
