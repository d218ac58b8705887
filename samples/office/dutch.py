"""Dutch (and a little French) words for numbers, dates and durations as offices write them.

Hand-written because no library in the project spells Dutch numerals and ordinals ("tweeëntwintig",
"eenendertigste") or the habits of Flemish office dates ("1 maart e.k.", "1.3.2024").
"""

from __future__ import annotations

import datetime as dt
import random

_UNITS = ("nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen")
_TEENS = (
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
MONTHS_SHORT = (
    "jan.",
    "feb.",
    "mrt.",
    "apr.",
    "mei",
    "jun.",
    "jul.",
    "aug.",
    "sep.",
    "okt.",
    "nov.",
    "dec.",
)
MONTHS_FR = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def number_word(n: int) -> str:
    """A whole number from 0 to 9999 in Dutch words ("vierentwintig", "tweeduizend negentien")."""
    if n < 10:
        return _UNITS[n]
    if n < 20:
        return _TEENS[n - 10]
    if n < 100:
        tens, unit = divmod(n, 10)
        if unit == 0:
            return _TENS[tens]
        link = "ën" if _UNITS[unit].endswith("e") else "en"
        return f"{_UNITS[unit]}{link}{_TENS[tens]}"
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = "honderd" if hundreds == 1 else f"{_UNITS[hundreds]}honderd"
        return head + (number_word(rest) if rest else "")
    thousands, rest = divmod(n, 1000)
    head = "duizend" if thousands == 1 else f"{number_word(thousands)}duizend"
    return head + (f" {number_word(rest)}" if rest else "")


def ordinal_word(n: int) -> str:
    """A day of the month as a Dutch ordinal word ("eerste", "achtste", "eenendertigste")."""
    special = {1: "eerste", 3: "derde", 8: "achtste"}
    if n in special:
        return special[n]
    if n < 20:
        return number_word(n) + "de"
    return number_word(n) + "ste"


def long_date(day: dt.date) -> str:
    """`1 maart 2024`."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def words_date(day: dt.date) -> str:
    """`de eerste maart tweeduizend vierentwintig`."""
    return f"de {ordinal_word(day.day)} {MONTHS[day.month - 1]} {number_word(day.year)}"


def french_date(day: dt.date) -> str:
    """`1er mars 2024` / `12 mars 2024`."""
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {MONTHS_FR[day.month - 1]} {day.year}"


DATE_STYLES = ("long", "slash", "dot_short", "dot", "dash", "abbreviated", "weekday")


def date_text(day: dt.date, style: str) -> str:
    """A date in one of the office styles of `DATE_STYLES` (or "words")."""
    if style == "long":
        return long_date(day)
    if style == "slash":
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    if style == "dot_short":
        return f"{day.day}.{day.month}.{day.year}"
    if style == "dot":
        return f"{day.day:02d}.{day.month:02d}.{day.year}"
    if style == "dash":
        return f"{day.day}-{day.month}-{day.year}"
    if style == "abbreviated":
        return f"{day.day} {MONTHS_SHORT[day.month - 1]} {day.year}"
    if style == "weekday":
        return f"{WEEKDAYS[day.weekday()]} {long_date(day)}"
    if style == "words":
        return words_date(day)
    raise ValueError(style)


def pick_date_style(rng: random.Random) -> str:
    """One numeric or written date style, as one author would keep through a document."""
    return rng.choice(DATE_STYLES)


def count_words(n: int) -> str:
    """`vier (4)`: the notary habit of writing a count in words and digits."""
    return f"{number_word(n)} ({n})"


def count_text(rng: random.Random, n: int) -> str:
    """A worker count as digits, words, or both."""
    return rng.choice((str(n), number_word(n), count_words(n), count_words(n)))


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (clamped to the month's end)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError(day)


def end_of_term(start: dt.date, months: int) -> dt.date:
    """The last day of a term of `months` months beginning on `start`."""
    return add_months(start, months) - dt.timedelta(days=1)


_FRENCH = (
    "zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze "
    "seize dix-sept dix-huit dix-neuf vingt"
).split()


def french_count(n: int) -> str:
    """`quatre (4)`: a count for the French column of a bilingual text (up to twenty)."""
    return f"{_FRENCH[n]} ({n})" if n < len(_FRENCH) else str(n)
