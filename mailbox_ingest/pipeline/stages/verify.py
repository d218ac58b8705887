"""Stage 8, verify: the regime of the day received, then each new contract checked against
the registry, check digits, the sender and the compliance rules (`pipeline/verify.py`).

Records the regime; writes nothing else (the persist stage stores the result).
"""

from __future__ import annotations

from mailbox_ingest.pipeline.context import MessageContext
from mailbox_ingest.pipeline.regime import local_date, regime_for
from mailbox_ingest.pipeline.settle import Outcome
from mailbox_ingest.pipeline.verify import verify_contract


def verify(ctx: MessageContext) -> Outcome | None:
    """Decide the regime and verify every new contract."""
    received = ctx.row.received_at
    regimes = ctx.settings.regimes
    ctx.regime = regime = regime_for(received, regimes)
    day = local_date(received, regimes)
    ctx.decisions.record("regime", regime.value, True, str(day))
    for item in ctx.new:
        item.verified = verify_contract(
            item.contract,
            registry=ctx.registry,
            sender=ctx.facts,
            regime=regime,
            received_day=day,
            regimes=regimes,
            settings=ctx.settings.review,
        )
    return None
