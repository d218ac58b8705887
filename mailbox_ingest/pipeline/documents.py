"""Extract contracts from a mail's attachments: read each document, then find its fields.

Zip attachments are expanded (within limits) and their members read like attachments.
Per attachment the outcome is recorded; a document that cannot be read gives a typed reason.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field

from mailbox_ingest.config import LimitSettings
from mailbox_ingest.enums import QuarantineReason
from parsers.documents.archive import expand_zip
from parsers.documents.errors import DocumentError, DocumentErrorReason
from parsers.documents.limits import DocumentLimits
from parsers.documents.read import is_document_candidate, read_document, sniff
from parsers.fields.extract import extract_contracts
from parsers.mail import MailAttachment
from parsers.types import Document, ExtractedContract

log = logging.getLogger(__name__)

_REASONS: dict[DocumentErrorReason, QuarantineReason] = {
    DocumentErrorReason.ENCRYPTED: QuarantineReason.ENCRYPTED_DOCUMENT,
    DocumentErrorReason.TOO_MANY_PAGES: QuarantineReason.TOO_MANY_PAGES,
    DocumentErrorReason.TOO_MANY_PIXELS: QuarantineReason.DECOMPRESSION_LIMIT,
    DocumentErrorReason.DECOMPRESSION_LIMIT: QuarantineReason.DECOMPRESSION_LIMIT,
    DocumentErrorReason.TOO_LARGE: QuarantineReason.ATTACHMENT_TOO_LARGE,
}


@dataclass(slots=True)
class DocResult:
    """One document (attachment or zip member) and what came out of it."""

    filename: str
    media_type: str
    data: bytes
    sha256: str
    document: Document | None = None
    contracts: list[ExtractedContract] = field(default_factory=list)
    outcome: str = "skipped"
    error: QuarantineReason | None = None
    detail: str | None = None


def document_limits(limits: LimitSettings) -> DocumentLimits:
    """The readers' limits from the configured ones."""
    return DocumentLimits(
        max_pages=limits.max_pages,
        max_pixels_per_page=limits.max_pixels_per_page,
        ocr_dpi=limits.ocr_dpi,
        ocr_timeout_s=limits.ocr_timeout_s,
        max_decompressed_bytes=limits.max_decompressed_bytes,
        max_attachment_bytes=limits.max_attachment_bytes,
    )


def _read(res: DocResult, limits: DocumentLimits) -> None:
    try:
        res.document = read_document(res.data, res.filename, res.media_type, limits)
    except DocumentError as exc:
        res.outcome = f"unreadable:{exc.reason}"
        res.error = _REASONS.get(exc.reason, QuarantineReason.UNREADABLE_DOCUMENT)
        res.detail = f"{res.filename}: {exc.detail}"
        return
    res.media_type = res.document.media_type
    res.contracts = extract_contracts(res.document)
    res.outcome = "contract" if res.contracts else "no_contract"


def process_attachments(
    attachments: list[MailAttachment], limits: LimitSettings
) -> list[DocResult]:
    """Read every candidate attachment (and zip member) and extract its contracts."""
    dlimits = document_limits(limits)
    results: list[DocResult] = []
    for att in attachments:
        media = sniff(att.data, att.filename, att.media_type)
        res = DocResult(att.filename, media, att.data, hashlib.sha256(att.data).hexdigest())
        if not is_document_candidate(att.filename, media, len(att.data), att.role == "inline"):
            res.outcome = "ignored"
            results.append(res)
            continue
        if media == "application/zip":
            try:
                members = expand_zip(att.data, att.filename, dlimits)
            except DocumentError as exc:
                res.outcome = f"unreadable:{exc.reason}"
                res.error = _REASONS.get(exc.reason, QuarantineReason.UNREADABLE_DOCUMENT)
                res.detail = f"{att.filename}: {exc.detail}"
                results.append(res)
                continue
            res.outcome = f"zip:{len(members)} members"
            results.append(res)
            for name, data in members:
                mmedia = sniff(data, name, "application/octet-stream")
                member = DocResult(
                    f"{att.filename}/{name}", mmedia, data, hashlib.sha256(data).hexdigest()
                )
                if is_document_candidate(name, mmedia, len(data), False):
                    _read(member, dlimits)
                else:
                    member.outcome = "ignored"
                results.append(member)
            continue
        _read(res, dlimits)
        results.append(res)
    return results
