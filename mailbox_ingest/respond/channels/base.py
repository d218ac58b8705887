"""The one protocol every answer channel honours, and the registry of channels by kind.

A channel turns an `AnswerDecision` already set on the contracts into what goes out: an
outbox row, pending letters, or nothing. A new channel is one module with one class, added
to `CHANNELS` in `respond/channels/__init__.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.orm import Session

from mailbox_ingest.config import Settings
from mailbox_ingest.domain.enums import ResponseKind, ResponseState, SuppressReason
from store.models import Contract, Message


@dataclass(frozen=True, slots=True)
class AnswerDecision:
    """How the contracts of one mail are answered, and why not when they are not."""

    kind: ResponseKind
    state: ResponseState
    reason: SuppressReason | None = None


class AnswerChannel(Protocol):
    """Composes and queues the answer of one mail's contracts through one medium."""

    kind: ResponseKind

    def deliver(
        self,
        session: Session,
        row: Message,
        contracts: list[Contract],
        decision: AnswerDecision,
        settings: Settings,
    ) -> None:
        """Create what carries the answer (no commit); nothing when it is suppressed."""
        ...
