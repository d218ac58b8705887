"""The report as a workbook in the layout statistical offices recommend.

A cover sheet (title, question, data date, definitions), a contents sheet linking every
sheet, then one tidy table per sheet (a title in A1, a note on what is counted, one header
row, one row per observation, no merged cells, no blank rows inside a table) marked as an
Excel table, the annex, and the chart as an image. Every sheet is set up to print: A4, fit
to the page width, the header row repeated, the sheet title and page number in the footer.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.drawing.image import Image
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from mailbox_ingest.reports import labels
from mailbox_ingest.reports.model import YearReport
from mailbox_ingest.reports.tables import TabularSheet, sheets

HEADER_ROW = 4
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)


def _print_setup(ws: Worksheet, title: str, landscape: bool = False) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.left.text = title
    ws.oddFooter.right.text = "page &P of &N"


def _cover(ws: Worksheet, r: YearReport) -> None:
    ws.title = "Cover"
    ws["A1"] = labels.TITLE.format(year=r.year)
    ws["A1"].font = TITLE
    rows: list[tuple[str, Any]] = [
        ("Question", labels.QUESTION),
        ("Reporting year", r.year),
        ("Data date", r.data_date.replace(tzinfo=None)),
        ("Time zone", r.timezone),
        ("Contents", "See the Contents sheet; one table per sheet."),
    ]
    for i, (key, value) in enumerate(rows, start=3):
        ws.cell(i, 1, key).font = BOLD
        cell = ws.cell(i, 2, value)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if isinstance(value, dt.datetime):
            cell.number_format = "yyyy-mm-dd hh:mm"
    start = len(rows) + 4
    ws.cell(start, 1, "Definitions").font = BOLD
    for i, (term, text) in enumerate(labels.definitions(r), start=start + 1):
        ws.cell(i, 1, term).font = BOLD
        ws.cell(i, 2, text).alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 100
    _print_setup(ws, "Cover")


def _contents(ws: Worksheet, tables: Sequence[TabularSheet]) -> None:
    ws["A1"] = "Contents"
    ws["A1"].font = TITLE
    ws.cell(3, 1, "Sheet").font = BOLD
    ws.cell(3, 2, "Table").font = BOLD
    for i, t in enumerate(tables, start=4):
        link = ws.cell(i, 1, t.name)
        link.hyperlink = f"#'{t.name}'!A1"
        link.style = "Hyperlink"
        ws.cell(i, 2, t.title)
    ws.cell(len(tables) + 4, 1, "Chart").hyperlink = "#'Chart'!A1"
    ws.cell(len(tables) + 4, 1).style = "Hyperlink"
    ws.cell(len(tables) + 4, 2, "Contracts received per month, maatwerk periods shaded")
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 80
    _print_setup(ws, "Contents")


def _table(ws: Worksheet, t: TabularSheet, index: int) -> None:
    ws["A1"] = t.title
    ws["A1"].font = TITLE
    ws["A2"] = t.note
    for col, head in enumerate(t.header, start=1):
        ws.cell(HEADER_ROW, col, head).font = BOLD
    for row_no, row in enumerate(t.rows, start=HEADER_ROW + 1):
        for col, value in enumerate(row, start=1):
            cell = ws.cell(row_no, col, value)
            if isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    last = get_column_letter(len(t.header))
    if t.rows:
        table = Table(
            displayName=f"table{index}", ref=f"A{HEADER_ROW}:{last}{HEADER_ROW + len(t.rows)}"
        )
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
        ws.add_table(table)
    else:
        ws.cell(HEADER_ROW + 1, 1, "No contracts")
    for col, width in enumerate(t.widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    _print_setup(ws, t.title, landscape=len(t.header) > 4)


def render_xlsx(report: YearReport, plot_png: bytes) -> bytes:
    """The workbook as bytes."""
    wb = Workbook()
    _cover(wb.active, report)
    tables = sheets(report)
    _contents(wb.create_sheet("Contents"), tables)
    for i, t in enumerate(tables, start=1):
        _table(wb.create_sheet(t.name), t, i)
    chart = wb.create_sheet("Chart")
    chart["A1"] = "Contracts received per month (accepted and to review), maatwerk shaded"
    chart["A1"].font = TITLE
    image = Image(io.BytesIO(plot_png))
    chart.add_image(image, "A3")
    _print_setup(chart, "Chart", landscape=True)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
