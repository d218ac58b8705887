"""The report from the Jinja templates: markdown for the terminal, HTML for the web page.

The web UI mounts `render_html(report, b"", plot_src=URL)` (an autoescaped `<article>`, no
script; the chart as an `<img>` loaded from `URL`, since its Content-Security-Policy allows no
data URLs) inside its own layout and links `stylesheet()`; without `plot_src` the chart is
inlined as a data URL;
`render_page` is the same fragment as a standalone document with the stylesheet inlined.
"""

from __future__ import annotations

import base64
from importlib.resources import files
from typing import Any

from mailbox_ingest.reports import labels
from mailbox_ingest.reports.model import YearReport
from mailbox_ingest.reports.tables import month_grid
from mailbox_ingest.reports.templates import render


def render_markdown(report: YearReport) -> str:
    """The report as markdown text (GitHub-style tables, every figure of the report)."""
    return render("report.md.j2", r=report, definitions=labels.definitions(report))


def stylesheet() -> str:
    """The CSS of the report fragment (screen and print)."""
    return files("mailbox_ingest.reports").joinpath("templates/report.css").read_text("utf-8")


def _html_context(report: YearReport, plot_png: bytes, plot_src: str = "") -> dict[str, Any]:
    return {
        "r": report,
        "plot_b64": base64.b64encode(plot_png).decode("ascii"),
        "plot_src": plot_src,
        "definitions": labels.definitions(report),
        "grid": month_grid(report),
        "month_names": labels.MONTHS,
    }


def render_html(report: YearReport, plot_png: bytes, *, plot_src: str = "") -> str:
    """The report as an autoescaped HTML fragment (an `<article>`), the plot inlined.

    With `plot_src` the chart is an `<img>` loaded from that address and `plot_png` is unused.
    """
    return render("report.html.j2", **_html_context(report, plot_png, plot_src))


def render_page(report: YearReport, plot_png: bytes) -> str:
    """A whole HTML document: the fragment and the stylesheet, included by the template."""
    return render("report_page.html.j2", **_html_context(report, plot_png))
