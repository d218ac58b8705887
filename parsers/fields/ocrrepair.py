"""Word-level repairs of OCR'd lines: specks read as words, postcodes glued to their marks.

Two slips cost scans whole fields on the training folders, where the same documents read as
text do not lose them:

* A speck or a pen stroke read as a short "word" with almost no confidence ("Oe", "LL", a
  lone ".") between table headers or words of a phrase, where it also bridges the gutter of
  two columns. Dropped are marks of one or two characters without letter or digit read under
  `MARK_CONFIDENCE`, and words of one or two letters read under `JUNK_CONFIDENCE` that are no
  legal form or small Dutch word (`SHORT_WORDS`: tesseract may give a real "BV" zero).
* A postcode with a mark glued to it ("8000. Brugge", "3620-Lanaken", "9O00 Gent") or a house
  number ending in a speck's stop before the postcode ("2/B." over "9600 Ronse"). The repair
  is made only when the result is proven by Statbel's list: the four digits are a known
  postcode *and* the town written after it is (give or take an OCR slip) one of that
  postcode's municipalities (`parsers.fields.address.snap_town`); a house number's glued stop
  or dash ("8- 8900 Ieper") goes only before such a proven postcode and town. The words keep their
  (lowered) OCR confidence, so a value built on them stays below the accept threshold when
  the reader was unsure.
* A period's "t/m" between two dates read as "Vm" or "Um", or its dash lost ("6-5-2022
  5-5-2023", the dates close together: two table cells stand further apart): mended, the word
  given `MENDED_CONFIDENCE` so the end date stays unsure.
"""

from __future__ import annotations

import re

from parsers.fields.address import snap_town, towns_of
from parsers.types import Box, Line, Word

JUNK_CONFIDENCE = 0.2
MARK_CONFIDENCE = 0.7
# Short words that carry meaning even when OCR is unsure of them: legal forms, a bus letter,
# the small words of Dutch phrases the readers anchor on.
SHORT_WORDS = frozenset(
    "bv nv cv sa vs de te op en in of al na om bij het van tot met is er a b c d".split()
)
_DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1", "S": "5"})
_POSTCODE_MARK = re.compile(r"^([1-9OolIS|][0-9OolIS|]{3})[.,:;]$")
_POSTCODE_GLUED = re.compile(r"^([1-9OolIS|][0-9OolIS|]{3})[-.,]([A-ZÀ-Ý][\w'À-ÿ-]+)$")
_HOUSE_NUMBER_STOP = re.compile(r"^(\d{1,4}[A-Za-z]?(?:/[A-Za-z0-9]{1,4})?),?[.\-–]$")
_NUMERIC_DATE = re.compile(r"^\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})[.,:;]?$")
_UNTIL = re.compile(r"^[tTUuVvlI|1][/lI|1]?[mn]$")  # "t/m" as OCR reads it: "Vm", "Um", "tm"
MENDED_CONFIDENCE = 0.5
DASH_GAP_CHARS = 4.0  # a lost dash and its spaces leave about three characters; a column more
_TOWN_WORD = re.compile(r"^[A-ZÀ-Ý][\w'À-ÿ-]+[,.]?$")


def is_junk(word: Word) -> bool:
    """Whether a word is a speck read as text (see the module docstring)."""
    text = word.text
    if not any(c.isalnum() for c in text):
        dash = any(c in "-–—" for c in text)  # a dash of a period or an address means something
        return len(text) <= 2 and not dash and word.confidence < MARK_CONFIDENCE
    return (
        len(text) <= 2
        and text.isalpha()
        and text.casefold() not in SHORT_WORDS
        and word.confidence < JUNK_CONFIDENCE
    )


def proven_postcode(raw: str, town: str) -> str | None:
    """The postcode `raw` stands for (look-alike letters mended) when `town` is, give or take
    an OCR slip, one of its municipalities; else None."""
    code = raw.translate(_DIGIT_LOOKALIKES)
    if not (code.isdigit() and len(code) == 4 and towns_of(code)):
        return None
    name = town.rstrip(",.;:")
    snapped = snap_town(name, code)
    return code if snapped in towns_of(code) else None


def _with_text(word: Word, text: str) -> Word:
    """The word with other text, same box and confidence."""
    return Word(text, word.box, word.confidence)


def _split_glued(word: Word, code: str, town: str) -> list[Word]:
    """A glued "3620-Lanaken" as two words, the box shared by characters."""
    if word.box is None:
        return [Word(code, None, word.confidence), Word(town, None, word.confidence)]
    box, total = word.box, max(len(word.text), 1)
    cut = box.x0 + (box.x1 - box.x0) * 4 / total
    after = box.x0 + (box.x1 - box.x0) * 5 / total
    return [
        Word(code, Box(box.x0, box.top, cut, box.bottom), word.confidence),
        Word(town, Box(after, box.top, box.x1, box.bottom), word.confidence),
    ]


def repair_line(line: Line, next_line: Line | None = None) -> Line:
    """One OCR'd line with junk words dropped and proven postcodes mended (see module doc)."""
    words = [w for w in line.words if not is_junk(w)]
    out: list[Word] = []
    below = next_line.words if next_line is not None else []
    for i, word in enumerate(words):
        after = words[i + 1] if i + 1 < len(words) else None
        marked = _POSTCODE_MARK.match(word.text)
        if marked and after is not None and _TOWN_WORD.match(after.text):
            code = proven_postcode(marked.group(1), after.text)
            if code is not None:
                out.append(_with_text(word, code))
                continue
        glued = _POSTCODE_GLUED.match(word.text)
        if glued:
            code = proven_postcode(glued.group(1), glued.group(2))
            if code is not None:
                out.extend(_split_glued(word, code, glued.group(2)))
                continue
        stop = _HOUSE_NUMBER_STOP.match(word.text)
        if stop and _postcode_follows(words[i + 1 : i + 3] if after is not None else below[:2]):
            out.append(_with_text(word, stop.group(1)))
            continue
        out.append(word)
    return Line(repair_periods(out))


def _postcode_follows(words: list[Word]) -> bool:
    """Whether the words start with a postcode and its own town."""
    if len(words) < 2:
        return False
    code = words[0].text.rstrip(",.")
    return (
        bool(re.fullmatch(r"[1-9]\d{3}", code)) and proven_postcode(code, words[1].text) is not None
    )


def _dated(word: Word) -> bool:
    """Whether a word is a numeric date ("5-4-2022", "01/03/2017", "1.11.2024")."""
    return _NUMERIC_DATE.match(word.text) is not None


def _close(left: Word, right: Word) -> bool:
    """Whether two words stand within `DASH_GAP_CHARS` characters (no table column between)."""
    if left.box is None or right.box is None:
        return False
    char = (left.box.x1 - left.box.x0) / max(len(left.text), 1)
    return right.box.x0 - left.box.x1 <= DASH_GAP_CHARS * char


def repair_periods(words: list[Word]) -> list[Word]:
    """Two dates of a period with "t/m" misread ("Vm", "Um") or the dash between them lost.

    The mended or added word gets `MENDED_CONFIDENCE` at most, so the period it makes is not
    taken sure without a reviewer.
    """
    out: list[Word] = []
    for i, word in enumerate(words):
        before = out[-1] if out else None
        after = words[i + 1] if i + 1 < len(words) else None
        between = before is not None and after is not None and _dated(before) and _dated(after)
        if between and word.text != "t/m" and _UNTIL.match(word.text):
            out.append(Word("t/m", word.box, min(word.confidence, MENDED_CONFIDENCE)))
            continue
        if before is not None and _dated(before) and _dated(word) and _close(before, word):
            gap = None
            if before.box is not None and word.box is not None:
                gap = Box(before.box.x1, before.box.top, word.box.x0, before.box.bottom)
            out.append(Word("–", gap, MENDED_CONFIDENCE))
        out.append(word)
    return out


def repair_lines(lines: list[Line]) -> list[Line]:
    """Every line of an OCR'd page repaired (`repair_line`), empty ones left out."""
    out = []
    for i, line in enumerate(lines):
        fixed = repair_line(line, lines[i + 1] if i + 1 < len(lines) else None)
        if fixed.words:
            out.append(fixed)
    return out
