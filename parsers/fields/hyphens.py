"""Words split over two lines by justified text ("werk-" / "zaamheden") joined again.

A line ending in a word with a hyphen right after a letter, followed on the same page by a line
starting with a letter, is a split word: with a lower-case continuation the hyphen was only
typography ("werkzaamheden"), with a capital it belongs to the word ("Sint-Niklaas",
"West-Vlaanderen"). The joined word takes both pieces' boxes (its evidence spans the two lines)
and the next line keeps its other words. A lone dash ("Gent -") is punctuation, not a split.
A word is only joined with one starting under the cell it ends in, so a table's columns stay
apart (the table reader joins split words within a cell itself).
"""

from __future__ import annotations

import re

from parsers.fields.textmap import PlacedLine
from parsers.types import Line, Word

_SPLIT = re.compile(r"[^\W\d_]{2,}[-\u00ad]$")  # ends in letters and a hyphen (or a soft one)
_CONTINUES = re.compile(r"^[^\W\d_]")
_ENUMERATOR = re.compile(r"(?:\d{1,2}(?:\.\d{1,2})*[.)°]?|[a-zA-Z][.)]|[ivx]{1,4}[.)]|[-–•▪●*§])")
INDENT_POINTS = 40.0  # a paragraph's first line may be indented this far
ALIGN_POINTS = 15.0  # a line starting this far right of a cell's start still runs on in it


def _joined(head: Word, tail: Word) -> Word:
    """The word the two pieces make."""
    stem = head.text[:-1]
    compound = "-" in stem and "-" in tail.text  # "Heist-op-" / "den-Berg": a name's hyphens
    text = (
        stem + tail.text
        if tail.text[:1].islower() and not compound
        else head.text.replace("\u00ad", "-") + tail.text
    )
    box = (
        head.box
        if tail.box is None
        else (tail.box if head.box is None else head.box.union(tail.box))
    )
    return Word(text, box, min(head.confidence, tail.confidence))


def _hanging(line: Line) -> float | None:
    """Where the text of a numbered or bulleted line starts ("1. De ...": at "De"), or None."""
    words = line.words
    if len(words) > 1 and _ENUMERATOR.fullmatch(words[0].text) and words[1].box is not None:
        return words[1].box.x0
    return None


def _same_column(line: Line, first: Word, origin: Word, hanging: float | None) -> bool:
    """Whether the next line's first word starts under the cell the split word ends.

    In running text the next line starts at the margin, under the line's start (or a little
    left of an indented first line); in a table it may belong to another column ("Lom-" over
    "mel" in the address column, "voedingswa-" in the next), and is then left alone. `origin`
    is the line's first word as read: a line that gave its first word to the line above (a
    split word joined there) still starts at the margin.
    """
    from parsers.fields.tables import cells

    parts = cells(line)
    start = origin.box if len(parts) == 1 else parts[-1][0].box
    if start is None or first.box is None:
        return True
    if hanging is not None and abs(first.box.x0 - hanging) <= ALIGN_POINTS:
        return True  # a numbered item's text wraps under its text, not under its number
    return start.x0 - INDENT_POINTS <= first.box.x0 <= start.x0 + ALIGN_POINTS


def join_hyphenated(lines: list[PlacedLine]) -> list[PlacedLine]:
    """The lines with every word split at a line end joined onto the first line."""
    out = [PlacedLine(p.page, Line(list(p.line.words))) for p in lines]
    origins = [p.line.words[0] if p.line.words else None for p in lines]
    hangs = [_hanging(p.line) for p in lines]
    for i in range(len(out) - 1):
        here, nxt = out[i], out[i + 1]
        if not here.line.words or not nxt.line.words or here.page != nxt.page:
            continue
        last, first = here.line.words[-1], nxt.line.words[0]
        if not _SPLIT.search(last.text) or not _CONTINUES.match(first.text):
            continue
        origin = origins[i] or here.line.words[0]
        if not _same_column(here.line, first, origin, hangs[i]):
            continue
        here.line.words[-1] = _joined(last, first)
        del nxt.line.words[0]
    return [p for p in out if p.line.words]


def rejoin(head: Word, tail: Word) -> Word | None:
    """The word that `head` (ending in a split hyphen) and `tail` make, or None when no split."""
    if not _SPLIT.search(head.text) or not _CONTINUES.match(tail.text):
        return None
    return _joined(head, tail)
