"""`oogst import FILE`: import one engagement from a document of the interchange format."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from oogst.interchange.reading import UnreadableDocument, read_document
from oogst.interchange.services import InvalidDocument, engagement_import


class Command(BaseCommand):
    help = (
        "Import one engagement from a JSON document (format oogst/engagement@1). "
        "All or nothing: an invalid document is reported problem by problem and changes "
        "nothing. The new engagement's id is the last line of the output."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the JSON document; - reads standard input")

    def handle(self, *args: Any, file: str, **options: Any) -> None:
        try:
            document = read_document(file)
        except UnreadableDocument as error:
            raise CommandError(str(error)) from None
        name = "standard input" if file == "-" else file
        self.stdout.write(f"Read {name}; validating and importing...")
        try:
            engagement = engagement_import(document=document)
        except InvalidDocument as error:
            for problem in error.problems:
                self.stderr.write(f"{problem.path}: {problem.message}")
            count = len(error.problems)
            raise CommandError(
                f"{name}: {count} problem{'s' if count != 1 else ''}; nothing was imported."
            ) from None
        assert isinstance(document, dict)
        counts = ", ".join(
            f"{len(document.get(key, ()))} {label}"
            for key, label in (
                ("goals", "goals"),
                ("sessions", "sessions"),
                ("results", "results"),
                ("attainment", "attainment ratings"),
            )
        )
        self.stdout.write(f"Imported “{engagement.title}” ({document['organisation']}): {counts}.")
        self.stdout.write("New engagement id:")
        self.stdout.write(str(engagement.pk))
