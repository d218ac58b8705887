"""Stage 4, read documents: every candidate attachment is read (and its contracts extracted
by the reader, in a child process in production) and stored with its outcome.

A document whose reading condemns the whole mail (a dead or overrunning reader, a spent
budget) quarantines it; other unreadable documents are left to `classify_content`.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from mailbox_ingest.domain.enums import DocOutcome
from mailbox_ingest.faults import delay_point
from mailbox_ingest.pipeline.context import MessageContext
from mailbox_ingest.pipeline.documents import DocResult, process_attachments
from mailbox_ingest.pipeline.settle import Outcome, quarantine
from store.db import put_blob
from store.models import Attachment


def read_documents(ctx: MessageContext) -> Outcome | None:
    """Read and store the attachments; quarantine on a fatal document."""
    delay_point("read_documents")
    ctx.docs = process_attachments(ctx.parsed.attachments, ctx.settings.limits, ctx.reader)
    for doc in ctx.docs:
        if doc.outcome is not DocOutcome.IGNORED:
            att = _attachment(ctx.session, doc)
            ctx.row.attachments.append(att)
            ctx.attachments[id(doc)] = att
    ctx.session.flush()
    fatal = next((doc for doc in ctx.docs if doc.fatal and doc.error), None)
    if fatal is not None and fatal.error is not None:
        ctx.decisions.record("documents", fatal.error.value, True, fatal.detail or "")
        return quarantine(ctx.row, ctx.decisions, fatal.error.value, fatal.detail or fatal.filename)
    return None


def _attachment(session: Session, doc: DocResult) -> Attachment:
    """The stored row of one document (its bytes go to the blob table once)."""
    page = doc.document.pages[0] if doc.document and doc.document.pages else None
    return Attachment(
        filename=doc.filename,
        media_type=doc.media_type,
        sha256=put_blob(session, doc.data),
        size=len(doc.data),
        outcome=doc.label,
        detail=doc.detail,
        pages=len(doc.document.pages) if doc.document else None,
        text_source=page.source.value if page is not None else None,
    )
