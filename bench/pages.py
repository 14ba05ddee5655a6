"""Queries per engagement page, and what a single result's page costs as the register grows.

    .venv/bin/python bench/pages.py [--runs 20] [--json FILE]

On a fresh SQLite database in a temporary folder: the three parties of `tests/parties.py`
(client, coach, sponsor) with their engagement, then

1. every page of the engagement that answers GET (found from the URL configuration), as
   each party: its status, its number of SQL queries, and how many of those read a row
   the page had read already (the same SQL with the same parameters run twice);
2. a single result's page (`results:result`) and its judgement fragment, as the client,
   in an engagement with 10 and with 200 results: the median and max wall time over
   `--runs` requests after one warm-up, and the queries.

Query counts are exact and repeatable; times depend on the machine (two cores here).
"""

import argparse
import json
import logging
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="timed requests per case (20)")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="oogst-bench-") as data_dir:
        figures = _run(data_dir, runs=args.runs)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))
    return 0


def _setup(data_dir: str) -> None:
    os.environ["OOGST_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DEBUG"] = "false"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0, interactive=False)
    logging.getLogger("django.request").setLevel(logging.CRITICAL)  # the 403s are expected


def _run(data_dir: str, *, runs: int) -> dict[str, Any]:
    _setup(data_dir)
    from tests.parties import make_trio

    trio = make_trio()
    return {"pages": _pages(trio), "result_page": _result_page(trio, runs=runs)}


def _queries(client: Any, url: str, **headers: str) -> tuple[int, int, int]:
    """(status, queries, repeated reads) of one GET."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    statements = Counter(q["sql"] for q in captured.captured_queries)
    repeated = sum(n - 1 for n in statements.values() if n > 1)
    return response.status_code, len(captured.captured_queries), repeated


def _pages(trio: Any) -> dict[str, dict[str, list[int]]]:
    from django.test import Client

    from tests.engagement_urls import engagement_urls

    urls = engagement_urls(trio.engagement.pk, key="R1", number=1)
    table: dict[str, dict[str, list[int]]] = {}
    print(f"{'page':38} {'client':>14} {'coach':>14} {'sponsor':>14}   (queries/repeated)")
    for name, url in sorted(urls.items()):
        row = {}
        for party in ("alice", "bob", "charlie"):
            client = Client()
            client.force_login(getattr(trio, party))
            client.get(url)  # warm: sessions, caches, template loading
            status, count, repeated = _queries(client, url)
            row[party] = [status, count, repeated]
        if all(v[0] != 200 for v in row.values()):
            continue
        table[name] = row
        cells = [f"{v[1]:>5}/{v[2]:<3}" if v[0] == 200 else f"{v[0]:>9}" for v in row.values()]
        print(f"{name:38} {cells[0]:>14} {cells[1]:>14} {cells[2]:>14}")
    return table


def _result_page(trio: Any, *, runs: int) -> dict[str, Any]:
    from django.test import Client
    from django.urls import reverse

    from tests import factories as f

    out: dict[str, Any] = {}
    client = Client()
    client.force_login(trio.alice)
    present = 3
    print(f"\n{'results:result':24} {'results':>8} {'median ms':>10} {'max ms':>8} {'queries':>8}")
    for size in (10, 200):
        for n in range(present + 1, size + 1):
            f.ResultFactory(engagement=trio.engagement, key=f"X{n}", text=f"Extra {n}", position=n)
        present = size
        for name in ("results:result", "results:judgement"):
            url = reverse(name, args=[trio.engagement.pk, "R1"])
            client.get(url)
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (name, response.status_code)
            _status, queries, _repeated = _queries(client, url)
            median, worst = statistics.median(times), max(times)
            out[f"{name}@{size}"] = {"median_ms": median, "max_ms": worst, "queries": queries}
            print(f"{name:24} {size:>8} {median:>10.1f} {worst:>8.1f} {queries:>8}")
    return out


if __name__ == "__main__":
    raise SystemExit(main())
