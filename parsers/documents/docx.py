"""DOCX reader: body paragraphs and table rows in document order, split on page breaks.

The first page's header (a letterhead) comes before the body and its footer after it, as in
a PDF of the document.

Table rows become single lines: a two-cell row reads "Label: Value", wider rows join their
cells with " | ". There is no geometry, so words carry no boxes. The archive is checked
against the decompression limits before python-docx opens it.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import docx
from docx.oxml.ns import qn
from docx.table import Table
from lxml import etree

from parsers.documents.archive import ZipBudget, check_declared, open_zip, read_member
from parsers.documents.errors import CorruptDocument, DocumentErrorReason, LimitExceeded
from parsers.documents.kinds import MediaType
from parsers.documents.limits import DocumentLimits
from parsers.types import Document, Line, Page, TextSource, Word

MEDIA_TYPE = MediaType.DOCX
MAX_PARTS = 2000  # a DOCX is a zip of many small parts; more than this is not a letter
MAX_GRID_SPAN = 63  # Word's own column limit; python-docx repeats a cell once per column
PAGE_BREAK = "\f"
CELL_SEPARATOR = " | "
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def read_docx(data: bytes, filename: str, limits: DocumentLimits) -> Document:
    """Read a DOCX into pages of lines (one page per explicit page break)."""
    inflated = _check_archive(data, filename, limits)
    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        head, foot = _letterhead(document)
    except Exception as exc:  # python-docx and lxml raise many kinds on a broken package
        raise CorruptDocument(filename, f"not a readable DOCX: {exc!r}") from exc
    _check_spans(body, filename)
    pages: list[list[Line]] = [[]]
    for text in [*head, *_block_texts(body)]:
        for i, part in enumerate(text.split(PAGE_BREAK)):
            if i:
                pages.append([])
            pages[-1].extend(_lines(part))
    for text in foot:
        pages[-1].extend(_lines(text.replace(PAGE_BREAK, "\n")))
    if len(pages) > limits.max_pages:
        raise LimitExceeded(
            filename,
            f"{len(pages)} pages, at most {limits.max_pages} allowed",
            DocumentErrorReason.TOO_MANY_PAGES,
        )
    return Document(
        filename=filename,
        media_type=MEDIA_TYPE,
        pages=[Page(n, lines, TextSource.DOCX) for n, lines in enumerate(pages, start=1)],
        inflated_bytes=inflated,
    )


def _lines(text: str) -> list[Line]:
    """The non-empty lines of a text, as words without boxes."""
    out = []
    for row in text.split("\n"):
        words = [Word(t, None) for t in row.split()]
        if words:
            out.append(Line(words))
    return out


def _letterhead(document: docx.document.Document) -> tuple[list[str], list[str]]:
    """The texts of the first page's header and footer (a letterhead, a footer with the
    enterprise number), as Word shows them on page 1: the first-page ones when the document
    has them."""
    if not document.sections:
        return [], []
    section = document.sections[0]
    first = section.different_first_page_header_footer
    header = section.first_page_header if first else section.header
    footer = section.first_page_footer if first else section.footer
    out: tuple[list[str], list[str]] = ([], [])
    for part, texts in ((header, out[0]), (footer, out[1])):
        if not part.is_linked_to_previous:
            _check_spans(part._element, "header")
            texts.extend(_block_texts(part._element))
    return out


def _check_archive(data: bytes, filename: str, limits: DocumentLimits) -> int:
    """Inflate every part once within the byte budget, so python-docx meets no bomb.

    Returns the bytes the parts inflate to.
    """
    budget = ZipBudget(MAX_PARTS, limits.max_decompressed_bytes)
    with open_zip(data, filename) as zf:
        infos = zf.infolist()
        check_declared(infos, filename, budget)
        for info in infos:
            read_member(zf, info, filename, budget)
    return limits.max_decompressed_bytes - budget.bytes


def _check_spans(body: etree._Element, filename: str) -> None:
    """Refuse a cell spanning more columns than Word allows (a few bytes, a billion cells)."""
    for span in body.iter(qn("w:gridSpan")):
        value = span.get(qn("w:val"), "1")
        if not (value.isascii() and value.isdigit()) or int(value) > MAX_GRID_SPAN:
            raise LimitExceeded(
                filename,
                f"a table cell spans {value[:20]} columns, at most {MAX_GRID_SPAN}",
                DocumentErrorReason.DECOMPRESSION_LIMIT,
            )


def _block_texts(container: etree._Element) -> Iterator[str]:
    """The text of each paragraph and table row under a body or cell, in document order."""
    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            yield _paragraph_text(child)
        elif child.tag == qn("w:tbl"):
            for row in Table(child, None).rows:  # type: ignore[arg-type]
                yield _row_text(row.cells)
        elif child.tag == qn("w:sdt"):  # a content control wrapping blocks
            for content in child.iterchildren(qn("w:sdtContent")):
                yield from _block_texts(content)


def _paragraph_text(paragraph: etree._Element) -> str:
    """A paragraph's text; line breaks become newlines, page breaks form feeds."""
    parts: list[str] = []
    if paragraph.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}") is not None:
        parts.append(PAGE_BREAK)
    for node in paragraph.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:p")):
        if any(True for _ in node.iterancestors(_FALLBACK)):
            continue  # a text box's legacy copy repeats the text of its modern twin
        if node.tag == qn("w:p"):
            if node is not paragraph:  # a paragraph inside a text box is a line of its own
                parts.append("\n")
        elif node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag == qn("w:tab"):
            parts.append(" ")
        elif node.tag == qn("w:br") and node.get(qn("w:type")) == "page":
            parts.append(PAGE_BREAK)
        else:
            parts.append("\n")
    return "".join(parts)


def _row_text(cells: list[docx.table._Cell]) -> str:
    """One table row as one line: "Label: Value" for two cells, else cells joined by " | "."""
    texts: list[str] = []
    seen: set[int] = set()
    for cell in cells:
        if id(cell._tc) in seen:  # a merged cell is repeated once per grid column
            continue
        seen.add(id(cell._tc))
        text = " ".join(
            " ".join(_paragraph_text(p).split()) for p in cell._tc.iter(qn("w:p"))
        ).strip()
        if text:
            texts.append(text)
    if len(texts) == 2:
        label, value = texts
        return f"{label} {value}" if label.endswith(":") else f"{label}: {value}"
    return CELL_SEPARATOR.join(texts)
