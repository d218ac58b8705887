"""Work location to province, date-aware, and the calendar helpers of the report."""

from __future__ import annotations

import datetime as dt

import pytest

from mailbox_ingest.config import RegimePeriod, RegimeSettings
from mailbox_ingest.domain.enums import Province, Regime
from mailbox_ingest.reports.calendar import month_regime, spans
from mailbox_ingest.reports.provinces import postcode_of, province_of

BEFORE, AFTER = dt.date(2024, 12, 31), dt.date(2025, 1, 1)


@pytest.mark.parametrize(
    ("location", "postcode"),
    [
        ("Industrieweg 12, 2070 Zwijndrecht", "2070"),
        ("B-9000 Gent", "9000"),
        ("Rue de la Loi 16\n1000 Bruxelles", "1000"),
        ("Kantoor 1200 Brussel, werf 3500 Hasselt", "3500"),  # the last one wins
        ("Hasselt", None),
        ("Kaai 1000", None),  # a house number with no place after it is no postcode
        ("", None),
        (None, None),
    ],
)
def test_postcode_of(location: str | None, postcode: str | None) -> None:
    """A four-digit number followed by a place name is the postcode."""
    assert postcode_of(location) == postcode


@pytest.mark.parametrize(
    ("location", "day", "province"),
    [
        ("Kerkstraat 1, 2070 Burcht", BEFORE, Province.ANTWERPEN),
        ("Kerkstraat 1, 2070 Burcht", AFTER, Province.OOST_VLAANDEREN),
        ("2070 Zwijndrecht", dt.date(2017, 5, 1), Province.ANTWERPEN),
        ("2000 Antwerpen", AFTER, Province.ANTWERPEN),
        ("1000 Brussel", BEFORE, Province.BRUSSELS),
        ("1300 Wavre", BEFORE, Province.BRABANT_WALLON),
        ("3000 Leuven", AFTER, Province.VLAAMS_BRABANT),
        ("6600 Bastogne", AFTER, Province.LUXEMBOURG),
        ("4700 Eupen", AFTER, Province.LIEGE),
        ("8500 Kortrijk", AFTER, Province.WEST_VLAANDEREN),
        ("1011 Brussel", AFTER, Province.BRUSSELS),  # a special code: the public ranges decide
        ("Hasselt", AFTER, Province.UNKNOWN),
    ],
)
def test_province_of(location: str, day: dt.date, province: Province) -> None:
    """Statbel's map from 2025; 2070 belonged to Antwerpen before the merger."""
    assert province_of(location, day) is province


def test_month_regime_takes_most_days() -> None:
    """February 2016 had 7 maatwerk days and 22 legacy days; a custom table is honoured."""
    table = spans(RegimeSettings())
    assert month_regime(dt.date(2016, 2, 1), table) is Regime.LEGACY
    assert month_regime(dt.date(2015, 4, 1), table) is Regime.MAATWERK
    assert month_regime(dt.date(2015, 3, 1), table) is Regime.LEGACY
    custom = spans(
        RegimeSettings(
            periods=(
                RegimePeriod(start=dt.date(1900, 1, 1), regime=Regime.LEGACY),
                RegimePeriod(start=dt.date(2020, 6, 10), regime=Regime.MAATWERK),
            )
        )
    )
    assert [s.end for s in custom] == [dt.date(2020, 6, 9), None]
    assert month_regime(dt.date(2020, 6, 1), custom) is Regime.MAATWERK  # 21 of 30 days
