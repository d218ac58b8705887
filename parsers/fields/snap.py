"""Party names snapped to how the document itself writes them, and their loose ends cut.

The extractor sees no registry of organisations (the pipeline matches names against the
registry after extraction, `mailbox_ingest.pipeline.verify`), so the only names it knows are
the document's own. Two repairs are made on the extracted party names:

* A name cut at a line break inside its enterprise-number clause keeps the clause's opening
  ("Gemeente Brugge (KBO" with "BE 0251.909.493)" on the next line): an unclosed bracket
  holding only a number word is cut off.
* A name OCR read with a slip ("Bakkerij Peelers NV") is replaced by the spelling the same
  document writes elsewhere (letterhead, signature block, another clause) when that spelling
  is a small edit away and was read sure, while the name itself was read unsure wherever it
  stands. The snapped value is capped at `SNAPPED` (below the accept threshold): a reviewer
  confirms it.

Words of running text are snapped the same way (`snap_vocabulary`): a lower-case word OCR
read unsure and one letter off a word the same document reads sure several times.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

from rapidfuzz.distance import Levenshtein

from parsers.fields.textmap import TYPED, PlacedLine, TextMap
from parsers.types import FieldValue, Line, Word

SNAPPED = 0.75
UNSURE_WORD = 0.6
MIN_VOTES = 3
_PLAIN = re.compile(r"^[a-zà-ÿ]{3,}$")
MAX_EDITS = 2
MIN_LENGTH = 8
SURE_WORD = 0.9
MIN_SEEN = 1
_OPEN_NUMBER_CLAUSE = re.compile(
    r"\s*[(\[]\s*(?:KBO|BTW|BE|ondernemingsnr\.?|ondernemingsnummer|nr\.?)?"
    r"(?:[\s.:-]*(?:nr|nummer)\.?)?\s*(?:BE)?\s*:?\s*$",
    re.IGNORECASE,
)
_ROLES = ("workplace", "counterpart")


def cut_open_clause(name: str) -> str:
    """The name without an unclosed bracket that opens its number clause ("X (KBO")."""
    if name.count("(") + name.count("[") <= name.count(")") + name.count("]"):
        return name
    cut = _OPEN_NUMBER_CLAUSE.sub("", name)
    return cut if len(cut) >= 3 else name


def _runs(tm: TextMap, size: int) -> list[tuple[str, float]]:
    """Every run of `size` words on one line: its text and its lowest word confidence."""
    words = tm.words
    out = []
    for i in range(len(words) - size + 1):
        run = words[i : i + size]
        if any(b.start != a.end + 1 for a, b in itertools.pairwise(run)):
            continue  # not side by side on one line
        text = tm.text[run[0].start : run[-1].end].strip(" ,.;:()")
        out.append((text, min(w.confidence for w in run)))
    return out


def snap_name(tm: TextMap, value: FieldValue) -> FieldValue:
    """The name as the document writes it elsewhere, surer and a few edits away; else as is.

    Only a name OCR read unsure (every place it stands has a word under `SURE_WORD`) is
    snapped, and only to one other spelling read sure at least `MIN_SEEN` times.
    """
    name = str(value.value)
    if len(name) < MIN_LENGTH:
        return value
    runs = _runs(tm, len(name.split()))
    own = [conf for text, conf in runs if text == name]
    if not own or max(own) >= SURE_WORD or max(own) >= TYPED:
        return value
    seen: dict[str, int] = {}
    for text, conf in runs:
        if (
            text != name
            and conf >= SURE_WORD
            and Levenshtein.distance(text.casefold(), name.casefold()) <= MAX_EDITS
        ):
            seen[text] = seen.get(text, 0) + 1
    if len(seen) != 1:
        return value
    text, count = next(iter(seen.items()))
    if count < MIN_SEEN:
        return value
    return FieldValue(text, min(value.confidence, SNAPPED), value.evidence)


def _vocabulary(lines: list[list[PlacedLine]]) -> Counter[str]:
    """The lower-case words the document reads sure, counted."""
    sure: Counter[str] = Counter()
    for page in lines:
        for placed in page:
            for word in placed.line.words:
                if word.confidence >= SURE_WORD and _PLAIN.match(word.text):
                    sure[word.text] += 1
    return sure


def _snapped_word(word: Word, sure: Counter[str]) -> Word:
    """The word, or the one sure word of the document a letter away from it (see below)."""
    if word.confidence >= UNSURE_WORD or not _PLAIN.match(word.text) or word.text in sure:
        return word
    near = [
        text
        for text, count in sure.items()
        if count >= MIN_VOTES and Levenshtein.distance(text, word.text) == 1
    ]
    return Word(near[0], word.box, word.confidence) if len(near) == 1 else word


def snap_vocabulary(lines: list[list[PlacedLine]]) -> list[list[PlacedLine]]:
    """OCR'd lower-case words read unsure, one letter off a word the document reads sure often.

    "monteren var[41] fietsonderdelen" in a document that reads "van" sure many times is
    "monteren van fietsonderdelen". Only a word under `UNSURE_WORD` that the document never
    reads sure itself is replaced, by the one word a letter away that it reads sure at least
    `MIN_VOTES` times; the word keeps its low confidence, so a value holding it stays unsure.
    """
    sure = _vocabulary(lines)
    if not sure:
        return lines
    return [
        [PlacedLine(p.page, Line([_snapped_word(w, sure) for w in p.line.words])) for p in page]
        for page in lines
    ]


def tidy_names(tm: TextMap, fields: dict[str, FieldValue]) -> None:
    """Party names with loose clause openings cut and OCR slips snapped (see module doc)."""
    for role in _ROLES:
        key = f"{role}_name"
        value = fields.get(key)
        if value is None:
            continue
        cut = cut_open_clause(str(value.value))
        if cut != value.value:
            value = FieldValue(cut, value.confidence, value.evidence)
        fields[key] = snap_name(tm, value)
