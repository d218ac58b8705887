"""What runs inside the render child process: PDFium and Pillow on hostile bytes.

PDFium is not thread-safe and the documents come from strangers, so the web process never
opens them itself: these functions run in a separate process whose address space is capped
(RLIMIT_AS) and whose calls the parent abandons (and kills) after a time limit.
"""

from __future__ import annotations

import io
import resource
import warnings

import pypdfium2 as pdfium
from PIL import Image

from parsers.documents.images import _dpi
from parsers.documents.kinds import MediaType
from parsers.documents.limits import DocumentLimits
from parsers.documents.read import read_document, sniff

PageImage = tuple[bytes, float, float, int]  # png, width and height in points, page count


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space (the pool's initializer)."""
    cap = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False, compress_level=1)
    return out.getvalue()


def render_pdf_page(data: bytes, page: int, dpi: int, max_pixels: int) -> PageImage:
    """Page `page` (1-based) of a PDF as a PNG at `dpi`, with the page size in points."""
    doc = pdfium.PdfDocument(data)
    try:
        count = len(doc)
        if not 1 <= page <= count:
            raise ValueError(f"page {page} of {count}")
        pdf_page = doc[page - 1]
        width, height = pdf_page.get_size()
        scale = dpi / 72
        if width * scale * height * scale > max_pixels:
            raise ValueError(f"page {page} is too large to render")
        bitmap = pdf_page.render(scale=scale, may_draw_forms=True)
        png = _png(bitmap.to_pil().convert("RGB"))
        pdf_page.close()
        return png, width, height, count
    finally:
        doc.close()


def render_image_page(data: bytes, page: int, dpi: int, max_pixels: int) -> PageImage:
    """A frame of a scanned image (JPEG, PNG, TIFF) as a PNG, sized in points like its OCR."""
    Image.MAX_IMAGE_PIXELS = max_pixels
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        image = Image.open(io.BytesIO(data))
        count = getattr(image, "n_frames", 1)
        if not 1 <= page <= count:
            raise ValueError(f"page {page} of {count}")
        image.seek(page - 1)
        frame = image.convert("RGB")
    points = 72.0 / _dpi(image)
    width, height = frame.width * points, frame.height * points
    target = (max(1, round(width * dpi / 72)), max(1, round(height * dpi / 72)))
    return _png(frame.resize(target, Image.Resampling.BILINEAR)), width, height, count


def render_page(
    data: bytes, filename: str, media_type: str, page: int, dpi: int, max_pixels: int
) -> PageImage:
    """Render a page of a PDF or a scanned image, chosen by sniffing the bytes."""
    kind = sniff(data, filename, media_type)
    if kind == MediaType.PDF:
        return render_pdf_page(data, page, dpi, max_pixels)
    if kind.startswith("image/"):
        return render_image_page(data, page, dpi, max_pixels)
    raise ValueError(f"{kind} has no pages to render")


def document_text(data: bytes, filename: str, media_type: str) -> str:
    """The text of a document without pages (DOCX, ODT, plain text), for highlighting."""
    doc = read_document(data, filename, media_type, DocumentLimits())
    return doc.text


def merge_pdfs(parts: list[bytes]) -> bytes:
    """Several PDFs (our own letters) as one, for printing in one go."""
    out = pdfium.PdfDocument.new()
    try:
        for data in parts:
            src = pdfium.PdfDocument(data)
            out.import_pages(src)
            src.close()
        buffer = io.BytesIO()
        out.save(buffer)
        return buffer.getvalue()
    finally:
        out.close()
