"""The acknowledgement e-mail channel (maatwerk): one e-mail per mail into the outbox.

Queued, or held for staff with its reason; sent later by the outbox job
(`respond/outbox.py`), never here.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from mailbox_ingest.config import Settings
from mailbox_ingest.domain.enums import OutboxKind, OutboxState, ResponseKind, ResponseState
from mailbox_ingest.respond.channels.base import AnswerDecision
from mailbox_ingest.respond.compose import acknowledgement_id, compose_acknowledgement
from store.models import Contract, Message, Outbox


class AcknowledgementChannel:
    """Writes the acknowledgement of a mail's contracts to the outbox."""

    kind = ResponseKind.EMAIL_ACKNOWLEDGEMENT

    def deliver(
        self,
        session: Session,
        row: Message,
        contracts: list[Contract],
        decision: AnswerDecision,
        settings: Settings,
    ) -> None:
        """Queue (or hold) the composed e-mail; a suppressed answer writes nothing."""
        if decision.state is ResponseState.SUPPRESSED:
            return
        our_id = acknowledgement_id(row, settings)
        queued = decision.state is ResponseState.QUEUED
        session.add(
            Outbox(
                message_id=row.id,
                kind=OutboxKind.ACKNOWLEDGEMENT.value,
                to_addr=row.from_addr or "",
                our_message_id=our_id,
                raw=compose_acknowledgement(row, contracts, settings, our_id),
                state=(OutboxState.QUEUED if queued else OutboxState.HELD).value,
                reason=decision.reason.value if decision.reason else None,
            )
        )
