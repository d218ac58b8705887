"""The layers point one way: a test that walks every import of the product.

Layers, bottom to top: `mailbox_ingest.domain` (enums, value types, the error root) ->
`parsers` and `store` -> the application (`mailbox_ingest` without `domain`). The product never
imports the tests, the samples or the test kit. A module's imports are read with `ast`, so an
import inside a function counts as much as one at the top.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PRODUCT = ("mailbox_ingest", "parsers", "store", "migrations")
NOT_PRODUCT = ("tests", "samples", "testkit", "bench", "scripts")


def imports_of(path: Path) -> Iterator[tuple[int, str]]:
    """Every absolute module name a file imports, with its line number."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module


def modules(package: str) -> list[Path]:
    """The Python files of one top-level package of the repository."""
    return sorted((ROOT / package).rglob("*.py"))


def is_under(name: str, package: str) -> bool:
    """Whether a dotted module name is `package` or inside it."""
    return name == package or name.startswith(package + ".")


def violations(
    package: str, forbidden: tuple[str, ...], allowed: tuple[str, ...] = ()
) -> list[str]:
    """`file:line imports X` for each import of a forbidden package (allowed ones excepted)."""
    found = []
    for path in modules(package):
        for line, name in imports_of(path):
            if any(is_under(name, bad) for bad in forbidden) and not any(
                is_under(name, ok) for ok in allowed
            ):
                found.append(f"{path.relative_to(ROOT)}:{line} imports {name}")
    return found


@pytest.mark.parametrize("package", ["parsers", "store"])
def test_lower_layers_do_not_import_the_application(package: str) -> None:
    """`parsers/` and `store/` import from `mailbox_ingest` only its `domain` package."""
    assert violations(package, ("mailbox_ingest",), allowed=("mailbox_ingest.domain",)) == []


def test_parsers_do_not_import_the_store() -> None:
    """Parsing is pure: `parsers/` never reaches into the database layer."""
    assert violations("parsers", ("store",)) == []


def test_domain_imports_nothing_of_the_project() -> None:
    """The bottom layer depends on the standard library and third parties only."""
    domain = ROOT / "mailbox_ingest" / "domain"
    project = (*PRODUCT, *NOT_PRODUCT)
    found = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for path in sorted(domain.rglob("*.py"))
        for line, name in imports_of(path)
        if any(is_under(name, p) for p in project) and not is_under(name, "mailbox_ingest.domain")
    ]
    assert found == []


@pytest.mark.parametrize("package", PRODUCT)
def test_product_never_imports_tests_or_samples(package: str) -> None:
    """The product depends on no test, sample corpus, test kit, benchmark or script."""
    assert violations(package, NOT_PRODUCT) == []


def test_the_walker_sees_a_violation(tmp_path: Path) -> None:
    """The import walker finds imports at top level and inside functions."""
    source = tmp_path / "m.py"
    source.write_text("import os\n\ndef f():\n    from mailbox_ingest.pipeline import x\n")
    assert [name for _, name in imports_of(source)] == ["os", "mailbox_ingest.pipeline"]
