"""Writing a `DocSpec` as a text PDF with reportlab (A4, one of several fonts).

Output is byte-for-byte reproducible (reportlab's invariant mode), so a corpus seed always gives
the same files.
"""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from samples.corpus.docs_model import Block, BlockKind, DocSpec, FieldStyle

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
BOLD = {
    "Helvetica": "Helvetica-Bold",
    "Times-Roman": "Times-Bold",
    "Courier": "Courier-Bold",
    "DejaVuSans": "DejaVuSans-Bold",
}
WIDTH = A4[0] - 5 * cm


def available_fonts() -> list[str]:
    """The fonts this machine can write PDFs in (DejaVu only when its files exist)."""
    fonts = ["Helvetica", "Times-Roman", "Courier"]
    if (DEJAVU / "DejaVuSans.ttf").exists() and (DEJAVU / "DejaVuSans-Bold.ttf").exists():
        if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("DejaVuSans", str(DEJAVU / "DejaVuSans.ttf")))
            pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(DEJAVU / "DejaVuSans-Bold.ttf")))
        fonts.append("DejaVuSans")
    return fonts


def _styles(font: str, size: float) -> dict[str, ParagraphStyle]:
    bold = BOLD[font]
    lead = size * 1.3
    return {
        "para": ParagraphStyle(
            "para",
            fontName=font,
            fontSize=size,
            leading=lead,
            alignment=TA_JUSTIFY,
            spaceAfter=size * 0.6,
        ),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=size, leading=lead),
        "label": ParagraphStyle("label", fontName=bold, fontSize=size, leading=lead),
        "title": ParagraphStyle(
            "title",
            fontName=bold,
            fontSize=size + 5,
            leading=size + 9,
            alignment=TA_CENTER,
            spaceAfter=size * 0.8,
        ),
        "subtitle": ParagraphStyle(
            "subtitle",
            fontName=font,
            fontSize=size - 0.5,
            leading=lead,
            alignment=TA_CENTER,
            spaceAfter=size,
        ),
        "heading": ParagraphStyle(
            "heading",
            fontName=bold,
            fontSize=size + 1,
            leading=lead + 1,
            spaceBefore=size * 0.9,
            spaceAfter=size * 0.4,
        ),
        "letterhead": ParagraphStyle(
            "letterhead",
            fontName=font,
            fontSize=size - 1.5,
            leading=size,
            alignment=TA_RIGHT,
            spaceAfter=size * 1.5,
        ),
        "small": ParagraphStyle(
            "small",
            fontName=font,
            fontSize=size - 2,
            leading=size,
            alignment=TA_LEFT,
            spaceBefore=size * 2,
        ),
    }


def _text(value: str) -> str:
    return escape(value).replace("\n", "<br/>")


def _fields(block: Block, st: dict[str, ParagraphStyle], bold: str) -> list[Flowable]:
    if block.style is FieldStyle.INLINE:
        return [
            Paragraph(f'<font name="{bold}">{_text(label)}</font> {_text(value)}', st["cell"])
            for label, value in block.rows
        ] + [Spacer(1, 4)]
    if block.style is FieldStyle.STACKED:
        out: list[Flowable] = []
        for label, value in block.rows:
            out.append(Paragraph(_text(label), st["label"]))
            out.append(
                Paragraph(
                    _text(value) or "&nbsp;",
                    ParagraphStyle("value", parent=st["cell"], leftIndent=12, spaceAfter=3),
                )
            )
        return out
    data = [
        [Paragraph(_text(label), st["cell"]), Paragraph(_text(value), st["cell"])]
        for label, value in block.rows
    ]
    table = Table(data, colWidths=[WIDTH * 0.38, WIDTH * 0.62], hAlign="LEFT")
    commands: list[tuple[object, ...]] = [("VALIGN", (0, 0), (-1, -1), "TOP")]
    if block.style is FieldStyle.TABLE:
        commands += [
            ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
            ("BACKGROUND", (0, 0), (0, -1), colors.Color(0.92, 0.92, 0.92)),
        ]
    table.setStyle(TableStyle(commands))
    return [table, Spacer(1, 6)]


def _signatures(block: Block, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    cols = [
        [Paragraph(_text(line) or "&nbsp;", st["cell"]) for line in col] for col in block.columns
    ]
    rows = [list(r) for r in zip(*cols, strict=True)]
    table = Table(rows, colWidths=[WIDTH / 2, WIDTH / 2], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [Spacer(1, 10), table]


def _flowables(spec: DocSpec, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    bold = BOLD[spec.font]
    out: list[Flowable] = []
    for block in spec.blocks:
        if block.kind is BlockKind.PAGE_BREAK:
            out.append(PageBreak())
        elif block.kind is BlockKind.FIELDS:
            out.extend(_fields(block, st, bold))
        elif block.kind is BlockKind.SIGNATURES:
            last = [out.pop()] if out and isinstance(out[-1], Paragraph) else []
            out.append(KeepTogether(last + _signatures(block, st)))
        elif block.kind is BlockKind.PARA and block.lead:
            out.append(
                Paragraph(
                    f'<font name="{bold}">{_text(block.lead)}</font> {_text(block.text)}',
                    st["para"],
                )
            )
        else:
            out.append(
                Paragraph(
                    _text(block.text),
                    st[block.kind.value if block.kind is not BlockKind.PARA else "para"],
                )
            )
    return out


def render_pdf(spec: DocSpec) -> bytes:
    """The PDF bytes of a document spec."""
    available_fonts()
    st = _styles(spec.font, spec.size)

    def furniture(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(spec.font, spec.size - 2.5)
        if spec.header:
            canvas.drawString(2.5 * cm, A4[1] - 1.4 * cm, spec.header)
        footer = spec.footer
        if spec.page_numbers:
            footer = f"{footer}    Pagina {doc.page}".strip()
        if footer:
            canvas.drawRightString(A4[0] - 2.5 * cm, 1.3 * cm, footer)
        canvas.restoreState()

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2.5 * cm,
        rightMargin=2.5 * cm,
        topMargin=2.2 * cm,
        bottomMargin=2.2 * cm,
        title=spec.title,
        author=spec.author,
        invariant=1,
    )
    doc.build(_flowables(spec, st), onFirstPage=furniture, onLaterPages=furniture)
    return buffer.getvalue()
