"""The organisation registry's rows: workplaces and known counterparts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mailbox_ingest.domain.enums import OrganisationKind
from store.models.base import Base, enum_type


class Organisation(Base):
    """An entry of the organisation registry (workplaces and known counterparts)."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enterprise_number: Mapped[str | None] = mapped_column(String(12), unique=True)
    name: Mapped[str] = mapped_column(String(255), index=True)
    kind: Mapped[str] = mapped_column(enum_type(OrganisationKind, 30))
    email_domains: Mapped[list[Any]] = mapped_column(default=list)
    postal_address: Mapped[str | None] = mapped_column(Text)
