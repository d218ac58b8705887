"""Staff edits beside the decisions: fields, end dates, letters, soft locks, quarantine.

Each command changes the store through the ORM (so the contract's version goes up and a
second reviewer gets a conflict instead of overwriting) and writes one audit entry saying
who changed what from what to what. The web UI calls these; it never edits rows itself.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session
from stdnum.be import vat

from mailbox_ingest.domain.enums import AuditAction, Classification, LetterState, MessageState
from mailbox_ingest.review import ReviewError, _audit, _contract
from parsers.fields.dates import parse_date
from parsers.fields.numbers import parse_count
from parsers.types import CONTRACT_FIELDS
from store.models import AuditEntry, Contract, Letter, Message, utcnow
from store.registry import clean_enterprise_number

TEXT_FIELDS = frozenset({"workplace_name", "counterpart_name", "work_location", "nature_of_work"})
DATE_FIELDS = frozenset({"start_date", "end_date", "signed_date"})
NUMBER_FIELDS = frozenset({"workplace_enterprise_number", "counterpart_enterprise_number"})


def parse_field(name: str, raw: str) -> Any:
    """A typed value for a field from what a reviewer typed; ReviewError when it is not one."""
    text = raw.strip()
    if name not in CONTRACT_FIELDS:
        raise ReviewError(f"unknown field {name!r}")
    if not text:
        return False if name == "indefinite_duration" else None
    if name in TEXT_FIELDS:
        return text
    if name in DATE_FIELDS:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            found = parse_date(text)
            if found is None:
                raise ReviewError(f"{name}: {text!r} is not a date (dd/mm/jjjj)") from None
            return found
    if name in NUMBER_FIELDS:
        number = clean_enterprise_number(text)
        if number is None or not vat.is_valid(number.replace(".", "")):
            raise ReviewError(f"{name}: {text!r} is not a valid enterprise number")
        return number
    if name == "workers":
        count = parse_count(text)
        if count is None or not 1 <= count.value <= 10_000:
            raise ReviewError(f"workers: {text!r} is not a number of workers")
        return count.value
    return text.lower() in {"1", "true", "ja", "yes", "on"}


def _stored(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def correct_field(
    session: Session,
    contract_id: int,
    actor: str,
    name: str,
    raw: str,
    *,
    expected_version: int | None = None,
) -> None:
    """Set a field to the value a reviewer typed; keeps the evidence, marks it checked."""
    value = parse_field(name, raw)
    c = _contract(session, contract_id, expected_version)
    before = getattr(c, name)
    setattr(c, name, value)
    fields = dict(c.fields)
    entry = dict(fields.get(name) or {"evidence": None})
    entry.update(value=_stored(value), confidence=1.0, checked_by=actor)
    fields[name] = entry
    c.fields = fields
    _audit(
        session,
        actor,
        AuditAction.CORRECT_FIELD,
        c,
        field=name,
        old=_stored(before),
        new=_stored(value),
    )


def confirm_field(
    session: Session,
    contract_id: int,
    actor: str,
    name: str,
    *,
    expected_version: int | None = None,
) -> None:
    """Record that a reviewer checked a field's value as read."""
    if name not in CONTRACT_FIELDS:
        raise ReviewError(f"unknown field {name!r}")
    c = _contract(session, contract_id, expected_version)
    fields = dict(c.fields)
    entry = dict(fields.get(name) or {"value": _stored(getattr(c, name)), "evidence": None})
    entry.update(confidence=1.0, checked_by=actor)
    fields[name] = entry
    c.fields = fields
    _audit(
        session, actor, AuditAction.CONFIRM_FIELD, c, field=name, value=_stored(getattr(c, name))
    )


def set_end_date(
    session: Session,
    contract_id: int,
    actor: str,
    on: dt.date | None,
    *,
    expected_version: int | None = None,
) -> None:
    """Enter by hand the date a contract ended (a termination staff learnt of)."""
    c = _contract(session, contract_id, expected_version)
    if on is not None and c.start_date is not None and on < c.start_date:
        raise ReviewError(f"end date {on} is before the start date {c.start_date}")
    before = c.terminated_on
    c.terminated_on = on
    _audit(session, actor, AuditAction.END_DATE, c, old=_stored(before), new=_stored(on))


def take_soft_lock(session: Session, contract_id: int, actor: str, minutes: int) -> str | None:
    """Mark a contract as being reviewed by `actor`; returns who else holds it, if anyone.

    The soft lock is only shown to others: it does not change the version, so opening a
    contract never makes a colleague's open form stale.
    """
    c = _contract(session, contract_id)
    now = utcnow()
    if c.locked_by and c.locked_by != actor and c.locked_until and c.locked_until > now:
        return c.locked_by
    session.execute(
        update(Contract)
        .where(Contract.id == contract_id)
        .values(locked_by=actor, locked_until=now + dt.timedelta(minutes=minutes))
        .execution_options(synchronize_session=False)
    )
    session.expire(c, ["locked_by", "locked_until"])
    return None


def mark_letter_posted(session: Session, letter_id: int, actor: str, on: dt.date) -> None:
    """Record the day a printed letter was posted; after that its decision cannot be undone."""
    letter = session.get(Letter, letter_id)
    if letter is None:
        raise ReviewError(f"no letter {letter_id}")
    if letter.state != LetterState.READY:
        raise ReviewError(f"letter {letter_id} is {letter.state}, not ready to post")
    letter.state = LetterState.POSTED.value
    letter.posted_at = dt.datetime.combine(on, dt.time(12), dt.UTC)
    c = _contract(session, letter.contract_id)
    _audit(session, actor, AuditAction.LETTER_POSTED, c, letter_id=letter_id, on=on.isoformat())


def mark_not_a_contract(session: Session, message_id: int, actor: str, note: str = "") -> None:
    """Settle a quarantined mail as not being a contract (nothing to extract, no answer)."""
    row = session.get(Message, message_id)
    if row is None:
        raise ReviewError(f"no message {message_id}")
    if row.state != MessageState.QUARANTINED or row.classification != Classification.QUARANTINED:
        raise ReviewError(f"message {message_id} is not in the quarantine")
    row.classification = Classification.OTHER.value
    session.add(
        AuditEntry(
            actor=actor,
            action=AuditAction.NOT_A_CONTRACT.value,
            message_id=row.id,
            details={"was": row.reason or "", "note": note},
        )
    )
