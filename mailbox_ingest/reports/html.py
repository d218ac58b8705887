"""The report as an HTML fragment (for the web page) and as a PDF printed from the same HTML.

The web UI mounts `render_html(report, plot_png(report))` inside its own layout and links
`stylesheet()`; the PDF wraps the very same fragment in a page and lets WeasyPrint lay it out
(A4, page numbers, table headers repeated), so page and PDF cannot drift apart.
"""

from __future__ import annotations

import base64
from importlib.resources import files

from markupsafe import Markup

from mailbox_ingest.reports import labels
from mailbox_ingest.reports.model import YearReport
from mailbox_ingest.reports.templates import render


def stylesheet() -> str:
    """The CSS of the report fragment (screen and print)."""
    return files("mailbox_ingest.reports").joinpath("templates/report.css").read_text("utf-8")


def render_html(report: YearReport, plot_png: bytes) -> str:
    """The report as an autoescaped HTML fragment (an `<article>`), the plot inlined, no script."""
    return render(
        "report.html.j2",
        r=report,
        plot_b64=base64.b64encode(plot_png).decode("ascii"),
        definitions=labels.definitions(report),
    )


def render_page(report: YearReport, plot_png: bytes) -> str:
    """A whole HTML document around the fragment, with the stylesheet inlined."""
    return render(
        "report_page.html.j2",
        year=report.year,
        css=Markup(stylesheet()),  # noqa: S704 - our own packaged stylesheet
        body=Markup(render_html(report, plot_png)),  # noqa: S704 - already autoescaped
    )


def render_pdf(report: YearReport, plot_png: bytes) -> bytes:
    """The report as a PDF (WeasyPrint from the page above)."""
    from weasyprint import HTML  # imported late: loading pango takes a moment

    pdf = HTML(string=render_page(report, plot_png)).write_pdf()
    assert pdf is not None
    return bytes(pdf)
