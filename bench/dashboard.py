"""The dashboard of a coach with 500 engagements, on SQLite and on PostgreSQL.

    .venv/bin/python bench/dashboard.py [--engagements 500] [--runs 20] [--json FILE]

Run from the project root as root (PostgreSQL's programs run as the `postgres` user; a
throwaway cluster is started as in `research_stats.py`, or set DATABASE_URL). For each
database, in its own process: migrate a fresh database, build one coach with
`--engagements` engagements spread over the seven stages (`tests/stage_builders.py`: a
third with a sponsor, one in five with a contract that keeps the sessions from it), then

1. the first visit, which writes the stored progress of all of them (`harvest.stored`):
   its wall time and queries;
2. warm visits of the dashboard as it is used: the first page, a stage filter, "waits
   for me", a search by organisation, page 10, the archive: the median and max wall time
   over `--runs` requests after one warm-up, and the queries of one;
3. the same first page after one engagement changed (one row stale).

Times are of Django's test client in the same process (no HTTP server), on two cores.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VISITS = {
    "first page": {},
    "stage = sessions": {"stage": "sessions"},
    "waits for me": {"mine": "1"},
    "search organisation": {"q": "Zwolle"},
    "page 10": {"page": "10"},
    "archive (closed)": {"view": "archive"},
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engagements", type=int, default=500)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_measure(args.engagements, args.runs)))
        return 0
    from bench.research_stats import postgres

    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="oogst-bench-") as data_dir:
        env = {**os.environ, "OOGST_DATA_DIR": data_dir}
        env.pop("DATABASE_URL", None)
        figures["sqlite"] = _child(args, env)
    with postgres("dashboard") as url:
        figures["postgresql"] = _child(args, {**os.environ, "DATABASE_URL": url})
    _print(figures)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))
    return 0


def _child(args: argparse.Namespace, env: dict[str, str]) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", "1"]
    command += ["--engagements", str(args.engagements), "--runs", str(args.runs)]
    done = subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DEBUG"] = "false"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    call_command("migrate", verbosity=0, interactive=False)


def _build(count: int) -> Any:
    from oogst.measures.stages import STAGES
    from tests import factories as f
    from tests.stage_builders import at_stage

    coach = f.UserFactory(is_coach=True, name="Bench Coach")
    organisations = ["Gemeente Zwolle", "Van Dijk Logistiek", "Zorggroep Oost", "Particulier"]
    for i in range(count):
        at_stage(
            STAGES[i % len(STAGES)],
            coach=coach,
            sponsor=f.UserFactory() if i % 3 == 0 else None,
            sponsor_may_see=["goals"] if i % 5 == 0 else None,
            organisation=organisations[i % len(organisations)],
        )
    return coach


def _get(client: Any, query: dict[str, str]) -> tuple[float, int, int]:
    """(seconds, queries, status) of one visit."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get("/", query)
        seconds = time.perf_counter() - started
    return seconds, len(captured.captured_queries), response.status_code


def _measure(engagements: int, runs: int) -> dict[str, Any]:
    _setup()
    from django.db import connection, transaction
    from django.test import Client

    from oogst.engagements.models import Engagement
    from tests import factories as f

    started = time.perf_counter()
    with transaction.atomic():  # one commit: SQLite would sync the disk at every save
        coach = _build(engagements)
    built = time.perf_counter() - started
    client = Client()
    client.force_login(coach)
    cold, cold_queries, _ = _get(client, {})
    figures: dict[str, Any] = {
        "database": connection.vendor,
        "engagements": engagements,
        "build_seconds": round(built, 1),
        "first visit (writes the stored progress)": {"ms": round(cold * 1000, 1),
                                                      "queries": cold_queries},
    }  # fmt: skip
    for name, query in VISITS.items():
        _get(client, query)  # warm-up
        times = []
        for _ in range(runs):
            seconds, queries, status = _get(client, query)
            assert status == 200, status
            times.append(seconds * 1000)
        figures[name] = {
            "median_ms": round(statistics.median(times), 1),
            "max_ms": round(max(times), 1),
            "queries": queries,
        }
    changed = Engagement.objects.filter(participations__person=coach).first()
    times = []
    for i in range(runs):
        f.SessionFactory(engagement=changed, number=100 + i)  # the row goes stale
        seconds, queries, _ = _get(client, {})
        times.append(seconds * 1000)
    figures["first page, one row stale"] = {
        "median_ms": round(statistics.median(times), 1),
        "max_ms": round(max(times), 1),
        "queries": queries,
    }
    return figures


def _print(figures: dict[str, Any]) -> None:
    names = [k for k in figures["sqlite"] if isinstance(figures["sqlite"][k], dict)]
    print(f"{'visit':<44} {'SQLite':>22} {'PostgreSQL':>22}")
    for name in names:
        cells = []
        for db in ("sqlite", "postgresql"):
            row = figures[db][name]
            ms = row.get("median_ms", row.get("ms"))
            extra = f" (max {row['max_ms']})" if "max_ms" in row else ""
            cells.append(f"{ms} ms{extra}, {row['queries']} q")
        print(f"{name:<44} {cells[0]:>22} {cells[1]:>22}")
    for db in ("sqlite", "postgresql"):
        print(f"{db}: built {figures[db]['engagements']} in {figures[db]['build_seconds']} s")


if __name__ == "__main__":
    sys.exit(main())
