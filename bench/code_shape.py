"""The shape of the code: function lengths and module sizes under `oogst/` (no migrations).

    .venv/bin/python bench/code_shape.py

Prints the number of functions, their median and 90th-percentile length in lines (from
`def` to the last line, docstring included), the longest functions, and the largest
modules by lines. Pure reading of the source; no Django needed.
"""

import ast
import statistics
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "oogst"


def main() -> int:
    functions: list[tuple[int, str]] = []
    modules: list[tuple[int, str]] = []
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        source = path.read_text()
        name = str(path.relative_to(ROOT.parent))
        modules.append((len(source.splitlines()), name))
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                functions.append((length, f"{name}:{node.lineno} {node.name}"))
    lengths = sorted(n for n, _ in functions)
    print(
        f"functions: {len(lengths)}, median {statistics.median(lengths)} lines, "
        f"90th percentile {lengths[int(len(lengths) * 0.9)]} lines"
    )
    print("longest functions:")
    for n, where in sorted(functions, reverse=True)[:5]:
        print(f"  {n:4} {where}")
    print("largest modules:")
    for n, name in sorted(modules, reverse=True)[:5]:
        print(f"  {n:4} {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
