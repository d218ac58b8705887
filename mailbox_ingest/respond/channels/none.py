"""The channel of contracts that get no answer (an archive import): nothing goes out."""

from __future__ import annotations

from sqlalchemy.orm import Session

from mailbox_ingest.config import Settings
from mailbox_ingest.domain.enums import ResponseKind
from mailbox_ingest.respond.channels.base import AnswerDecision
from store.models import Contract, Message


class NoAnswerChannel:
    """Delivers nothing; the decision log says why."""

    kind = ResponseKind.NONE

    def deliver(
        self,
        session: Session,
        row: Message,
        contracts: list[Contract],
        decision: AnswerDecision,
        settings: Settings,
    ) -> None:
        """Nothing to compose or queue."""
