"""python-docx helpers: the Word features offices use (styles, columns, landscape sections,
headers and footers, justified hyphenated text, bordered and borderless tables).

python-docx has no call for columns, hyphenation or the document language, so those few
settings are written as the WordprocessingML elements Word itself writes.
"""

from __future__ import annotations

from datetime import datetime, time

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from samples.blind.facts import Deal

Align = WD_ALIGN_PARAGRAPH
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
CENTER = WD_ALIGN_PARAGRAPH.CENTER
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT


def new_document(
    deal: Deal,
    font: str = "Liberation Sans",
    size: float = 10.5,
    hyphenate: bool = False,
    margin_cm: float = 2.2,
) -> DocxDocument:
    """An empty Dutch (Belgium) document with the author and dates of the writer."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(size)
    rpr = normal.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "nl-BE")
    rpr.append(lang)
    for section in doc.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(margin_cm)
        section.top_margin = section.bottom_margin = Cm(margin_cm)
    if hyphenate:
        setting = OxmlElement("w:autoHyphenation")
        setting.set(qn("w:val"), "true")
        doc.settings.element.append(setting)
    props = doc.core_properties
    props.author = deal.workplace.person
    props.title = "Enclaveovereenkomst"
    when = datetime.combine(deal.signed or deal.start, time(10, 0))
    props.created = props.modified = when
    props.last_modified_by = deal.workplace.person
    props.revision = 1
    return doc


def para(
    doc: DocxDocument,
    text: str = "",
    bold: bool = False,
    align: Align | None = None,
    size: float | None = None,
    italic: bool = False,
    space_after: float = 6,
) -> Paragraph:
    """A paragraph of one run."""
    p = doc.add_paragraph()
    run = p.add_run(text)
    run.bold, run.italic = bold, italic
    if size:
        run.font.size = Pt(size)
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(space_after)
    return p


def labelled(doc: DocxDocument, label: str, value: str, align: Align | None = None) -> Paragraph:
    """'Label: value' with the label in bold, as on a form."""
    p = doc.add_paragraph()
    p.add_run(label).bold = True
    p.add_run(" " + value)
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(3)
    return p


def heading(doc: DocxDocument, text: str, level: int = 1) -> Paragraph:
    """A Word heading (its own style, as offices use)."""
    para: Paragraph = doc.add_heading(text, level=level)
    return para


def table(
    doc: DocxDocument,
    rows: list[list[str]],
    grid: bool = True,
    header: bool = False,
    widths_cm: list[float] | None = None,
    size: float | None = None,
) -> Table:
    """A table from rows of cell texts; the first row bold when it is a header."""
    t = doc.add_table(rows=len(rows), cols=len(rows[0]))
    if grid:
        t.style = doc.styles["Table Grid"]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            cell = t.cell(r, c)
            cell.text = ""
            lines = value.split("\n")
            p = cell.paragraphs[0]
            for i, line in enumerate(lines):
                run = p.add_run(line)
                run.bold = header and r == 0
                if size:
                    run.font.size = Pt(size)
                if i < len(lines) - 1:
                    run.add_break()
            if widths_cm:
                cell.width = Cm(widths_cm[c])
    if widths_cm:
        t.autofit = False
        for c, width in enumerate(widths_cm):
            t.columns[c].width = Cm(width)
    table: Table = t
    return table


def columns(section: Section, count: int, space_cm: float = 1.0) -> None:
    """Lay the section out in newspaper columns."""
    cols = section._sectPr.find(qn("w:cols"))
    if cols is None:
        cols = OxmlElement("w:cols")
        section._sectPr.append(cols)
    cols.set(qn("w:num"), str(count))
    cols.set(qn("w:space"), str(int(space_cm * 567)))


def continuous_section(doc: DocxDocument) -> Section:
    """Start a new section on the same page (to change the number of columns)."""
    section: Section = doc.add_section(WD_SECTION.CONTINUOUS)
    return section


def end_columns(doc: DocxDocument) -> None:
    """Close a column section with a continuous break, so the office suite balances it."""
    section = continuous_section(doc)
    columns(section, 1)


def landscape(section: Section) -> None:
    """Turn the section to landscape."""
    width, height = section.page_width, section.page_height
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = height, width


def header(
    section: Section,
    lines: list[str],
    align: Align | None = None,
    size: float = 8.5,
    bold_first: bool = True,
) -> None:
    """Page header text (a letterhead on every page)."""
    _fill(section.header.paragraphs[0], lines, align, size, bold_first)


def footer(
    section: Section, lines: list[str], align: Align | None = CENTER, size: float = 7.5
) -> None:
    """Page footer text (registered seat, bank, page line)."""
    _fill(section.footer.paragraphs[0], lines, align, size, False)


def _fill(p: Paragraph, lines: list[str], align: Align | None, size: float, bold: bool) -> None:
    for i, line in enumerate(lines):
        run = p.add_run(line)
        run.font.size = Pt(size)
        run.bold = bold and i == 0
        if i < len(lines) - 1:
            run.add_break()
    if align is not None:
        p.alignment = align


def signatures(doc: DocxDocument, left: list[str], right: list[str]) -> None:
    """Two signature blocks side by side in a borderless table."""
    t = table(doc, [["\n".join(left), "\n".join(right)]], grid=False)
    t.rows[0].height = Cm(3.5)
