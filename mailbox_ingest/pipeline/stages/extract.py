"""Stage 5, extract: the contracts the reader found in the documents, in document order.

Field extraction itself runs inside the document reader (`parsers/fields/`), so that a
hostile document costs a child process, not the daemon; this stage lists its results with
their place in each document, and a contract written in the mail's body itself (a
workplace's mail whose text holds the facts; one that reads as a contract but states too
little goes to review, see `pipeline/unextracted.py`). It never settles the mail.
"""

from __future__ import annotations

from mailbox_ingest.pipeline.context import Found, MessageContext
from mailbox_ingest.pipeline.settle import Outcome
from mailbox_ingest.pipeline.unextracted import NOT_EXTRACTED, body_document


def extract(ctx: MessageContext) -> Outcome | None:
    """Collect every extracted contract with its document and index."""
    body = body_document(ctx.parsed, ctx.facts, ctx.docs)
    if body is not None and any(NOT_EXTRACTED in c.problems for c in body.contracts):
        ctx.decisions.record("not_extracted", "contract_like_body", True, body.filename)
    ctx.found = [
        Found(doc, index, contract)
        for doc in [*ctx.docs, *([body] if body else [])]
        for index, contract in enumerate(doc.contracts)
    ]
    return None
