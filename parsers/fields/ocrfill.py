"""Fields that OCR garbled beyond the readers' phrases, found again as guesses (scans only).

On a scan the signatures are drawn over the signing clause, so "Aldus opgemaakt en ondertekend
te Hamme op 7 maart 2023" may come back as "Alduk opge efhar LL EnOrperte amme op dinsdag 7
maart 2023" and the prose reader, which wants the word "opgemaakt", finds no signing date.
Here a date after a word that is *almost* a signing word (similar, or its first letters), or
after "te <place> op", is taken as the signing date, but only as a guess (`GUESS`, below the
accept threshold): a reviewer confirms it. Typed text is left alone.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from parsers.fields.dates import find_dates
from parsers.fields.textmap import TextMap, fold
from parsers.types import FieldValue

GUESS = 0.6
SIGNING_WORDS = ("opgemaakt", "ondertekend", "getekend", "gedaan")
SIMILAR = 75.0
PREFIX_MIN = 4
REACH = 120  # characters after the signing word within which the date must stand
_WORD = re.compile(r"[A-Za-zÀ-ÿ]{4,}")
_TE_OP = re.compile(r"\bte\s+\S+\s+op\s+(?:de\s+)?(?=\S)")


def _signing_like(word: str) -> bool:
    """Whether a word reads as a signing word OCR garbled (similar, or its first letters)."""
    key = fold(word)
    return any(
        fuzz.ratio(key, anchor) >= SIMILAR or (len(key) >= PREFIX_MIN and anchor.startswith(key))
        for anchor in SIGNING_WORDS
    )


def garbled_signing_date(tm: TextMap) -> FieldValue | None:
    """The signing date after a garbled signing word or "te X op", as a guess; None if none."""
    text = tm.text
    starts = [m.end() for m in _WORD.finditer(text) if _signing_like(m.group())]
    starts += [m.end() for m in _TE_OP.finditer(fold(text))]
    for start in sorted(starts):
        dates = find_dates(text[start : start + REACH])
        if not dates:
            continue
        date, (s, e) = dates[0]
        if tm.is_read(max(0, start - 4), start + e):  # typed text: its phrases are as written
            return FieldValue(date, GUESS, tm.evidence(start + s, start + e))
    return None


def fill_from_ocr(tm: TextMap, fields: dict[str, FieldValue]) -> None:
    """Fields still missing on a scan, filled with guesses a reviewer confirms."""
    if "signed_date" not in fields:
        found = garbled_signing_date(tm)
        if found is not None:
            fields["signed_date"] = found
