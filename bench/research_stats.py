"""Practice research at scale: generate, then `oogst research stats` against hand-written SQL.

Run from the project root (as root: PostgreSQL's own programs run as the `postgres` user):

    .venv/bin/python bench/research_stats.py [--engagements 100000] [--seed 1] [--runs 5]

Without DATABASE_URL it starts a throwaway PostgreSQL 15 cluster (fsync off: a benchmark,
not a server), migrates it, times `oogst generate`, runs VACUUM ANALYZE, and then, in
this one process and against the same warm database:

- `research stats` (the command, through `call_command`, JSON written to a buffer): one
  run discarded, then `--runs` runs, median and max;
- the best hand-written SQL over the raw tables (no summary tables) for the same figures,
  the same way, and the ratio of the two medians;
- that both give the same figures (the benchmark fails otherwise).

Then one `oogst research stats --format json` as its own process, for its peak memory
and its time from a cold start. With DATABASE_URL it uses that database as it is
(add `--skip-generate` to reuse engagements generated before). Not part of the test suite
or CI: the 100,000 engagements alone take minutes.
"""

import argparse
import contextlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OOGST = str(ROOT / ".venv" / "bin" / "oogst")
PGBIN = Path("/usr/lib/postgresql/15/bin")


# ---------------------------------------------------------------- a throwaway PostgreSQL


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def postgres(name: str = "oogst") -> Iterator[str]:
    """DATABASE_URL if set, else a new cluster for as long as the block runs."""
    if url := os.environ.get("DATABASE_URL"):
        yield url
        return
    if not (PGBIN / "initdb").exists():
        sys.exit(f"No PostgreSQL server programs in {PGBIN}; set DATABASE_URL instead.")
    root = Path(tempfile.mkdtemp(prefix="oogst-bench-pg-"))
    shutil.chown(root, "postgres", "postgres")
    port = free_port()

    def as_postgres(*args: str) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", *args], check=True, cwd="/")

    as_postgres(
        str(PGBIN / "initdb"), "-D", f"{root}/data", "-U", "postgres", "--auth=trust",
        "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
    )  # fmt: skip
    options = (
        f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c shared_buffers=512MB"
    )
    as_postgres(str(PGBIN / "pg_ctl"), "-D", f"{root}/data", "-l", f"{root}/log", "-w",
                "-o", options, "start")  # fmt: skip
    try:
        subprocess.run(
            [str(PGBIN / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", name],
            check=True,
        )
        yield f"postgres://postgres@127.0.0.1:{port}/{name}"
    finally:
        as_postgres(str(PGBIN / "pg_ctl"), "-D", f"{root}/data", "-m", "fast", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


# ---------------------------------------------------------------- measuring


@dataclass(frozen=True)
class Measured:
    seconds: float
    peak_mb: float  # the child's maximum resident set size
    stdout: str


def measured(args: list[str], env: dict[str, str]) -> Measured:
    """Run a command; its wall time and peak memory (wait4 reports the child's own)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen(args, env=env, stdout=out, cwd=ROOT)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        out.seek(0)
        text = out.read().decode()
    if process.returncode:
        sys.exit(f"{' '.join(args)} failed with status {process.returncode}")
    return Measured(seconds=seconds, peak_mb=usage.ru_maxrss / 1024, stdout=text)


@dataclass(frozen=True)
class Timing:
    runs: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def worst(self) -> float:
        return max(self.runs)


def timed(work: Callable[[], Any], runs: int) -> tuple[Timing, Any]:
    """Run once to warm up (discarded), then `runs` times; the timings and the last answer."""
    answer = work()
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        answer = work()
        seconds.append(time.perf_counter() - started)
    return Timing(seconds), answer


def stats_command() -> dict[str, Any]:
    from django.core.management import call_command

    out = StringIO()
    call_command("research", "stats", "--format", "json", stdout=out)
    figures: dict[str, Any] = json.loads(out.getvalue())
    return figures


# ---------------------------------------------------------------- the benchmark


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engagements", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-generate", action="store_true")
    parser.add_argument(
        "--explain", action="store_true", help="print EXPLAIN ANALYZE of the baseline's queries"
    )
    options = parser.parse_args()
    with postgres() as url:
        env = {**os.environ, "DATABASE_URL": url}
        print(f"database: {url}")
        subprocess.run([OOGST, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
        generated = None
        if not options.skip_generate:
            generated = measured(
                [OOGST, "generate", "--engagements", str(options.engagements),
                 "--seed", str(options.seed)],
                env,
            )  # fmt: skip
            print(generated.stdout.strip())
        os.environ["DATABASE_URL"] = url
        report(options, generated, env)


def report(options: argparse.Namespace, generated: Measured | None, env: dict[str, str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import research_sql
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("SELECT count(*) FROM engagements_engagement")
        engagements = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM results_result")
        results = cursor.fetchone()[0]
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        size = cursor.fetchone()[0]
    print(f"engagements: {engagements:,}, results: {results:,}, database size: {size}")

    stats_timing, figures = timed(stats_command, options.runs)
    sql_timing, baseline = timed(research_sql.figures, options.runs)
    differences = research_sql.compare(figures, baseline)
    if options.explain:
        print(research_sql.explain())
    cold = measured([OOGST, "research", "stats", "--format", "json"], env)

    lines = ["", "| measure | figure |", "|---|---:|"]
    if generated is not None:
        n = options.engagements
        lines += [
            f"| generate {n:,} engagements (seed {options.seed}) | {generated.seconds:.0f} s |",
            f"| generate rate | {n / generated.seconds:,.0f} engagements/s, "
            f"{results / generated.seconds:,.0f} results/s |",
            f"| generate peak memory | {generated.peak_mb:.0f} MB |",
        ]
    ratio = stats_timing.median / sql_timing.median
    lines += [
        f"| included engagements (consented) | {figures['engagements']:,} |",
        f"| `research stats` warm, {options.runs} runs | median {stats_timing.median * 1000:.0f} "
        f"ms, max {stats_timing.worst * 1000:.0f} ms |",
        f"| hand-written SQL, same figures | median {sql_timing.median * 1000:.0f} ms, "
        f"max {sql_timing.worst * 1000:.0f} ms |",
        f"| ratio stats / SQL (medians) | {ratio:.2f} |",
        f"| `oogst research stats` as a process (cold start) | {cold.seconds:.2f} s, "
        f"peak {cold.peak_mb:.0f} MB |",
    ]
    print("\n".join(lines))
    verdict = "MET" if stats_timing.median < 1 and ratio <= 2 else "NOT MET"
    print(f"\ntarget (stats < 1 s warm, within 2x the SQL): {verdict}")
    if differences:
        print("\nThe SQL baseline and `research stats` disagree:")
        for line in differences:
            print(f"  {line}")
        sys.exit(1)
    print("The SQL baseline and `research stats` give the same figures.")


if __name__ == "__main__":
    main()
