"""The report as an HTML fragment for the web page, and as a whole page to save or print.

The web UI mounts `render_html(report, plot_png(report))` inside its own layout and links
`stylesheet()` (screen and print rules); `render_page` is the same fragment as a standalone
document.
"""

from __future__ import annotations

import base64
from importlib.resources import files

from markupsafe import Markup

from mailbox_ingest.reports import labels
from mailbox_ingest.reports.model import YearReport
from mailbox_ingest.reports.tables import month_grid
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
        grid=month_grid(report),
        month_names=labels.MONTHS,
    )


def render_page(report: YearReport, plot_png: bytes) -> str:
    """A whole HTML document around the fragment, with the stylesheet inlined."""
    return render(
        "report_page.html.j2",
        year=report.year,
        css=Markup(stylesheet()),  # noqa: S704 - our own packaged stylesheet
        body=Markup(render_html(report, plot_png)),  # noqa: S704 - already autoescaped
    )
