"""Text of a run of lines with a map from character offsets back to words, pages and boxes.

Extractors match regular expressions on plain text; this map turns any matched character span
back into the words it covers, so evidence carries the page and the exact box of the value.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from parsers.types import Box, Evidence, Line

TYPED = 0.999  # word confidence of typed text (text layer, DOCX); OCR words score lower


@dataclass(frozen=True, slots=True)
class WordRef:
    """A word placed in the map: its character span, page, box and confidence."""

    start: int
    end: int
    page: int
    box: Box | None
    confidence: float


@dataclass(frozen=True, slots=True)
class PlacedLine:
    """A line with the page it sits on."""

    page: int
    line: Line


class TextMap:
    """Lines joined by newlines, with every word's character span kept."""

    def __init__(self, lines: list[PlacedLine]) -> None:
        """Build the text and the word spans from lines in reading order."""
        parts: list[str] = []
        self.words: list[WordRef] = []
        self.line_starts: list[int] = []
        self.lines = lines
        pos = 0
        for placed in lines:
            self.line_starts.append(pos)
            for i, word in enumerate(placed.line.words):
                if i:
                    pos += 1
                self.words.append(
                    WordRef(pos, pos + len(word.text), placed.page, word.box, word.confidence)
                )
                pos += len(word.text)
            parts.append(placed.line.text)
            pos += 1
        self.text = "\n".join(parts)

    def words_in(self, start: int, end: int) -> list[WordRef]:
        """The words overlapping the span [start, end)."""
        return [w for w in self.words if w.start < end and w.end > start]

    def confidence(self, start: int, end: int) -> float:
        """The lowest word confidence over the span (1.0 for an empty span)."""
        return min((w.confidence for w in self.words_in(start, end)), default=1.0)

    def is_read(self, start: int, end: int) -> bool:
        """Whether the span was read from an image (OCR), not typed: a word under full trust."""
        return any(w.confidence < TYPED for w in self.words_in(start, end))

    def evidence(self, start: int, end: int, more: tuple[tuple[int, int], ...] = ()) -> Evidence:
        """Evidence for spans: the first word's page, the union of their boxes on that page."""
        words = self.words_in(start, end)
        for s, e in more:
            words += self.words_in(s, e)
        text = clean_value(" ".join(self.text[s:e] for s, e in [(start, end), *more]))
        if not words:
            return Evidence(page=None, box=None, text=text)
        page = words[0].page
        box: Box | None = None
        for w in words:
            if w.page == page and w.box is not None:
                box = w.box if box is None else box.union(w.box)
        return Evidence(page=page, box=box, text=text)


def _fold_char(c: str) -> str:
    """One character in lower case without its accent (always one character)."""
    base = "".join(x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x))
    low = base.lower()
    return low if len(low) == 1 else c


def fold(text: str) -> str:
    """Lower case without accents, same length as the input so spans stay valid."""
    return "".join(_fold_char(c) for c in text)


def clean_value(text: str) -> str:
    """A value as shown: hyphenated line breaks joined, whitespace collapsed, edges trimmed."""
    text = re.sub(r"(?<=[a-z])-\n(?=[a-z])", "", text)
    text = re.sub(r"\s+", " ", text)
    text = _LEADING_JUNK.sub("", text)
    return _TRAILING_JUNK.sub("", text)


# Marks that scans leave at the edges of a value (a quote stays when it opens "'t Laar").
_LEADING_JUNK = re.compile(r"^(?:[\s.:;,°*‚•·|_>»«~^…]|[-–+](?=\s)|[‘’'`](?!t\b))+")
_TRAILING_JUNK = re.compile(r"(?:[\s:;,°*‚’‘'`•·|_<>»«~^…]|\s[-–—](?!\w))+$")
