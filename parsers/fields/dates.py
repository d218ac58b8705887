"""Dutch dates, always day first: `01/03/2017`, `1-3-2017`, `01.03.2017`, `1 maart 2017`.

Accepted as well: abbreviated months (`1 mrt. 2017`), ordinals (`1ste maart`), upper case,
two-digit years (`01/03/17`, `1 maart '17`: 00-69 are 2000-2069, 70-99 are 1970-1999), spaces
around separators, a separator read as a colon or a dash (`01/01:2017`, `31 augustus:2017`,
`1 juli-2024`) and the usual OCR slips in digit positions (`O` for 0, `l`/`I`/`|` for 1).
Dates in words (`de eerste maart tweeduizend vierentwintig`) come from
`parsers.fields.worddates`. Impossible dates (31/02) are rejected. Written by hand: the general date parsers guess the day
order and know no Dutch month abbreviations, which is exactly what must not be guessed here.
"""

from __future__ import annotations

import datetime as dt
import re

from rapidfuzz import fuzz

from parsers.fields.textmap import fold
from parsers.fields.worddates import find_word_dates

MONTHS: dict[str, int] = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "feb": 2,
    "febr": 2,
    "maart": 3,
    "mrt": 3,
    "maa": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "augustus": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_FULL_MONTHS = [m for m in MONTHS if len(m) > 4]

_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"})
_D = r"[0-9OolI|]"
_NUMERIC = re.compile(
    rf"(?<![\w./-])({_D}{{1,2}})\s*([/.:-])\s*({_D}{{1,2}})\s*([/.:-])\s*({_D}{{4}}|{_D}{{2}})"
    rf"(?![\w/-])"
)
_TEXTUAL = re.compile(
    rf"(?<![\w/-])(?<!\w\.)({_D}{{1,2}})(?:ste|de|e|ste\.)?\s*([A-Za-zÀ-ÿ]{{3,10}})[.:,-]?\s*"
    rf"('\s?{_D}{{2}}|{_D}{{4}})(?![\w/-])"
)


def _digits(text: str) -> str | None:
    """Digits with OCR look-alikes mapped, or None when anything else remains."""
    mapped = text.translate(_OCR_DIGITS)
    return mapped if mapped.isdigit() else None


def _year(text: str) -> int | None:
    """A four-digit year, or a two-digit year expanded around the 1970/2069 pivot."""
    digits = _digits(text.lstrip("'").strip())
    if digits is None:
        return None
    year = int(digits)
    if len(digits) == 2:
        return 2000 + year if year < 70 else 1900 + year
    return year if 1900 <= year <= 2100 else None


def month_number(word: str) -> int | None:
    """The month a Dutch month name or abbreviation stands for, tolerating small OCR slips."""
    key = fold(word).rstrip(".").replace("rn", "m")
    if key in MONTHS:
        return MONTHS[key]
    if len(key) >= 5:
        best = max(_FULL_MONTHS, key=lambda m: fuzz.ratio(key, m))
        if fuzz.ratio(key, best) >= 80:
            return MONTHS[best]
    return None


def _make(day: int, month: int, year: int | None) -> dt.date | None:
    """A date, or None when it does not exist."""
    if year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _real_digit_count(text: str) -> int:
    """How many true digits a matched date holds (to refuse matches made of letters)."""
    return sum(c.isdigit() for c in text)


def _separators_agree(first: str, second: str, year: str) -> bool:
    """Whether a numeric date's separators match; OCR may read one as a colon.

    Two colons make a date only before a four-digit year (`12:12:2016`, not a time `10:11:12`).
    """
    if first == second == ":":
        return len(year) == 4
    return first == second or ":" in (first, second)


def find_dates(text: str) -> list[tuple[dt.date, tuple[int, int]]]:
    """Every date in the text with its character span, in order of appearance."""
    found: list[tuple[dt.date, tuple[int, int]]] = []
    taken: list[tuple[int, int]] = []
    for m in _NUMERIC.finditer(text):
        if _real_digit_count(m.group(0)) < 4 or not _separators_agree(
            m.group(2), m.group(4), m.group(5)
        ):
            continue
        day, month = _digits(m.group(1)), _digits(m.group(3))
        if day is None or month is None:
            continue
        date = _make(int(day), int(month), _year(m.group(5)))
        if date is not None:
            found.append((date, m.span()))
            taken.append(m.span())
    for m in _TEXTUAL.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        day_text, month_no = _digits(m.group(1)), month_number(m.group(2))
        if day_text is None or month_no is None or _real_digit_count(m.group(3)) < 2:
            continue
        date = _make(int(day_text), month_no, _year(m.group(3)))
        if date is not None:
            found.append((date, m.span()))
            taken.append(m.span())
    for date, (start, end) in find_word_dates(text):
        if not any(s < end and start < e for s, e in taken):
            found.append((date, (start, end)))
    found.sort(key=lambda item: item[1][0])
    return found


def parse_date(text: str) -> dt.date | None:
    """The first date in the text, or None."""
    dates = find_dates(text)
    return dates[0][0] if dates else None


def add_months(start: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the end of a shorter month."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(start.day, day))
        except ValueError:
            continue
    raise ValueError("unreachable")
