"""What goes out: automatic e-mails (the outbox and its send journal) and letters for staff."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mailbox_ingest.domain.enums import (
    JournalEvent,
    LetterState,
    OutboxKind,
    OutboxState,
    SuppressReason,
)
from store.models.base import Base, clip, enum_type, utcnow


class Outbox(Base):
    """An automatic e-mail to send; one per (inbound message, kind): never two answers."""

    __tablename__ = "outbox"
    __table_args__ = (UniqueConstraint("message_id", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id"))
    kind: Mapped[str] = mapped_column(enum_type(OutboxKind, 30))
    to_addr: Mapped[str] = mapped_column(String(320), index=True)
    our_message_id: Mapped[str] = mapped_column(String(255), unique=True)
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    state: Mapped[str] = mapped_column(enum_type(OutboxState, 20), index=True)
    reason: Mapped[str | None] = mapped_column(enum_type(SuppressReason, 40))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text, info=clip(2000))
    claimed_by: Mapped[str | None] = mapped_column(String(255))
    claimed_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[dt.datetime | None]


class SendJournalEntry(Base):
    """The send journal: `begin` before SMTP DATA, `done` after the server's 250, per attempt.

    Kept in the database so that every daemon (on any host) judges a send left in flight by
    the same record, not by a file on the host that happened to make it.
    """

    __tablename__ = "send_journal"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    outbox_id: Mapped[int] = mapped_column(ForeignKey("outbox.id"), index=True)
    holder: Mapped[str] = mapped_column(String(255))
    event: Mapped[str] = mapped_column(enum_type(JournalEvent, 20))
    at: Mapped[dt.datetime]


class Letter(Base):
    """A letter for staff to print, sign and post (legacy regime)."""

    __tablename__ = "letters"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"), unique=True)
    kind: Mapped[str | None] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(enum_type(LetterState, 20), index=True)
    pdf_sha256: Mapped[str | None] = mapped_column(ForeignKey("blobs.sha256"))
    path: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    rendered_at: Mapped[dt.datetime | None]
    posted_at: Mapped[dt.datetime | None]
