"""Normalisers as tables: dates, enterprise numbers, counts and durations in, values out."""

from __future__ import annotations

import datetime as dt

import pytest

from parsers.fields.dates import add_months, find_dates, month_number, parse_date
from parsers.fields.duration import parse_duration
from parsers.fields.enterprise import find_enterprise_numbers, normalise_enterprise_number
from parsers.fields.numbers import find_counts, parse_count, word_value

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01/03/2017", D(2017, 3, 1)),
        ("1-3-2017", D(2017, 3, 1)),
        ("01.03.2017", D(2017, 3, 1)),
        ("1 maart 2017", D(2017, 3, 1)),
        ("1 mrt. 2017", D(2017, 3, 1)),
        ("1 maa 2017", D(2017, 3, 1)),
        ("1ste maart 2017", D(2017, 3, 1)),
        ("2de januari 2018", D(2018, 1, 2)),
        ("01/03/17", D(2017, 3, 1)),
        ("1 MAART 2017", D(2017, 3, 1)),
        ("1 maart '17", D(2017, 3, 1)),
        ("15 sept 2018", D(2018, 9, 15)),
        ("15 sep. 2018", D(2018, 9, 15)),
        ("3 okt. 2019", D(2019, 10, 3)),
        ("31 december 2018", D(2018, 12, 31)),
        ("O1/03/2017", D(2017, 3, 1)),
        ("1/O3/2017", D(2017, 3, 1)),
        ("l maart 2017", D(2017, 3, 1)),
        ("1 rnaart 2017", D(2017, 3, 1)),
        ("01 / 03 / 2017", D(2017, 3, 1)),
        ("29/02/2016", D(2016, 2, 29)),
        ("Begindatum: 01/01:2017", D(2017, 1, 1)),
        ("op 12:12:2016.", D(2016, 12, 12)),
        ("Tot en met: 31 augustus:2017", D(2017, 8, 31)),
        ("Datum:.7 augustus 2014", D(2014, 8, 7)),
        ("met ingang van 1 juli-2024 en", D(2024, 7, 1)),
        ("om 10:11:12", None),
        ("art. 1.7 augustus 2014", None),
        ("01/03-2017", None),
        ("op 3 mei 2019 te Gent", D(2019, 5, 3)),
        ("31/02/2017", None),
        ("29/02/2017", None),
        ("32/01/2017", None),
        ("0123.456.749", None),
        ("12 maanden 2017", None),
        ("", None),
    ],
)
def test_parse_date(text: str, expected: dt.date | None) -> None:
    """Dates are read day first in every common Dutch way; impossible ones are refused."""
    assert parse_date(text) == expected


def test_find_dates_gives_spans_in_order() -> None:
    """Every date is found with the span it covers, in reading order."""
    text = "van 1 maart 2017 tot en met 31/12/2018"
    found = find_dates(text)
    assert [d for d, _ in found] == [D(2017, 3, 1), D(2018, 12, 31)]
    assert [text[s:e] for _, (s, e) in found] == ["1 maart 2017", "31/12/2018"]


@pytest.mark.parametrize(
    ("word", "month"),
    [
        ("januari", 1),
        ("feb", 2),
        ("mrt.", 3),
        ("MEI", 5),
        ("sept", 9),
        ("okt", 10),
        ("decmber", 12),
        ("kaas", None),
    ],
)
def test_month_number(word: str, month: int | None) -> None:
    """Month names, abbreviations and slightly misspelt names map to their number."""
    assert month_number(word) == month


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2017, 3, 1), 12, D(2018, 3, 1)),
        (D(2017, 1, 31), 1, D(2017, 2, 28)),
        (D(2016, 11, 30), 3, D(2017, 2, 28)),
    ],
)
def test_add_months(start: dt.date, months: int, expected: dt.date) -> None:
    """Adding months keeps the day, clamped to the end of a shorter month."""
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("text", "value", "valid", "repaired"),
    [
        ("0123.456.749", "0123.456.749", True, False),
        ("0123 456 749", "0123.456.749", True, False),
        ("0123456749", "0123.456.749", True, False),
        ("123.456.749", "0123.456.749", True, False),
        ("BE 0123.456.749", "0123.456.749", True, False),
        ("BE0123456749", "0123.456.749", True, False),
        ("BTW BE 0123.456.749", "0123.456.749", True, False),
        ("KBO-nr. 0403.170.701", "0403.170.701", True, False),
        ("0123 . 456 . 749", "0123.456.749", True, False),
        ("O123.456.749", "0123.456.749", True, True),
        ("0l23.456.749", "0123.456.749", True, True),
        ("0I23.4S6.749", "0123.456.749", True, True),
        ("0123.456.7|9", "0123.456.719", False, True),
        ("0103.456.749", "0123.456.749", True, True),
        ("0123.456.748", "0123.456.748", False, False),
        ("onzin", None, False, False),
        ("12/03/2017", None, False, False),
    ],
)
def test_normalise_enterprise_number(
    text: str, value: str | None, valid: bool, repaired: bool
) -> None:
    """Numbers are normalised to 0XXX.XXX.XXX, checked, and repaired only when unambiguous."""
    result = normalise_enterprise_number(text)
    assert (result.value, result.valid, result.repaired) == (value, valid, repaired)


def test_repairs_lower_the_confidence() -> None:
    """A clean number is trusted fully, a look-alike repair less, a digit repair less still."""
    clean = normalise_enterprise_number("0123.456.749").confidence
    lookalike = normalise_enterprise_number("O123.456.749").confidence
    digit = normalise_enterprise_number("0103.456.749").confidence
    broken = normalise_enterprise_number("0123.456.748").confidence
    assert clean > lookalike > digit > broken > 0


def test_typed_numbers_are_not_digit_repaired() -> None:
    """In typed text a wrong digit is kept as written and flagged, not guessed."""
    result = normalise_enterprise_number("0103.456.749", repair_digit=False)
    assert (result.value, result.valid, result.repaired) == ("0103.456.749", False, False)


def test_find_enterprise_numbers_in_text() -> None:
    """Numbers are found in running text with their spans; dates and phones are not numbers."""
    text = "Bakkerij Peeters NV (0123.456.749), BE 0202.239.951, op 01.03.2017, tel 03 123 45 67"
    found = find_enterprise_numbers(text)
    assert [r.value for r, _ in found] == ["0123.456.749", "0202.239.951"]
    assert text[found[1][1][0] : found[1][1][1]] == "BE 0202.239.951"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Ondernemingsnummer: ___1005.680.558", "1005.680.558"),
        ("__0984.444.981", "0984.444.981"),
        ("Ondernemingsnr. 0574:833.579", "0574.833.579"),
        ("0953,506.040", "0953.506.040"),
        ("nr. x1005.680.558", None),
        ("1.0403.170.701", None),
    ],
)
def test_scanned_numbers_touching_fill_in_lines_or_with_a_colon(
    text: str, value: str | None
) -> None:
    """A number touching a fill-in line's underscores, or with a dot read as a colon, is found."""
    found = find_enterprise_numbers(text)
    assert (found[0][0].value if found else None) == value


@pytest.mark.parametrize(
    ("text", "value", "confidence"),
    [
        ("6", 6, 0.95),
        ("zes (6)", 6, 1.0),
        ("zes", 6, 0.95),
        ("(6) zes", 6, 1.0),
        ("6 (zes)", 6, 1.0),
        ("twaalf (12)", 12, 1.0),
        ("één", 1, 0.95),
        ("eenentwintig", 21, 0.95),
        ("tweeëntwintig (22)", 22, 1.0),
        ("negenennegentig", 99, 0.95),
        ("honderd", 100, 0.95),
        ("zes (7)", 6, 0.5),
        ("Zes (6) doelgroepwerknemers", 6, 1.0),
    ],
)
def test_parse_count(text: str, value: int, confidence: float) -> None:
    """Counts in digits, words or both; word and digits disagreeing lowers the confidence."""
    result = parse_count(text)
    assert result is not None
    assert (result.value, result.confidence) == (value, confidence)


@pytest.mark.parametrize("text", ["geen", "", "werknemers"])
def test_parse_count_none(text: str) -> None:
    """Text without a number gives no count."""
    assert parse_count(text) is None


def test_number_words_cover_one_to_hundred() -> None:
    """Every number word from one to a hundred is known, with or without diaeresis."""
    assert word_value("drieëntwintig") == word_value("drieentwintig") == 23
    assert word_value("zevenenveertig") == 47
    assert len({word_value(w) for w in ["een", "tien", "negentig", "honderd"]}) == 4


def test_find_counts_spans() -> None:
    """A count's span covers the word and its bracketed digits."""
    text = "stelt zes (6) doelgroepwerknemers ter beschikking"
    (count,) = find_counts(text)
    assert text[count.span[0] : count.span[1]] == "zes (6)"


START = D(2017, 3, 1)


@pytest.mark.parametrize(
    ("text", "indefinite", "end"),
    [
        ("onbepaalde duur", True, None),
        ("onbepaalde tijd", True, None),
        ("voor onbepaalde duur", True, None),
        ("Onbepaald", True, None),
        ("bepaalde duur van 12 maanden", False, D(2018, 2, 28)),
        ("twaalf (12) maanden", False, D(2018, 2, 28)),
        ("1 jaar", False, D(2018, 2, 28)),
        ("een periode van 6 maanden", False, D(2017, 8, 31)),
        ("tot en met 31/12/2018", False, D(2018, 12, 31)),
        ("loopt tat en met 31/12/2021.", False, D(2021, 12, 31)),
        ("tot 31 december 2018", False, D(2018, 12, 31)),
        ("t.e.m. 31/12/2018", False, D(2018, 12, 31)),
    ],
)
def test_parse_duration(text: str, indefinite: bool, end: dt.date | None) -> None:
    """Durations: indefinite, an end date, or months counted from the start minus one day."""
    result = parse_duration(text, START)
    assert result is not None
    assert (result.indefinite, result.end_date) == (indefinite, end)


def test_duration_ignores_notice_periods() -> None:
    """A notice period is no contract duration."""
    assert parse_duration("opzegtermijn van 3 maanden", START) is None


def test_duration_without_start_keeps_only_the_length() -> None:
    """Without a start date a length is known but no end date."""
    result = parse_duration("bepaalde duur van 12 maanden")
    assert result is not None
    assert (result.months, result.end_date) == (12, None)
