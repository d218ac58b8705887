"""Staff decisions, applied through the store with an audit entry each.

Accept or refuse a contract (under the old regime this renders the approval or refusal letter
to PDF, ready to print), release a held acknowledgement, settle an uncertain one, confirm or
reject a termination proposal. The web UI
and the command line both call these functions; nothing else changes a contract's status.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from mailbox_ingest.config import Settings
from mailbox_ingest.domain.enums import (
    AuditAction,
    ContractStatus,
    LetterState,
    OutboxState,
    ProposalState,
    RefusalReason,
    ResponseKind,
    ResponseState,
)
from mailbox_ingest.domain.errors import MailboxIngestError
from mailbox_ingest.respond.compose import reference, summary, template_environment
from mailbox_ingest.respond.letters import render_letter
from mailbox_ingest.respond.templates import LetterKind, load_letterhead
from store.db import put_blob
from store.models import (
    AuditEntry,
    Contract,
    Letter,
    Organisation,
    Outbox,
    TerminationProposal,
    utcnow,
)


class ReviewError(MailboxIngestError):
    """A staff command that cannot be applied (unknown id, wrong state...)."""


class ConflictError(ReviewError):
    """The contract changed since the reviewer opened it; `by` names who changed it."""

    def __init__(self, contract_id: int, by: str) -> None:
        self.contract_id, self.by = contract_id, by
        super().__init__(f"contract {contract_id} was changed by {by} since you opened it")


def _contract(session: Session, contract_id: int, expected_version: int | None = None) -> Contract:
    """The contract, checked against the version the reviewer saw (None: no check)."""
    c = session.get(Contract, contract_id)
    if c is None:
        raise ReviewError(f"no contract {contract_id}")
    if expected_version is not None and c.version != expected_version:
        last = session.execute(
            select(AuditEntry.actor)
            .where(AuditEntry.contract_id == contract_id)
            .order_by(AuditEntry.id.desc())
            .limit(1)
        ).scalar_one_or_none()
        raise ConflictError(contract_id, last or "someone else")
    return c


def _audit(
    session: Session, actor: str, action: str, contract: Contract | None = None, **details: object
) -> None:
    session.add(
        AuditEntry(
            actor=actor,
            action=action,
            contract_id=contract.id if contract else None,
            message_id=contract.message_id if contract else None,
            details={k: str(v) for k, v in details.items()},
        )
    )


def _letter(
    session: Session,
    c: Contract,
    kind: LetterKind,
    actor: str,
    settings: Settings,
    reason: RefusalReason | None,
    text: str | None,
) -> Path:
    env = template_environment(settings.answers.template_dir)
    s = summary(c, c.message.subject if c.message else None, settings.regimes.timezone)
    if c.workplace_org_id is not None:
        org = session.get(Organisation, c.workplace_org_id)
        if org is not None and org.postal_address:
            s = replace(s, workplace_address=tuple(org.postal_address.splitlines()))
    pdf = render_letter(
        kind,
        s,
        env=env,
        letterhead=load_letterhead(env),
        decided_on=dt.date.today(),
        decided_by=actor,
        refusal_reason=reason,
        refusal_text=text,
    )
    folder = Path(settings.answers.letter_dir)
    folder.mkdir(parents=True, exist_ok=True)
    word = "goedkeuring" if kind is LetterKind.APPROVAL else "afkeuring"
    path = folder / f"{reference(c)}-{word}.pdf"
    path.write_bytes(pdf)
    letter = session.execute(select(Letter).where(Letter.contract_id == c.id)).scalar_one_or_none()
    if letter is None:
        letter = Letter(contract_id=c.id, state=LetterState.PENDING.value)
        session.add(letter)
    letter.kind, letter.state = kind.value, LetterState.READY.value
    letter.pdf_sha256, letter.path, letter.rendered_at = put_blob(session, pdf), str(path), utcnow()
    c.response_state = ResponseState.READY.value
    return path


def accept(
    session: Session,
    contract_id: int,
    actor: str,
    settings: Settings,
    *,
    expected_version: int | None = None,
) -> Path | None:
    """Accept a contract; returns the approval letter's path under the old regime."""
    c = _contract(session, contract_id, expected_version)
    c.postponed_at = c.locked_by = c.locked_until = None
    c.status, c.rejection_reason, c.rejection_text = ContractStatus.ACCEPTED.value, None, None
    c.decided_by, c.decided_at = actor, utcnow()
    path = None
    if c.response_kind == ResponseKind.LETTER:
        path = _letter(session, c, LetterKind.APPROVAL, actor, settings, None, None)
    _audit(session, actor, AuditAction.ACCEPT, c, letter=path)
    return path


def refuse(
    session: Session,
    contract_id: int,
    actor: str,
    reason: RefusalReason,
    text: str | None,
    settings: Settings,
    *,
    expected_version: int | None = None,
) -> Path | None:
    """Refuse a contract with a reason; returns the refusal letter's path (old regime)."""
    if reason is RefusalReason.OTHER and not (text and text.strip()):
        raise ReviewError("reason 'other' needs an explanation")
    c = _contract(session, contract_id, expected_version)
    c.postponed_at = c.locked_by = c.locked_until = None
    c.status, c.rejection_reason, c.rejection_text = (
        ContractStatus.REJECTED.value,
        reason.value,
        text,
    )
    c.decided_by, c.decided_at = actor, utcnow()
    path = None
    if c.response_kind == ResponseKind.LETTER:
        path = _letter(session, c, LetterKind.REFUSAL, actor, settings, reason, text)
    _audit(session, actor, AuditAction.REFUSE, c, reason=reason.value, text=text or "", letter=path)
    return path


def bulk_accept(
    session: Session, contract_ids: list[int], actor: str, settings: Settings
) -> list[int]:
    """Accept several contracts that still need review; one audit entry each. Returns ids."""
    done = []
    for contract_id in sorted(set(contract_ids)):
        if _contract(session, contract_id).status != ContractStatus.NEEDS_REVIEW:
            raise ReviewError(f"contract {contract_id} is already decided")
        accept(session, contract_id, actor, settings)
        done.append(contract_id)
    return done


def postpone(
    session: Session,
    contract_id: int,
    actor: str,
    *,
    expected_version: int | None = None,
    note: str | None = None,
) -> None:
    """Set a contract aside for later; it stays to review and is assigned to the actor."""
    c = _contract(session, contract_id, expected_version)
    if c.status != ContractStatus.NEEDS_REVIEW:
        raise ReviewError(f"contract {contract_id} is already decided")
    c.postponed_at, c.assigned_to = utcnow(), actor
    c.locked_by = c.locked_until = None
    _audit(session, actor, AuditAction.POSTPONE, c, note=note or "")


def undo_decision(
    session: Session, contract_id: int, actor: str, *, expected_version: int | None = None
) -> None:
    """Put an accepted or refused contract back to review while nothing has gone out."""
    c = _contract(session, contract_id, expected_version)
    if c.status == ContractStatus.NEEDS_REVIEW:
        raise ReviewError(f"contract {contract_id} has no decision to undo")
    letter = session.execute(select(Letter).where(Letter.contract_id == c.id)).scalar_one_or_none()
    if letter is not None and letter.state == LetterState.POSTED:
        raise ReviewError(f"the letter of contract {contract_id} is already posted")
    if (
        c.response_kind == ResponseKind.EMAIL_ACKNOWLEDGEMENT
        and c.response_state == ResponseState.SENT
    ):
        raise ReviewError(f"the answer to contract {contract_id} is already sent")
    before = c.status
    c.status, c.rejection_reason, c.rejection_text = ContractStatus.NEEDS_REVIEW.value, None, None
    c.decided_by = c.decided_at = None
    if letter is not None:
        letter.state, letter.kind, letter.pdf_sha256 = LetterState.PENDING.value, None, None
        letter.rendered_at = None
        c.response_state = ResponseState.PENDING.value
    _audit(session, actor, AuditAction.UNDO_DECISION, c, was=before)


def release_answer(session: Session, outbox_id: int, actor: str) -> None:
    """Let a held or uncertain acknowledgement go out (staff checked the sender)."""
    row = session.get(Outbox, outbox_id)
    if row is None:
        raise ReviewError(f"no outbox entry {outbox_id}")
    if row.state not in (OutboxState.HELD, OutboxState.UNCERTAIN, OutboxState.FAILED):
        raise ReviewError(f"outbox entry {outbox_id} is {row.state}, not held")
    before = row.state
    row.state, row.next_attempt_at, row.attempts = OutboxState.QUEUED.value, utcnow(), 0
    session.add(
        AuditEntry(
            actor=actor,
            action="release_answer",
            message_id=row.message_id,
            details={"outbox_id": str(outbox_id), "was": before},
        )
    )


def mark_sent(session: Session, outbox_id: int, actor: str) -> None:
    """Record that an uncertain acknowledgement did reach the workplace."""
    row = session.get(Outbox, outbox_id)
    if row is None or row.state != OutboxState.UNCERTAIN:
        raise ReviewError(f"outbox entry {outbox_id} is not uncertain")
    row.state, row.sent_at = OutboxState.SENT.value, utcnow()
    session.add(
        AuditEntry(
            actor=actor,
            action="mark_sent",
            message_id=row.message_id,
            details={"outbox_id": str(outbox_id)},
        )
    )


def _proposal(session: Session, proposal_id: int) -> TerminationProposal:
    p = session.get(TerminationProposal, proposal_id)
    if p is None:
        raise ReviewError(f"no termination proposal {proposal_id}")
    if p.state != ProposalState.PENDING:
        raise ReviewError(f"termination proposal {proposal_id} is {p.state}, not pending")
    return p


def confirm_termination(
    session: Session, proposal_id: int, actor: str, on: dt.date | None = None
) -> Contract:
    """End the proposed contract on the proposed date (or `on`); returns the contract."""
    p = _proposal(session, proposal_id)
    day = on or p.proposed_date
    if day is None:
        raise ReviewError(f"termination proposal {proposal_id} has no date; give one")
    c = _contract(session, p.contract_id)
    if c.terminated_on is not None:
        raise ReviewError(f"contract {c.id} already ended on {c.terminated_on}")
    c.terminated_on, c.termination_message_id = day, p.message_id
    p.state, p.decided_by, p.decided_at = ProposalState.CONFIRMED.value, actor, utcnow()
    _audit(
        session, actor, "confirm_termination", c, proposal=p.id, terminated_on=day, reason=p.reason
    )
    return c


def reject_termination(session: Session, proposal_id: int, actor: str) -> None:
    """Reject a termination proposal: the contract stays as it is."""
    p = _proposal(session, proposal_id)
    p.state, p.decided_by, p.decided_at = ProposalState.REJECTED.value, actor, utcnow()
    _audit(
        session,
        actor,
        "reject_termination",
        _contract(session, p.contract_id),
        proposal=p.id,
        reason=p.reason,
    )
