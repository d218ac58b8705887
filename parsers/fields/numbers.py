"""Counts written in Dutch: `6`, `zes`, `zes (6)`, `(6) zes`, `6 (zes)`, `twaalf (12)`.

Number words from one to a hundred are built from their parts (`eenentwintig`,
`tweeëntwintig`, `honderd`). When the word and the digits disagree, the word is taken (as
for amounts in contracts, the written word prevails) with a low confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.fields.textmap import fold

_UNITS = ["een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"]
_TEENS = [
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
]
_TENS = ["twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig"]


def _build_words() -> dict[str, int]:
    """Every number word from 1 to 100, accents removed."""
    words: dict[str, int] = {w: i + 1 for i, w in enumerate(_UNITS)}
    words.update({w: i + 10 for i, w in enumerate(_TEENS)})
    for t, tens in enumerate(_TENS):
        base = (t + 2) * 10
        words[tens] = base
        for u, unit in enumerate(_UNITS):
            words[f"{unit}en{tens}"] = base + u + 1
    words["honderd"] = 100
    return words


NUMBER_WORDS = _build_words()
_NUMBER = re.compile(
    r"(?<![\w.,/])(?:(\d{1,3})(?!\d)|([A-Za-zÀ-ÿ]+(?:[ -]?(?:en|ën)[ -]?[A-Za-zÀ-ÿ]+)?))(?![\w.,/]\d)"
)

AGREED = 1.0
SINGLE = 0.95
DISAGREE = 0.5


@dataclass(frozen=True, slots=True)
class CountResult:
    """A parsed count and the confidence in it, with the span it was read from."""

    value: int
    confidence: float
    span: tuple[int, int] = (0, 0)


def word_value(word: str) -> int | None:
    """The number a Dutch number word stands for (1..100), or None."""
    key = re.sub(r"[\s-]", "", fold(word))
    return NUMBER_WORDS.get(key)


def find_counts(text: str) -> list[CountResult]:
    """Every count in the text: a number or number word, paired with a bracketed twin."""
    items: list[tuple[int, int, int, bool, bool]] = []  # value, start, end, is_word, bracketed
    for m in _NUMBER.finditer(text):
        if m.group(1):
            value: int | None = int(m.group(1))
            is_word = False
        else:
            value = word_value(m.group(2))
            is_word = True
        if value is None or value == 0:
            continue
        before, after = text[max(m.start() - 1, 0) : m.start()], text[m.end() : m.end() + 1]
        bracketed = before == "(" and after == ")"
        items.append((value, m.start(), m.end(), is_word, bracketed))
    out: list[CountResult] = []
    i = 0
    while i < len(items):
        value, start, end, is_word, bracketed = items[i]
        if i + 1 < len(items):
            nv, ns, ne, nw, nb = items[i + 1]
            gap = text[end:ns]
            if nw != is_word and (nb or bracketed) and re.fullmatch(r"\)?\s*\(?", gap):
                word_v = value if is_word else nv
                conf = AGREED if nv == value else DISAGREE
                s = start - 1 if bracketed else start
                e = ne + 1 if nb else ne
                out.append(CountResult(word_v, conf, (s, e)))
                i += 2
                continue
        out.append(CountResult(value, SINGLE, (start, end)))
        i += 1
    return out


def parse_count(text: str) -> CountResult | None:
    """The first count in the text, or None; a lone "een" before a later count is the article
    ("een groep van 8 personen")."""
    counts = find_counts(text)
    if len(counts) > 1 and fold(text[counts[0].span[0] : counts[0].span[1]]) == "een":
        return counts[1]
    return counts[0] if counts else None
