"""Words split over two lines by justified text ("werk-" / "zaamheden") joined again.

A line ending in a word with a hyphen right after a letter, followed on the same page by a line
starting with a letter, is a split word: with a lower-case continuation the hyphen was only
typography ("werkzaamheden"), with a capital it belongs to the word ("Sint-Niklaas",
"West-Vlaanderen"). The joined word takes both pieces' boxes (its evidence spans the two lines)
and the next line keeps its other words. A lone dash ("Gent -") is punctuation, not a split.
"""

from __future__ import annotations

import re

from parsers.fields.textmap import PlacedLine
from parsers.types import Line, Word

_SPLIT = re.compile(r"[^\W\d_]{2,}[-\u00ad]$")  # ends in letters and a hyphen (or a soft one)
_CONTINUES = re.compile(r"^[^\W\d_]")


def _joined(head: Word, tail: Word) -> Word:
    """The word the two pieces make."""
    stem = head.text[:-1]
    text = (
        stem + tail.text
        if tail.text[:1].islower()
        else head.text.replace("\u00ad", "-") + tail.text
    )
    box = (
        head.box
        if tail.box is None
        else (tail.box if head.box is None else head.box.union(tail.box))
    )
    return Word(text, box, min(head.confidence, tail.confidence))


def join_hyphenated(lines: list[PlacedLine]) -> list[PlacedLine]:
    """The lines with every word split at a line end joined onto the first line."""
    out = [PlacedLine(p.page, Line(list(p.line.words))) for p in lines]
    for i in range(len(out) - 1):
        here, nxt = out[i], out[i + 1]
        if not here.line.words or not nxt.line.words or here.page != nxt.page:
            continue
        last, first = here.line.words[-1], nxt.line.words[0]
        if not _SPLIT.search(last.text) or not _CONTINUES.match(first.text):
            continue
        here.line.words[-1] = _joined(last, first)
        del nxt.line.words[0]
    return [p for p in out if p.line.words]


def rejoin(head: Word, tail: Word) -> Word | None:
    """The word that `head` (ending in a split hyphen) and `tail` make, or None when no split."""
    if not _SPLIT.search(head.text) or not _CONTINUES.match(tail.text):
        return None
    return _joined(head, tail)
