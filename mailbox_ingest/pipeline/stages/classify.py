"""Stage 3 and 7, classify: every "what kind of mail is this" rule, in order, each recorded.

The rules run in two passes because reading documents is expensive and machine mail is
never read:

1. before the documents (`classify_sender`): bounces, auto-replies and bulk mail
   (RFC 3834 and the habits of real servers, see `pipeline/automatic.py`); the
   never-answer flag is decided here too;
2. after extraction and deduplication (`classify_content`): a mail whose every contract was
   seen before is a duplicate; a mail with new contracts goes on to verification; a mail
   without contracts is a termination notice, a broken MIME structure, a contract-like
   document that yielded no contract (it goes on, to review as `not_extracted`), an
   unreadable document, or else other mail.
"""

from __future__ import annotations

from mailbox_ingest.domain.enums import Classification, DocOutcome, QuarantineReason
from mailbox_ingest.pipeline.automatic import machine_kind, must_not_answer
from mailbox_ingest.pipeline.context import Found, MessageContext
from mailbox_ingest.pipeline.settle import Outcome, finish, quarantine
from mailbox_ingest.pipeline.terminations import apply_terminations
from mailbox_ingest.pipeline.unextracted import placeholder, unextracted_documents
from parsers.fields.termination import find_terminations
from parsers.types import TerminationNotice

# Defects after which the parts of a mail cannot be trusted to be what the sender attached.
STRUCTURAL_DEFECTS = frozenset(
    {
        "NoBoundaryInMultipartDefect",
        "StartBoundaryNotFoundDefect",
        "MultipartInvariantViolationDefect",
    }
)


def classify_sender(ctx: MessageContext) -> Outcome | None:
    """Settle machine mail (bounce, auto-reply, bulk); flag mail that must not be answered."""
    mail, d, row = ctx.parsed, ctx.decisions, ctx.row
    row.automatic = must_not_answer(mail, d)
    kind = machine_kind(mail, d)
    row.automatic = row.automatic or kind is not None
    if kind is not None:
        return finish(row, d, kind, 0)
    return None


def classify_content(ctx: MessageContext) -> Outcome | None:
    """Settle a mail without new contracts by what it holds; let one with new ones go on."""
    if ctx.new:
        return None
    if ctx.found:
        return finish(ctx.row, ctx.decisions, Classification.DUPLICATE, 0)
    for rule in (_termination, _structural_defect):
        outcome = rule(ctx)
        if outcome is not None:
            return outcome
    if _contract_like(ctx):
        return None  # a contract to review, verified, stored and answered like any other
    outcome = _unreadable(ctx)
    if outcome is not None:
        return outcome
    return finish(ctx.row, ctx.decisions, Classification.OTHER, 0)


def _contract_like(ctx: MessageContext) -> bool:
    """A contract is never lost as "other": a contract-like document from a workplace (or a
    mail about an enclave) that yields no contract goes to staff as `not_extracted`."""
    lost = unextracted_documents(ctx.docs, ctx.parsed, ctx.facts)
    if not lost:
        return False
    ctx.decisions.record(
        "not_extracted", "contract_like_document", True, ", ".join(doc.filename for doc in lost)
    )
    ctx.new = [Found(doc, 0, placeholder()) for doc in lost]
    return True


def _notices(ctx: MessageContext) -> list[TerminationNotice]:
    """Termination notices in the body, else in the first attached letter that has some."""
    notices = find_terminations(ctx.parsed.body_text)
    for doc in ctx.docs:
        if notices:
            break
        if doc.document is not None:
            notices = find_terminations(doc.document.text.replace("\f", "\n"))
    return notices


def _termination(ctx: MessageContext) -> Outcome | None:
    """A notice that ends contracts: linked or proposed to staff."""
    notices = _notices(ctx)
    if not notices:
        return None
    apply_terminations(ctx.session, ctx.row, notices, ctx.facts, ctx.decisions)
    return finish(ctx.row, ctx.decisions, Classification.TERMINATION, 0)


def _structural_defect(ctx: MessageContext) -> Outcome | None:
    """A broken MIME structure and no document that was read without finding a contract."""
    broken = [x for x in ctx.parsed.defects if x in STRUCTURAL_DEFECTS]
    if not broken or any(doc.outcome is DocOutcome.NO_CONTRACT for doc in ctx.docs):
        return None
    ctx.decisions.record("parse", "structural_mime_defect", True, ", ".join(broken))
    return quarantine(
        ctx.row,
        ctx.decisions,
        QuarantineReason.MALFORMED_MIME.value,
        "the MIME structure is broken (" + ", ".join(broken) + "); "
        "no part could be read as a contract",
    )


def _unreadable(ctx: MessageContext) -> Outcome | None:
    """A document that could not be read, and nothing else to go on."""
    failed = [doc for doc in ctx.docs if doc.error is not None]
    if not failed:
        return None
    ctx.decisions.record("documents", "unreadable", True, failed[0].detail or "")
    return quarantine(
        ctx.row,
        ctx.decisions,
        failed[0].error.value if failed[0].error else "",
        "; ".join(doc.detail or doc.filename for doc in failed),
    )
