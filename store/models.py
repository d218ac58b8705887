"""SQLAlchemy 2 models: the whole schema of the store (created by the Alembic migrations).

One row per inbound message (its key, raw bytes by hash, classification and the reasons for
every automatic decision), per contract (fields with confidence and evidence), per outgoing
mail (the outbox), per letter, per organisation of the registry, and an audit trail.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy import true as sa_true
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from mailbox_ingest.domain.enums import (
    Classification,
    ContractStatus,
    JournalEvent,
    LetterState,
    MessageState,
    OrganisationKind,
    OutboxKind,
    OutboxState,
    ProposalState,
    QuarantineReason,
    RefusalReason,
    Regime,
    ResponseKind,
    ResponseState,
    SuppressReason,
    TerminationProposalReason,
)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def enum_type(kind: type[StrEnum], length: int) -> Enum:
    """A column type for a state, kind or reason: the member's value as VARCHAR(`length`) on
    every database (no native ENUM, so SQLite and PostgreSQL agree and the strings stored
    stay what they were), read back as the enum member."""
    return Enum(
        kind,
        native_enum=False,
        create_constraint=False,
        values_callable=lambda members: [m.value for m in members],
        length=length,
    )


def clip(chars: int) -> dict[str, int]:
    """Column info: text longer than `chars` is cut on assignment (see `_clip_on_set`)."""
    return {"clip": chars}


def utcnow() -> dt.datetime:
    """Now, as an aware UTC datetime."""
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timestamp stored in UTC and always read back as an aware datetime (SQLite too)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        """Store aware values converted to UTC; naive values are taken as UTC."""
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        """Read back as aware UTC."""
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    """Declarative base with a naming convention so migrations get stable constraint names."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy's documented class attribute
        dict[str, Any]: JSON,
        list[Any]: JSON,
        dt.datetime: UTCDateTime(),
    }


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


class Organisation(Base):
    """An entry of the organisation registry (workplaces and known counterparts)."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enterprise_number: Mapped[str | None] = mapped_column(String(12), unique=True)
    name: Mapped[str] = mapped_column(String(255), index=True)
    kind: Mapped[str] = mapped_column(enum_type(OrganisationKind, 30))
    email_domains: Mapped[list[Any]] = mapped_column(default=list)
    postal_address: Mapped[str | None] = mapped_column(Text)


class Contract(Base):
    """An enclave contract found in a message, with every field's confidence and evidence."""

    __tablename__ = "contracts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id"), index=True)
    attachment_id: Mapped[int | None] = mapped_column(ForeignKey("attachments.id"))
    index_in_document: Mapped[int] = mapped_column(Integer, default=0)
    layout: Mapped[str | None] = mapped_column(String(30))
    workplace_name: Mapped[str | None] = mapped_column(Text)
    workplace_enterprise_number: Mapped[str | None] = mapped_column(String(12))
    workplace_kind: Mapped[str] = mapped_column(enum_type(OrganisationKind, 30), default="unknown")
    workplace_org_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    counterpart_name: Mapped[str | None] = mapped_column(Text)
    counterpart_enterprise_number: Mapped[str | None] = mapped_column(String(12), index=True)
    counterpart_kind: Mapped[str] = mapped_column(
        enum_type(OrganisationKind, 30), default="unknown"
    )
    counterpart_org_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    work_location: Mapped[str | None] = mapped_column(Text)
    nature_of_work: Mapped[str | None] = mapped_column(Text)
    workers: Mapped[int | None] = mapped_column(Integer)
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    indefinite_duration: Mapped[bool] = mapped_column(Boolean, default=False)
    signed_date: Mapped[dt.date | None] = mapped_column(Date)
    received_at: Mapped[dt.datetime]
    regime: Mapped[str] = mapped_column(enum_type(Regime, 20))
    response_kind: Mapped[str] = mapped_column(enum_type(ResponseKind, 30))
    response_state: Mapped[str] = mapped_column(enum_type(ResponseState, 20))
    status: Mapped[str] = mapped_column(enum_type(ContractStatus, 20), index=True)
    review_reasons: Mapped[list[Any]] = mapped_column(default=list)
    rejection_reason: Mapped[str | None] = mapped_column(enum_type(RefusalReason, 40))
    rejection_text: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    fields: Mapped[dict[str, Any]] = mapped_column(default=dict)
    terminated_on: Mapped[dt.date | None] = mapped_column(Date)
    termination_message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"))
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # review UI: optimistic locking, a soft lock shown to others, postponement, assignment
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    locked_by: Mapped[str | None] = mapped_column(String(100))
    locked_until: Mapped[dt.datetime | None]
    postponed_at: Mapped[dt.datetime | None]
    assigned_to: Mapped[str | None] = mapped_column(String(100), index=True)

    message: Mapped[Message] = relationship(back_populates="contracts", foreign_keys=[message_id])
    attachment: Mapped[Attachment | None] = relationship()

    __table_args__ = (Index("ix_contracts_status_received_at", "status", "received_at"),)
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy reads a dict


class TerminationProposal(Base):
    """A termination notice that may not end a contract by itself: staff confirm or reject."""

    __tablename__ = "termination_proposals"
    __table_args__ = (UniqueConstraint("message_id", "contract_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id"), index=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"), index=True)
    proposed_date: Mapped[dt.date | None] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(enum_type(TerminationProposalReason, 40))
    state: Mapped[str] = mapped_column(enum_type(ProposalState, 20), index=True)
    # what the notice named, as written
    notice: Mapped[str | None] = mapped_column(Text, info=clip(2000))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[dt.datetime | None]

    message: Mapped[Message] = relationship(back_populates="termination_proposals")
    contract: Mapped[Contract] = relationship()


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


class AuditEntry(Base):
    """Who did what and why: staff decisions and every automatic decision of note."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(60))
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"))
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("contracts.id"))
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Lease(Base):
    """A named lease so that of several daemons on one database only one runs a job."""

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    holder: Mapped[str] = mapped_column(String(255))
    expires_at: Mapped[dt.datetime]


class User(Base):
    """A staff account of the web UI."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=sa_true())
    failed_logins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[dt.datetime | None]


class WebSession(Base):
    """A signed-in browser: the SHA-256 of its cookie token, its CSRF token and its expiry."""

    __tablename__ = "web_sessions"

    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(index=True)

    user: Mapped[User] = relationship()


def _clip_on_set() -> None:
    """Cut text from outside (headers, file names, error messages) to its column's limit when
    it is assigned, so that no caller has to remember the limits."""

    def listener(chars: int) -> Any:
        def cut(target: object, value: object, old: object, initiator: object) -> object:
            return value[:chars] if isinstance(value, str) else value

        return cut

    for mapper in Base.registry.mappers:
        for prop in mapper.column_attrs:
            chars = prop.columns[0].info.get("clip")
            if chars is not None:
                event.listen(getattr(mapper.class_, prop.key), "set", listener(chars), retval=True)


_clip_on_set()
