"""The report as a PDF of a few pages for the minister's office (ReportLab platypus).

The PDF is laid out from the same tidy tables as the workbook (`reports.tables`), with the
chart, a year-by-month grid of the monthly counts (maatwerk months shaded) and the
definitions. WeasyPrint printing the web page's HTML was tried first: it needed about 15 s
for a year of 2,000 contracts (a 1,600-row annex) against a 5 s budget, so the PDF is drawn
with ReportLab, whose long tables cost milliseconds per page.
"""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Image, LongTable, Paragraph, SimpleDocTemplate, Spacer, Table
from reportlab.platypus.flowables import Flowable, KeepTogether, PageBreak

from mailbox_ingest.domain.enums import Regime
from mailbox_ingest.reports import labels
from mailbox_ingest.reports.model import YearReport
from mailbox_ingest.reports.tables import TabularSheet, month_grid, sheets

WIDTH = A4[0] - 30 * mm
HEAD = colors.HexColor("#e8eef5")
MAATWERK = colors.HexColor("#f2d8a7")


class _NumberedCanvas(Canvas):  # type: ignore[misc]  # ReportLab is untyped
    """Writes "page N of M" on every page once the page count is known."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont("Helvetica", 8)
            self.setFillColor(colors.HexColor("#555555"))
            self.drawRightString(
                A4[0] - 15 * mm, 10 * mm, f"page {self._pageNumber} of {len(self._pages)}"
            )
            super().showPage()
        super().save()


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=base["Title"], alignment=0, fontSize=18),
        "h2": ParagraphStyle("h2", parent=base["Heading2"], fontSize=12, spaceBefore=10),
        "body": ParagraphStyle("b", parent=base["BodyText"], fontSize=9, leading=11),
        "note": ParagraphStyle(
            "n",
            parent=base["BodyText"],
            fontSize=8,
            leading=10,
            textColor=colors.HexColor("#555555"),
        ),
        "head": ParagraphStyle(
            "h", parent=base["BodyText"], fontName="Helvetica-Bold", fontSize=8, leading=9.5
        ),
        "head_num": ParagraphStyle(
            "hn",
            parent=base["BodyText"],
            fontName="Helvetica-Bold",
            fontSize=8,
            leading=9.5,
            alignment=TA_RIGHT,
        ),
        "cell": ParagraphStyle("c", parent=base["BodyText"], fontSize=7.5, leading=9),
    }


def _cell(value: Any, style: ParagraphStyle) -> Any:
    """Long text wraps in a paragraph; numbers and short codes stay plain strings."""
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    text = str(value)
    return Paragraph(escape(text), style) if len(text) > 18 else text


def _table(t: TabularSheet, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    keep = [i for i, h in enumerate(t.header) if h != "Code"]
    widths = [t.widths[i] for i in keep]
    scale = WIDTH / max(sum(widths), 1)
    numeric = [j for j, i in enumerate(keep) if t.rows and isinstance(t.rows[0][i], int | float)]
    rows: list[list[Any]] = [
        [
            Paragraph(escape(t.header[i]), s["head_num" if j in numeric else "head"])
            for j, i in enumerate(keep)
        ]
    ]
    rows += [[_cell(row[i], s["cell"]) for i in keep] for row in t.rows] or [
        ["No contracts", *[""] * (len(keep) - 1)]
    ]
    table = LongTable(rows, colWidths=[w * scale for w in widths], repeatRows=1)
    table.setStyle(
        [
            ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8),
            ("FONT", (0, 1), (-1, -1), "Helvetica", 7.5),
            ("BACKGROUND", (0, 0), (-1, 0), HEAD),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#cccccc")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            *[("ALIGN", (j, 0), (j, -1), "RIGHT") for j in numeric],
        ]
    )
    parts: list[Flowable] = [
        Paragraph(escape(t.title), s["h2"]),
        Paragraph(escape(t.note), s["note"]),
        Spacer(1, 2 * mm),
        table,
    ]
    return parts if len(rows) > 40 else [KeepTogether(parts)]


def _month_grid(r: YearReport, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    """Years down, months across, with the year's total; maatwerk months shaded."""
    rows: list[list[Any]] = [["Year", *labels.MONTHS, "Total"]]
    style: list[Any] = [
        ("FONT", (0, 0), (-1, -1), "Helvetica", 7.5),
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 7.5),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#cccccc")),
    ]
    for y_index, row in enumerate(month_grid(r), start=1):
        for m, month in enumerate(row.months, start=1):
            if month is not None and month.regime is Regime.MAATWERK:
                style.append(("BACKGROUND", (m, y_index), (m, y_index), MAATWERK))
        cells = ["" if month is None else f"{month.count:,}" for month in row.months]
        rows.append([str(row.year), *cells, f"{row.total:,}"])
    grid = Table(rows, colWidths=[14 * mm] + [12 * mm] * 12 + [16 * mm], repeatRows=1)
    grid.setStyle(style)
    return [
        Paragraph("Contracts received per month", s["h2"]),
        Paragraph(
            escape(
                "Accepted and to review, every year in the store; shaded: months "
                "mostly under the maatwerk regime."
            ),
            s["note"],
        ),
        Spacer(1, 2 * mm),
        grid,
    ]


def render_pdf(report: YearReport, plot_png: bytes) -> bytes:
    """The report as PDF bytes."""
    s = _styles()
    tables = {t.name: t for t in sheets(report)}
    story: list[Flowable] = [
        Paragraph(escape(labels.TITLE.format(year=report.year)), s["title"]),
        Paragraph(
            escape(f"Data as held on {report.data_date:%Y-%m-%d %H:%M} ({report.timezone})."),
            s["note"],
        ),
        Spacer(1, 3 * mm),
        Paragraph(f"<i>{escape(labels.QUESTION)}</i>", s["body"]),
    ]
    for name in (
        "Summary",
        "Counterpart kinds",
        "Regimes",
        "Other workplaces",
        "Flemish government",
        "Refusals",
        "Provinces",
        "Active",
        "Workplaces",
    ):
        story += _table(tables[name], s)
    image = Image(io.BytesIO(plot_png), width=WIDTH, height=WIDTH * 0.36)
    story += [PageBreak(), *_month_grid(report, s), Spacer(1, 4 * mm), image, PageBreak()]
    story += _table(tables["Annex"], s)
    story.append(Paragraph("Definitions", s["h2"]))
    for term, text in labels.definitions(report):
        story.append(Paragraph(f"<b>{escape(term)}</b>: {escape(text)}", s["body"]))
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=18 * mm,
        title=labels.TITLE.format(year=report.year),
        author="Departement Werk en Sociale Economie",
    )
    doc.build(story, canvasmaker=_NumberedCanvas)
    return out.getvalue()
