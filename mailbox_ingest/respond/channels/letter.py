"""The letter channel (old regime): one pending letter per contract, rendered to PDF by
staff review once they decide (`review.accept` / `review.refuse`)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from mailbox_ingest.config import Settings
from mailbox_ingest.domain.enums import LetterState, ResponseKind
from mailbox_ingest.respond.channels.base import AnswerDecision
from store.models import Contract, Letter, Message


class LetterChannel:
    """Creates the pending letter of every contract."""

    kind = ResponseKind.LETTER

    def deliver(
        self,
        session: Session,
        row: Message,
        contracts: list[Contract],
        decision: AnswerDecision,
        settings: Settings,
    ) -> None:
        """One pending letter per contract."""
        for c in contracts:
            session.add(Letter(contract_id=c.id, state=LetterState.PENDING))
