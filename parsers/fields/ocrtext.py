"""Scan noise taken out of OCR'd lines before fields are read: specks read as punctuation.

Dust and speckles on a scanned page come back from OCR as stray marks: a lone `°` or quote
between words, a quote glued to the start of a word ("‘klaarzetten"), a full stop inside a
sentence ("start. op", "site.van"). Such marks break the phrases the extractors look for, so
they are dropped here; words keep their boxes (a split word shares its box by characters).
Quotes that open and close around a few words ("hierna ‘de werkplaats’") and the apostrophe
of "'t" stay. A long word one letter away from a word the extractors anchor on
("doelgraepwerknemers") is taken for that word. Accents that specks put over letters
("Atélier", "Lambréchts") are taken off unless Dutch spelling or the rest of the document
vouches for them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from parsers.fields.textmap import TYPED, PlacedLine, fold
from parsers.types import Box, Line, Word

ANCHOR_WORDS = (
    "doelgroepwerknemers",
    "doelgroepwerknemer",
    "doelgroepmedewerkers",
    "werknemers",
    "medewerkers",
    "werknemer",
    "medewerker",
    "tewerkgesteld",
    "tewerkstelling",
    "beschikking",
    "overeenkomst",
    "ondernemingsnummer",
    "vertegenwoordigd",
    "gevestigd",
    "maatschappelijke",
    "enerzijds",
    "anderzijds",
    "ondergetekenden",
    "werkzaamheden",
    "uitgevoerd",
    "vestiging",
    "aangegaan",
    "onbepaalde",
    "rechtswege",
    "opgemaakt",
    "ondertekend",
    "maatwerkbedrijf",
    "werkplaats",
    "dienstverlener",
    "onderneming",
    "opdrachtgever",
    "gebruiker",
    "respectievelijk",
    "beschutte",
    "enclavewerking",
    "begeleiding",
    "begeleider",
    "werkzaamheden",
    "ingezette",
    "bedraagt",
    "organisatie",
    "ontvangende",
    "akkoord",
)
ANCHOR_MIN_LENGTH = 7

NOISE_MARKS = frozenset("°'‘’“”\"`*•·~^«»„‚,")  # a word of one of these alone is a speck
QUOTES = "'‘’“”\"`„‚"
QUOTE_REACH = 4  # words within which an opening quote must be closed to be one
_CLITIC = re.compile(r"^[" + QUOTES + r"][ts]\b", re.IGNORECASE)  # 't, 's
_INNER_STOP = re.compile(r"^([a-zà-ÿ]{2,})\.([a-zà-ÿ]{2,})$")
_WORDY = re.compile(r"^[A-Za-zÀ-ÿ]{3,}\.$")


def _starts_lower(word: Word | None) -> bool:
    """Whether a word starts with a lower-case letter."""
    return word is not None and word.text[:1].isalpha() and word.text[:1].islower()


def _closed(words: list[Word], index: int) -> bool:
    """Whether a quote opening words[index] is closed by it or by one of the next words."""
    for k, word in enumerate(words[index : index + QUOTE_REACH]):
        body = (word.text[1:] if k == 0 else word.text).rstrip(".,;:)")
        if body and body[-1] in QUOTES:
            return True
    return False


def _split(word: Word, at: int, skip: int) -> list[Word]:
    """A word cut into two at a character, the box shared by character count."""
    left, right = word.text[:at], word.text[at + skip :]
    if word.box is None:
        return [Word(left, None, word.confidence), Word(right, None, word.confidence)]
    box, total = word.box, max(len(word.text), 1)
    cut_l = box.x0 + (box.x1 - box.x0) * at / total
    cut_r = box.x0 + (box.x1 - box.x0) * (at + skip) / total
    return [
        Word(left, Box(box.x0, box.top, cut_l, box.bottom), word.confidence),
        Word(right, Box(cut_r, box.top, box.x1, box.bottom), word.confidence),
    ]


def _strip_first(word: Word) -> Word:
    """A word without its first character (its box trimmed accordingly)."""
    return _split(word, 0, 1)[1]


def denoise_line(line: Line, next_line: Line | None = None) -> Line:
    """The line without the marks that specks leave (see the module docstring).

    The line below, when given, tells whether a stop at the end is followed by lower case.
    """
    words = list(line.words)
    below = next_line.words[0] if next_line is not None and next_line.words else None
    out: list[Word] = []
    for i, word in enumerate(words):
        text = word.text
        after = words[i + 1] if i + 1 < len(words) else below
        if len(text) == 1 and text in NOISE_MARKS:
            continue
        if text == "." and (not out or _starts_lower(after)):
            continue
        if (
            len(text) > 1
            and text[0] in QUOTES
            and not _CLITIC.match(text)
            and not _closed(words, i)
        ):
            word = _strip_first(word)
            text = word.text
        inner = _INNER_STOP.match(text)
        if inner:
            out.extend(_split(word, len(inner.group(1)), 1))
            continue
        if _WORDY.match(text) and _starts_lower(after):
            word = Word(text[:-1], word.box, word.confidence)
        out.append(_anchored(word))
    return Line(out)


def _anchored(word: Word) -> Word:
    """The word, or the anchor word it misspells by one letter (same case at its start)."""
    body = word.text.rstrip(".,;:")
    key = fold(body)
    if len(key) < ANCHOR_MIN_LENGTH or not key.isalpha() or key in _ANCHORS:
        return word
    hit = process.extractOne(key, ANCHOR_WORDS, scorer=Levenshtein.distance, score_cutoff=1)
    if hit is None:
        return word
    fixed = hit[0].capitalize() if body[:1].isupper() else hit[0]
    return Word(fixed + word.text[len(body) :], word.box, word.confidence)


_ANCHORS = frozenset(ANCHOR_WORDS)


_ACCENTED = re.compile(r"[À-ÖØ-öø-ÿ]")
_VOWELS = "aeiouy"
ACCENTED_WORDS = frozenset({"een", "ideeen", "cafe", "comite", "creche"})  # folded keys


def _plausible(word: str, index: int) -> bool:
    """Whether the accent at word[index] is one Dutch spelling uses there.

    A diaeresis parts two vowels ("geïndexeerd", "drieëntwintig"); an acute or grave accent
    ends a loanword or a name ("comité", "René"). Anywhere else it is a speck over a letter.
    """
    mark = unicodedata.decomposition(word[index]).split()
    if len(mark) < 2:
        return True  # no base letter plus mark (ø, ß): leave it
    diaeresis = mark[1] == "0308"
    if diaeresis:
        return index > 0 and fold(word[index - 1]) in _VOWELS
    return index == len(word) - 1 and len(word) >= 3


def repair_accents(lines: list[list[PlacedLine]]) -> list[list[PlacedLine]]:
    """OCR'd lines with accents that specks put over letters removed.

    A spelling found more often elsewhere in the document wins; a word seen once keeps only
    the accents Dutch spelling puts where they stand.
    """
    counts: Counter[str] = Counter(w.text for page in lines for p in page for w in p.line.words)
    spellings: dict[str, list[str]] = {}
    for text in counts:
        spellings.setdefault(fold(text), []).append(text)
    out = []
    for page in lines:
        placed = []
        for p in page:
            words = [_deaccented(w, counts, spellings) for w in p.line.words]
            placed.append(PlacedLine(p.page, Line(words)))
        out.append(placed)
    return out


def _deaccented(word: Word, counts: Counter[str], spellings: dict[str, list[str]]) -> Word:
    """The word with spurious accents removed (see `repair_accents`)."""
    text = word.text
    if not _ACCENTED.search(text) or word.confidence >= TYPED:
        return word
    key = fold(text)
    best = max(spellings[key], key=lambda s: (counts[s], -len(_ACCENTED.findall(s))))
    if counts[best] > counts[text]:
        return Word(best, word.box, word.confidence)
    if key.strip(".,;:'\"()") in ACCENTED_WORDS and len(key) > 2:
        return word
    fixed = "".join(
        c
        if not _ACCENTED.match(c) or _plausible(text, i)
        else fold(c)
        if c.islower()
        else fold(c).upper()
        for i, c in enumerate(text)
    )
    return word if fixed == text else Word(fixed, word.box, word.confidence)
