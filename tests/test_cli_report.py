"""`mailbox-ingest report` end to end: every format from a configured store, one-line errors."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from store.db import Database
from tests.report_data import store_rows


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A config file pointing at a SQLite store holding the known contracts."""
    folder = tmp_path_factory.mktemp("cli-report")
    db = Database(f"sqlite:///{folder}/store.sqlite3")
    with db.session() as s:
        store_rows(s)
    db.dispose()
    path = folder / "config.toml"
    path.write_text(f'[database]\nurl = "sqlite:///{folder}/store.sqlite3"\n')
    return path


def cli(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `mailbox-ingest --config CONFIG report ARGS...`."""
    return subprocess.run(
        [sys.executable, "-m", "mailbox_ingest", "--config", str(config), "report", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_markdown_to_the_terminal(config: Path) -> None:
    """Without --format and --output the markdown report goes to stdout."""
    run = cli(config, "--year", "2017")
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("# Enclave contracts 2017")
    assert "| New contracts | 8 |" in run.stdout and "| Active | 7 |" in run.stdout


def test_json_with_active_on(config: Path) -> None:
    """--active-on moves the active count (7 on 30 June 2017, one ended by termination)."""
    run = cli(config, "--year", "2017", "--format", "json", "--active-on", "2017-06-30")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["new_contracts"]["total"] == 8
    assert data["active"] == {
        "on": "2017-06-30",
        "total": 7,
        "without_known_end": 2,
        "ended_by_termination": 1,
    }


def test_xlsx_and_pdf_files(config: Path, tmp_path: Path) -> None:
    """The binary formats are written where --output says, and say so on stderr."""
    xlsx, pdf = tmp_path / "r.xlsx", tmp_path / "r.pdf"
    for fmt, out in (("xlsx", xlsx), ("pdf", pdf)):
        run = cli(config, "--year", "2017", "-f", fmt, "-o", str(out))
        assert run.returncode == 0, run.stderr
        assert run.stdout == "" and f"written to {out}" in run.stderr
    summary = {
        r[0]: r[2]
        for r in load_workbook(io.BytesIO(xlsx.read_bytes()))["Summary"].iter_rows(
            min_row=5, values_only=True
        )
    }
    assert summary["new_contracts.total"] == 8
    assert pdf.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2017", "-f", "pdf"], "error: --format pdf writes a file: give --output FILE"),
        (["--year", "2017", "-f", "xlsx"], "error: --format xlsx writes a file"),
        (
            ["--year", "2017", "--active-on", "31/12/2017"],
            "error: --active-on must be a date like 2017-12-31, not '31/12/2017'",
        ),
        (["--year", "17"], "error: --year must be a year between 1900 and 9998, not 17"),
        (
            ["--year", "2017", "-o", "/nonexistent-dir/r.md"],
            "error: cannot write /nonexistent-dir/r.md: folder /nonexistent-dir does not exist",
        ),
    ],
)
def test_errors_are_one_line(config: Path, args: list[str], message: str) -> None:
    """A user's mistake is one line on stderr, exit code 2, nothing on stdout."""
    run = cli(config, *args)
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr.startswith(message) and run.stderr.count("\n") == 1
