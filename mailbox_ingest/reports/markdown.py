"""The report as markdown for the terminal (GitHub-style tables, every figure of the report)."""

from __future__ import annotations

from mailbox_ingest.reports import labels
from mailbox_ingest.reports.model import YearReport
from mailbox_ingest.reports.templates import render


def render_markdown(report: YearReport) -> str:
    """The report as markdown text."""
    return render("report.md.j2", r=report, definitions=labels.definitions(report))
