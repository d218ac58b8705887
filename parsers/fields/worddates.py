"""Dates written (partly) in Dutch words, as notaries and lawyers write them.

`de eerste maart tweeduizend vierentwintig`, `één juli 2024`, `1 juli tweeduizendvierentwintig`,
`twintigste juni tweeduizend en vijfentwintig`, `negentienhonderd negenennegentig`. The day is a
cardinal or ordinal number word (or digits), the month a month name, the year digits or words.
Number words come from `parsers.fields.numbers`; written by hand because the general Dutch
number parsers do not read ordinals or the "tweeduizend vierentwintig" year form.
"""

from __future__ import annotations

import datetime as dt
import re

from parsers.fields.numbers import word_value
from parsers.fields.textmap import fold

_ORDINAL_ENDINGS = ("ste", "de")
_SPECIAL_ORDINALS = {"eerste": 1, "derde": 3, "achtste": 8}
_WORD = r"[A-Za-zÀ-ÿ]+"
# A year cut by a split word ("tweeduizend drie-") is no year 2000.
_YEAR_WORDS = r"(?:twee\s*duizend|negentien\s*honderd)(?:[\s-]*(?:en\s+)?[A-Za-zÀ-ÿ]+)?(?!\s+[A-Za-zÀ-ÿ]+-(?:\s|$))"
_DATE = re.compile(
    rf"(?<![\w-])(\d{{1,2}}|{_WORD}(?:[\s-]?(?:en|ën)[\s-]?{_WORD})?)\s+"
    rf"({_WORD})\.?,?\s+(\d{{4}}|{_YEAR_WORDS})(?![\w-])",
    re.IGNORECASE,
)


def day_word(word: str) -> int | None:
    """The day a cardinal or ordinal Dutch number word (or digits) stands for, 1..31."""
    key = re.sub(r"[\s-]", "", fold(word))
    if key.isdigit():
        value: int | None = int(key)
    elif key in _SPECIAL_ORDINALS:
        value = _SPECIAL_ORDINALS[key]
    else:
        value = word_value(key)
        for ending in _ORDINAL_ENDINGS:
            if value is None and key.endswith(ending):
                value = word_value(key[: -len(ending)])
    return value if value is not None and 1 <= value <= 31 else None


def year_words(text: str) -> int | None:
    """The year in digits or words (`tweeduizend vierentwintig`, `negentienhonderd negentig`)."""
    key = re.sub(r"[\s-]", "", fold(text))
    if key.isdigit():
        return int(key) if 1900 <= int(key) <= 2100 else None
    for head, base in (("tweeduizend", 2000), ("negentienhonderd", 1900)):
        if key.startswith(head):
            rest = key[len(head) :]
            rest = rest.removeprefix("en") if rest not in {"een", "en"} else rest
            if not rest:
                return base
            value = word_value(rest)
            return base + value if value is not None and value < 100 else None
    return None


def find_word_dates(text: str) -> list[tuple[dt.date, tuple[int, int]]]:
    """Every date with a day or a year in words, with its character span."""
    from parsers.fields.dates import month_number  # dates imports this module

    found: list[tuple[dt.date, tuple[int, int]]] = []
    for m in _DATE.finditer(text):
        day_text, month_text, year_text = m.group(1), m.group(2), m.group(3)
        if day_text.isdigit() and year_text.isdigit():
            continue  # an ordinary date: the numeric readers have it
        day, month = day_word(day_text), month_number(month_text)
        year = year_words(year_text)
        if day is None or month is None or year is None or len(month_text) < 3:
            continue
        try:
            found.append((dt.date(year, month, day), m.span()))
        except ValueError:
            continue
    return found


_DEED = re.compile(
    rf"\bhet\s+jaar\s+(\d{{4}}|{_YEAR_WORDS}),?\s+(?:op\s+)?(?:de\s+)?"
    rf"(\d{{1,2}}|{_WORD}(?:[\s-]?(?:en|ën)[\s-]?{_WORD})?)\s+({_WORD})(?![\w-])",
    re.IGNORECASE,
)


def find_deed_date(text: str) -> tuple[dt.date, tuple[int, int]] | None:
    """The date a notarial deed opens with ("Het jaar tweeduizend eenentwintig, op de
    eenentwintigste oktober"), with its character span, or None."""
    from parsers.fields.dates import month_number  # dates imports this module

    for m in _DEED.finditer(text):
        year, day, month = year_words(m.group(1)), day_word(m.group(2)), month_number(m.group(3))
        if year is None or day is None or month is None or len(m.group(3)) < 3:
            continue
        try:
            return dt.date(year, month, day), m.span()
        except ValueError:
            continue
    return None
