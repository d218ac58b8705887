"""Writing a `DocSpec` as a DOCX with python-docx, as a workplace's word processor would.

Labels and values sit in separate runs or table cells, like real typed forms. The package is
re-zipped with fixed timestamps so a corpus seed always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx import Document as new_document
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from samples.corpus.docs_model import Block, BlockKind, DocSpec, FieldStyle


def _fields(doc: Document, block: Block, size: float) -> None:
    if block.style in (FieldStyle.INLINE, FieldStyle.STACKED):
        for label, value in block.rows:
            par = doc.add_paragraph()
            par.add_run(label).bold = True
            if block.style is FieldStyle.INLINE:
                par.add_run("\t" if len(label) < 14 else " ")
                par.add_run(value)
            else:
                doc.add_paragraph(value).paragraph_format.left_indent = Pt(size * 2)
        return
    table = doc.add_table(rows=0, cols=2)
    if block.style is FieldStyle.TABLE:
        table.style = "Table Grid"
    for label, value in block.rows:
        cells = table.add_row().cells
        cells[0].text = label
        cells[1].text = value
    doc.add_paragraph()


def _signatures(doc: Document, block: Block) -> None:
    table = doc.add_table(rows=0, cols=2)
    for left, right in zip(*block.columns, strict=True):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = left, right


def _block(doc: Document, block: Block, size: float) -> None:
    if block.kind is BlockKind.PAGE_BREAK:
        doc.add_page_break()  # type: ignore[no-untyped-call]  # python-docx is untyped
    elif block.kind is BlockKind.FIELDS:
        _fields(doc, block, size)
    elif block.kind is BlockKind.SIGNATURES:
        _signatures(doc, block)
    elif block.kind is BlockKind.TITLE:
        par = doc.add_paragraph()
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = par.add_run(block.text)
        run.bold, run.font.size = True, Pt(size + 5)
    elif block.kind is BlockKind.HEADING:
        doc.add_heading(block.text, level=2)
    elif block.kind is BlockKind.LETTERHEAD:
        par = doc.add_paragraph()
        par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        par.add_run(block.text).font.size = Pt(size - 1.5)
    elif block.kind in (BlockKind.SMALL, BlockKind.SUBTITLE):
        par = doc.add_paragraph()
        if block.kind is BlockKind.SUBTITLE:
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        par.add_run(block.text).font.size = Pt(size - 1.5)
    else:
        par = doc.add_paragraph()
        if block.lead:
            par.add_run(block.lead + " ").bold = True
        par.add_run(block.text)


def _fixed_zip(data: bytes, when: dt.datetime) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def render_docx(spec: DocSpec, when: dt.datetime) -> bytes:
    """The DOCX bytes of a document spec, dated `when` in its properties."""
    doc = new_document()
    normal = doc.styles["Normal"]
    normal.font.name = spec.font
    normal.font.size = Pt(spec.size)
    section = doc.sections[0]
    if spec.header:
        section.header.paragraphs[0].text = spec.header
    if spec.footer:
        section.footer.paragraphs[0].text = spec.footer
    for block in spec.blocks:
        _block(doc, block, spec.size)
    props = doc.core_properties
    props.author = spec.author
    props.last_modified_by = spec.author
    props.title = spec.title
    props.created = when
    props.modified = when
    props.revision = 1
    buffer = io.BytesIO()
    doc.save(buffer)
    return _fixed_zip(buffer.getvalue(), when)
