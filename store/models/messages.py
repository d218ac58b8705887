"""Inbound mail: content-addressed bytes, the folders' UIDVALIDITY, messages, attachments.

One row per inbound message with its key in the mailbox, its raw bytes by hash, its
classification and the reasons for every automatic decision.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mailbox_ingest.domain.enums import Classification, MessageState, QuarantineReason
from store.models.base import Base, clip, enum_type, utcnow

if TYPE_CHECKING:
    from store.models.contracts import Contract, TerminationProposal


class Blob(Base):
    """Content-addressed bytes (raw messages, attachments, letters), keyed by SHA-256."""

    __tablename__ = "blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class MailboxFolder(Base):
    """Last seen UIDVALIDITY of a mailbox folder, to notice when the server renumbers."""

    __tablename__ = "mailbox_folders"
    __table_args__ = (UniqueConstraint("account", "folder"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account: Mapped[str] = mapped_column(String(255))
    folder: Mapped[str] = mapped_column(String(255))
    uidvalidity: Mapped[int] = mapped_column(BigInteger)
    changed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Message(Base):
    """One inbound mail: its key in the mailbox, raw bytes, classification and decisions."""

    __tablename__ = "messages"
    __table_args__ = (UniqueConstraint("account", "folder", "uidvalidity", "uid"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account: Mapped[str] = mapped_column(String(255))
    folder: Mapped[str] = mapped_column(String(255))
    uidvalidity: Mapped[int] = mapped_column(BigInteger)
    uid: Mapped[str] = mapped_column(String(255))
    raw_sha256: Mapped[str | None] = mapped_column(ForeignKey("blobs.sha256"), index=True)
    size: Mapped[int] = mapped_column(BigInteger, default=0)
    received_at: Mapped[dt.datetime]
    message_id: Mapped[str | None] = mapped_column(String(998), index=True, info=clip(998))
    in_reply_to: Mapped[str | None] = mapped_column(Text)
    references: Mapped[str | None] = mapped_column(Text)
    from_addr: Mapped[str | None] = mapped_column(String(320), index=True)
    from_name: Mapped[str | None] = mapped_column(Text)
    reply_to: Mapped[str | None] = mapped_column(String(320))
    subject: Mapped[str | None] = mapped_column(Text, info=clip(2000))
    state: Mapped[str] = mapped_column(enum_type(MessageState, 20), index=True)
    classification: Mapped[str | None] = mapped_column(enum_type(Classification, 20), index=True)
    reason: Mapped[str | None] = mapped_column(enum_type(QuarantineReason, 40))
    reason_detail: Mapped[str | None] = mapped_column(Text, info=clip(4000))
    error_traceback: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)  # tries that ended in a failure
    interruptions: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    attempt_started_at: Mapped[dt.datetime | None]  # set while a try runs; left set by a crash
    decisions: Mapped[list[Any]] = mapped_column(default=list)
    sender_verified: Mapped[bool | None] = mapped_column(Boolean)
    automatic: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    processed_at: Mapped[dt.datetime | None]
    moved_at: Mapped[dt.datetime | None]
    moved_to: Mapped[str | None] = mapped_column(String(255))
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"))
    history: Mapped[list[Any] | None] = mapped_column(JSON)  # earlier outcomes, on retry
    claimed_by: Mapped[str | None] = mapped_column(String(255))
    claim_expires_at: Mapped[dt.datetime | None]

    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="message", order_by="Attachment.id", cascade="all, delete-orphan"
    )
    contracts: Mapped[list[Contract]] = relationship(
        back_populates="message", order_by="Contract.id", foreign_keys="Contract.message_id"
    )
    termination_proposals: Mapped[list[TerminationProposal]] = relationship(
        back_populates="message", order_by="TerminationProposal.id"
    )

    @property
    def key(self) -> str:
        """The message key used in logs: account/folder/uidvalidity/uid."""
        return f"{self.account}/{self.folder}/{self.uidvalidity}/{self.uid}"


class Attachment(Base):
    """A document part of a message (also parts of forwarded mails and zip members)."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id"), index=True)
    filename: Mapped[str] = mapped_column(String(255), info=clip(255))
    media_type: Mapped[str] = mapped_column(String(255), info=clip(255))
    sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"), index=True)
    size: Mapped[int] = mapped_column(BigInteger)
    pages: Mapped[int | None] = mapped_column(Integer)
    text_source: Mapped[str | None] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(40), default="", info=clip(40))
    detail: Mapped[str | None] = mapped_column(Text)

    message: Mapped[Message] = relationship(back_populates="attachments")
