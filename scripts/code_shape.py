"""Print the shape of the product code: module sizes and function lengths.

Usage: `python -m scripts.code_shape [ROOT]` (default: the current folder). Counts the
modules of the product packages (`mailbox_ingest`, `parsers`, `store`), not tests.
"""

from __future__ import annotations

import ast
import statistics
import sys
from pathlib import Path

PACKAGES = ("mailbox_ingest", "parsers", "store")
LONG = 50


def functions(tree: ast.AST) -> list[tuple[str, int]]:
    """(name, lines) of every function and method in a module."""
    return [
        (node.name, (node.end_lineno or node.lineno) - node.lineno + 1)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    ]


def main(root: Path) -> None:
    """Print median and largest module, the longest function and the count over 50 lines."""
    sizes: dict[str, int] = {}
    funcs: list[tuple[str, int]] = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            name = str(path.relative_to(root))
            sizes[name] = len(text.splitlines())
            funcs += [(f"{name}:{fn}", n) for fn, n in functions(ast.parse(text))]
    largest = max(sizes, key=lambda k: sizes[k])
    longest = max(funcs, key=lambda f: f[1])
    print(f"modules: {len(sizes)}")
    print(
        f"module lines: median {statistics.median(sizes.values()):.0f}, "
        f"max {sizes[largest]} ({largest})"
    )
    print(f"functions: {len(funcs)}; longest {longest[1]} lines ({longest[0]})")
    print(f"functions over {LONG} lines: {sum(1 for _, n in funcs if n > LONG)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path())
