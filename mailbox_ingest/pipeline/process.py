"""Process one stored message inside one database transaction: the pipeline's runner.

The stages run in the order of `STAGES`; each takes the message's context and either fills
in its part or settles the mail (processed with a classification, or quarantined with a
reason). The first stage that settles the mail ends the run. Every rule outcome goes into
`Message.decisions`; the caller commits or rolls back.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from mailbox_ingest.config import Settings
from mailbox_ingest.pipeline.context import MessageContext
from mailbox_ingest.pipeline.readers import DocumentReader
from mailbox_ingest.pipeline.settle import (
    Outcome,
    copy_raw_headers,
    mail_limits,
    mark_quarantined,
    usable_address,
)
from mailbox_ingest.pipeline.stages.answer import answer
from mailbox_ingest.pipeline.stages.authenticate import authenticate
from mailbox_ingest.pipeline.stages.classify import classify_content, classify_sender
from mailbox_ingest.pipeline.stages.deduplicate import deduplicate
from mailbox_ingest.pipeline.stages.documents import read_documents
from mailbox_ingest.pipeline.stages.extract import extract
from mailbox_ingest.pipeline.stages.parse import parse
from mailbox_ingest.pipeline.stages.persist import persist
from mailbox_ingest.pipeline.stages.verify import verify
from store.models import Message
from store.registry import Registry

__all__ = [
    "STAGES",
    "Outcome",
    "copy_raw_headers",
    "mail_limits",
    "mark_quarantined",
    "process_message",
    "usable_address",
]

Stage = Callable[[MessageContext], Outcome | None]

STAGES: tuple[Stage, ...] = (
    parse,  # bytes -> ParsedMail; unparseable mail is quarantined
    authenticate,  # our server's verdict and the registry -> SenderFacts
    classify_sender,  # bounce, auto-reply, bulk: settled before any document is read
    read_documents,  # attachments read and stored; a fatal document quarantines
    extract,  # the contracts the reader found
    deduplicate,  # drop contracts already held
    classify_content,  # duplicate, termination, broken MIME, unreadable, other
    verify,  # regime; registry, check digits, sender, compliance
    persist,  # contract rows
    answer,  # the answer decided and queued; settles the mail as a contract
)


def process_message(
    session: Session,
    row: Message,
    raw: bytes,
    settings: Settings,
    registry: Registry | None = None,
    reader: DocumentReader | None = None,
    *,
    answering: bool = True,
) -> Outcome:
    """Fill `row` and create its contracts, attachments and answers (no commit).

    `registry` may be shared by the messages of one poll (it is read-only here); `reader`
    reads the documents (in this process when None). With `answering` False (an archive
    import) nothing is answered and the reason is recorded.
    """
    ctx = MessageContext(
        session,
        row,
        raw,
        settings,
        registry,
        reader,
        answering,
    )
    for stage in STAGES:
        outcome = stage(ctx)
        if outcome is not None:
            return outcome
    raise AssertionError("the answer stage settles every mail that reaches it")
