"""Decide how the contracts of one mail are answered: an `AnswerDecision(kind, state, reason)`.

Maatwerk: one acknowledgement e-mail per mail, queued, unless the mail is automatic (never
answered), has no reply address, the sender is unverified or over the daily limit (held for
staff); the daily limit counts per address with `+tags` folded and per organisation domain.
Old regime: a letter per contract, pending until staff decide.
Archive import: no answer at all. An acknowledgement or approval letter years after the fact
would confuse the workplace and claim a decision the department took (or did not take) back
then; the archive is imported for the reports only, and the decision log says so.

Only the decision lives here; `respond/` composes and delivers it per channel.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from mailbox_ingest.config import Settings
from mailbox_ingest.domain.enums import (
    OutboxState,
    Regime,
    ResponseKind,
    ResponseState,
    SuppressReason,
)
from mailbox_ingest.pipeline.authresults import organisational_domain
from mailbox_ingest.pipeline.decisions import Decisions
from mailbox_ingest.pipeline.verify import SenderFacts
from mailbox_ingest.respond.channels import AnswerDecision
from store.models import Message, Outbox, utcnow


def decide_answer(
    session: Session,
    row: Message,
    regime: Regime,
    sender: SenderFacts,
    settings: Settings,
    *,
    answering: bool = True,
) -> AnswerDecision:
    """The answer the contracts of `row` get (nothing is written)."""
    if not answering:
        return AnswerDecision(
            ResponseKind.NONE, ResponseState.SUPPRESSED, SuppressReason.HISTORY_IMPORT
        )
    if regime is Regime.LEGACY:
        return AnswerDecision(ResponseKind.LETTER, ResponseState.PENDING)
    ack = ResponseKind.EMAIL_ACKNOWLEDGEMENT
    if row.automatic:
        return AnswerDecision(ack, ResponseState.SUPPRESSED, SuppressReason.AUTOMATIC_MAIL)
    if not row.from_addr:
        return AnswerDecision(ack, ResponseState.HELD, SuppressReason.NO_REPLY_ADDRESS)
    if not sender.verified:
        return AnswerDecision(ack, ResponseState.HELD, SuppressReason.UNVERIFIED_SENDER)
    if _over_daily_limit(session, row.from_addr, settings):
        return AnswerDecision(ack, ResponseState.HELD, SuppressReason.DAILY_LIMIT)
    return AnswerDecision(ack, ResponseState.QUEUED)


def record_answer(d: Decisions, decision: AnswerDecision, contracts: int) -> None:
    """The decision in the message's decision log, worded per kind."""
    if decision.reason is SuppressReason.HISTORY_IMPORT:
        d.record(
            "answer",
            SuppressReason.HISTORY_IMPORT.value,
            True,
            f"imported from an archive: {contracts} contract(s) not answered "
            "(no acknowledgement, no letter)",
        )
    elif decision.kind is ResponseKind.LETTER:
        d.record("answer", "letter_pending", True, f"{contracts} letter(s) await staff")
    else:
        d.record(
            "answer",
            "acknowledgement",
            decision.state is ResponseState.QUEUED,
            decision.state.value + (f": {decision.reason.value}" if decision.reason else ""),
        )


def fold_address(address: str) -> str:
    """Lower case, `+tag` removed from the local part: `Jan+x@A.be` -> `jan@a.be`."""
    local, _, domain = address.strip().lower().rpartition("@")
    return f"{local.split('+', 1)[0]}@{domain}" if local else address.strip().lower()


def _sent_today(session: Session, address: str) -> tuple[int, int]:
    """Answers of the last day to this address (tags folded) and to its organisation's domain."""
    since = utcnow() - dt.timedelta(days=1)
    recent = session.execute(
        select(Outbox.to_addr).where(
            Outbox.created_at >= since,
            Outbox.state.in_([OutboxState.QUEUED, OutboxState.SENDING, OutboxState.SENT]),
        )
    ).scalars()
    me = fold_address(address)
    org = organisational_domain(me.rsplit("@", 1)[-1])
    same_address = same_domain = 0
    for to in recent:
        folded = fold_address(to)
        same_address += folded == me
        same_domain += organisational_domain(folded.rsplit("@", 1)[-1]) == org
    return same_address, same_domain


def _over_daily_limit(session: Session, address: str, settings: Settings) -> bool:
    """Has this address or its organisation had its answers for the day?"""
    by_address, by_domain = _sent_today(session, address)
    per_domain = settings.answers.max_per_domain_per_day
    if per_domain is None:
        per_domain = settings.answers.max_per_sender_per_day
    return by_address >= settings.answers.max_per_sender_per_day or by_domain >= per_domain
