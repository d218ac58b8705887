"""The review queue: tabs with counts, filters, "assigned to me", bulk accept."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from mailbox_ingest.domain.enums import QueueTab, Regime, ReviewReason
from mailbox_ingest.review import ReviewError, bulk_accept
from mailbox_ingest.web.auth import Staff, current_user, signed_in_with_csrf
from mailbox_ingest.web.context import ctx
from mailbox_ingest.web.view import page
from store.queue import QueueFilter, queue

router = APIRouter()


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _kept_query(f: QueueFilter, received_from: str, received_to: str, mine: bool) -> str:
    """The filters in force as a query string, for the pager and tab links (empty ones left
    out; the dates as typed)."""
    return urlencode(
        {
            k: v
            for k, v in (
                ("tab", f.tab.value),
                ("workplace", f.workplace),
                ("regime", f.regime),
                ("reason", f.reason),
                ("from", received_from),
                ("to", received_to),
                ("mine", "true" if mine else ""),
            )
            if v
        }
    )


@router.get("/")
def home(staff: Annotated[Staff, Depends(current_user)]) -> Response:
    """The queue is the home page."""
    return RedirectResponse("/queue", status_code=303)


@router.get("/queue")
def queue_page(
    request: Request,
    staff: Annotated[Staff, Depends(current_user)],
    tab: Annotated[QueueTab, Query()] = QueueTab.TO_REVIEW,
    workplace: Annotated[str, Query(max_length=200)] = "",
    regime: Annotated[str, Query(max_length=20)] = "",
    reason: Annotated[str, Query(max_length=40)] = "",
    received_from: Annotated[str, Query(alias="from", max_length=10)] = "",
    received_to: Annotated[str, Query(alias="to", max_length=10)] = "",
    mine: Annotated[bool, Query()] = False,
    p: Annotated[int, Query(ge=1, le=100_000)] = 1,
    notice: Annotated[str, Query(max_length=300)] = "",
) -> Response:
    """Contracts of one tab, oldest first, filtered."""
    f = QueueFilter(
        tab=tab,
        workplace=workplace.strip(),
        regime=regime if regime in {r.value for r in Regime} else "",
        reason=reason if reason in {r.value for r in ReviewReason} else "",
        received_from=_date(received_from),
        received_to=_date(received_to),
        assigned_to=staff.name if mine else "",
        page=p,
    )
    c = ctx(request)
    with c.db.session() as s:
        result = queue(
            s,
            f,
            c.settings.web.page_size,
            lambda compute: c.counts.get(replace(f, page=1), compute),
        )
    keep = _kept_query(f, received_from, received_to, mine)
    return page(
        request,
        "queue.html",
        staff,
        q=result,
        f=f,
        mine=mine,
        keep=keep,
        regimes=[r.value for r in Regime],
        reasons=list(ReviewReason),
        notice=notice,
        raw_from=received_from,
        raw_to=received_to,
    )


@router.post("/queue/accept")
def queue_accept(
    request: Request,
    staff: Annotated[Staff, Depends(signed_in_with_csrf)],
    ids: Annotated[list[int] | None, Form()] = None,
) -> Response:
    """Accept every selected contract (one audit entry each)."""
    c = ctx(request)
    if not ids:
        return _back("Niets geselecteerd.")
    try:
        with c.db.session() as s:
            done = bulk_accept(s, ids, staff.name, c.settings)
    except ReviewError as exc:
        return _back(f"Niets aanvaard: {exc}")
    return _back(f"{len(done)} contract(en) aanvaard.")


def _back(notice: str) -> Response:
    return RedirectResponse("/queue?" + urlencode({"notice": notice[:290]}), status_code=303)
