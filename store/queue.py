"""Read-only queries for the review queue: tabs, filters, counts in one scan, a page of rows,
and the next or previous contract to review (j/k).

Nothing here changes anything: the web UI writes only through the review commands.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, and_, case, cast, func, or_, select
from sqlalchemy.orm import Session, defer
from sqlalchemy.sql.elements import ColumnElement

from mailbox_ingest.domain.enums import (
    ContractStatus,
    QueueTab,
    ResponseKind,
    ReviewReason,
)
from store.models import (
    Contract,
    Organisation,
)


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """What the queue shows: a tab and the optional filters."""

    tab: QueueTab = QueueTab.TO_REVIEW
    workplace: str = ""
    regime: str = ""
    reason: str = ""
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    assigned_to: str = ""
    page: int = 1


@dataclass(slots=True)
class QueueRow:
    """A row of the queue."""

    contract: Contract
    no_postal_address: bool


@dataclass(slots=True)
class QueuePage:
    """One page of the queue with the counts of every tab and reason."""

    rows: list[QueueRow]
    tab_counts: dict[QueueTab, int]
    reason_counts: dict[str, int]
    total: int
    page: int
    pages: int


def tab_condition(tab: QueueTab) -> ColumnElement[bool]:
    """The WHERE clause of a tab."""
    if tab is QueueTab.TO_REVIEW:
        return and_(Contract.status == ContractStatus.NEEDS_REVIEW, Contract.postponed_at.is_(None))
    if tab is QueueTab.POSTPONED:
        return and_(
            Contract.status == ContractStatus.NEEDS_REVIEW, Contract.postponed_at.is_not(None)
        )
    if tab is QueueTab.ACCEPTED:
        return Contract.status == ContractStatus.ACCEPTED
    return Contract.status == ContractStatus.REJECTED


def _reason_like(reason: str) -> ColumnElement[bool]:
    return cast(Contract.review_reasons, String).like(f'%"{reason}"%')


def _filters(f: QueueFilter) -> list[ColumnElement[bool]]:
    where = [tab_condition(f.tab)]
    if f.workplace:
        where.append(Contract.workplace_name.ilike(f"%{f.workplace}%"))
    if f.regime:
        where.append(Contract.regime == f.regime)
    if f.reason in {r.value for r in ReviewReason}:
        where.append(_reason_like(f.reason))
    if f.received_from:
        where.append(
            Contract.received_at >= dt.datetime.combine(f.received_from, dt.time(), dt.UTC)
        )
    if f.received_to:
        where.append(
            Contract.received_at
            < dt.datetime.combine(f.received_to + dt.timedelta(days=1), dt.time(), dt.UTC)
        )
    if f.assigned_to:
        where.append(Contract.assigned_to == f.assigned_to)
    return where


def counts(
    session: Session, where: list[ColumnElement[bool]] | None = None
) -> tuple[dict[QueueTab, int], dict[str, int], int]:
    """In one scan: how many contracts each tab holds, how many to review carry each
    reason, and how many match `where` (0 when no condition is given)."""
    tabs, reasons = list(QueueTab), list(ReviewReason)
    to_review = tab_condition(QueueTab.TO_REVIEW)
    matching = and_(*where) if where else None
    row = session.execute(
        select(
            *[func.sum(case((tab_condition(tab), 1), else_=0)) for tab in tabs],
            *[
                func.sum(case((and_(to_review, _reason_like(r.value)), 1), else_=0))
                for r in reasons
            ],
            func.sum(case((matching, 1), else_=0)) if matching is not None else func.count(),
        )
    ).one()
    by_tab = {tab: int(n or 0) for tab, n in zip(tabs, row[: len(tabs)], strict=True)}
    by_reason = {
        r.value: int(n or 0) for r, n in zip(reasons, row[len(tabs) : -1], strict=True) if n
    }
    return by_tab, by_reason, int(row[-1] or 0) if matching is not None else 0


def tab_counts(session: Session) -> dict[QueueTab, int]:
    """How many contracts each tab holds."""
    return counts(session)[0]


Counts = tuple[dict[QueueTab, int], dict[str, int], int]


def queue(
    session: Session,
    f: QueueFilter,
    page_size: int,
    counted: Callable[[Callable[[], Counts]], Counts] | None = None,
) -> QueuePage:
    """A page of the queue, oldest first, with the tab and reason counts.

    `counted` may serve the counts from a short-lived cache: it gets the function that
    computes them (the one full scan of the request) and returns its result or a recent one.
    """
    where = _filters(f)
    compute: Callable[[], Counts] = lambda: counts(session, where)  # noqa: E731
    by_tab, by_reason, total = counted(compute) if counted is not None else compute()
    pages = max(1, -(-total // page_size))
    page = min(max(1, f.page), pages)
    no_address = and_(
        Contract.response_kind == ResponseKind.LETTER,
        or_(Organisation.id.is_(None), func.coalesce(Organisation.postal_address, "") == ""),
    )
    order: tuple[Any, ...] = (Contract.received_at.asc(), Contract.id.asc())
    if f.tab in (QueueTab.ACCEPTED, QueueTab.REFUSED):
        order = (Contract.decided_at.desc(), Contract.id.desc())
    rows = session.execute(
        select(Contract, no_address)
        .outerjoin(Organisation, Organisation.id == Contract.workplace_org_id)
        .where(*where)
        .order_by(*order)
        .limit(page_size)
        .offset((page - 1) * page_size)
        .options(defer(Contract.fields))
    ).all()
    return QueuePage(
        [QueueRow(c, bool(flag)) for c, flag in rows], by_tab, by_reason, total, page, pages
    )


def neighbour(session: Session, contract: Contract, forward: bool) -> int | None:
    """The next (or previous) contract to review after this one, oldest first."""
    key = (contract.received_at, contract.id)
    cond = tab_condition(QueueTab.TO_REVIEW)
    if forward:
        after = or_(
            Contract.received_at > key[0],
            and_(Contract.received_at == key[0], Contract.id > key[1]),
        )
        order = (Contract.received_at.asc(), Contract.id.asc())
    else:
        after = or_(
            Contract.received_at < key[0],
            and_(Contract.received_at == key[0], Contract.id < key[1]),
        )
        order = (Contract.received_at.desc(), Contract.id.desc())
    return session.execute(
        select(Contract.id).where(cond, after).order_by(*order).limit(1)
    ).scalar_one_or_none()
