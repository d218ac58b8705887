"""Stage 9, persist: each new, verified contract becomes a `Contract` row with its fields,
confidence, evidence, the reviewer's notes and its status (accepted, or to review with the
typed reasons). The answer is not decided yet (`none`/`none`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from mailbox_ingest.domain.enums import ContractStatus, Regime
from mailbox_ingest.pipeline.context import Found, MessageContext
from mailbox_ingest.pipeline.settle import Outcome
from store.models import Contract, Message


def persist(ctx: MessageContext) -> Outcome | None:
    """Store the new contracts (flushed, so they have ids)."""
    assert ctx.regime is not None, "the verify stage decides the regime"
    for item in ctx.new:
        att = ctx.attachments.get(id(item.doc))
        contract = _contract(ctx.row, item, ctx.regime)
        contract.attachment_id = att.id if att else None
        ctx.session.add(contract)
        ctx.session.flush()
        ctx.contracts.append(contract)
    return None


def _fields(item: Found) -> dict[str, Any]:
    """The extracted fields as JSON: value, confidence and evidence each."""
    return {
        name: {
            "value": fv.value.isoformat() if isinstance(fv.value, dt.date) else fv.value,
            "confidence": round(fv.confidence, 3),
            "evidence": fv.evidence.as_dict() if fv.evidence else None,
        }
        for name, fv in item.contract.fields.items()
    }


def _contract(row: Message, item: Found, regime: Regime) -> Contract:
    """The row of one contract from its extraction and verification."""
    c, v = item.contract, item.verified
    assert v is not None, "the verify stage verifies every new contract"
    return Contract(
        message_id=row.id,
        index_in_document=item.index,
        layout=c.layout,
        workplace_name=v.workplace.name,
        workplace_enterprise_number=v.workplace.enterprise_number,
        workplace_kind=v.workplace.kind.value,
        workplace_org_id=v.workplace.org.id if v.workplace.org else None,
        counterpart_name=v.counterpart.name,
        counterpart_enterprise_number=v.counterpart.enterprise_number,
        counterpart_kind=v.counterpart.kind.value,
        counterpart_org_id=v.counterpart.org.id if v.counterpart.org else None,
        work_location=c.value("work_location"),
        nature_of_work=c.value("nature_of_work"),
        workers=c.value("workers"),
        start_date=c.value("start_date"),
        end_date=c.value("end_date"),
        indefinite_duration=bool(c.value("indefinite_duration")),
        signed_date=c.value("signed_date"),
        received_at=row.received_at,
        regime=regime.value,
        response_kind="none",
        response_state="none",
        status=(ContractStatus.NEEDS_REVIEW if v.reasons else ContractStatus.ACCEPTED).value,
        review_reasons=[r.value for r in v.reasons],
        confidence=round(c.confidence(), 3),
        fields={**_fields(item), "_notes": v.notes + c.problems},
    )
