"""Labelled forms: `Label: value`, label and value in two columns, or the value below its label.

Values of addresses, of the nature of work and of the duration may run over several lines;
continuation lines are joined while they stay in the value's column and no new label or section
starts. The party
of a generic label ("Naam", "Ondernemingsnummer") comes from the label itself, the section it
stands in, or the nearest name label above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.fields.labels import LabelKey, LabelMatch, Party, is_title, match_section
from parsers.fields.layout import (
    SplitLine,
    is_numbered,
    second_label,
    split_line,
    split_wrapped,
)
from parsers.fields.textmap import PlacedLine, TextMap

MULTILINE = {LabelKey.WORK_LOCATION, LabelKey.NATURE_OF_WORK, LabelKey.DURATION}
ALIGN_TOLERANCE = 15.0
_POSTCODE_LINE = re.compile(r"\s*[1-9]\d{3}\s+[A-Z][\w'-]+(?:[ -][\w'-]+)*\s*$")
_POSTCODE = re.compile(r"\b[1-9]\d{3}\s+[A-Z]")
_LABEL_LIKE = re.compile(r"\s*[A-Z][\w/.-]*(?:\s+[\w/.-]+){0,3}\s*:\s+\S")
_LEGAL_FORM_START = re.compile(  # a name's legal form wrapped onto the next row of its cell
    r"\s*(?:NV|BV|VZW|CV|CVBA|BVBA|VOF|SRL|SA|ASBL|comm\.?\s?v)\.?(?![\w-])", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class RawValue:
    """A labelled value before normalisation: what it is, whose, and where in the text map."""

    key: LabelKey
    party: Party | None
    start: int  # the first piece
    end: int
    label_score: float
    more: tuple[tuple[int, int], ...] = ()  # further pieces (a value wrapped beside its label)

    @property
    def pieces(self) -> list[tuple[int, int]]:
        """Every character span of the value, in order."""
        return [(self.start, self.end), *self.more]


def _is_structure(line: PlacedLine, split: SplitLine | None) -> bool:
    """Whether a line starts something new (a label, a section heading, a title)."""
    text = line.line.text
    if split is not None:
        return split.separated or split.value_start is None
    if _LABEL_LIKE.match(text) or text.rstrip().endswith("?"):
        return True  # "Bezetting : vier (4)", "Wie begeleidt de ploeg?": an unknown label
    return match_section(text) is not None or is_title(text) or is_numbered(text)


def _continues(prev: PlacedLine, nxt: PlacedLine, value_x0: float | None, right: float) -> bool:
    """Whether `nxt` carries on the value that ended on `prev` (the next row of its column).

    Either `nxt` starts under the value (a table cell, a tabbed column), or under the start of
    `prev` when `prev` was wrapped: its first word would not have fitted before `right`.
    """
    a, b = prev.line.box, nxt.line.box
    if a is None or b is None or value_x0 is None or prev.page != nxt.page:
        return False
    height = max(a.bottom - a.top, 1.0)
    if not -0.3 * height <= b.top - a.bottom <= 1.2 * height:  # OCR boxes may overlap a bit
        return False
    if abs(b.x0 - value_x0) <= ALIGN_TOLERANCE:
        return True
    word = nxt.line.words[0]
    first = word.box
    if first is None:
        return False
    width = first.x1 - first.x0
    char = width / max(len(word.text), 1)
    wrapped = a.x1 + width + 0.3 * height >= right - 2.0 * char
    return abs(b.x0 - a.x0) <= ALIGN_TOLERANCE and wrapped


def _value_x0(tm: TextMap, start: int) -> float | None:
    """The left edge of the first word of a value."""
    words = tm.words_in(start, start + 1)
    return words[0].box.x0 if words and words[0].box is not None else None


def _section_of(text: str, split: SplitLine | None, next_split: SplitLine | None) -> Party | None:
    """The party a heading line opens, if the line is a heading rather than a lone label."""
    party = match_section(text)
    if party is None:
        return None
    if split is None:
        return party
    if split.value_start is not None:
        return None
    heading_like = split.label.score < 100 or next_split is not None
    return party if heading_like or "gegevens" in text.lower() else None


def _line_end(tm: TextMap, index: int) -> int:
    """The character offset where a line ends."""
    return tm.line_starts[index] + len(tm.lines[index].line.text)


def _extend(
    tm: TextMap, splits: list[SplitLine | None], key: LabelKey, start: int, last: int
) -> int:
    """The last line of a value that may run on (addresses, nature of work)."""
    lines = tm.lines
    if key is LabelKey.WORK_LOCATION:
        while last + 1 < len(lines) and _POSTCODE_LINE.match(lines[last + 1].line.text):
            if _POSTCODE.search(tm.text[start : _line_end(tm, last)]):
                break
            last += 1
    if key is LabelKey.NAME and last + 1 < len(lines):
        nxt = lines[last + 1]
        if _LEGAL_FORM_START.match(nxt.line.text) and _continues(
            lines[last], nxt, _value_x0(tm, start), float("inf")
        ):
            last += 1
    if key in MULTILINE:
        x0 = _value_x0(tm, start)
        page = lines[last].page
        right = max((p.line.box.x1 for p in lines if p.page == page and p.line.box), default=0.0)
        while last + 1 < len(lines) and not _is_structure(lines[last + 1], splits[last + 1]):
            if last + 2 < len(lines) and split_wrapped(lines[last + 1].line, lines[last + 2].line):
                break
            if not _continues(lines[last], lines[last + 1], x0, right):
                break
            last += 1
    return last


def _blank_value(tm: TextMap, index: int, split: SplitLine, context: Party | None) -> RawValue:
    """An empty value at the end of a label's line (the form left it blank)."""
    end = _line_end(tm, index)
    return RawValue(split.label.key, split.label.party or context, end, end, split.label.score)


def read_form(tm: TextMap) -> list[RawValue]:
    """Every labelled value in the text map, in order, with its party resolved when it can be."""
    lines = tm.lines
    splits = [split_line(p.line) for p in lines]
    values: list[RawValue] = []
    context: Party | None = None  # the party of the latest heading or name label
    i = 0
    while i < len(lines):
        split = splits[i]
        nxt = splits[i + 1] if i + 1 < len(lines) else None
        wrapped = (
            split_wrapped(lines[i].line, lines[i + 1].line)
            if ((split is None or not split.separated) and i + 1 < len(lines))
            else None
        )
        more: tuple[tuple[int, int], ...] = ()
        if wrapped is not None:
            split, below = wrapped
            splits[i] = splits[i + 1] = split  # the label's second half is no value
            nxt = None
            if below is not None:
                more = ((tm.line_starts[i + 1] + below, _line_end(tm, i + 1)),)
        heading = _section_of(lines[i].line.text, split, nxt)
        if heading is not None or split is None:
            context = heading or context
            i += 1
            continue
        last = i
        if split.value_start is not None:
            start = tm.line_starts[i] + split.value_start
        elif i + 1 < len(lines) and not _is_structure(lines[i + 1], nxt):
            last = i + 1
            start = tm.line_starts[last]
        else:  # a label with nothing filled in
            values.append(_blank_value(tm, i, split, context))
            i += 1
            continue
        if wrapped is None:
            last = _extend(tm, splits, split.label.key, start, last)
        pairs = _split_pairs(tm, split.label, start, _line_end(tm, last))
        for k, (label, s_, e_) in enumerate(pairs):
            party = label.party or context
            if label.key is LabelKey.NAME and party is not None:
                context = party
            extra = more if k == len(pairs) - 1 else ()
            values.append(RawValue(label.key, party, s_, e_, label.score, extra))
        i = max(last, i + 1 if wrapped is not None else i) + 1
    return values


def _split_pairs(
    tm: TextMap, label: LabelMatch, start: int, end: int
) -> list[tuple[LabelMatch, int, int]]:
    """The value, cut where a second `label:` follows on the same line."""
    out: list[tuple[LabelMatch, int, int]] = []
    while True:
        found = second_label(tm.text[start:end])
        if found is None:
            out.append((label, start, end))
            return out
        s, e, nxt = found
        out.append((label, start, start + s))
        label, start = nxt, start + e
