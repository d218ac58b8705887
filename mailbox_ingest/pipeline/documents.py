"""Extract contracts from a mail's attachments: read each document, then find its fields.

Zip and winmail.dat attachments are expanded by their containers in `parsers/documents/` (within
limits) and their members read like attachments.
Per attachment the outcome is recorded; a document that cannot be read gives a typed reason.
Documents are read by a `DocumentReader` (a child process in production) within the mail's
budget of decompressed bytes, pages and reading seconds; a reader that dies or overruns, or a
mail over its budget, makes a `fatal` result: the mail is quarantined whatever else it holds.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field, replace

from mailbox_ingest.config import LimitSettings
from mailbox_ingest.domain.enums import DocOutcome, QuarantineReason
from mailbox_ingest.pipeline.budget import MailBudget
from mailbox_ingest.pipeline.readers import (
    DocumentReader,
    InProcessReader,
    ReaderFailure,
)
from parsers.documents.archive import ZipBudget, expand_zip
from parsers.documents.errors import (
    DocumentError,
    DocumentErrorReason,
)
from parsers.documents.limits import DocumentLimits
from parsers.documents.read import is_document_candidate, sniff
from parsers.documents.tnef import expand_tnef, is_tnef
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
    outcome: DocOutcome = DocOutcome.SKIPPED
    error: QuarantineReason | None = None
    detail: str | None = None
    fatal: bool = False  # the whole mail must be quarantined for it
    why: str = ""  # the reader's reason when unreadable, the member count of a container

    def unreadable(self, why: str) -> None:
        """Mark the document unreadable for the reader's reason `why`."""
        self.outcome, self.why = DocOutcome.UNREADABLE, why

    @property
    def label(self) -> str:
        """The outcome as stored with the attachment: `unreadable:encrypted`,
        `container:3 members`, `contract`..."""
        if self.outcome is DocOutcome.UNREADABLE:
            return f"unreadable:{self.why}"
        if self.outcome is DocOutcome.CONTAINER:
            return f"container:{self.why} members"
        return self.outcome.value


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


def _read(
    res: DocResult,
    limits: DocumentLimits,
    budget: MailBudget,
    reader: DocumentReader,
    timeout_s: float,
) -> None:
    """Read one document within what is left of the mail's budget, charging what it cost."""
    spent = budget.overrun()
    if spent is not None:
        _fatal(res, *spent)
        return
    bound = replace(
        limits,
        max_decompressed_bytes=min(limits.max_decompressed_bytes, budget.bytes),
        max_pages=min(limits.max_pages, budget.pages),
    )
    try:
        result = reader.read(
            res.data, res.filename, res.media_type, bound, min(timeout_s, budget.seconds)
        )
    except ReaderFailure as exc:
        if exc.reason == QuarantineReason.READER_TIMEOUT and budget.seconds < timeout_s:
            budget.seconds = 0
            _fatal(res, *(budget.overrun() or (exc.reason, exc.detail)))
        else:
            _fatal(res, exc.reason, exc.detail)
        return
    budget.seconds -= result.seconds
    if result.reason is not None:
        res.unreadable(result.reason)
        res.error = _REASONS.get(result.reason, QuarantineReason.UNREADABLE_DOCUMENT)
        res.detail = f"{res.filename}: {result.detail}"
        if bound != limits and result.reason in _BUDGETED:  # the mail's budget refused it
            res.fatal = True
        return
    assert result.document is not None
    budget.bytes -= result.document.inflated_bytes
    budget.pages -= len(result.document.pages)
    res.document = result.document
    res.media_type = res.document.media_type
    res.contracts = result.contracts
    res.outcome = DocOutcome.CONTRACT if res.contracts else DocOutcome.NO_CONTRACT


_BUDGETED = frozenset({DocumentErrorReason.DECOMPRESSION_LIMIT, DocumentErrorReason.TOO_MANY_PAGES})


def _fatal(res: DocResult, reason: QuarantineReason, detail: str) -> None:
    """Mark a document whose reading condemns the whole mail."""
    res.unreadable(reason)
    res.error, res.fatal = reason, True
    res.detail = f"{res.filename}: {detail}"
    log.warning("document %s: %s: %s", res.filename, reason, detail)


def _members(
    att: MailAttachment, media: str, limits: DocumentLimits, budget: MailBudget
) -> list[tuple[str, bytes]] | None:
    """The files inside a zip or winmail.dat attachment, or None for any other attachment.

    What the members inflate to is charged to the mail's budget.
    """
    bound = replace(
        limits, max_decompressed_bytes=min(limits.max_decompressed_bytes, max(budget.bytes, 0))
    )
    if is_tnef(att.data, att.filename, media):
        members = expand_tnef(att.data, att.filename, bound)
        budget.bytes -= sum(len(data) for _, data in members)
        return members
    if media == "application/zip":
        zips = ZipBudget.from_limits(bound)
        members = expand_zip(att.data, att.filename, bound, budget=zips)
        budget.bytes -= bound.max_decompressed_bytes - zips.bytes
        return members
    return None


def _read_members(
    container: str,
    members: list[tuple[str, bytes]],
    results: list[DocResult],
    limits: DocumentLimits,
    budget: MailBudget,
    reader: DocumentReader,
    timeout_s: float,
) -> None:
    """Read each candidate member of a container into `results` (named `container/member`),
    stopping at the first fatal result."""
    for name, data in members:
        media = sniff(data, name, "application/octet-stream")
        member = DocResult(f"{container}/{name}", media, data, hashlib.sha256(data).hexdigest())
        if any(r.fatal for r in results):
            break
        if is_document_candidate(name, media, len(data), False):
            _read(member, limits, budget, reader, timeout_s)
        else:
            member.outcome = DocOutcome.IGNORED
        results.append(member)


def process_attachments(
    attachments: list[MailAttachment],
    limits: LimitSettings,
    reader: DocumentReader | None = None,
) -> list[DocResult]:
    """Read every candidate attachment (and zip or winmail.dat member), extract contracts.

    Reading stops at the first fatal result (a dead or overrunning reader, a spent budget).
    """
    dlimits = document_limits(limits)
    reader = reader if reader is not None else InProcessReader()
    budget = MailBudget.from_limits(limits)
    timeout = float(limits.reader_timeout_s)
    results: list[DocResult] = []
    for att in attachments:
        if any(r.fatal for r in results):
            break
        media = sniff(att.data, att.filename, att.media_type)
        res = DocResult(att.filename, media, att.data, hashlib.sha256(att.data).hexdigest())
        container = is_tnef(att.data, att.filename, media) or media == "application/zip"
        if not container and not is_document_candidate(
            att.filename, media, len(att.data), att.role == "inline"
        ):
            res.outcome = DocOutcome.IGNORED
            results.append(res)
            continue
        try:
            members = _members(att, media, dlimits, budget)
        except DocumentError as exc:
            res.unreadable(exc.reason)
            res.error = _REASONS.get(exc.reason, QuarantineReason.UNREADABLE_DOCUMENT)
            res.detail = f"{att.filename}: {exc.detail}"
            results.append(res)
            continue
        if members is None:
            _read(res, dlimits, budget, reader, timeout)
            results.append(res)
            continue
        res.outcome, res.why = DocOutcome.CONTAINER, str(len(members))
        results.append(res)
        _read_members(att.filename, members, results, dlimits, budget, reader, timeout)
    return results
