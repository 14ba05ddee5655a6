"""`oogst research SUBCOMMAND`: practice research from the command line, as the operator.

Subcommands are argparse subparsers; each is a pair in `SUBCOMMANDS`: a function that
adds its arguments to its subparser, and a function that runs it. Adding one (for
instance `export`) is a new pair of functions and one entry in that table.

- `stats [--since DATE] [--until DATE] [--k N] --format json`: the aggregates of
  `oogst.research.aggregates` as JSON. The operator sees everything: nothing is
  suppressed unless `--k` is given.
- `export --format csv|xlsx|parquet --output PATH [--k N]`: the anonymised dataset of
  `oogst.research.dataset`, one row per result. Unlike `stats`, a file leaves the
  system, so small sectors are always grouped as "other" (k from the settings unless
  `--k` is given).
"""

import argparse
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from oogst.research.aggregates import Filters, stats
from oogst.research.dataset import FORMATS, dataset_write

AddArguments = Callable[[CommandParser], None]
Run = Callable[[BaseCommand, dict[str, Any]], None]


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"`{value}` is not a date; write it as YYYY-MM-DD."
        ) from None


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got `{value}`") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def stats_arguments(parser: CommandParser) -> None:
    parser.add_argument("--since", type=_date, metavar="DATE", help="from this date (inclusive)")
    parser.add_argument("--until", type=_date, metavar="DATE", help="up to this date (inclusive)")
    parser.add_argument(
        "--k",
        type=_positive,
        default=None,
        metavar="N",
        help="suppress every figure based on fewer than N engagements (default: none)",
    )
    parser.add_argument("--format", dest="output", default="json", help="json (the default)")


def stats_run(command: BaseCommand, options: dict[str, Any]) -> None:
    if options["output"] != "json":
        raise CommandError(f"Unknown format `{options['output']}`; use --format json.")
    since, until = options["since"], options["until"]
    if since and until and since > until:
        raise CommandError("--until lies before --since.")
    figures = stats(Filters(since=since, until=until), k=options["k"])
    command.stdout.write(json.dumps(figures, indent=2, ensure_ascii=False))


# ---------------------------------------------------------------- export (the dataset)


def export_arguments(parser: CommandParser) -> None:
    parser.add_argument("--format", dest="fmt", required=True, choices=FORMATS)
    parser.add_argument("--output", dest="path", required=True, metavar="PATH")
    parser.add_argument(
        "--k",
        type=_positive,
        default=None,
        metavar="N",
        help="name a sector only when N engagements share it (default: OOGST_RESEARCH_K)",
    )


def export_run(command: BaseCommand, options: dict[str, Any]) -> None:
    path = Path(options["path"])
    if not path.parent.is_dir():
        raise CommandError(f"There is no folder {path.parent} to write {path.name} in.")
    rows = dataset_write(fmt=options["fmt"], out=path, k=options["k"])
    command.stdout.write(f"Wrote {rows} rows (one per result) to {path}.")


SUBCOMMANDS: dict[str, tuple[str, AddArguments, Run]] = {
    "stats": (
        "aggregates over the consented engagements, as JSON",
        stats_arguments,
        stats_run,
    ),
    "export": (
        "the anonymised dataset, one row per result, as csv, xlsx or parquet",
        export_arguments,
        export_run,
    ),
}


class Command(BaseCommand):
    help = (
        "Practice research across the consented engagements, as the operator. "
        "`oogst research stats --format json` prints the aggregates."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        subparsers = parser.add_subparsers(dest="subcommand", metavar="SUBCOMMAND", required=True)
        for name, (summary, add_arguments, _run) in SUBCOMMANDS.items():
            add_arguments(subparsers.add_parser(name, help=summary, description=summary))

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        SUBCOMMANDS[subcommand][2](self, options)
