"""A thin layer over python-docx for Word documents as offices make them.

`Sheet` writes styled paragraphs (justified, Dutch hyphenation switched on), headings,
bordered tables, letterheads in the page header, "Pagina X van Y" footers, two-column and
landscape sections; `Sheet.to_bytes` saves with fixed dates and zip timestamps so one seed
gives the same bytes. The few raw XML touches (hyphenation, language, columns, fields) are
what python-docx has no API for.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import zipfile
from typing import Any

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

FONTS = ("Calibri", "Arial", "Times New Roman", "Cambria", "Verdana", "Garamond", "Georgia")
_FIXED_ZIP_TIME = (2024, 1, 1, 0, 0, 0)


def _field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """Append a simple field (PAGE, NUMPAGES) to a paragraph."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


class Sheet:
    """One Word document being written, with an author's settings."""

    def __init__(
        self,
        rng: random.Random,
        justify: bool = True,
        hyphenate: bool = True,
        font: str | None = None,
        size: float | None = None,
    ) -> None:
        self.rng = rng
        self.doc: Any = docx.Document()
        self.justify = justify
        normal = self.doc.styles["Normal"]
        normal.font.name = font or rng.choice(FONTS)
        normal.font.size = Pt(size or rng.choice((9.5, 10, 10.5, 11, 11, 12)))
        normal.paragraph_format.space_after = Pt(rng.choice((4, 6, 6, 8)))
        rpr = normal.element.get_or_add_rPr()
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "nl-BE")
        rpr.append(lang)
        if hyphenate:
            self._hyphenation()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        margin = Cm(rng.choice((2.0, 2.5, 2.54, 3.0)))
        section.left_margin = section.right_margin = margin

    def _hyphenation(self) -> None:
        """Switch on automatic hyphenation in the document settings."""
        settings = self.doc.settings.element
        hyph = OxmlElement("w:autoHyphenation")
        tab = settings.find(qn("w:defaultTabStop"))
        if tab is not None:
            tab.addnext(hyph)
        else:
            settings.insert(0, hyph)

    def para(
        self, text: str = "", bold: bool = False, style: str | None = None, align: str | None = None
    ) -> Paragraph:
        """A paragraph; newlines become line breaks; `**x**` spans are bold."""
        p: Paragraph = self.doc.add_paragraph(style=style)
        self.fill(p, text, bold)
        if align == "center":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif align == "right":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif align == "left":
            p.alignment = WD_ALIGN_PARAGRAPH.LEFT
        elif self.justify:
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        return p

    @staticmethod
    def fill(p: Paragraph, text: str, bold: bool = False) -> None:
        """Write text into a paragraph: newlines as breaks, `**x**` as bold runs."""
        for n, line in enumerate(text.split("\n")):
            if n:
                p.runs[-1].add_break(WD_BREAK.LINE) if p.runs else p.add_run().add_break()
            for k, piece in enumerate(line.split("**")):
                if piece:
                    run = p.add_run(piece)
                    run.bold = bold or k % 2 == 1

    def heading(self, text: str, level: int = 1) -> Paragraph:
        """A heading in the document's heading style."""
        h: Paragraph = self.doc.add_heading(text, level=level)
        return h

    def title(self, text: str) -> Paragraph:
        """The centred document title."""
        if self.rng.random() < 0.5:
            t: Paragraph = self.doc.add_heading(text, level=0)
            for run in t.runs:
                run.font.size = Pt(self.rng.choice((16, 18, 20)))
        else:
            t = self.para(text.upper(), bold=True, align="center")
        t.alignment = WD_ALIGN_PARAGRAPH.CENTER
        t._p.get_or_add_pPr().append(OxmlElement("w:suppressAutoHyphens"))
        return t

    def article(self, number: int, title: str, style: str) -> Paragraph:
        """An article heading: "Artikel 1 – Voorwerp", "Art. 1. Voorwerp", "1. VOORWERP"."""
        text = {
            "artikel": f"Artikel {number} – {title}",
            "art": f"Art. {number}. {title}",
            "caps": f"{number}. {title.upper()}",
            "colon": f"Artikel {number}: {title}",
        }[style]
        if style == "caps":
            return self.para(text, bold=True, align="left")
        return self.heading(text, level=2)

    def table(
        self,
        rows: list[list[str]],
        header: bool = True,
        widths: list[float] | None = None,
        borders: bool = True,
    ) -> Table:
        """A table; the first row is bold when it is a header."""
        table: Table = self.doc.add_table(rows=len(rows), cols=len(rows[0]))
        if borders:
            table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                cell = table.cell(r, c)
                p = cell.paragraphs[0]
                self.fill(p, value, bold=header and r == 0)
                if widths:
                    cell.width = Cm(widths[c])
        return table

    def letterhead(self, lines: list[str], right: str = "") -> None:
        """The page header: organisation lines left, an optional reference right."""
        header = self.doc.sections[0].header
        p = header.paragraphs[0]
        self.fill(p, "\n".join(lines), bold=False)
        if p.runs:
            p.runs[0].bold = True
        if right:
            q = header.add_paragraph()
            q.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            self.fill(q, right)

    def footer(self, text: str = "", pages: str = "Pagina {page} van {pages}") -> None:
        """The page footer: a line of text and the page number."""
        footer = self.doc.sections[0].footer
        p = footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if text:
            p.add_run(text + "   ")
        before, _, rest = pages.partition("{page}")
        middle, _, after = rest.partition("{pages}")
        p.add_run(before)
        _field(p, "PAGE", "1")
        if "{pages}" in rest:
            p.add_run(middle)
            _field(p, "NUMPAGES", "1")
            p.add_run(after)
        else:
            p.add_run(middle)

    def columns(self, count: int, new_page: bool = False) -> None:
        """Start a section with `count` text columns (continuous unless `new_page`)."""
        section = self.doc.add_section(WD_SECTION.NEW_PAGE if new_page else WD_SECTION.CONTINUOUS)
        cols = section._sectPr.find(qn("w:cols"))
        if cols is None:
            cols = OxmlElement("w:cols")
            section._sectPr.append(cols)
        cols.set(qn("w:num"), str(count))
        cols.set(qn("w:space"), "567")

    def landscape(self) -> None:
        """Start a landscape section on a new page."""
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        self._single(section)
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21)

    def portrait(self) -> None:
        """Start a portrait one-column section on a new page."""
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        self._single(section)
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21), Cm(29.7)

    @staticmethod
    def _single(section: Any) -> None:
        """One column in a new section (a section inherits the columns of the one before)."""
        cols = section._sectPr.find(qn("w:cols"))
        if cols is not None:
            cols.set(qn("w:num"), "1")

    def page_break(self) -> None:
        """A hard page break."""
        self.doc.add_page_break()

    def to_bytes(self, author: str, when: dt.date) -> bytes:
        """The DOCX file with fixed metadata and zip timestamps."""
        stamp = dt.datetime(when.year, when.month, when.day, 9, 0, 0)
        props = self.doc.core_properties
        props.author = author
        props.last_modified_by = author
        props.created = stamp
        props.modified = stamp
        props.revision = 1
        raw = io.BytesIO()
        self.doc.save(raw)
        out = io.BytesIO()
        with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                fixed = zipfile.ZipInfo(info.filename, _FIXED_ZIP_TIME)
                fixed.compress_type = zipfile.ZIP_DEFLATED
                dst.writestr(fixed, src.read(info.filename))
        return out.getvalue()
