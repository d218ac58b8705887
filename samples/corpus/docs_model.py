"""A small document model shared by the PDF and DOCX writers.

The form and prose builders describe a contract as a list of blocks (title, paragraph, labelled
fields, signatures...); `docs_pdf` and `docs_docx` turn the same blocks into a file, so a form
looks alike whether it was typed in a word processor or printed from a PDF tool.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class BlockKind(StrEnum):
    """What a block is."""

    LETTERHEAD = "letterhead"  # small lines in the top corner
    TITLE = "title"
    SUBTITLE = "subtitle"
    HEADING = "heading"
    PARA = "para"
    FIELDS = "fields"  # labelled values, rendered in `FieldStyle`
    SIGNATURES = "signatures"  # two columns of lines, with room to sign
    SMALL = "small"  # fine print
    PAGE_BREAK = "page_break"


class FieldStyle(StrEnum):
    """How labelled values are set out."""

    INLINE = "inline"  # "Label: value" on one line
    TABLE = "table"  # two-column table with ruling lines
    STACKED = "stacked"  # the label on one line, the value under it
    TABBED = "tabbed"  # label and value in columns, no lines


@dataclass(slots=True)
class Block:
    """One block of a document; `rows` for FIELDS, `columns` for SIGNATURES."""

    kind: BlockKind
    text: str = ""
    lead: str = ""  # bold text before `text` in a paragraph ("Artikel 1 - Voorwerp.")
    rows: list[tuple[str, str]] = field(default_factory=list)
    style: FieldStyle = FieldStyle.INLINE
    columns: list[list[str]] = field(default_factory=list)


@dataclass(slots=True)
class DocSpec:
    """A whole document: blocks plus page furniture and type settings."""

    blocks: list[Block]
    font: str = "Helvetica"
    size: float = 10.5
    header: str = ""
    footer: str = ""
    page_numbers: bool = True
    title: str = ""
    author: str = ""
