"""Resource limits for reading untrusted attachments (pages, pixels, OCR time, zip sizes)."""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class DocumentLimits:
    """Bounds a reader must respect; the pipeline builds one from its configuration."""

    max_pages: int = 50
    max_pixels_per_page: int = 40_000_000
    ocr_dpi: int = 300
    ocr_timeout_s: float = 60.0  # per page
    max_decompressed_bytes: int = 50 * MIB  # all members of a zip (or a DOCX) together
    max_zip_members: int = 50
    max_zip_depth: int = 2  # a zip inside a zip is depth 1; depth max_zip_depth is refused
    max_attachment_bytes: int = 25 * MIB
    convert_timeout_s: float = 60.0  # LibreOffice turning a .doc or .rtf into DOCX
