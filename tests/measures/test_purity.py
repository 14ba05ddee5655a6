"""measures must stay plain Python: every stage of the lifecycle may ask it."""

import ast
from pathlib import Path

import pytest

import oogst.measures

MODULES = sorted(Path(oogst.measures.__file__).parent.glob("*.py"))


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_package_has_its_modules():
    assert {p.stem for p in MODULES} >= {"gas", "roi", "alignment", "pairs", "agenda", "report"}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
def test_imports_nothing_of_django_or_other_stages(path):
    for name in imported(path):
        top = name.split(".")[0]
        assert top != "django", f"{path.name} imports {name}"
        if top == "oogst":
            assert name.startswith("oogst.measures"), f"{path.name} imports {name}"
