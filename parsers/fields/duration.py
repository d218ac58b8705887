"""Contract duration: `onbepaalde duur`, `bepaalde duur van 12 maanden`, `tot en met 31/12/2018`.

A duration given in months or years ends the day before the same date that many months after
the start: 12 months from 1 March 2017 end on 28 February 2018 (the usual reading of a
term of "12 maanden" that starts on the first day). Without a start date only the length is
known and the end date stays unknown.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from parsers.fields.dates import add_months, find_dates
from parsers.fields.numbers import find_counts
from parsers.fields.textmap import fold

_INDEFINITE = re.compile(r"\bonbepaalde\s+(?:duur|tijd|termijn)\b|\bonbepaald\b|\bobd\b")
_PERIOD = re.compile(
    r"(?:\b(?:bepaalde\s+(?:duur|tijd|termijn)|periode|termijn|looptijd)\s+van\s+)?"
    r"(\S+(?:\s*\(\s*\d+\s*\))?)\s+(maanden|maand|jaar|jaren)\b"
)
_UNTIL = re.compile(
    r"\b(?:t[oa]t\s+en\s+met|t\.?\s?e\.?\s?m\.?|t/m|tot|eindigt\s+op|einddatum|loopt\s+af\s+op)\s*:?\s*$"
)


@dataclass(frozen=True, slots=True)
class DurationResult:
    """What a duration says: indefinite or not, the end date, the length in months."""

    indefinite: bool | None
    end_date: dt.date | None
    months: int | None
    span: tuple[int, int]


def _months(text: str, start: dt.date | None) -> DurationResult | None:
    """A length in months or years, with the end date when the start is known."""
    folded = fold(text)
    for m in _PERIOD.finditer(folded):
        if "opzeg" in folded[max(0, m.start() - 25) : m.end()]:
            continue
        counts = find_counts(m.group(1))
        if not counts:
            continue
        months = counts[0].value * (12 if m.group(2).startswith("ja") else 1)
        end = None if start is None else add_months(start, months) - dt.timedelta(days=1)
        return DurationResult(False, end, months, m.span())
    return None


def parse_duration(text: str, start: dt.date | None = None) -> DurationResult | None:
    """Read a duration; an explicit end date wins over a length, `onbepaald` over both."""
    folded = fold(text)
    indefinite = _INDEFINITE.search(folded)
    if indefinite and not re.search(r"\bniet\s+(?:voor\s+)?(?:een\s+)?onbepaald", folded):
        return DurationResult(True, None, None, indefinite.span())
    for date, (s, e) in find_dates(text):
        if _UNTIL.search(folded[max(0, s - 30) : s]):
            return DurationResult(False, date, None, (s, e))
    return _months(text, start)


_PERIOD_SEPARATOR = re.compile(r"\s*,?\s*(?:[-–—]|t[oa]t(?:\s+en\s+met)?|t/m|t\.\s?e\.\s?m\.?)\s*")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class Period:
    """A period "1/3/2024 – 28/2/2025": its first date, and the date after the dash if any."""

    start: dt.date
    start_span: tuple[int, int]
    end: dt.date | None
    end_span: tuple[int, int] | None


def parse_period(text: str) -> Period | None:
    """A period value written as a first date, a dash (or "tot") and an end, else None.

    The end is the next date after the separator (weekday names may stand before it); without
    one ("1/3/2024 – onbepaalde duur", "1/3/2024 – 12 maanden") only the start is given.
    """
    dates = find_dates(text)
    if not dates:
        return None
    first, (s, e) = dates[0]
    if _DIGIT.search(text[:s]):
        return None
    separator = _PERIOD_SEPARATOR.match(text, e)
    if separator is None or separator.end() == e:
        return None
    for date, (ds, de) in dates[1:]:
        if ds >= separator.end() and not _DIGIT.search(text[separator.end() : ds]):
            return Period(first, (s, e), date, (ds, de))
    return Period(first, (s, e), None, None)
