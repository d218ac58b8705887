"""Link termination notices ("stopzetting") found in a mail body to the contracts they end."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from mailbox_ingest.enums import ContractStatus
from mailbox_ingest.pipeline.decisions import Decisions
from mailbox_ingest.pipeline.verify import SenderFacts
from parsers.types import TerminationNotice
from store.models import Contract, Message
from store.registry import normalise_name


def apply_terminations(
    session: Session,
    row: Message,
    notices: list[TerminationNotice],
    sender: SenderFacts,
    d: Decisions,
) -> int:
    """Set `terminated_on` on each contract a notice names; returns how many were linked."""
    query = select(Contract).where(
        Contract.status != ContractStatus.REJECTED, Contract.terminated_on.is_(None)
    )
    if sender.workplace is not None:
        query = query.where(Contract.workplace_org_id == sender.workplace.id)
    candidates = list(session.execute(query.order_by(Contract.start_date.desc())).scalars())
    linked = 0
    for notice in notices:
        hit = None
        for c in candidates:
            if notice.counterpart_enterprise_number and (
                c.counterpart_enterprise_number == notice.counterpart_enterprise_number
            ):
                hit = c
                break
            if (
                notice.counterpart_name
                and c.counterpart_name
                and normalise_name(c.counterpart_name) == normalise_name(notice.counterpart_name)
            ):
                hit = c
                break
        detail = (
            f"{notice.counterpart_name or notice.counterpart_enterprise_number} "
            f"on {notice.terminated_on}"
        )
        if d.record(
            "termination",
            "linked",
            hit is not None and notice.terminated_on is not None,
            detail + (f" -> contract {hit.id}" if hit else ""),
        ):
            assert hit is not None
            hit.terminated_on = notice.terminated_on
            hit.termination_message_id = row.id
            candidates.remove(hit)
            linked += 1
    return linked
