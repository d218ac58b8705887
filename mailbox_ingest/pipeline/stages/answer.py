"""Stage 10, answer: decide how the stored contracts are answered (`pipeline/answer.py`),
set that on each contract, hand it to its channel in `respond/` (which composes and queues
it), and settle the mail as a contract mail.
"""

from __future__ import annotations

from mailbox_ingest.domain.enums import Classification
from mailbox_ingest.pipeline.answer import decide_answer, record_answer
from mailbox_ingest.pipeline.context import MessageContext
from mailbox_ingest.pipeline.settle import Outcome, finish
from mailbox_ingest.respond.channels import deliver


def answer(ctx: MessageContext) -> Outcome | None:
    """Decide, record and deliver the answer; settle the mail."""
    assert ctx.regime is not None, "the verify stage decides the regime"
    decision = decide_answer(
        ctx.session, ctx.row, ctx.regime, ctx.facts, ctx.settings, answering=ctx.answering
    )
    for c in ctx.contracts:
        c.response_kind, c.response_state = decision.kind.value, decision.state.value
    record_answer(ctx.decisions, decision, len(ctx.contracts))
    deliver(ctx.session, ctx.row, ctx.contracts, decision, ctx.settings)
    return finish(ctx.row, ctx.decisions, Classification.CONTRACT, len(ctx.contracts))
