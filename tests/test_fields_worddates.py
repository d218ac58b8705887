"""Dates written in Dutch words: day, month and year as notaries and lawyers write them."""

from __future__ import annotations

import datetime as dt

import pytest

from parsers.fields.dates import find_dates, parse_date
from parsers.fields.worddates import day_word, year_words

CASES = [
    ("de eerste maart tweeduizend vierentwintig", dt.date(2024, 3, 1)),
    ("op één juli 2024 te Gent", dt.date(2024, 7, 1)),
    ("1 juli tweeduizendvierentwintig", dt.date(2024, 7, 1)),
    ("twintigste juni tweeduizend en vijfentwintig", dt.date(2025, 6, 20)),
    ("eenendertig december negentienhonderd negenennegentig", dt.date(1999, 12, 31)),
    ("de drieëntwintigste mei 2023", dt.date(2023, 5, 23)),
    (
        "Opgemaakt te Brugge op de vijftiende januari tweeduizend vijfentwintig.",
        dt.date(2025, 1, 15),
    ),
    ("vanaf de tweede september tweeduizend zesentwintig", dt.date(2026, 9, 2)),
    ("achtste april twee duizend drieëntwintig", dt.date(2023, 4, 8)),
    ("maandag 3 maart 2025", dt.date(2025, 3, 3)),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_date_in_words(text: str, expected: dt.date) -> None:
    """A date with its day or year in words reads as that date."""
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "zes werknemers maart 2024",
        "dertig februari tweeduizend vierentwintig",
        "de eerste werkdag tweeduizend",
        "vier personen in tweeduizend vierentwintig",
    ],
)
def test_not_a_date(text: str) -> None:
    """Number words near a month or a year that do not make a real date give none."""
    assert find_dates(text) == []


def test_day_and_year_words() -> None:
    """Cardinal and ordinal days, and year words, map to their numbers."""
    assert day_word("eerste") == 1
    assert day_word("achtste") == 8
    assert day_word("eenendertigste") == 31
    assert day_word("tweeëntwintig") == 22
    assert day_word("tweeëndertig") is None
    assert year_words("tweeduizend") == 2000
    assert year_words("tweeduizend negen") == 2009
    assert year_words("negentienhonderd zeventig") == 1970
    assert year_words("drieduizend") is None


def test_word_date_span_covers_the_words() -> None:
    """The span of a word date covers the whole written date, so nothing else reads it twice."""
    text = "ingaand op de eerste maart tweeduizend vierentwintig."
    [(date, (start, end))] = find_dates(text)
    assert date == dt.date(2024, 3, 1)
    assert text[start:end] == "eerste maart tweeduizend vierentwintig"


def test_a_year_cut_by_a_split_word_is_no_year() -> None:
    """ "tweeduizend drie-" at a line end is not read as the year 2000."""
    assert find_dates("op 29 december tweeduizend drie-\nëntwintig") == []
