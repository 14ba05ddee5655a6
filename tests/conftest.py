"""Shared fixtures and the CI rule.

- With `CI=true` a skipped test fails: in CI every test must run, so a test that needs
  PostgreSQL or a browser and finds none fails with its skip reason.
- Every test under `tests/browser/` is marked `browser` and gets Chromium through
  Playwright's sync API: a session-wide `browser` and a `new_context` factory (one
  context per party, so each has its own cookies). On failure their pages are saved as
  screenshots in `test-artifacts/`.
- `axe_script`: the path of axe-core's `axe.min.js` for the accessibility tests
  (`OOGST_AXE`, which scripts/test sets, else the newest copy in the cache scripts/test
  installs it into); without it those tests are skipped, and fail under CI=true.
"""

import os
import re
import shutil
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.parties import Trio, make_trio

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext

ROOT = Path(__file__).resolve().parent.parent
BROWSER_TESTS = Path(__file__).resolve().parent / "browser"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


_reports_key = pytest.StashKey[dict[str, pytest.TestReport]]()


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


# ---------------------------------------------------------------- CI: a skip is a failure


def _skip_reason(report: pytest.TestReport | pytest.CollectReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    item.stash.setdefault(_reports_key, {})[report.when] = report
    # An expected failure (xfail) is reported as skipped too; that one is allowed.
    if in_ci() and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"Skipped, and CI=true requires every test to run: {_skip_reason(report)}"
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(
    collector: pytest.Collector,
) -> Generator[None, pytest.CollectReport, pytest.CollectReport]:
    report = yield
    if in_ci() and report.skipped:
        report.outcome = "failed"
        report.longrepr = (
            f"Module skipped, and CI=true requires every test to run: {_skip_reason(report)}"
        )
    return report


# ---------------------------------------------------------------- browser tests


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(BROWSER_TESTS):
            item.add_marker(pytest.mark.browser)


def chromium_path() -> str | None:
    """OOGST_CHROMIUM if set (scripts/test sets it), else chromium on PATH."""
    configured = os.environ.get("OOGST_CHROMIUM")
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator["Browser"]:
    executable = chromium_path()
    if executable is None:
        where = os.environ.get("OOGST_CHROMIUM")
        pytest.skip(
            f"Chromium not found{f' at OOGST_CHROMIUM={where}' if where else ' on PATH'}"
            " (install chromium, e.g. apt-get install -y chromium)"
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; Django's ORM would refuse
    # to run from the test body without this.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=executable, headless=True, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def axe_path() -> Path | None:
    """OOGST_AXE if set (scripts/test sets it, empty when it has none), else the newest
    axe.min.js in the cache folder scripts/test installs axe-core into (the version is
    pinned there)."""
    configured = os.environ.get("OOGST_AXE")
    if configured is not None:
        return Path(configured) if configured and Path(configured).is_file() else None
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "oogst"
    found = sorted(
        cache.glob("axe-core-*/node_modules/axe-core/axe.min.js"),
        key=lambda path: [int(n) for n in re.findall(r"\d+", path.parents[2].name)],
    )
    return found[-1] if found else None


@pytest.fixture(scope="session")
def axe_script() -> Path:
    found = axe_path()
    if found is None:
        where = os.environ.get("OOGST_AXE")
        pytest.skip(
            f"axe-core not found{f' at OOGST_AXE={where}' if where else ''}"
            " (scripts/test installs it with npm: install npm, e.g. apt-get install -y npm,"
            " or set OOGST_AXE to an axe.min.js)"
        )
    return found


@pytest.fixture
def new_context(
    browser: "Browser", request: pytest.FixtureRequest
) -> Iterator[Callable[..., "BrowserContext"]]:
    """Makes browser contexts (one per person: own cookies); closes them after the test."""
    contexts: list[BrowserContext] = []

    def make(**options: Any) -> "BrowserContext":
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make

    reports = request.node.stash.get(_reports_key, {})
    if any(report.failed for report in reports.values()):
        _save_screenshots(request.node.name, contexts)
    for context in contexts:
        context.close()


def _save_screenshots(test_name: str, contexts: list["BrowserContext"]) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    stem = re.sub(r"[^\w.-]+", "_", test_name)
    for c, context in enumerate(contexts, start=1):
        for p, page in enumerate(context.pages, start=1):
            path = ARTIFACTS / f"FAILED-{stem}-context{c}-page{p}.png"
            try:
                page.screenshot(path=str(path), full_page=True)
            except Exception as error:  # a crashed page must not hide the real failure
                print(f"could not save {path}: {error}")


# ---------------------------------------------------------------- the three parties


@pytest.fixture
def trio(db: None) -> Trio:
    """alice (client), bob (coach) and charlie (sponsor) of one engagement; dave is no party."""
    return make_trio()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: pytest.FixtureRequest) -> None:
    # The default hasher is slow on purpose; tests log in with force_login or a known password.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]
