"""PDF reader: the text layer through pdfplumber, OCR for pages without usable text.

PDFium (pypdfium2) opens the file first: it tells an encrypted file from a broken one, counts
pages cheaply and renders pages for OCR. Before pdfminer parses anything, compressed
streams are decoded in bounded steps to refuse decompression bombs (`pdfstreams`). The caller's
bytes are never modified.
"""

from __future__ import annotations

import io
import math
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from parsers.documents.errors import (
    CorruptDocument,
    DocumentErrorReason,
    EncryptedDocument,
    LimitExceeded,
    OcrFailed,
)
from parsers.documents.limits import DocumentLimits
from parsers.documents.ocr import ocr_image
from parsers.documents.pdfstreams import check_streams
from parsers.types import Box, Document, Line, Page, TextSource, Word

MEDIA_TYPE = "application/pdf"
SPARSE_TEXT = 200  # alphanumerics below which a page mostly covered by an image is OCR'd
IMAGE_COVER = 0.5  # share of the page an image must cover to count as a scan
_PDFIUM_PASSWORD_ERROR = 4


def read_pdf(data: bytes, filename: str, limits: DocumentLimits, ocr: bool = True) -> Document:
    """Read a PDF into pages of words; pages with no usable text layer are OCR'd if allowed."""
    if b"%PDF-" not in data[:1024]:
        raise CorruptDocument(filename, "no PDF header")
    doc = _open_pdfium(data, filename)
    try:
        if len(doc) > limits.max_pages:
            raise LimitExceeded(
                filename,
                f"{len(doc)} pages, at most {limits.max_pages} allowed",
                DocumentErrorReason.TOO_MANY_PAGES,
            )
        if len(doc) == 0:
            raise CorruptDocument(filename, "the PDF has no pages")
        inflated = check_streams(data, filename, limits)
        document = _read_pages(data, doc, filename, limits, ocr)
        document.inflated_bytes = inflated
        return document
    finally:
        doc.close()


def _open_pdfium(data: bytes, filename: str) -> pdfium.PdfDocument:
    """Open the PDF with PDFium, telling a password-protected file from a broken one."""
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == _PDFIUM_PASSWORD_ERROR:
            raise EncryptedDocument(filename, "the PDF needs a password") from exc
        raise CorruptDocument(filename, f"PDFium cannot open it: {exc}") from exc


def _read_pages(
    data: bytes, doc: pdfium.PdfDocument, filename: str, limits: DocumentLimits, ocr: bool
) -> Document:
    """Extract every page's text layer, OCR'ing the pages that lack a usable one."""
    document = Document(filename=filename, media_type=MEDIA_TYPE, pages=[])
    failures: list[OcrFailed] = []
    plumber = _open_plumber(data, filename, ocr, document)
    try:
        for index in range(len(doc)):
            number = index + 1
            text, usable = _text_page(plumber, index, document) if plumber else (None, False)
            if text is not None and (usable or not ocr):
                page = text
            elif ocr:
                page = _ocr_page(doc, index, filename, limits, document, failures)
                if text is not None and _alnum(text) > _alnum(page):
                    page = text  # the text layer, however thin, beats a worse OCR
            else:
                page = Page(number, [], TextSource.TEXT_LAYER)
            if not usable and not ocr:
                document.warnings.append(f"page {number}: no usable text layer, OCR disabled")
            document.pages.append(page)
    finally:
        if plumber is not None:
            plumber.close()
    if failures and not any(p.lines for p in document.pages):
        raise failures[0]
    return document


def _open_plumber(
    data: bytes, filename: str, ocr: bool, document: Document
) -> pdfplumber.PDF | None:
    """Open the text layer, or None (with a warning) when pdfminer cannot and OCR may stand in."""
    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many kinds on hostile input
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise EncryptedDocument(filename, "the PDF needs a password") from exc
        if not ocr:
            raise CorruptDocument(filename, f"cannot parse the PDF: {exc!r}") from exc
        document.warnings.append(f"text layer unreadable ({exc!r}); all pages OCR'd")
        return None


def _text_page(plumber: pdfplumber.PDF, index: int, document: Document) -> tuple[Page | None, bool]:
    """A page from the text layer (None if unparsable) and whether its text is usable."""
    number = index + 1
    try:
        page = plumber.pages[index]
        x_off, y_off = page.bbox[0], page.bbox[1]
        words = [
            Word(
                w["text"],
                Box(w["x0"] - x_off, w["top"] - y_off, w["x1"] - x_off, w["bottom"] - y_off),
            )
            for w in page.extract_words(
                x_tolerance_ratio=0.15, y_tolerance=3, keep_blank_chars=False
            )
        ]
        usable = usable_text_layer(page)
        result = Page(number, group_words(words), TextSource.TEXT_LAYER, page.width, page.height)
        page.close()  # drop the page's cached objects
        return result, usable
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on hostile input
        document.warnings.append(f"page {number}: text layer unreadable ({exc!r})")
        return None, False


def _alnum(page: Page) -> int:
    """The number of letters and digits on a page."""
    return sum(ch.isalnum() for ch in page.text)


def usable_text_layer(page: Any) -> bool:
    """Whether a pdfplumber page has real text (not none, unmapped glyphs or junk) or is blank."""
    if not any(page.objects.values()):
        return True  # nothing drawn at all: nothing for OCR to find
    texts = [c["text"] for c in page.chars if c["text"].strip()]
    alnum = sum(1 for t in texts if t.isalnum())
    if alnum == 0:
        return False
    unmapped = sum(1 for t in texts if t.startswith("(cid:") or t == "\ufffd")
    if unmapped > 0.3 * len(texts):
        return False
    scanned = _image_cover(page) > IMAGE_COVER
    return not (scanned and (alnum < SPARSE_TEXT or alnum < 0.5 * len(texts)))


def _image_cover(page: Any) -> float:
    """The share of the page's area covered by images (overlaps counted twice, capped at 1)."""
    x0, top, x1, bottom = page.bbox
    area = max((x1 - x0) * (bottom - top), 1.0)
    covered = 0.0
    for im in page.images:
        w = min(im["x1"], x1) - max(im["x0"], x0)
        h = min(im["bottom"], bottom) - max(im["top"], top)
        covered += max(w, 0.0) * max(h, 0.0)
    return float(min(covered / area, 1.0))


def group_words(words: list[Word]) -> list[Line]:
    """Group words into lines: rows top to bottom, words left to right within a row.

    Words on the same baseline share a row even when far apart, so a form's label and its
    value in the next column end up on one line.
    """
    rows: list[tuple[list[Word], float, float]] = []  # words, top, bottom of the row
    for word in sorted(words, key=lambda w: (_box(w).top, _box(w).x0)):
        box = _box(word)
        height = box.bottom - box.top
        if rows:
            members, top, bottom = rows[-1]
            overlap = min(bottom, box.bottom) - max(top, box.top)
            if overlap > 0.5 * min(height, bottom - top):
                members.append(word)
                rows[-1] = (members, min(top, box.top), max(bottom, box.bottom))
                continue
        rows.append(([word], box.top, box.bottom))
    return [Line(sorted(members, key=lambda w: _box(w).x0)) for members, _, _ in rows]


def _box(word: Word) -> Box:
    """A text-layer word's box (always present)."""
    assert word.box is not None
    return word.box


def _ocr_page(
    doc: pdfium.PdfDocument,
    index: int,
    filename: str,
    limits: DocumentLimits,
    document: Document,
    failures: list[OcrFailed],
) -> Page:
    """Render one page at the OCR resolution (after checking its size) and OCR it."""
    number = index + 1
    page = doc[index]
    try:
        width, height = page.get_size()
        scale = limits.ocr_dpi / 72
        pixels = math.ceil(width * scale) * math.ceil(height * scale)
        if pixels > limits.max_pixels_per_page:
            raise LimitExceeded(
                filename,
                f"page {number} is {width:.0f}x{height:.0f} pt, {pixels} pixels at "
                f"{limits.ocr_dpi} dpi",
                DocumentErrorReason.TOO_MANY_PIXELS,
            )
        try:
            image = page.render(scale=scale, grayscale=True, may_draw_forms=True).to_pil()
        except pdfium.PdfiumError as exc:
            raise CorruptDocument(filename, f"page {number} cannot be rendered: {exc}") from exc
    finally:
        page.close()
    try:
        result = ocr_image(image, number, limits, 72 / limits.ocr_dpi, filename)
    except OcrFailed as exc:
        failures.append(exc)
        document.warnings.append(f"page {number}: {exc.reason}: {exc.detail}")
        return Page(number, [], TextSource.OCR, width, height)
    document.warnings.append(f"page {number}: read by OCR")
    return result
