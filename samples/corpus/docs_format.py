"""How values are written in corpus documents: dates, worker counts, enterprise numbers.

Each writer takes the value and a style (or a random generator for the style) and returns the
text as a Flemish workplace would type it.
"""

from __future__ import annotations

import datetime as dt
import random

from samples.corpus.truth import DateStyle

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
NUMBER_WORDS = (
    "nul",
    "één",
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
    "twintig",
    "eenentwintig",
    "tweeëntwintig",
    "drieëntwintig",
    "vierentwintig",
    "vijfentwintig",
)


def format_date(value: dt.date, style: DateStyle) -> str:
    """A date in one of the styles seen in real contracts."""
    if style is DateStyle.SLASH:
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    if style is DateStyle.DASH:
        return f"{value.day}-{value.month}-{value.year}"
    if style is DateStyle.DOT:
        return f"{value.day:02d}.{value.month:02d}.{value.year}"
    if style is DateStyle.LONG:
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    return f"{value.day} {MONTHS_SHORT[value.month - 1]} {value.year}"


def number_word(n: int) -> str:
    """The Dutch word for a small number (0..25)."""
    return NUMBER_WORDS[n]


def format_workers(n: int, rng: random.Random, words_share: float = 0.4) -> str:
    """A worker count as `6`, `zes (6)` or, rarely, `6 (zes)`."""
    roll = rng.random()
    if roll < words_share:
        return f"{number_word(n)} ({n})"
    if roll < words_share + 0.05:
        return f"{n} ({number_word(n)})"
    return str(n)


def format_enterprise_number(number: str, rng: random.Random) -> str:
    """An enterprise number `0XXX.XXX.XXX` in one of the ways people write it."""
    digits = "".join(c for c in number if c.isdigit())
    dotted = f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"
    return rng.choices(
        [
            dotted,
            f"{digits[:4]} {digits[4:7]} {digits[7:]}",
            f"BE {dotted}",
            f"BE{digits}",
            f"BE {digits}",
            digits,
        ],
        weights=[50, 12, 14, 10, 6, 8],
    )[0]


def blank(rng: random.Random) -> str:
    """What a left-open field looks like."""
    return rng.choice(["", "....................", "…………………", "__________", "/"])
