"""Every format of the 2017 report shows the hand-worked figures of `tests.report_data`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook

from mailbox_ingest import reports
from mailbox_ingest.config import RegimeSettings
from mailbox_ingest.domain.enums import ReportFormat
from mailbox_ingest.reports.model import PartnerContract, Section
from mailbox_ingest.reports.plot import build_figure
from store.db import Database
from tests.report_data import store_rows

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
NOW = dt.datetime(2026, 1, 15, 8, 0, tzinfo=dt.UTC)

# Worked out by hand from tests/report_data.py (see test_reports_store.py for the reasoning).
HEADLINE = {"New contracts": 8, "Fixed term": 4, "Indefinite duration": 3}
KINDS = {
    "Regular company": 4,
    "Maatwerkbedrijf": 1,
    "Beschutte werkplaats": 1,
    "Sociale werkplaats": 1,
    "Flemish government": 1,
    "Other public body": 0,
    "Non-profit": 0,
    "Unknown": 0,
}
PROVINCES = {
    "Antwerpen": 2,
    "Oost-Vlaanderen": 2,
    "Brussels-Capital Region": 1,
    "Vlaams-Brabant": 1,
    "Unknown (no postcode)": 2,
    "Limburg": 0,
    "Namur": 0,
}
REASONS = {"Not the counterpart's core activity": 2, "Late notification": 1, "Other": 0}
ACTIVE = {"Active": 7, "Active without known end": 3, "Ended by termination": 2}
ANNEX = [
    ("Alfa NV", "0411.111.111", "Werkplaats A", dt.date(2017, 2, 1), 5, "Verpakken"),
    ("Alfa NV", "0411.111.111", "Werkplaats B", dt.date(2017, 4, 1), 3, "Schoonmaak"),
    ("Beta BV", "0422.222.222", "Werkplaats A", dt.date(2017, 6, 1), 4, "Montage"),
    ("Eta CV", "0477.777.777", "Werkplaats A", dt.date(2016, 12, 1), 2, "Logistiek"),
]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[reports.YearReport]:
    """The 2017 report of the known contracts (SQLite; the store tests cover PostgreSQL)."""
    db = Database(f"sqlite:///{tmp_path_factory.mktemp('report')}/store.sqlite3")
    with db.session() as s:
        store_rows(s)
    with db.session() as s:
        yield reports.build_report(s, 2017, RegimeSettings(), now=NOW)
    db.dispose()


@pytest.fixture(scope="module")
def png(report: reports.YearReport) -> bytes:
    """The chart, drawn once."""
    return reports.plot_png(report)


def test_json_keys_and_figures(report: reports.YearReport) -> None:
    """The JSON nests the issue's keys and carries the hand-worked numbers, dates ISO."""
    data = json.loads(reports.to_json(report))
    assert set(data) >= {
        "new_contracts",
        "regular_companies",
        "with_workplaces",
        "refused",
        "flemish_government",
        "by_province",
        "active",
        "per_month",
    }
    assert data["new_contracts"]["total"] == 8
    assert data["new_contracts"]["by_counterpart_kind"]["regular_company"] == 4
    assert data["new_contracts"]["workers"] == {"sum": 23, "mean": 3.29}
    assert data["active"] == {
        "on": "2017-12-31",
        "total": 7,
        "without_known_end": 3,
        "ended_by_termination": 2,
    }
    assert data["refused"]["by_reason"]["not_core_activity"] == 2
    assert data["by_province"]["antwerpen"] == 2
    assert data["regular_companies"][0]["contracts"][0]["start_date"] == "2017-02-01"
    assert data["statuses_counted"]["refused"] == ["rejected"]
    assert data["statuses_counted"]["new_contracts"] == ["accepted", "needs_review"]


def _md_rows(text: str) -> dict[str, list[str]]:
    """First cell -> the other cells of every markdown table row."""
    rows = {}
    for line in text.splitlines():
        if line.startswith("| ") and not line.startswith("|---"):
            cells = [c.strip() for c in line.strip("|").split(" | ")]
            rows.setdefault(cells[0], cells[1:])
    return rows


def test_markdown_figures(report: reports.YearReport) -> None:
    """The terminal report's tables hold the same numbers."""
    text = reports.render_markdown(report)
    rows = _md_rows(text)
    for name, value in {**HEADLINE, **KINDS, **PROVINCES, **REASONS, **ACTIVE}.items():
        assert rows[name][-1] == str(value), name
    assert rows["Target-group workers, sum"] == ["23"]
    assert rows["Target-group workers, mean per contract"] == ["3.29"]
    assert rows["2017-01"] == ["legacy", "2"] and rows["2016-02"] == ["legacy", "2"]
    assert rows["Agentschap Wegen en Verkeer"] == ["Werkplaats B", "Archivering"]
    assert "| Alfa NV | 0411.111.111 | Werkplaats B | 2017-04-01 | 3 | Schoonmaak |" in text
    assert "## Refused (3)" in text and "## With other workplaces (3)" in text
    assert "accepted contracts and contracts still to review" in text


def test_xlsx_reread(report: reports.YearReport, png: bytes) -> None:
    """The workbook: cover, contents, tidy sheets without merged cells, annex, chart, print."""
    data = reports.render_xlsx(report, png)
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames[:2] == ["Cover", "Contents"] and wb.sheetnames[-2:] == ["Annex", "Chart"]
    cover = {row[0]: row[1] for row in wb["Cover"].iter_rows(values_only=True) if row[0]}
    assert wb["Cover"]["A1"].value == "Enclave contracts 2017"
    assert "refused" in cover["Question"] and cover["Data date"] == dt.datetime(2026, 1, 15, 9)
    assert "Active" in cover and "Statuses counted" in cover
    links = [c.hyperlink.location for c in wb["Contents"]["A"] if c.hyperlink]
    assert len(links) == len(wb.sheetnames) - 2
    for ws in wb.worksheets:
        assert not ws.merged_cells.ranges, ws.title
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage

    def table(name: str) -> list[tuple[object, ...]]:
        rows = list(wb[name].iter_rows(min_row=5, values_only=True))
        assert wb[name].print_title_rows == "$4:$4"
        return rows

    def by_label(name: str) -> dict[object, object]:
        return {r[1]: r[2] for r in table(name)}

    assert by_label("Counterpart kinds") == KINDS
    assert {k: v for k, v in by_label("Provinces").items() if k in PROVINCES} == PROVINCES
    assert {k: v for k, v in by_label("Refusals").items() if k in REASONS} == REASONS
    assert by_label("Active") == ACTIVE
    summary = {r[0]: r[2] for r in table("Summary")}
    assert summary["new_contracts.total"] == 8 and summary["new_contracts.workers.mean"] == 3.29
    assert summary["refused.total"] == 3 and summary["flemish_government.total"] == 1
    assert [r[:6] for r in table("Annex")] == [
        (*a[:3], dt.datetime.combine(a[3], dt.time()), *a[4:]) for a in ANNEX
    ]
    months = {r[0]: (r[1], r[2]) for r in table("Per month")}
    assert len(months) == 118 and months["2016-02"] == ("legacy", 2)
    with zipfile.ZipFile(io.BytesIO(data)) as parts:
        [media] = [n for n in parts.namelist() if n.startswith("xl/media/")]
        assert parts.read(media) == png  # the chart, embedded as it was drawn


def test_pdf_pages(report: reports.YearReport, png: bytes) -> None:
    """A few A4 pages holding the figures; each page saved as PNG under tests/artifacts/."""
    pdf = pdfium.PdfDocument(reports.render_pdf(report, png))
    ARTIFACTS.mkdir(exist_ok=True)
    text = ""
    try:
        assert 2 <= len(pdf) <= 8
        for i, page in enumerate(pdf, start=1):
            assert (round(page.get_width()), round(page.get_height())) == (595, 842)
            text += page.get_textpage().get_text_range() + "\n"
            path = ARTIFACTS / f"report-2017-page-{i}.png"
            page.render(scale=1.5).to_pil().save(path)
            print(f"PDF page {i}: {path}")
    finally:
        pdf.close()
    flat = " ".join(text.split())
    for name, value in {**HEADLINE, **KINDS, **ACTIVE, **PROVINCES, **REASONS}.items():
        assert re.search(rf"{re.escape(name)} {value}\b", flat), name
    assert "Target-group workers, mean 3.29" in flat
    assert "Agentschap Wegen en Verkeer Flemish government 0455.555.555" in flat
    assert "Alfa NV 0411.111.111 Werkplaats B 2017-04-01 3 Schoonmaak" in flat
    assert re.search(r"2017 2 0 1 0 1 1 1 1 0 0 0 1 8\b", flat)  # the month grid's 2017 row
    pages = len(re.findall(r"page \d+ of", flat))
    assert f"page {pages} of {pages}" in flat


def test_html_fragment(report: reports.YearReport, png: bytes) -> None:
    """An autoescaped article with the figures and the inlined chart, and no script."""
    hostile = PartnerContract(
        "<script>alert(1)</script> & Co", "flemish_government", None, "W", "<b>x</b>"
    )
    r = dataclasses.replace(report, flemish_government=Section(1, (hostile,)))
    html = reports.render_html(r, png)
    assert html.lstrip().startswith('<article class="enclave-report">')
    assert "<script" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    assert 'src="data:image/png;base64,' in html
    grid = re.search(r'<tr><th scope="row">2017</th>(.*?)</tr>', html)
    assert grid is not None
    assert re.findall(r">([^<]*)</td>", grid.group(1)) == "2 0 1 0 1 1 1 1 0 0 0 1 8".split()
    y2015 = re.search(r'<tr><th scope="row">2015</th>(.*?)</tr>', html)
    assert y2015 is not None and y2015.group(1).count("maatwerk") == 7  # June to December
    found = re.findall(r'<th scope="row">([^<]+)</th><td class="num">([^<]+)</td>', html)
    cells = {unescape(k): v for k, v in found}
    for name, value in {**HEADLINE, **KINDS, **ACTIVE, **PROVINCES, **REASONS}.items():
        assert cells[name] == str(value), name
    assert ".enclave-report" in reports.stylesheet()
    page = reports.render_page(r, png)
    assert page.startswith("<!DOCTYPE html>") and "@page" in page and html in page


def test_plot_one_bar_per_month(report: reports.YearReport, png: bytes) -> None:
    """118 bars with the monthly counts as heights, and the two maatwerk periods shaded."""
    fig = build_figure(report)
    ax = fig.axes[0]
    bars = ax.containers[0]
    assert len(bars) == len(report.per_month) == 118
    assert [b.get_height() for b in bars] == [m.count for m in report.per_month]
    spans = [
        (round(p.get_x(), 3), round(p.get_x() + p.get_width(), 3))
        for p in ax.patches
        if p not in list(bars)
    ]
    # June 2015 (month 0, the first in the store) to the end of 7 February 2016 (month 8,
    # 7 of 29 days), then January 2019 (month 43) to the end of March 2025 (month 117)
    assert spans == [(0.0, round(8 + 7 / 29, 3)), (43.0, 118.0)]
    assert png.startswith(b"\x89PNG\r\n\x1a\n")


@pytest.mark.parametrize(
    ("fmt", "media_type", "magic"),
    [
        (ReportFormat.MD, "text/markdown; charset=utf-8", b"# Enclave contracts 2017"),
        (ReportFormat.JSON, "application/json", b"{"),
        (
            ReportFormat.XLSX,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            b"PK\x03\x04",
        ),
        (ReportFormat.PDF, "application/pdf", b"%PDF-"),
    ],
)
def test_render_for_downloads(
    report: reports.YearReport, fmt: ReportFormat, media_type: str, magic: bytes
) -> None:
    """Each format comes with its media type and a file name for a download button."""
    out = reports.render(report, fmt)
    assert out.data.startswith(magic)
    assert out.media_type == media_type
    assert out.filename == f"enclave-contracts-2017.{fmt.value}"
