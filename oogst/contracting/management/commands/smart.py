"""`oogst smart "goal text"`: the advisory SMART check of `oogst.contracting.smart`.

Prints per letter whether the goal meets it, why, and what to add: as JSON (an object
with the keys S, M, A, R, T, each {"ok", "reason", "suggestion"}) or as text lines with
a check mark. The language is detected unless `--lang` names it.
"""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from oogst.contracting import smart


class Command(BaseCommand):
    help = "Check a coaching goal against SMART (advisory), in Dutch or English."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("text", nargs="+", help="The goal as written.")
        parser.add_argument(
            "--lang",
            choices=smart.LANGS,
            help="Language of the goal (default: detected, Dutch when unsure).",
        )
        parser.add_argument("--format", choices=("json", "text"), default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        text = " ".join(options["text"]).strip()
        if not text:
            raise CommandError('Give the text of a goal, e.g. oogst smart "..."')
        result = smart.check(text, options["lang"])
        if options["format"] == "json":
            self.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(_as_text(result))


def _as_text(result: smart.SmartCheck) -> str:
    names = smart.NAMES[result.lang]
    lines = []
    for letter in smart.LETTERS:
        criterion = getattr(result, letter)
        mark = "✓" if criterion.ok else "✗"
        lines.append(f"{mark} {letter} {names[letter]}: {criterion.reason}")
        if criterion.suggestion:
            lines.append(f"    {criterion.suggestion}")
    return "\n".join(lines)
