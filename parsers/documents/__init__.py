"""Document readers: attachment bytes in, `parsers.types.Document` out (PDF, OCR, DOCX, images).

Use `read_attachment` (zips expanded) or `read_document`; every failure is a `DocumentError`
naming the file and a `DocumentErrorReason`. Limits come from `DocumentLimits`.
"""

from parsers.documents.archive import expand_zip
from parsers.documents.docx import read_docx
from parsers.documents.errors import (
    CorruptDocument,
    DocumentError,
    DocumentErrorReason,
    EncryptedDocument,
    LimitExceeded,
    OcrFailed,
    UnsupportedDocument,
)
from parsers.documents.images import read_image
from parsers.documents.limits import DocumentLimits
from parsers.documents.ocr import ocr_image
from parsers.documents.pdf import read_pdf
from parsers.documents.read import (
    MediaType,
    is_document_candidate,
    read_attachment,
    read_document,
    sniff,
)

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
