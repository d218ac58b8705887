"""The yearly report for the minister: typed report objects and their renderers.

`build_report` asks the store's aggregate queries for one year; `render_markdown`,
`to_json`, `render_xlsx`, `render_pdf` and `render_html` (the web page's fragment) present the
same object; `plot_png` draws the contracts per month.
"""

from __future__ import annotations

from mailbox_ingest.reports.build import build_report
from mailbox_ingest.reports.formats import Rendered, render
from mailbox_ingest.reports.jsonout import to_dict, to_json
from mailbox_ingest.reports.model import YearReport
from mailbox_ingest.reports.pdf import render_pdf
from mailbox_ingest.reports.plot import plot_png
from mailbox_ingest.reports.text import render_html, render_markdown, render_page, stylesheet
from mailbox_ingest.reports.xlsx import render_xlsx

__all__ = [
    "Rendered",
    "YearReport",
    "build_report",
    "plot_png",
    "render",
    "render_html",
    "render_markdown",
    "render_page",
    "render_pdf",
    "render_xlsx",
    "stylesheet",
    "to_dict",
    "to_json",
]
