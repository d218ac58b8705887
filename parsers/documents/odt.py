"""OpenDocument text reader (.odt, LibreOffice): paragraphs and table rows in document order.

Written by hand because an .odt body is one small XML file (content.xml) and the readers
only need its text; a full ODF library would add nothing. Rows of a two-cell table read
"Label: Value" like the DOCX reader's, and the pages carry the DOCX text source (word
processor text without geometry), so the field extractors treat both alike.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from parsers.documents.archive import ZipBudget, check_declared, open_zip, read_member
from parsers.documents.errors import CorruptDocument
from parsers.documents.kinds import MediaType
from parsers.documents.limits import DocumentLimits
from parsers.types import Document, Line, Page, TextSource, Word

MEDIA_TYPE = MediaType.ODT
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
MAX_SPACES = 8


def _q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


def _inline_text(node: etree._Element) -> str:
    """A paragraph's text: spans flattened, text:s as spaces, tabs and line breaks kept."""
    parts: list[str] = [node.text or ""]
    for child in node:
        if child.tag == _q(_TEXT, "s"):
            parts.append(" " * _repeat(child.get(_q(_TEXT, "c"), "1")))
        elif child.tag == _q(_TEXT, "tab"):
            parts.append("\t")
        elif child.tag == _q(_TEXT, "line-break"):
            parts.append("\n")
        elif child.tag not in (_q(_TEXT, "note"), _q(_OFFICE, "annotation")):
            parts.append(_inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _repeat(count: str) -> int:
    """A text:s repeat count, bounded: words are split on spaces, so more than a few add nothing.

    The count is the sender's to choose; `" " * 10**9` would allocate a gigabyte.
    """
    count = count.strip()
    return min(int(count), MAX_SPACES) if count.isascii() and count.isdigit() else 1


def _cell_text(cell: etree._Element) -> str:
    return " ".join(" ".join(_inline_text(p).split()) for p in cell.iter(_q(_TEXT, "p")))


def _blocks(container: etree._Element) -> Iterator[str]:
    """Paragraph and table-row texts in document order (lists and sections descended)."""
    for child in container:
        if child.tag in (_q(_TEXT, "p"), _q(_TEXT, "h")):
            yield _inline_text(child).replace("\t", ": ")
        elif child.tag == _q(_TABLE, "table"):
            for row in child.iter(_q(_TABLE, "table-row")):
                cells = [_cell_text(c) for c in row if c.tag == _q(_TABLE, "table-cell")]
                cells = [c for c in cells if c]
                if len(cells) == 2:
                    yield f"{cells[0].rstrip(':')}: {cells[1]}"
                elif cells:
                    yield " | ".join(cells)
        elif child.tag in (_q(_TEXT, "list"), _q(_TEXT, "list-item"), _q(_TEXT, "section")):
            yield from _blocks(child)


def read_odt(data: bytes, filename: str, limits: DocumentLimits) -> Document:
    """Read an .odt into one page of lines (the format has no fixed pages)."""
    budget = ZipBudget(limits.max_zip_members * 40, limits.max_decompressed_bytes)
    with open_zip(data, filename) as zf:
        infos = zf.infolist()
        check_declared(infos, filename, budget)
        content = [i for i in infos if i.filename == "content.xml"]
        if not content:
            raise CorruptDocument(filename, "no content.xml: not an OpenDocument text")
        xml = read_member(zf, content[0], filename, budget)
    try:
        root = etree.fromstring(
            xml, parser=etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        )
    except etree.XMLSyntaxError as exc:
        raise CorruptDocument(filename, f"content.xml is not well-formed: {exc}") from exc
    body = root.find(f"{_q(_OFFICE, 'body')}/{_q(_OFFICE, 'text')}")
    if body is None:
        raise CorruptDocument(filename, "no text body: not an OpenDocument text")
    lines = []
    for block in _blocks(body):
        for row in block.split("\n"):
            words = [Word(t, None) for t in row.split()]
            if words:
                lines.append(Line(words))
    if not lines:
        raise CorruptDocument(filename, "the document holds no text")
    return Document(
        filename=filename,
        media_type=MEDIA_TYPE,
        pages=[Page(1, lines, TextSource.DOCX)],
        inflated_bytes=limits.max_decompressed_bytes - budget.bytes,
    )
