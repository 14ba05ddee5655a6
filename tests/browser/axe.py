"""axe-core in the browser tests: inject it into a page, run it, report what it found.

The page's context must be opened with `bypass_csp=True`: Oogst's content security policy
rightly refuses the injected script. The script's path comes from the `axe_script`
fixture (tests/conftest.py); scripts/test installs axe-core with npm into a cache folder
outside the repository and passes the path in OOGST_AXE.

`violations(page, script)` gives the violations that fail a test (critical, serious and
moderate), one readable line each; `audit(page, script)` gives every violation, minor ones
too. Each audit's counts go to `test-artifacts/axe-counts.json`, per page label.
"""

import json
from collections.abc import Collection
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

from tests.conftest import ARTIFACTS

# WCAG 2.0 and 2.1, A and AA, and axe's best practices: these hold the rules on unique
# landmarks (landmark-unique, landmark-no-duplicate-banner, ...) and on the order of the
# headings (heading-order).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
FAILING = ("critical", "serious", "moderate")
IMPACTS = (*FAILING, "minor")
TARGETS_SHOWN = 3
COUNTS = ARTIFACTS / "axe-counts.json"

_counts: dict[str, dict[str, Any]] = {}  # this session's audits, written after each one

RUN = """options => axe.run(document, options).then(result => result.violations.map(v => ({
  id: v.id, impact: v.impact, help: v.help,
  targets: v.nodes.map(node => node.target.map(String).join(" >>> ")),
})))"""


def audit(page: Page, script: Path, label: str = "") -> list[dict[str, Any]]:
    """Every violation axe finds on the page as it stands; recorded under `label` (or the
    page's path) in test-artifacts/axe-counts.json."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(script))
    found: list[dict[str, Any]] = page.evaluate(
        RUN, {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
    )
    _record(label or page.url, found)
    return found


def violations(
    page: Page, script: Path, label: str = "", tolerate: Collection[tuple[str, str]] = ()
) -> list[str]:
    """The critical, serious and moderate violations on the page, one line each: rule,
    impact, what it asks for, how many elements and the first few of them. `tolerate`:
    (rule, target) pairs left out, each a known violation a test names with its reason."""
    found = []
    for violation in audit(page, script, label):
        targets = [t for t in violation["targets"] if (violation["id"], t) not in tolerate]
        if violation["impact"] in FAILING and targets:
            found.append(describe({**violation, "targets": targets}, label or page.url))
    return found


def describe(violation: dict[str, Any], where: str) -> str:
    targets = violation["targets"]
    more = f" and {len(targets) - TARGETS_SHOWN} more" if len(targets) > TARGETS_SHOWN else ""
    return (
        f"{where}: {violation['id']} ({violation['impact']}): {violation['help']}; "
        f"{len(targets)} element(s): {', '.join(targets[:TARGETS_SHOWN])}{more}"
    )


def _record(label: str, found: list[dict[str, Any]]) -> None:
    _counts[label] = {
        "rules": {impact: sum(v["impact"] == impact for v in found) for impact in IMPACTS},
        "elements": {
            impact: sum(len(v["targets"]) for v in found if v["impact"] == impact)
            for impact in IMPACTS
        },
        "violations": {v["id"]: [v["impact"], len(v["targets"])] for v in found},
    }
    ARTIFACTS.mkdir(exist_ok=True)
    COUNTS.write_text(json.dumps(_counts, indent=2, sort_keys=True) + "\n", encoding="utf-8")
