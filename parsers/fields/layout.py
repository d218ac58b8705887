"""Lines rebuilt from word geometry, and the split of a line into label and value.

Readers may deliver a two-column form as one line per column; regrouping the words of a page
by their vertical position puts every label back beside its value. A line splits into a label
and a value at a colon, at a wide horizontal gap, or not at all (a label alone on its line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.fields.columns import as_lines, read_columns
from parsers.fields.dates import find_dates
from parsers.fields.enterprise import find_enterprise_numbers
from parsers.fields.labels import LabelKey, LabelMatch, Party, match_label
from parsers.fields.numbers import parse_count
from parsers.fields.ocrlayout import ocr_reading_order
from parsers.fields.ocrrepair import repair_lines
from parsers.fields.ocrtext import denoise_line
from parsers.fields.textmap import PlacedLine
from parsers.types import Box, Line, Page, TextSource, Word

MIN_GAP_POINTS = 6.0  # points between a label column and a value column, at least
MAX_LABEL_WORDS = 8
SLIP_CHARS = 3  # characters of noise allowed before a typed value
_TYPED = frozenset(
    {
        LabelKey.START_DATE,
        LabelKey.END_DATE,
        LabelKey.SIGNED_DATE,
        LabelKey.ENTERPRISE_NUMBER,
        LabelKey.WORKERS,
    }
)
_PARAGRAPH_SIGN = re.compile(r"\s*§\s*\d")
_NUMBERED = re.compile(r"\s*(?:\d{1,2}\s*[.)]\s|art(?:ikel)?[.,]?\s*\d)", re.IGNORECASE)


def _overlap(a: Box, b: Box) -> float:
    """How much of the shorter of two boxes' heights the two share."""
    shared = min(a.bottom, b.bottom) - max(a.top, b.top)
    return shared / max(min(a.bottom - a.top, b.bottom - b.top), 0.1)


def regroup_page(page: Page) -> list[PlacedLine]:
    """The page's lines; for a text layer, rebuilt from the word positions.

    OCR pages keep the reader's lines (it already joins a row's blocks and knows the skew),
    cleared of the marks that specks leave.
    """
    if page.source is TextSource.OCR:
        raw = page.lines
        lines = (
            denoise_line(line, raw[i + 1] if i + 1 < len(raw) else None)
            for i, line in enumerate(raw)
        )
        kept = ocr_reading_order(repair_lines(list(lines)), page.width, page.height)
        return [PlacedLine(page.number, line) for line in kept]
    words = [w for line in page.lines for w in line.words]
    boxes = [w.box for w in words]
    if page.source is not TextSource.TEXT_LAYER or not words or None in boxes:
        return [PlacedLine(page.number, line) for line in page.lines if line.words]
    rows: list[tuple[Box, list[Word]]] = []
    for word in sorted(words, key=lambda w: ((w.box.top + w.box.bottom) / 2, w.box.x0)):  # type: ignore[union-attr]
        box = word.box
        assert box is not None
        for k in range(len(rows) - 1, max(len(rows) - 4, -1), -1):
            row_box, row = rows[k]
            if _overlap(row_box, box) >= 0.5:
                row.append(word)
                rows[k] = (row_box.union(box), row)
                break
        else:
            rows.append((box, [word]))
    rows.sort(key=lambda r: (r[0].top + r[0].bottom) / 2)
    ordered = read_columns([row for _, row in rows], page.width)
    return [PlacedLine(page.number, line) for line in as_lines(ordered)]


@dataclass(frozen=True, slots=True)
class SplitLine:
    """A line seen as a label and the character offset (in the line) where its value starts."""

    label: LabelMatch
    value_start: int | None  # None: the label stands alone on its line
    separated: bool  # a colon or a column gap separates label and value


def _word_starts(line: Line) -> list[int]:
    """The character offset of each word in the line's text."""
    starts, pos = [], 0
    for word in line.words:
        starts.append(pos)
        pos += len(word.text) + 1
    return starts


def _gap_index(line: Line) -> int | None:
    """The index of the first word after a column gap within the label zone, or None.

    A column gap is wider than the line's usual word space (compared with the narrowest gap,
    so justified text and monospaced fonts do not fool it) and than most of a text height.
    """
    words = line.words[: MAX_LABEL_WORDS + 1]
    if any(w.box is None for w in line.words):
        return None
    gaps = [b.box.x0 - a.box.x1 for a, b in zip(line.words, line.words[1:], strict=False)]  # type: ignore[union-attr]
    if not gaps:
        return None
    first = words[0].box
    assert first is not None
    height = max(first.bottom - first.top, 1.0)
    space = min(gaps) if len(gaps) >= 2 else 0.3 * height
    for i in range(1, len(words)):
        if gaps[i - 1] >= max(1.8 * space, 0.9 * height, MIN_GAP_POINTS):
            return i
    return None


def is_numbered(text: str) -> bool:
    """Whether a line opens a numbered section or an article (`3. Duur`, `Art 3.`, `Artikel 3`,
    `§ 3.`)."""
    return _NUMBERED.match(text) is not None or _PARAGRAPH_SIGN.match(text) is not None


def split_line(line: Line) -> SplitLine | None:
    """Read a line as `label: value`, `label <gap> value` or a lone label; None if no label."""
    text = line.text
    if text.rstrip().endswith("?"):  # "9. Waar worden de werkzaamheden uitgevoerd?": answer below
        question = match_label(text)
        return SplitLine(question, None, False) if question is not None else None
    if _NUMBERED.match(text):
        return None
    leader = _leader(line)
    if leader is not None:
        return leader
    colon = text.find(":")
    if 0 < colon <= 60:
        label = match_label(text[:colon])
        if label is not None and not _sentence_tail(text, label):
            rest = text[colon + 1 :]
            start = colon + 1 + (len(rest) - len(rest.lstrip()))
            return SplitLine(label, start if rest.strip() else None, True)
    gap = _gap_index(line)
    if gap is not None and not text[:1].islower():  # a wrapped sentence starts in lower case
        label = match_label(" ".join(w.text for w in line.words[:gap]))
        if label is not None:
            return SplitLine(label, _word_starts(line)[gap], True)
    typed = _typed_prefix(line) or _plain_prefix(line)
    if typed is not None:
        return typed
    if len(line.words) > 1 and line.words[-1].text == ";":  # a colon read as a semicolon
        label = match_label(text[:-1])
        if label is not None and label.score >= 100:
            return SplitLine(label, None, True)
    if len(line.words) <= MAX_LABEL_WORDS and text[:1].isupper() and text[-1:] not in ",;":
        label = match_label(text)
        if label is not None and label.score >= 100:
            return SplitLine(label, None, False)
    return None


_LEADER_WORD = re.compile(r"[.…_·]{3,}:?")


def _leader(line: Line) -> SplitLine | None:
    """`Label ………… value`: a filled-in model's dotted leader stands for the colon."""
    for k, word in enumerate(line.words[: MAX_LABEL_WORDS + 1]):
        if k and _LEADER_WORD.fullmatch(word.text):
            label = match_label(" ".join(w.text for w in line.words[:k]))
            if label is None:
                return None
            starts = _word_starts(line)
            rest = [
                i
                for i in range(k + 1, len(line.words))
                if not _LEADER_WORD.fullmatch(line.words[i].text)
            ]
            return SplitLine(label, starts[rest[0]] if rest else None, True)
    return None


def _sentence_tail(text: str, label: LabelMatch) -> bool:
    """Whether "gebruiker: scannen ..." is the end of a sentence wrapped onto this line (a
    role word in lower case before a colon), not a label."""
    return text[:1].islower() and label.key is LabelKey.NAME and label.party is not None


def _plain_prefix(line: Line) -> SplitLine | None:
    """`Label Value` with the separator lost (a tab read as a space, a label filling its cell).

    Only for an exact label on a short line whose value starts like a name or an address (a
    capital or a digit), or after a label of three words or more (a name still starts with a
    capital: "A. de Onderneming een bedrijf is ..." is a recital), so prose is left alone; a
    bare workplace word ("Maatwerkbedrijf") or a label of no interest ("Gemeente") is no label
    here, since names start with such words.
    """
    words = line.words
    if len(words) > 14 or not line.text[:1].isupper():
        return None
    starts = _word_starts(line)
    for k in range(min(len(words) - 1, MAX_LABEL_WORDS), 0, -1):
        head = " ".join(w.text for w in words[:k])
        label = match_label(head)
        if label is None or label.score < 100:
            continue
        if label.key is LabelKey.OTHER or (
            label.party is Party.WORKPLACE and not re.search(r"naam|benaming", head, re.I)
        ):
            continue  # names start with such words ("Maatwerkbedrijf X", "Gemeente X")
        rest = words[k].text
        capital = rest[:1].isupper() or rest[:1].isdigit()
        if capital or (k >= 3 and label.key is not LabelKey.NAME):  # a name starts with a capital
            return SplitLine(label, starts[k], False)
    return None


def _reads_as(key: LabelKey, value: str) -> bool:
    """Whether a value starts with what its label announces (a date, a number, a count).

    A date may follow a short slip (a speck read as "En" on a scan).
    """
    if key in (LabelKey.START_DATE, LabelKey.END_DATE, LabelKey.SIGNED_DATE):
        dates = find_dates(value)
        return bool(dates) and dates[0][1][0] <= SLIP_CHARS
    if key is LabelKey.ENTERPRISE_NUMBER:
        numbers = find_enterprise_numbers(value)
        return bool(numbers) and numbers[0][1][0] <= 3
    count = parse_count(value)
    return count is not None and count.span[0] == 0


def _typed_prefix(line: Line) -> SplitLine | None:
    """`Label value` with no colon nor gap, when the value is a date, number or count.

    The value's form vouches for the split as a separator would, so it counts as separated.
    """
    words = line.words
    if len(words) > MAX_LABEL_WORDS + 4:
        return None
    starts = _word_starts(line)
    for k in range(min(len(words) - 1, MAX_LABEL_WORDS), 0, -1):
        label = match_label(" ".join(w.text for w in words[:k]))
        if label is None or label.score < 100 or label.key not in _TYPED:
            continue
        if _reads_as(label.key, line.text[starts[k] :]):
            return SplitLine(label, starts[k], True)
    return None


_SECOND = re.compile(r"(?:^|\s{1,}|\s*[|;]\s*)((?:[A-Za-zÀ-ÿ.\-/]+\s){0,4}[A-Za-zÀ-ÿ.\-/]+)\s?:")


def second_label(value: str) -> tuple[int, int, LabelMatch] | None:
    """A second `label:` inside a value (two fields on one line): its span and match."""
    for m in _SECOND.finditer(value):
        words = m.group(1).split()
        for k in range(len(words)):
            candidate = " ".join(words[k:])
            label = match_label(candidate)
            if label is not None and len(candidate) >= 4:
                start = m.start(1) + m.group(1).find(words[k])
                if start > 0:
                    return start, m.end(), label
    return None


def split_wrapped(line: Line, below: Line) -> tuple[SplitLine, int | None] | None:
    """A label whose cell wraps onto the next line (`Aantal ingezette | 6` over `werknemers:`).

    Returns the split of the first line and where the value goes on in the line below (None
    when the line below holds only the rest of the label).
    """
    gap = _gap_index(line)
    first = line.words[0].box
    if gap is None or below.box is None or first is None:
        return None
    below_gap = _gap_index(below)
    tail = below.words[:below_gap] if below_gap is not None else below.words
    if abs(below.box.x0 - first.x0) > 3.0 or len(tail) > 3:
        return None
    head = " ".join(w.text for w in line.words[:gap])
    if not any(c.isalpha() for c in head):
        return None  # a numbered heading ("5.   Ondertekening"), not half a label
    rest = " ".join(w.text for w in tail).rstrip(": ")
    if ":" in rest:
        return None  # the line below has a label and value of its own ("Aantal ...: 2")
    found = [m for m in (match_label(f"{head} {rest}"), match_label(head + rest)) if m is not None]
    if not found:
        return None
    label = max(found, key=lambda m: m.score)
    own = match_label(rest)
    if label.score < 100 and own is not None and own.score >= 100:
        return None  # a label of its own below a heading ("De werkplaats" over "Naam werkplaats:")
    below_start = _word_starts(below)[below_gap] if below_gap is not None else None
    return SplitLine(label, _word_starts(line)[gap], True), below_start
