"""One entry point per format: the bytes, media type and file name of a rendered report.

The command line writes them to a file or the terminal; the web UI's download buttons send
them as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from mailbox_ingest.domain.enums import ReportFormat
from mailbox_ingest.reports.jsonout import to_json
from mailbox_ingest.reports.model import YearReport
from mailbox_ingest.reports.pdf import render_pdf
from mailbox_ingest.reports.plot import plot_png
from mailbox_ingest.reports.text import render_markdown
from mailbox_ingest.reports.xlsx import render_xlsx

MEDIA_TYPES = {
    ReportFormat.MD: "text/markdown; charset=utf-8",
    ReportFormat.JSON: "application/json",
    ReportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ReportFormat.PDF: "application/pdf",
}
BINARY = frozenset({ReportFormat.XLSX, ReportFormat.PDF})


@dataclass(frozen=True)
class Rendered:
    """A report in one format, ready to write or send."""

    data: bytes
    media_type: str
    filename: str


def render(report: YearReport, fmt: ReportFormat) -> Rendered:
    """The report in `fmt` (the chart is drawn only for the formats that hold it)."""
    if fmt is ReportFormat.MD:
        data = render_markdown(report).encode("utf-8")
    elif fmt is ReportFormat.JSON:
        data = (to_json(report) + "\n").encode("utf-8")
    elif fmt is ReportFormat.XLSX:
        data = render_xlsx(report, plot_png(report))
    else:
        data = render_pdf(report, plot_png(report))
    return Rendered(data, MEDIA_TYPES[fmt], f"enclave-contracts-{report.year}.{fmt.value}")
