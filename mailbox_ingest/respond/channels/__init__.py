"""Answer channels behind one protocol (`base.AnswerChannel`), looked up by response kind."""

from __future__ import annotations

from sqlalchemy.orm import Session

from mailbox_ingest.config import Settings
from mailbox_ingest.domain.enums import ResponseKind
from mailbox_ingest.respond.channels.acknowledgement import AcknowledgementChannel
from mailbox_ingest.respond.channels.base import AnswerChannel, AnswerDecision
from mailbox_ingest.respond.channels.letter import LetterChannel
from mailbox_ingest.respond.channels.none import NoAnswerChannel
from store.models import Contract, Message

CHANNELS: dict[ResponseKind, AnswerChannel] = {
    channel.kind: channel
    for channel in (AcknowledgementChannel(), LetterChannel(), NoAnswerChannel())
}


def deliver(
    session: Session,
    row: Message,
    contracts: list[Contract],
    decision: AnswerDecision,
    settings: Settings,
) -> None:
    """Hand a decided answer to the channel of its kind."""
    CHANNELS[decision.kind].deliver(session, row, contracts, decision, settings)


__all__ = ["CHANNELS", "AnswerChannel", "AnswerDecision", "deliver"]
