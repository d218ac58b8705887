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
from parsers.documents.errors import (
    CorruptDocument,
    DocumentError,
    DocumentErrorReason,
    LimitExceeded,
)
from parsers.documents.limits import DocumentLimits
from parsers.documents.read import is_document_candidate, read_document, sniff
from parsers.fields.extract import extract_contracts
from parsers.mail import MailAttachment, safe_filename
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


TNEF_MAGIC = b"\x78\x9f\x3e\x22"


def is_tnef(data: bytes, filename: str, media_type: str) -> bool:
    """Outlook's winmail.dat (TNEF), which wraps the real attachments of RTF mail."""
    return (
        data[:4] == TNEF_MAGIC
        or media_type == "application/ms-tnef"
        or (filename.lower() == "winmail.dat")
    )


def expand_tnef(data: bytes, filename: str, limits: DocumentLimits) -> list[tuple[str, bytes]]:
    """The files inside a TNEF blob, within the attachment and decompression limits."""
    import tnefparse

    try:
        parsed = tnefparse.TNEF(data)
    except Exception as exc:  # noqa: BLE001 - tnefparse raises assorted errors on junk
        raise CorruptDocument(filename, f"not a readable TNEF (winmail.dat): {exc}") from exc
    out: list[tuple[str, bytes]] = []
    total = 0
    for index, att in enumerate(parsed.attachments, start=1):
        payload = bytes(att.data or b"")
        total += len(payload)
        if total > limits.max_decompressed_bytes or len(out) >= limits.max_zip_members:
            raise LimitExceeded(
                filename, "winmail.dat holds too much", DocumentErrorReason.DECOMPRESSION_LIMIT
            )
        name = safe_filename(
            att.long_filename() or att.name or "", index, "application/octet-stream"
        )
        out.append((name, payload))
    return out


def _members(
    att: MailAttachment, media: str, limits: DocumentLimits
) -> list[tuple[str, bytes]] | None:
    """The files inside a zip or winmail.dat attachment, or None for any other attachment."""
    if is_tnef(att.data, att.filename, media):
        return expand_tnef(att.data, att.filename, limits)
    if media == "application/zip":
        return expand_zip(att.data, att.filename, limits)
    return None


def process_attachments(
    attachments: list[MailAttachment], limits: LimitSettings
) -> list[DocResult]:
    """Read every candidate attachment (and zip or winmail.dat member), extract contracts."""
    dlimits = document_limits(limits)
    results: list[DocResult] = []
    for att in attachments:
        media = sniff(att.data, att.filename, att.media_type)
        res = DocResult(att.filename, media, att.data, hashlib.sha256(att.data).hexdigest())
        container = is_tnef(att.data, att.filename, media) or media == "application/zip"
        if not container and not is_document_candidate(
            att.filename, media, len(att.data), att.role == "inline"
        ):
            res.outcome = "ignored"
            results.append(res)
            continue
        try:
            members = _members(att, media, dlimits)
        except DocumentError as exc:
            res.outcome = f"unreadable:{exc.reason}"
            res.error = _REASONS.get(exc.reason, QuarantineReason.UNREADABLE_DOCUMENT)
            res.detail = f"{att.filename}: {exc.detail}"
            results.append(res)
            continue
        if members is None:
            _read(res, dlimits)
            results.append(res)
            continue
        res.outcome = f"container:{len(members)} members"
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
    return results
