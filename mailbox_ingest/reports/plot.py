"""The contracts-per-month chart: one bar per month over every year, maatwerk periods shaded.

matplotlib's object API only (a `Figure` on an Agg canvas): no pyplot state, so it is safe in
the web server's threads and leaves nothing behind between reports.
"""

from __future__ import annotations

import datetime as dt
import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import DateFormatter, YearLocator, date2num
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from mailbox_ingest.enums import Regime
from mailbox_ingest.reports.calendar import next_month
from mailbox_ingest.reports.model import YearReport

MAATWERK_COLOUR = "#f2d8a7"
BAR_COLOUR = "#2f5d8a"


def build_figure(report: YearReport) -> Figure:
    """The chart as a matplotlib figure (the bars are the first container of its axes)."""
    fig = Figure(figsize=(10, 3.6), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    firsts = [dt.date.fromisoformat(m.month + "-01") for m in report.per_month]
    counts = [m.count for m in report.per_month]
    ax.bar(
        date2num(firsts),
        counts,
        width=25,
        align="edge",
        color=BAR_COLOUR,
        label="contracts per month",
    )
    if firsts:
        lo, hi = firsts[0], next_month(firsts[-1])
        labelled = False
        for span in report.regimes:
            if span.regime is not Regime.MAATWERK:
                continue
            start = max(span.start, lo)
            end = min(span.end + dt.timedelta(days=1), hi) if span.end else hi
            if start < end:
                ax.axvspan(
                    date2num(start),
                    date2num(end),
                    color=MAATWERK_COLOUR,
                    zorder=0,
                    label=None if labelled else "maatwerk regime",
                )
                labelled = True
        ax.set_xlim(date2num(lo), date2num(hi))
        fig.legend(loc="outside upper right", ncols=2, frameon=False)
    ax.xaxis.set_major_locator(YearLocator())
    ax.xaxis.set_major_formatter(DateFormatter("%Y"))
    ax.set_ylabel("contracts received")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    fig.suptitle("New enclave contracts per month (accepted and to review)", x=0.02, ha="left")
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def plot_png(report: YearReport) -> bytes:
    """The chart as PNG bytes (for the web page, the PDF and the spreadsheet)."""
    fig = build_figure(report)
    canvas = FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    canvas.print_png(buffer)
    return buffer.getvalue()
