"""The department's calendar turned into UTC instants, and the regime table into spans.

The store compares received instants only (portable SQL); which instant starts a year or a
month in Brussels, and which regime rules a month, is worked out here once per report.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from mailbox_ingest.config import RegimeSettings
from mailbox_ingest.domain.enums import Regime
from mailbox_ingest.reports.model import RegimeSpan

__all__ = ["RegimeSpan", "midnight", "month_regime", "months_between", "next_month", "spans"]


def midnight(day: dt.date, tz: ZoneInfo) -> dt.datetime:
    """The UTC instant at which `day` begins in the time zone."""
    return dt.datetime.combine(day, dt.time(), tzinfo=tz).astimezone(dt.UTC)


def next_month(first: dt.date) -> dt.date:
    """The first day of the month after the month of `first`."""
    return dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """First days of every month from the month of `first` to the month of `last`."""
    out, day = [], first.replace(day=1)
    while day <= last:
        out.append(day)
        day = next_month(day)
    return out


def spans(settings: RegimeSettings) -> tuple[RegimeSpan, ...]:
    """The regime table as spans with a last day, neighbours of one regime merged."""
    merged: list[RegimeSpan] = []
    periods = settings.periods
    for i, period in enumerate(periods):
        end = periods[i + 1].start - dt.timedelta(days=1) if i + 1 < len(periods) else None
        if merged and merged[-1].regime == period.regime:
            merged[-1] = RegimeSpan(merged[-1].start, end, period.regime)
        else:
            merged.append(RegimeSpan(period.start, end, period.regime))
    return tuple(merged)


def regime_on(day: dt.date, table: tuple[RegimeSpan, ...]) -> Regime:
    """The regime in force on a day (the first span's before the table starts)."""
    current = table[0].regime
    for span in table:
        if span.start <= day:
            current = span.regime
    return current


def month_regime(first: dt.date, table: tuple[RegimeSpan, ...]) -> Regime:
    """The regime in force on most days of the month (the earlier one on a tie)."""
    days: dict[Regime, int] = {}
    day, end = first, next_month(first)
    while day < end:
        regime = regime_on(day, table)
        days[regime] = days.get(regime, 0) + 1
        day += dt.timedelta(days=1)
    return max(days, key=lambda r: days[r])
