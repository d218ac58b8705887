"""Typed data passed between the document readers, the field extractors and the pipeline.

A reader turns one attachment into a `Document` (pages of words with boxes); the field
extractors turn a `Document` into zero or more `ExtractedContract`s whose every field carries a
value, a confidence in [0, 1] and the `Evidence` of where it was found.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class TextSource(StrEnum):
    """Where the text of a page came from."""

    TEXT_LAYER = "text_layer"  # a PDF's own text (pdfplumber)
    OCR = "ocr"  # tesseract on a rendered page or an image
    DOCX = "docx"  # python-docx paragraphs and tables
    PLAIN = "plain"  # a mail body or a .txt attachment


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle on a page in PDF points from the top-left corner (x0, top, x1, bottom)."""

    x0: float
    top: float
    x1: float
    bottom: float

    def union(self, other: Box) -> Box:
        """The smallest box holding both."""
        return Box(
            min(self.x0, other.x0),
            min(self.top, other.top),
            max(self.x1, other.x1),
            max(self.bottom, other.bottom),
        )


@dataclass(frozen=True, slots=True)
class Word:
    """One word on a page with its box and the reader's confidence in it (1.0 for a text layer)."""

    text: str
    box: Box | None
    confidence: float = 1.0


@dataclass(slots=True)
class Line:
    """Words that read as one line, in reading order."""

    words: list[Word]

    @property
    def text(self) -> str:
        """The line's text, words joined by single spaces."""
        return " ".join(w.text for w in self.words)

    @property
    def box(self) -> Box | None:
        """The union of the word boxes, or None when the source has no geometry."""
        boxes = [w.box for w in self.words if w.box is not None]
        if not boxes:
            return None
        out = boxes[0]
        for b in boxes[1:]:
            out = out.union(b)
        return out

    @property
    def confidence(self) -> float:
        """The lowest word confidence on the line."""
        return min((w.confidence for w in self.words), default=1.0)


@dataclass(slots=True)
class Page:
    """One page (1-based number) of a document: its lines in reading order and its size."""

    number: int
    lines: list[Line]
    source: TextSource
    width: float = 0.0
    height: float = 0.0

    @property
    def text(self) -> str:
        """The page's text, one line per line."""
        return "\n".join(line.text for line in self.lines)


@dataclass(slots=True)
class Document:
    """A readable document: the attachment's file name, media type and pages."""

    filename: str
    media_type: str
    pages: list[Page]
    warnings: list[str] = field(default_factory=list)
    inflated_bytes: int = 0  # what its compressed parts expanded to (charged to the mail)

    @property
    def text(self) -> str:
        """The whole text, pages separated by form feeds."""
        return "\f".join(p.text for p in self.pages)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a value was found: page and box for a highlight, and the text it was read from."""

    page: int | None
    box: Box | None
    text: str

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form, as stored with the contract."""
        return {
            "page": self.page,
            "box": None
            if self.box is None
            else [self.box.x0, self.box.top, self.box.x1, self.box.bottom],
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class FieldValue:
    """A field's normalised value, the confidence in it, and its evidence."""

    value: Any
    confidence: float
    evidence: Evidence | None = None


# Field names of a contract, as used in ExtractedContract.fields and in the store.
CONTRACT_FIELDS: tuple[str, ...] = (
    "workplace_name",
    "workplace_enterprise_number",
    "counterpart_name",
    "counterpart_enterprise_number",
    "work_location",
    "nature_of_work",
    "workers",
    "start_date",
    "end_date",
    "indefinite_duration",
    "signed_date",
)

# Fields without which a contract always goes to review.
REQUIRED_FIELDS: tuple[str, ...] = (
    "workplace_name",
    "counterpart_name",
    "work_location",
    "nature_of_work",
    "workers",
    "start_date",
)


@dataclass(slots=True)
class ExtractedContract:
    """The fields of one contract found in a document (a missing field is absent from `fields`).

    Values: names, locations and nature of work are `str`; enterprise numbers are `str` in the
    form `0XXX.XXX.XXX` (possibly failing the check digits, flagged in `problems`); `workers` is
    `int`; dates are `datetime.date`; `indefinite_duration` is `bool`.
    """

    fields: dict[str, FieldValue]
    layout: str  # "form", "prose", "docx_table", ... (for reports and benchmarks)
    problems: list[str] = field(default_factory=list)

    def value(self, name: str) -> Any:
        """The value of a field, or None when it is missing."""
        fv = self.fields.get(name)
        return None if fv is None else fv.value

    def confidence(self) -> float:
        """The overall confidence: the lowest over the required fields (0 if one is missing)."""
        return min(
            (self.fields[n].confidence if n in self.fields else 0.0) for n in REQUIRED_FIELDS
        )


@dataclass(slots=True)
class TerminationNotice:
    """A termination ("stopzetting") found in a mail body."""

    counterpart_name: str | None
    counterpart_enterprise_number: str | None
    terminated_on: dt.date | None
    evidence: Evidence
    confidence: float
