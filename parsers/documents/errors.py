"""The document readers' error tree: every failure names the file and a typed reason."""

from __future__ import annotations

from enum import StrEnum

from mailbox_ingest.domain.errors import MailboxIngestError


class DocumentErrorReason(StrEnum):
    """Why a document could not be read (shown to reviewers and counted in reports)."""

    ENCRYPTED = "encrypted"
    CORRUPT = "corrupt"
    TOO_LARGE = "too_large"
    TOO_MANY_PAGES = "too_many_pages"
    TOO_MANY_PIXELS = "too_many_pixels"
    DECOMPRESSION_LIMIT = "decompression_limit"
    UNSUPPORTED = "unsupported"
    OCR_FAILED = "ocr_failed"
    OCR_TIMEOUT = "ocr_timeout"
    CONVERSION_TIMEOUT = "conversion_timeout"


class DocumentError(MailboxIngestError):
    """A document that cannot be read; carries the attachment's file name and the reason."""

    default_reason: DocumentErrorReason = DocumentErrorReason.CORRUPT

    def __init__(
        self, filename: str, detail: str, reason: DocumentErrorReason | None = None
    ) -> None:
        self.filename = filename
        self.reason = reason if reason is not None else self.default_reason
        self.detail = detail
        super().__init__(f"{filename}: {reason or self.default_reason}: {detail}")


class EncryptedDocument(DocumentError):
    """The document (or a zip member) needs a password."""

    default_reason = DocumentErrorReason.ENCRYPTED


class CorruptDocument(DocumentError):
    """The bytes are not a valid document of the type they claim to be."""

    default_reason = DocumentErrorReason.CORRUPT


class LimitExceeded(DocumentError):
    """The document is too big: pages, pixels, decompressed bytes, zip members or depth."""

    default_reason = DocumentErrorReason.TOO_LARGE


class UnsupportedDocument(DocumentError):
    """A format the readers do not handle (old .doc, spreadsheets, executables...)."""

    default_reason = DocumentErrorReason.UNSUPPORTED


class OcrFailed(DocumentError):
    """Tesseract failed or ran out of time on a page."""

    default_reason = DocumentErrorReason.OCR_FAILED
