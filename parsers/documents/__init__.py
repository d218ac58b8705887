"""Document readers: attachment bytes in, `parsers.types.Document` out (PDF, OCR, DOCX, images).

Use `read_attachment` (zips expanded) or `read_document`; every failure is a `DocumentError`
naming the file and a `DocumentErrorReason`. Limits come from `DocumentLimits`.

The readers' libraries (pdfplumber, PDFium, Pillow, python-docx) load on first use, so a
process that only sniffs attachments and hands them to a reader process (the daemon) never
holds them; `parsers.documents.preload` loads them all at once where that is wanted.
"""

import importlib
from typing import TYPE_CHECKING, Any

from parsers.documents.archive import expand_zip
from parsers.documents.errors import (
    CorruptDocument,
    DocumentError,
    DocumentErrorReason,
    EncryptedDocument,
    LimitExceeded,
    OcrFailed,
    UnsupportedDocument,
)
from parsers.documents.kinds import MediaType
from parsers.documents.limits import DocumentLimits
from parsers.documents.read import (
    is_document_candidate,
    read_attachment,
    read_document,
    sniff,
)

if TYPE_CHECKING:
    from parsers.documents.docx import read_docx
    from parsers.documents.images import read_image
    from parsers.documents.ocr import ocr_image
    from parsers.documents.pdf import read_pdf

_LAZY = {
    "read_docx": "parsers.documents.docx",
    "read_image": "parsers.documents.images",
    "ocr_image": "parsers.documents.ocr",
    "read_pdf": "parsers.documents.pdf",
}


def __getattr__(name: str) -> Any:
    """The heavy readers, imported when first asked for (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = [
    "CorruptDocument",
    "DocumentError",
    "DocumentErrorReason",
    "DocumentLimits",
    "EncryptedDocument",
    "LimitExceeded",
    "MediaType",
    "OcrFailed",
    "UnsupportedDocument",
    "expand_zip",
    "is_document_candidate",
    "ocr_image",
    "read_attachment",
    "read_document",
    "read_docx",
    "read_image",
    "read_pdf",
    "sniff",
]
