"""Dutch number and date words, as notaries and lawyers spell them out.

Written by hand: no well-kept library spells Dutch ordinals and years the way Belgian
deeds do ("de eerste maart tweeduizend zeventien"), and the rules fit in a page.
"""

from __future__ import annotations

from datetime import date

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
_UNITS = (
    "nul",
    "een",
    "twee",
    "drie",
    "vier",
    "vijf",
    "zes",
    "zeven",
    "acht",
    "negen",
    "tien",
    "elf",
    "twaalf",
    "dertien",
    "veertien",
    "vijftien",
    "zestien",
    "zeventien",
    "achttien",
    "negentien",
)
_TENS = (
    "",
    "",
    "twintig",
    "dertig",
    "veertig",
    "vijftig",
    "zestig",
    "zeventig",
    "tachtig",
    "negentig",
)
_ORDINAL_UNITS = {1: "eerste", 3: "derde", 8: "achtste"}


def cardinal(n: int) -> str:
    """0-99 in words: 'zes', 'eenentwintig', 'tweeëntwintig'."""
    if n < 20:
        return _UNITS[n]
    tens, unit = divmod(n, 10)
    if unit == 0:
        return _TENS[tens]
    joint = "ën" if _UNITS[unit].endswith("e") else "en"
    return f"{_UNITS[unit]}{joint}{_TENS[tens]}"


def ordinal(n: int) -> str:
    """1-31 as an ordinal: 'eerste', 'derde', 'twintigste', 'eenendertigste'."""
    if n in _ORDINAL_UNITS:
        return _ORDINAL_UNITS[n]
    word = cardinal(n)
    return word + ("ste" if n >= 20 or n == 8 else "de")


def year_words(year: int) -> str:
    """A year of this century: 'tweeduizend zeventien'."""
    rest = year - 2000
    return "tweeduizend" if rest == 0 else f"tweeduizend {cardinal(rest)}"


def date_words(day: date) -> str:
    """'de eerste maart tweeduizend zeventien'."""
    return f"de {ordinal(day.day)} {MONTHS[day.month - 1]} {year_words(day.year)}"


def date_long(day: date, weekday: bool = False) -> str:
    """'1 maart 2017', or 'woensdag 1 maart 2017'."""
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text
