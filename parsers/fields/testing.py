"""Helpers for tests: documents built from plain lines, and small PDFs read with pdfplumber.

A line given as text becomes words with made-up boxes (one character = 5 points, 14 points
per line); a tab puts the rest of the line in a second column at x = 250, as forms do.
"""

from __future__ import annotations

import io

import pdfplumber
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from parsers.types import Box, Document, Line, Page, TextSource, Word

CHAR_WIDTH = 5.0
LINE_STEP = 14.0
COLUMN_X = 250.0


def _boxed_words(text: str, top: float, confidence: float) -> list[Word]:
    """Words of a line with boxes; a tab jumps to the value column."""
    words: list[Word] = []
    for column, part in enumerate(text.split("\t")):
        x = 50.0 if column == 0 else COLUMN_X + 200.0 * (column - 1)
        for token in part.split():
            width = CHAR_WIDTH * len(token)
            words.append(Word(token, Box(x, top, x + width, top + 10.0), confidence))
            x += width + CHAR_WIDTH
    return words


def lines_document(
    pages: list[list[str]],
    source: TextSource = TextSource.TEXT_LAYER,
    boxes: bool = True,
    confidence: float = 1.0,
    filename: str = "contract.pdf",
) -> Document:
    """A document whose pages hold the given lines (with made-up boxes unless `boxes` is off)."""
    out = []
    for number, texts in enumerate(pages, start=1):
        lines = []
        for i, text in enumerate(texts):
            if boxes:
                words = _boxed_words(text, 50.0 + LINE_STEP * i, confidence)
            else:
                words = [Word(t, None, confidence) for t in text.replace("\t", " ").split()]
            if words:
                lines.append(Line(words))
        out.append(Page(number, lines, source, 595.0, 842.0))
    media = (
        "application/pdf"
        if source is not TextSource.DOCX
        else ("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    )
    return Document(filename, media, out)


def make_pdf(pages: list[list[str]], font_size: float = 10.0) -> bytes:
    """A text PDF with the given lines; a tab starts a second column at x = 250."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    height = A4[1]
    for texts in pages:
        pdf.setFont("Helvetica", font_size)
        for i, text in enumerate(texts):
            y = height - 60 - i * (font_size * 1.5)
            for column, part in enumerate(text.split("\t")):
                pdf.drawString(50 if column == 0 else COLUMN_X, y, part)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def read_pdf(data: bytes, filename: str = "contract.pdf") -> Document:
    """A plain pdfplumber reading: words grouped into lines by their position."""
    pages = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            rows: dict[int, list[Word]] = {}
            for w in page.extract_words():
                key = round(float(w["top"]))
                word = Word(
                    w["text"],
                    Box(float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"])),
                )
                rows.setdefault(key, []).append(word)
            lines = [
                Line(sorted(rows[k], key=lambda w: w.box.x0 if w.box else 0.0))
                for k in sorted(rows)
            ]
            pages.append(
                Page(number, lines, TextSource.TEXT_LAYER, float(page.width), float(page.height))
            )
    return Document(filename, "application/pdf", pages)
