"""Every module of `oogst` sits in exactly one layer of the import-linter contract.

`lint-imports` (a lint step of `./scripts/test`) checks the imports between the layers
named in pyproject.toml; a module that no layer names would be checked by nobody. Closing
and results are split across layers (their pages above the read side, the rest below), so
their subpackages are named one by one, and a new one must be placed here on purpose.
"""

import pkgutil
import tomllib
from pathlib import Path

import oogst

ROOT = Path(__file__).resolve().parent.parent


def _layers() -> list[list[str]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    contract = next(c for c in config["contracts"] if c["id"] == "lifecycle")
    return [[m.strip() for m in layer.replace("|", ":").split(":")] for layer in contract["layers"]]


def _modules() -> list[str]:
    found = []
    for info in pkgutil.walk_packages(oogst.__path__, prefix="oogst."):
        found.append(info.name)
    return found


def _owners(module: str, named: list[str]) -> list[str]:
    return [n for n in named if module == n or module.startswith(n + ".")]


def test_every_module_is_in_exactly_one_layer() -> None:
    named = [m for layer in _layers() for m in layer]
    # A package whose children are placed one by one has no layer of its own: its
    # `__init__` must stay empty of imports for that to hold.
    split = {"oogst.closing", "oogst.results"}
    unplaced = [m for m in _modules() if m not in split and len(_owners(m, named)) != 1]
    assert unplaced == [], "place these modules in a layer in pyproject.toml"


def test_the_split_packages_import_nothing_themselves() -> None:
    for package in ("closing", "results"):
        init = ROOT / "oogst" / package / "__init__.py"
        assert "import" not in init.read_text(), init


def test_the_order_is_the_lifecycle() -> None:
    firsts = [layer[0] for layer in _layers()]
    order = [
        "oogst.cli",
        "oogst.interchange",
        "oogst.research",
        "oogst.notifications",
        "oogst.dashboard",
        "oogst.harvest",
        "oogst.closing.models",
        "oogst.results.models",
        "oogst.contracting",
        "oogst.engagements",
        "oogst.accounts",
    ]
    assert firsts[: len(order)] == order
