"""Aggregate queries behind the yearly report: counts, sums and groupings done by the database.

Every function takes a window of received instants (UTC, half-open `[start, end)`) worked out
by the caller from the department's calendar, so that the SQL stays the same on SQLite and
PostgreSQL (SQLite has no time-zone database). Contracts of a message classified `duplicate`
never count; which statuses count is the caller's choice (`statuses`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVarTuple

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    and_,
    case,
    func,
    literal_column,
    or_,
    select,
)
from sqlalchemy.orm import Session

from mailbox_ingest.domain.enums import Classification, ContractStatus
from store.models import Contract, Message

_Ts = TypeVarTuple("_Ts")

COUNTED = (ContractStatus.ACCEPTED, ContractStatus.NEEDS_REVIEW)


@dataclass(frozen=True)
class Window:
    """Half-open range of received instants, in UTC."""

    start: dt.datetime
    end: dt.datetime


@dataclass(frozen=True)
class Totals:
    """Headline sums of the contracts in a window."""

    total: int
    workers_sum: int
    workers_mean: float | None
    fixed_term: int
    indefinite: int


@dataclass(frozen=True)
class PartyRow:
    """One contract, seen from its counterpart (annex, government and workplace lists)."""

    counterpart_name: str | None
    counterpart_enterprise_number: str | None
    counterpart_kind: str
    workplace_name: str | None
    start_date: dt.date | None
    workers: int | None
    nature_of_work: str | None


def _filtered(query: Select[*_Ts], statuses: Sequence[str]) -> Select[*_Ts]:
    """Only contracts of the given statuses whose message is not a duplicate."""
    return query.join(Message, Message.id == Contract.message_id).where(
        Contract.status.in_([str(s) for s in statuses]),
        or_(Message.classification.is_(None), Message.classification != Classification.DUPLICATE),
    )


def _in(window: Window) -> ColumnElement[bool]:
    return and_(Contract.received_at >= window.start, Contract.received_at < window.end)


def bucket(column: Any, ends: Sequence[dt.datetime], lo: int = 0, hi: int | None = None) -> Any:
    """Index of the first end a value lies before (0..len(ends)), as nested CASEs the database
    runs: a binary search, so 120 months cost 7 comparisons a row instead of 60."""
    hi = len(ends) if hi is None else hi
    if lo == hi:
        return literal_column(str(lo), Integer)
    mid = (lo + hi) // 2
    return case(
        (column < ends[mid], bucket(column, ends, lo, mid)),
        else_=bucket(column, ends, mid + 1, hi),
    )


def totals(session: Session, window: Window, statuses: Sequence[str] = COUNTED) -> Totals:
    """Count, target-group workers (sum and mean of known values), fixed term, indefinite."""
    fixed = and_(Contract.end_date.is_not(None), Contract.indefinite_duration.is_(False))
    query = select(
        func.count(Contract.id),
        func.coalesce(func.sum(Contract.workers), 0),
        func.avg(Contract.workers),
        func.coalesce(func.sum(case((fixed, 1), else_=0)), 0),
        func.coalesce(func.sum(case((Contract.indefinite_duration.is_(True), 1), else_=0)), 0),
    ).where(_in(window))
    n, wsum, wmean, nfixed, nindef = session.execute(_filtered(query, statuses)).one()
    return Totals(
        int(n), int(wsum), None if wmean is None else float(wmean), int(nfixed), int(nindef)
    )


def count_by(
    session: Session, column: Any, window: Window, statuses: Sequence[str] = COUNTED
) -> dict[str | None, int]:
    """Contracts in the window grouped by one column."""
    query = select(column, func.count(Contract.id)).where(_in(window)).group_by(column)
    return {key: int(n) for key, n in session.execute(_filtered(query, statuses))}


def by_workplace(
    session: Session, window: Window, statuses: Sequence[str] = COUNTED
) -> list[tuple[str | None, str | None, int]]:
    """(name, enterprise number, contracts) per workplace, most contracts first."""
    n = func.count(Contract.id)
    query = (
        select(Contract.workplace_name, Contract.workplace_enterprise_number, n)
        .where(_in(window))
        .group_by(Contract.workplace_name, Contract.workplace_enterprise_number)
        .order_by(n.desc(), Contract.workplace_name, Contract.workplace_enterprise_number)
    )
    return [(a, b, int(c)) for a, b, c in session.execute(_filtered(query, statuses))]


def party_rows(
    session: Session, window: Window, kinds: Sequence[str], statuses: Sequence[str] = COUNTED
) -> list[PartyRow]:
    """The contracts with a counterpart of these kinds, by counterpart name then start date."""
    query = (
        select(
            Contract.counterpart_name,
            Contract.counterpart_enterprise_number,
            Contract.counterpart_kind,
            Contract.workplace_name,
            Contract.start_date,
            Contract.workers,
            Contract.nature_of_work,
        )
        .where(_in(window), Contract.counterpart_kind.in_([str(k) for k in kinds]))
        .order_by(
            Contract.counterpart_name,
            Contract.counterpart_enterprise_number,
            Contract.start_date,
            Contract.id,
        )
    )
    return [PartyRow(*row) for row in session.execute(_filtered(query, statuses))]


def by_location(
    session: Session,
    window: Window,
    change_points: Sequence[dt.datetime],
    statuses: Sequence[str] = COUNTED,
) -> list[tuple[str | None, int, int]]:
    """(work location, period index, contracts): the period splits at the mapping's changes."""
    period = bucket(Contract.received_at, change_points)
    query = (
        select(Contract.work_location, period, func.count(Contract.id))
        .where(_in(window))
        .group_by(Contract.work_location, period)
    )
    return [(loc, int(p), int(n)) for loc, p, n in session.execute(_filtered(query, statuses))]


def received_range(
    session: Session, statuses: Sequence[str] = COUNTED
) -> tuple[dt.datetime, dt.datetime] | None:
    """First and last received instant of the counted contracts, or None for an empty store."""
    query = select(func.min(Contract.received_at), func.max(Contract.received_at))
    first, last = session.execute(_filtered(query, statuses)).one()
    if first is None or last is None:
        return None
    return _aware(first), _aware(last)


def _aware(value: Any) -> dt.datetime:
    """Aggregates bypass the column type on SQLite: parse and mark as UTC when needed."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    assert isinstance(value, dt.datetime)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def per_bucket(
    session: Session, ends: Sequence[dt.datetime], statuses: Sequence[str] = COUNTED
) -> dict[int, int]:
    """Counted contracts (all years) per bucket of received instants closed by `ends`."""
    index = bucket(Contract.received_at, ends)
    query = select(index, func.count(Contract.id)).group_by(index)
    return {int(i): int(n) for i, n in session.execute(_filtered(query, statuses))}


@dataclass(frozen=True)
class Activity:
    """Contracts running on a day, of any received year."""

    total: int
    without_known_end: int
    ended_by_termination: int


def active_on(session: Session, day: dt.date, statuses: Sequence[str] = COUNTED) -> Activity:
    """Running on `day`: started, not past the end date, not past the termination date.

    Both dates are the last day of the contract. `ended_by_termination` counts those that would
    run on `day` by their dates but were terminated before it.
    """
    c = Contract
    started = and_(c.start_date.is_not(None), c.start_date <= day)
    within_end = or_(c.end_date.is_(None), c.end_date >= day)
    not_terminated = or_(c.terminated_on.is_(None), c.terminated_on >= day)
    running = and_(started, within_end, not_terminated)
    open_ended = and_(running, c.end_date.is_(None), c.terminated_on.is_(None))
    cut = and_(started, within_end, c.terminated_on.is_not(None), c.terminated_on < day)

    def n(condition: ColumnElement[bool]) -> Any:
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    query = select(n(running), n(open_ended), n(cut))
    total, open_n, cut_n = session.execute(_filtered(query, statuses)).one()
    return Activity(int(total), int(open_n), int(cut_n))
