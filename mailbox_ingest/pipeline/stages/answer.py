"""Stage 10, answer: decide how the stored contracts are answered, then settle the mail as a
contract mail. Composing and delivering the answer is `respond/`'s job; an archive import
answers nothing and records why.
"""

from __future__ import annotations

from mailbox_ingest.enums import Classification
from mailbox_ingest.pipeline.answer import decide_answers
from mailbox_ingest.pipeline.context import MessageContext
from mailbox_ingest.pipeline.history import record_no_answer
from mailbox_ingest.pipeline.settle import Outcome, finish


def answer(ctx: MessageContext) -> Outcome | None:
    """Queue the answer (or record that none is given) and settle the mail."""
    assert ctx.regime is not None, "the verify stage decides the regime"
    if ctx.answering:
        decide_answers(
            ctx.session,
            ctx.row,
            ctx.parsed,
            ctx.contracts,
            ctx.regime,
            ctx.facts,
            ctx.decisions,
            ctx.settings,
        )
    else:
        record_no_answer(ctx.contracts, ctx.decisions)
    return finish(ctx.row, ctx.decisions, Classification.CONTRACT, len(ctx.contracts))
