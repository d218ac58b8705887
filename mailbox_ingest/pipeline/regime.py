"""Which regime applies, from the date the department received the mail (config table)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from mailbox_ingest.config import RegimeSettings
from mailbox_ingest.domain.enums import Regime


def local_date(moment: dt.datetime, settings: RegimeSettings) -> dt.date:
    """The calendar day of a moment in the department's time zone."""
    return moment.astimezone(ZoneInfo(settings.timezone)).date()


def regime_for(received_at: dt.datetime, settings: RegimeSettings) -> Regime:
    """The regime of the last period starting on or before the received day."""
    day = local_date(received_at, settings)
    current = settings.periods[0].regime
    for period in settings.periods:
        if period.start <= day:
            current = period.regime
    return current


def last_period_start(settings: RegimeSettings, regime: Regime) -> dt.date:
    """The day the last period of `regime` in the table began (`date.max` if none): e.g. the
    maatwerk regime in force since 2019, not its short first run of 2015-2016."""
    starts = [p.start for p in settings.periods if p.regime is regime]
    return starts[-1] if starts else dt.date.max
