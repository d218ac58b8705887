"""Link termination notices ("stopzetting") to the contracts they name, safely.

Only a verified workplace ends ITS OWN contracts automatically (a notice with a date, from a
sender whose domain is the workplace's and whose mail our server authenticated). Every other
notice that names a known contract becomes a `TerminationProposal` for staff, with its typed
reason, and changes nothing until a person confirms it (see `review.confirm_termination`).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from mailbox_ingest.domain.enums import ContractStatus, ProposalState, TerminationProposalReason
from mailbox_ingest.pipeline.decisions import Decisions
from mailbox_ingest.pipeline.verify import SenderFacts
from parsers.types import TerminationNotice
from store.models import Contract, Message, TerminationProposal
from store.registry import normalise_name


def _names(notice: TerminationNotice, c: Contract) -> bool:
    """True when the notice names this contract's counterpart (number, else exact name)."""
    if notice.counterpart_enterprise_number and (
        c.counterpart_enterprise_number == notice.counterpart_enterprise_number
    ):
        return True
    return bool(
        notice.counterpart_name
        and c.counterpart_name
        and normalise_name(c.counterpart_name) == normalise_name(notice.counterpart_name)
    )


def _why_not_automatic(
    sender: SenderFacts, notice: TerminationNotice, c: Contract
) -> TerminationProposalReason | None:
    """None when the notice may end the contract by itself, else the reason it may not."""
    if sender.workplace is None:
        return TerminationProposalReason.SENDER_NOT_WORKPLACE
    if not sender.verified:
        return TerminationProposalReason.SENDER_UNVERIFIED
    if c.workplace_org_id != sender.workplace.id:
        return TerminationProposalReason.NOT_OWN_CONTRACT
    if notice.terminated_on is None:
        return TerminationProposalReason.DATE_MISSING
    return None


def _open_contracts(session: Session, sender: SenderFacts) -> list[Contract]:
    """Contracts not refused and not yet ended, newest start first, the sender's own first
    (a counterpart may work with several workplaces)."""
    query = select(Contract).where(
        Contract.status != ContractStatus.REJECTED, Contract.terminated_on.is_(None)
    )
    candidates = list(session.execute(query.order_by(Contract.start_date.desc())).scalars())
    own = sender.workplace.id if sender.workplace is not None else None
    candidates.sort(key=lambda c: c.workplace_org_id != own)
    return candidates


def _propose(
    session: Session,
    row: Message,
    hit: Contract,
    notice: TerminationNotice,
    reason: TerminationProposalReason,
    detail: str,
) -> None:
    """A pending proposal for staff to end the contract, once per message and contract."""
    known = session.execute(
        select(TerminationProposal).where(
            TerminationProposal.message_id == row.id,
            TerminationProposal.contract_id == hit.id,
        )
    ).scalar_one_or_none()
    if known is None:
        session.add(
            TerminationProposal(
                message_id=row.id,
                contract_id=hit.id,
                proposed_date=notice.terminated_on,
                reason=reason.value,
                state=ProposalState.PENDING.value,
                notice=detail,
            )
        )


def apply_terminations(
    session: Session,
    row: Message,
    notices: list[TerminationNotice],
    sender: SenderFacts,
    d: Decisions,
) -> int:
    """End the contracts a verified workplace may end, propose the rest; returns both counts."""
    candidates = _open_contracts(session, sender)
    handled = 0
    for notice in notices:
        hit = next((c for c in candidates if _names(notice, c)), None)
        detail = (
            f"{notice.counterpart_name or notice.counterpart_enterprise_number} "
            f"on {notice.terminated_on}"
        )
        if hit is None:
            d.record("termination", "linked", False, detail)
            continue
        candidates.remove(hit)
        handled += 1
        reason = _why_not_automatic(sender, notice, hit)
        if reason is None:
            d.record("termination", "linked", True, f"{detail} -> contract {hit.id}")
            hit.terminated_on = notice.terminated_on
            hit.termination_message_id = row.id
            continue
        d.record("termination", "proposed", True, f"{detail} -> contract {hit.id}: {reason}")
        _propose(session, row, hit, notice, reason, detail)
    session.flush()
    return handled
