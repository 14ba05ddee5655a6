"""Import throughput: export generated engagements to a folder, then `oogst import FOLDER`.

Run from the project root (as root, like `research_stats.py`):

    .venv/bin/python bench/generate_import.py [--engagements 1000] [--seed 2]

Without DATABASE_URL it starts a throwaway PostgreSQL cluster with two databases: the
engagements are generated in the first, written to a temporary folder with the
interchange export service (one document per engagement), and imported into the second,
empty one by `oogst import FOLDER` as its own process: documents/s and peak memory.
With DATABASE_URL it generates and imports in that one database (the people are found
again by e-mail address, the engagements are added a second time).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from research_stats import OOGST, PGBIN, ROOT, measured, postgres


def export_all(folder: Path) -> int:
    """Every engagement of the database as `<id>.json` in `folder`; how many."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from oogst.engagements.models import Engagement
    from oogst.interchange.services import engagement_export

    ids = list(Engagement.objects.order_by("id").values_list("id", flat=True))
    for engagement_id in ids:
        document = engagement_export(engagement_id=engagement_id)
        (folder / f"{engagement_id:07d}.json").write_text(
            json.dumps(document, ensure_ascii=False), encoding="utf-8"
        )
    return len(ids)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engagements", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2)
    options = parser.parse_args()
    separate = "DATABASE_URL" not in os.environ
    with postgres() as url, tempfile.TemporaryDirectory(prefix="oogst-documents-") as tmp:
        folder = Path(tmp)
        target = url
        if separate:  # a second, empty database in the same cluster
            base, _, _ = url.rpartition("/")
            port = base.rpartition(":")[2]
            subprocess.run(
                [str(PGBIN / "createdb"), "-h", "127.0.0.1", "-p", port, "-U", "postgres",
                 "oogst_import"],
                check=True,
            )  # fmt: skip
            target = f"{base}/oogst_import"
        for database in dict.fromkeys((url, target)):
            env = {**os.environ, "DATABASE_URL": database}
            subprocess.run([OOGST, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
        source_env = {**os.environ, "DATABASE_URL": url}
        subprocess.run(
            [OOGST, "generate", "--engagements", str(options.engagements),
             "--seed", str(options.seed)],
            env=source_env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        os.environ["DATABASE_URL"] = url
        documents = export_all(folder)
        size = sum(p.stat().st_size for p in folder.iterdir()) / 1024 / 1024
        print(f"exported {documents:,} documents ({size:.1f} MB) to {folder}")
        imported = measured([OOGST, "import", str(folder)], {**os.environ, "DATABASE_URL": target})
        print(imported.stdout.strip())
        print()
        print("| measure | figure |")
        print("|---|---:|")
        print(f"| `oogst import FOLDER`, {documents:,} documents | {imported.seconds:.1f} s |")
        print(f"| import rate | {documents / imported.seconds:.0f} documents/s |")
        print(f"| import peak memory | {imported.peak_mb:.0f} MB |")


if __name__ == "__main__":
    main()
