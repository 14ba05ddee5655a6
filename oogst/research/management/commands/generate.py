"""`oogst generate --engagements N [--seed S]`: fill the database with synthetic engagements."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from oogst.progress import Progress
from oogst.research.generate import DEFAULT_BATCH, engagements_generate


class Command(BaseCommand):
    help = (
        "Add N synthetic engagements (goals, sessions, results with judgements, attainment, "
        "costs, closing conversations, research consent) for load tests and benchmarks. "
        "The same N and seed give the same engagements. Progress goes to standard error."
    )
    # A data tool: the system checks (URLs, templates) cost seconds and check nothing it uses.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--engagements", type=int, required=True, metavar="N")
        parser.add_argument("--seed", type=int, default=1, metavar="S", help="default 1")
        parser.add_argument(
            "--batch",
            type=int,
            default=DEFAULT_BATCH,
            metavar="B",
            help=f"engagements per transaction (default {DEFAULT_BATCH})",
        )

    def handle(self, *args: Any, engagements: int, seed: int, batch: int, **options: Any) -> None:
        if engagements < 1:
            raise CommandError("--engagements must be at least 1.")
        if batch < 1:
            raise CommandError("--batch must be at least 1.")
        progress = Progress(self.stderr, total=engagements, unit="engagements")
        try:
            generated = engagements_generate(
                count=engagements, seed=seed, batch=batch, on_batch=progress.advance
            )
        except RuntimeError as error:
            raise CommandError(str(error)) from None
        finally:
            progress.close()
        seconds = progress.elapsed
        rows = generated.rows
        self.stdout.write(
            f"Generated {len(generated.engagement_ids):,} engagements (seed {seed}) in "
            f"{seconds:.1f} s: {len(generated.engagement_ids) / seconds:,.0f} engagements/s, "
            f"{generated.total_rows:,} rows ({generated.total_rows / seconds:,.0f} rows/s)."
        )
        for table in sorted(rows):
            self.stdout.write(f"  {table:<40} {rows[table]:>12,}")
