"""Read-only queries for the review UI pages beside the queue: a contract with its context,
messages, letters, terminations, the audit trail, the registry and the staff accounts.

Each function takes a session and returns rows or small dataclasses; none of them changes
anything (the web UI writes only through the review commands). The queue is in `store/queue.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload
from sqlalchemy.sql.elements import ColumnElement

from mailbox_ingest.domain.enums import Classification, LetterState, MessageState, ProposalState
from store.models import (
    AuditEntry,
    Contract,
    Letter,
    Message,
    Organisation,
    Outbox,
    TerminationProposal,
    User,
)


@dataclass(slots=True)
class ContractView:
    """A contract with what its page shows beside it."""

    contract: Contract
    message: Message
    letter: Letter | None
    outbox: list[Outbox]
    audit: list[AuditEntry]
    workplace_org: Organisation | None
    notes: list[str] = field(default_factory=list)


def contract_view(session: Session, contract_id: int) -> ContractView | None:
    """The contract, its message and attachment, letter, answers and audit trail."""
    c = session.execute(
        select(Contract)
        .where(Contract.id == contract_id)
        .options(selectinload(Contract.message), selectinload(Contract.attachment))
    ).scalar_one_or_none()
    if c is None:
        return None
    letter = session.execute(select(Letter).where(Letter.contract_id == c.id)).scalar_one_or_none()
    outbox = list(
        session.execute(
            select(Outbox).where(Outbox.message_id == c.message_id).order_by(Outbox.id)
        ).scalars()
    )
    org = session.get(Organisation, c.workplace_org_id) if c.workplace_org_id else None
    notes = c.fields.get("_notes") or []
    return ContractView(
        c,
        c.message,
        letter,
        outbox,
        audit_trail(session, contract_id=c.id),
        org,
        [str(n) for n in notes],
    )


def audit_trail(
    session: Session, *, contract_id: int | None = None, message_id: int | None = None
) -> list[AuditEntry]:
    """Audit entries of a contract or a message, oldest first."""
    q = select(AuditEntry).order_by(AuditEntry.id)
    if contract_id is not None:
        q = q.where(AuditEntry.contract_id == contract_id)
    if message_id is not None:
        q = q.where(AuditEntry.message_id == message_id)
    return list(session.execute(q).scalars())


def messages(
    session: Session, *, quarantine: bool, page: int, page_size: int
) -> tuple[list[Message], int]:
    """Inbound messages, newest first (or the quarantine only), and how many in all."""
    where: list[ColumnElement[bool]] = []
    if quarantine:
        where = [
            Message.state == MessageState.QUARANTINED,
            Message.classification == Classification.QUARANTINED,
        ]
    total = session.execute(select(func.count()).select_from(Message).where(*where)).scalar_one()
    rows = session.execute(
        select(Message)
        .where(*where)
        .order_by(Message.received_at.desc(), Message.id.desc())
        .limit(page_size)
        .offset((max(page, 1) - 1) * page_size)
    ).scalars()
    return list(rows), int(total)


def message_view(session: Session, message_id: int) -> Message | None:
    """One message with its attachments and contracts."""
    return session.execute(
        select(Message)
        .where(Message.id == message_id)
        .options(selectinload(Message.attachments), selectinload(Message.contracts))
    ).scalar_one_or_none()


def letters(session: Session, state: LetterState | None) -> list[tuple[Letter, Contract, bool]]:
    """Letters (optionally of one state) with their contract and a no-postal-address flag."""
    no_address = or_(
        Organisation.id.is_(None), func.coalesce(Organisation.postal_address, "") == ""
    )
    q = (
        select(Letter, Contract, no_address)
        .join(Contract, Contract.id == Letter.contract_id)
        .outerjoin(Organisation, Organisation.id == Contract.workplace_org_id)
        .order_by(Letter.id)
    )
    if state is not None:
        q = q.where(Letter.state == state)
    return [(letter, c, bool(flag)) for letter, c, flag in session.execute(q).all()]


def terminations(session: Session) -> tuple[list[Message], list[Contract]]:
    """Termination notices received, and the contracts that have an end date."""
    notices = list(
        session.execute(
            select(Message)
            .where(Message.classification == Classification.TERMINATION)
            .order_by(Message.received_at.desc())
        ).scalars()
    )
    ended = list(
        session.execute(
            select(Contract)
            .where(Contract.terminated_on.is_not(None))
            .order_by(Contract.terminated_on.desc())
        ).scalars()
    )
    return notices, ended


def pending_proposals(session: Session) -> list[TerminationProposal]:
    """Termination proposals waiting for staff, oldest first, with contract and message."""
    return list(
        session.execute(
            select(TerminationProposal)
            .where(TerminationProposal.state == ProposalState.PENDING)
            .options(
                joinedload(TerminationProposal.contract), joinedload(TerminationProposal.message)
            )
            .order_by(TerminationProposal.created_at, TerminationProposal.id)
        ).scalars()
    )


def organisations(session: Session) -> list[Organisation]:
    """The registry, by name."""
    return list(session.execute(select(Organisation).order_by(Organisation.name)).scalars())


def users(session: Session) -> list[User]:
    """Staff accounts, by name."""
    return list(session.execute(select(User).order_by(User.name)).scalars())
