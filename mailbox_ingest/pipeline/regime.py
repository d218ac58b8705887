"""Which regime applies, from the date the department received the mail (config table)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from mailbox_ingest.config import RegimeSettings
from mailbox_ingest.enums import Regime


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
