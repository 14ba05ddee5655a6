"""`oogst import PATH`: import engagements from documents of the interchange format.

PATH is one JSON document (or `-`, standard input): the new engagement's id is the last
line of the output. Or PATH is a folder: every `*.json` document in it is imported, each
in its own transaction, with a progress bar on standard error and a summary of what was
imported and what failed and why; the command then exits with status 1 if any failed.
"""

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from oogst.interchange.reading import UnreadableDocument, read_document
from oogst.interchange.services import InvalidDocument, engagement_import
from oogst.progress import Progress
from oogst.research.summary import refresh_engagements

# Imported engagements whose research figures are written together.
REFRESH_BATCH = 200
# Problems shown per failed document of a folder; the rest are counted.
PROBLEMS_SHOWN = 3


@dataclass(frozen=True)
class Failure:
    name: str
    problems: list[str]
    more: int = 0  # problems found beyond the ones listed


class Command(BaseCommand):
    help = (
        "Import engagements from JSON documents (format oogst/engagement@1). PATH is one "
        "document (- reads standard input; the new engagement's id is the last line of the "
        "output) or a folder of *.json documents. Each document is all or nothing: an "
        "invalid one is reported problem by problem and changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file",
            metavar="PATH",
            help="a JSON document, - for standard input, or a folder of *.json documents",
        )

    def handle(self, *args: Any, file: str, **options: Any) -> None:
        if file != "-" and Path(file).is_dir():
            self._folder(Path(file))
        else:
            self._file(file)

    # ---------------------------------------------------------------- one document

    def _file(self, file: str) -> None:
        try:
            document = read_document(file)
        except UnreadableDocument as error:
            raise CommandError(str(error)) from None
        name = "standard input" if file == "-" else file
        self.stdout.write(f"Read {name}; validating and importing...")
        try:
            engagement = engagement_import(document=document)
            refresh_engagements([engagement.pk])  # its research figures (bulk_create: no signals)
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

    # ---------------------------------------------------------------- a folder

    def _folder(self, folder: Path) -> None:
        paths = sorted(p for p in folder.glob("*.json") if p.is_file())
        if not paths:
            raise CommandError(f"{folder}: no *.json documents in this folder.")
        started = time.perf_counter()
        progress = Progress(self.stderr, total=len(paths), unit="documents")
        failures: list[Failure] = []
        imported = 0
        self._written: list[int] = []
        try:
            for path in paths:
                failure = self._one(path)
                if failure is None:
                    imported += 1
                else:
                    failures.append(failure)
                if len(self._written) >= REFRESH_BATCH:
                    self._refresh()
                progress.advance()
            self._refresh()
        finally:
            progress.close()
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Imported {imported} of {len(paths)} documents from {folder} in {seconds:.1f} s "
            f"({len(paths) / seconds:.1f} documents/s)."
        )
        if not failures:
            return
        self.stdout.write(f"Not imported ({len(failures)}); nothing of these was written:")
        for failure in failures:
            self.stdout.write(f"  {failure.name}:")
            for problem in failure.problems:
                self.stdout.write(f"    {problem}")
            if failure.more:
                self.stdout.write(f"    ... and {failure.more} more")
        raise CommandError(
            f"{len(failures)} of {len(paths)} documents failed; the other {imported} were imported."
        )

    def _refresh(self) -> None:
        """The research figures of the engagements imported since the last call
        (`bulk_create` sends no signals; a row left out is computed by `stats` anyway)."""
        refresh_engagements(self._written)
        self._written = []

    def _one(self, path: Path) -> Failure | None:
        """Import one document of a folder in its own transaction; why it failed, if so."""
        try:
            engagement = engagement_import(document=read_document(str(path)))
            self._written.append(engagement.pk)
        except UnreadableDocument as error:
            # The message starts with the path; the summary names the file already.
            return Failure(path.name, [str(error).removeprefix(f"{path}: ")])
        except InvalidDocument as error:
            shown = [str(problem) for problem in error.problems[:PROBLEMS_SHOWN]]
            return Failure(path.name, shown, more=len(error.problems) - len(shown))
        except DatabaseError as error:  # rolled back with its transaction
            return Failure(path.name, [f"the database refused it: {error}"])
        return None
