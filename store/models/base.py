"""The base of the store's models: naming convention, column helpers and types, `Base`.

Every model module builds on these: `enum_type` for states, kinds and reasons, `clip` for
text cut to its column's limit (the listeners are attached by `clip_on_set` once every model
is defined), `UTCDateTime` for aware timestamps on every database.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, DateTime, Enum, MetaData, event
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

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
    """Column info: text longer than `chars` is cut on assignment (see `clip_on_set`)."""
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


def clip_on_set() -> None:
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
