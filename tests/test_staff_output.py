"""Staff-facing output is no attack surface: sandboxed templates, formula-safe spreadsheets."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from mailbox_ingest.respond.letters import render_letter
from mailbox_ingest.respond.templates import (
    LetterKind,
    TemplateRenderError,
    build_environment,
    load_letterhead,
    render_acknowledgement,
)
from store.export import neutralise, to_csv, to_xlsx
from tests.test_letters import summary

ESCAPES = [
    # the classic walk from a string to os through the object graph
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.environ }}",
    "{{ self._TemplateReference__context.cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ lipsum.__globals__['os'].environ }}",
]


@pytest.mark.parametrize("payload", ESCAPES)
def test_acknowledgement_template_cannot_reach_os(
    tmp_path: Path, payload: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edited acknowledgement template that reaches for os or the environment fails."""
    monkeypatch.setenv("MAILBOX_INGEST_SMTP_PASSWORD", "s3cret-value")
    (tmp_path / "acknowledgement.txt.j2").write_text(f"Geachte,\n{payload}\n", encoding="utf-8")
    env = build_environment(tmp_path)
    with pytest.raises(TemplateRenderError) as caught:
        render_acknowledgement([summary()], env=env, sender_name="X", reference="R-1")
    assert "s3cret-value" not in str(caught.value)


def test_letter_template_cannot_run_commands(tmp_path: Path) -> None:
    """A letter template that tries to run a shell command fails instead of running it."""
    marker = tmp_path / "ran"
    (tmp_path / "letter_approval.md.j2").write_text(
        "# Brief\n\n{{ cycler.__init__.__globals__.os.system('touch " + str(marker) + "') }}\n",
        encoding="utf-8",
    )
    env = build_environment(tmp_path)
    with pytest.raises(TemplateRenderError):
        render_letter(
            LetterKind.APPROVAL,
            summary(),
            env=env,
            letterhead=load_letterhead(env),
            decided_on=date(2026, 1, 2),
            decided_by="Ann",
        )
    assert not marker.exists()


def test_sandbox_still_renders_the_packaged_templates() -> None:
    """The sandbox does not break the normal templates and filters."""
    subject, body = render_acknowledgement(
        [summary()], env=build_environment(), sender_name="X", reference="R-1"
    )
    assert "Ontvangstbevestiging" in subject
    assert "Bakkerij Vermeulen" in body


HOSTILE = [
    '=HYPERLINK("http://x.example","klik")',
    "+31 2+3",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_neutralise_prefixes_formula_starts(value: str) -> None:
    """A text cell starting like a formula gets a leading apostrophe."""
    assert neutralise(value) == "'" + value


def test_neutralise_leaves_ordinary_values() -> None:
    """Plain text, numbers, dates and None are left as they are."""
    for value in ("Bakkerij Peeters NV", "0123.456.749", 6, -3, 1.5, None, "2017-03-01", ""):
        assert neutralise(value) == value


def test_csv_and_xlsx_exports_hold_no_formula() -> None:
    """Every hostile subject is neutralised in CSV and XLSX, nested values included."""
    records = [{"subject": v, "workplace": {"name": v}, "n": 3} for v in HOSTILE]
    rows = list(csv.DictReader(io.StringIO(to_csv(records))))
    assert [r["subject"] for r in rows] == ["'" + v for v in HOSTILE]
    assert [r["workplace.name"] for r in rows] == ["'" + v for v in HOSTILE]
    ws = load_workbook(io.BytesIO(to_xlsx(records))).active
    assert ws is not None
    cells = [row for row in ws.iter_rows(min_row=2, values_only=True)]
    assert [c[0] for c in cells] == ["'" + v for v in HOSTILE]
    assert all(c[2] == 3 for c in cells)
    assert all(ws.cell(r, 1).data_type == "s" for r in range(2, len(HOSTILE) + 2))


def test_csv_columns_are_every_records_keys() -> None:
    """Records whose nested objects differ (a response with a reason, one without) share a
    header that names every column; a missing value is an empty cell."""
    rows = to_csv(
        [
            {"id": 1, "response": {"kind": "none"}},
            {"id": 2, "response": {"kind": "email", "reason": "daily_limit"}},
        ]
    )
    assert rows.splitlines() == [
        "id,response.kind,response.reason",
        "1,none,",
        "2,email,daily_limit",
    ]
