"""Enclave contracts with every field's confidence and evidence, and termination proposals."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mailbox_ingest.domain.enums import (
    ContractStatus,
    OrganisationKind,
    ProposalState,
    RefusalReason,
    Regime,
    ResponseKind,
    ResponseState,
    TerminationProposalReason,
)
from store.models.base import Base, clip, enum_type, utcnow

if TYPE_CHECKING:
    from store.models.messages import Attachment, Message


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
