"""Fields that OCR garbled beyond the readers' phrases, found again as guesses (scans only).

On a scan the signatures are drawn over the signing clause, so "Aldus opgemaakt en ondertekend
te Hamme op 7 maart 2023" may come back as "Alduk opge efhar LL EnOrperte amme op dinsdag 7
maart 2023" and the prose reader, which wants the word "opgemaakt", finds no signing date.
Here a date after a word that is *almost* a signing word (similar, or its first letters), or
after "te <place> op", is taken as the signing date, but only as a guess (`GUESS`, below the
accept threshold): a reviewer confirms it. Typed text is left alone.

A choice between "bepaalde duur" and "onbepaalde duur" whose ticked box OCR read as a letter
("B bepaalde duur ... (J onbepaalde duur") tells nothing sure about the duration: the
duration fields read from such a page are capped at `GUESS`.
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
_FIXED = re.compile(r"(?<!on)\bbepaalde\s+(?:duur|tijd)")
_OPEN = re.compile(r"\bonbepaalde\s+(?:duur|tijd)")
_TICK = re.compile(r"[☒☑■▣⊠✓✔]|\[\s*[xX]\s*\]")
_DURATION_FIELDS = ("end_date", "indefinite_duration")
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


def unread_choice(tm: TextMap) -> bool:
    """Whether a scanned line offers both durations as options with no tick OCR could read.

    A ticked box comes back from OCR as a letter ("B", "(J"): the reader then cannot tell
    which option was chosen, and whichever duration it took is a guess.
    """
    for line in tm.text.split("\n"):
        folded = fold(line)
        if not (_FIXED.search(folded) and _OPEN.search(folded)):
            continue
        start = tm.text.find(line)
        if tm.is_read(start, start + len(line)) and not _TICK.search(line):
            return True
    return False


def doubt_choices(tm: TextMap, fields: dict[str, FieldValue]) -> None:
    """The duration fields capped at `GUESS` when they come from an unread choice on a scan."""
    if not any(n in fields for n in _DURATION_FIELDS) or not unread_choice(tm):
        return
    for name in _DURATION_FIELDS:
        value = fields.get(name)
        if value is not None and value.confidence > GUESS:
            fields[name] = FieldValue(value.value, GUESS, value.evidence)


def fill_from_ocr(tm: TextMap, fields: dict[str, FieldValue]) -> None:
    """Fields still missing on a scan filled with guesses, choices OCR could not read doubted."""
    doubt_choices(tm, fields)
    if "signed_date" not in fields:
        found = garbled_signing_date(tm)
        if found is not None:
            fields["signed_date"] = found
