"""The contracts-per-month chart: one bar per month over every year, maatwerk periods shaded.

matplotlib's object API only (a `Figure` on an Agg canvas): no pyplot state, so it is safe in
the web server's threads and leaves nothing behind between reports. Months are placed by
their index (0 for the first month in the store), so a regime change on a given day is
shaded from the right fraction of its month.
"""

from __future__ import annotations

import calendar
import datetime as dt
import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from mailbox_ingest.domain.enums import Regime
from mailbox_ingest.reports.model import YearReport

MAATWERK_COLOUR = "#f2d8a7"
BAR_COLOUR = "#2f5d8a"


def _position(day: dt.date, first: dt.date) -> float:
    """Where a day falls on the month axis: the month's index plus the fraction gone by."""
    index = (day.year - first.year) * 12 + day.month - first.month
    return index + (day.day - 1) / calendar.monthrange(day.year, day.month)[1]


def build_figure(report: YearReport) -> Figure:
    """The chart as a matplotlib figure (the bars are the first container of its axes)."""
    fig = Figure(figsize=(10, 3.6), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    months = report.per_month
    ax.bar(
        range(len(months)),
        [m.count for m in months],
        width=0.8,
        align="edge",
        color=BAR_COLOUR,
        label="contracts per month",
    )
    if months:
        first = dt.date.fromisoformat(months[0].month + "-01")
        end = float(len(months))
        labelled = False
        for span in report.regimes:
            if span.regime is not Regime.MAATWERK:
                continue
            lo = max(_position(span.start, first), 0.0)
            after = None if span.end is None else span.end + dt.timedelta(days=1)
            hi = end if after is None else min(_position(after, first), end)
            if lo < hi:
                label = None if labelled else "maatwerk regime"
                ax.axvspan(lo, hi, color=MAATWERK_COLOUR, zorder=0, label=label)
                labelled = True
        ax.set_xlim(0, end)
        januaries = [i for i, m in enumerate(months) if m.month.endswith("-01")]
        ax.set_xticks(januaries, [months[i].month[:4] for i in januaries])
        fig.legend(loc="outside upper right", ncols=2, frameon=False)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("contracts received")
    fig.suptitle("New enclave contracts per month (accepted and to review)", x=0.02, ha="left")
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def plot_png(report: YearReport) -> bytes:
    """The chart as PNG bytes (for the web page, the PDF and the spreadsheet)."""
    fig = build_figure(report)
    FigureCanvasAgg(fig)  # attaches itself as the figure's canvas
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()
