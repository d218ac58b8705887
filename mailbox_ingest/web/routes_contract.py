"""The contract page: the document beside the fields, and every decision a reviewer takes.

The page image comes from `routes_documents` (rendered in a child process); evidence boxes
are drawn as SVG in PDF points over it. Documents without pages show their text with each field's
evidence highlighted. Every form carries the contract version it was rendered with: a
change by someone else in between is refused with "changed by X since you opened it".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from mailbox_ingest.domain.enums import RefusalReason
from mailbox_ingest.review import (
    ConflictError,
    ReviewError,
    accept,
    postpone,
    refuse,
    undo_decision,
)
from mailbox_ingest.review_edits import confirm_field, correct_field, set_end_date, take_soft_lock
from mailbox_ingest.web import render_worker
from mailbox_ingest.web.auth import Staff, current_user, signed_in_with_csrf
from mailbox_ingest.web.context import WebContext, ctx
from mailbox_ingest.web.render import PageInfo, RenderError
from mailbox_ingest.web.routes_documents import has_pages, highlight, load_attachment
from mailbox_ingest.web.view import FieldRow, field_rows, page
from parsers.documents.read import sniff
from store.models import Attachment, Contract
from store.queries import contract_view
from store.queue import neighbour

router = APIRouter(prefix="/contracts")


@dataclasses.dataclass
class _DocumentView:
    """What the page shows of the document: a page image, or highlighted text, or why not."""

    image: PageInfo | None = None
    pieces: list[tuple[str, str | None]] = dataclasses.field(default_factory=list)
    render_error: str = ""


def _page_number(rows: list[FieldRow], shown_page: int | None) -> int:
    """The page asked for, else the first with a field still to check, else the first with
    any field, else 1."""
    return (
        shown_page
        or next((r.page for r in rows if r.page and r.state != "checked"), None)
        or next((r.page for r in rows if r.page), 1)
    )


def _document_view(
    c: WebContext, att: Attachment | None, number: int, rows: list[FieldRow]
) -> _DocumentView:
    """Render the page image of a paged document, or the text of any other with the
    evidence highlighted; a render failure becomes the message shown instead."""
    doc = _DocumentView()
    if att is not None and has_pages(att):
        try:
            doc.image = c.renderer.page(
                att.sha256, number, c.settings.web.image_dpi, lambda: load_attachment(c, att)
            )
        except RenderError as exc:
            doc.render_error = str(exc)
    elif att is not None:
        data, name, kind = load_attachment(c, att)
        try:
            doc.pieces = highlight(
                c.renderer.call(render_worker.document_text, data, name, sniff(data, name, kind)),
                rows,
            )
        except RenderError as exc:
            doc.render_error = str(exc)
    return doc


def show(
    request: Request,
    staff: Staff,
    contract_id: int,
    *,
    shown_page: int | None = None,
    error: str = "",
    notice: str = "",
    status: int = 200,
) -> Response:
    """Render the contract page (also after a refused change, with the message)."""
    c = ctx(request)
    with c.db.session() as s:
        if contract_view(s, contract_id) is None:
            return Response("onbekend contract\n", status_code=404, media_type="text/plain")
        holder = take_soft_lock(s, contract_id, staff.name, c.settings.web.soft_lock_minutes)
        view = contract_view(s, contract_id)
        assert view is not None
        prev_id = neighbour(s, view.contract, forward=False)
        next_id = neighbour(s, view.contract, forward=True)
    rows = field_rows(view.contract, c.settings.review.min_confidence)
    number = _page_number(rows, shown_page)
    doc = _document_view(c, view.contract.attachment, number, rows)
    return page(
        request,
        "contract.html",
        staff,
        status=status,
        v=view,
        rows=rows,
        image=doc.image,
        page_number=number,
        pieces=doc.pieces,
        render_error=doc.render_error,
        holder=holder,
        prev_id=prev_id,
        next_id=next_id,
        error=error,
        notice=notice,
        reasons=list(RefusalReason),
        today=dt.date.today(),
    )


@router.get("/{contract_id}")
def contract_page(
    request: Request,
    contract_id: int,
    staff: Annotated[Staff, Depends(current_user)],
    p: Annotated[int | None, Query(ge=1, le=10_000)] = None,
    notice: Annotated[str, Query(max_length=300)] = "",
) -> Response:
    """The contract beside its document."""
    return show(request, staff, contract_id, shown_page=p, notice=notice)


@router.get("/{contract_id}/step")
def step(
    request: Request,
    contract_id: int,
    staff: Annotated[Staff, Depends(current_user)],
    to: Annotated[str, Query(pattern="^(next|prev)$")] = "next",
) -> Response:
    """The next (j) or previous (k) contract to review."""
    with ctx(request).db.session() as s:
        c = s.get(Contract, contract_id)
        target = neighbour(s, c, forward=to == "next") if c is not None else None
    return RedirectResponse(f"/contracts/{target}" if target else "/queue", status_code=303)


def _apply(
    request: Request, staff: Staff, contract_id: int, done: str, action: Callable[[Session], object]
) -> Response:
    """Run a review command; a conflict or a refused change shows the page with the reason."""
    try:
        with ctx(request).db.session() as s:
            action(s)
    except ConflictError as exc:
        return show(
            request,
            staff,
            contract_id,
            status=409,
            error=f"Gewijzigd door {exc.by} sinds u het opende; bekijk de nieuwe "
            "versie en probeer opnieuw.",
        )
    except ReviewError as exc:
        return show(request, staff, contract_id, status=400, error=str(exc))
    target = f"/contracts/{contract_id}?" + urlencode({"notice": done})
    return RedirectResponse(target, status_code=303)


Version = Annotated[int, Form(ge=1)]


@router.post("/{contract_id}/field")
def field(
    request: Request,
    contract_id: int,
    staff: Annotated[Staff, Depends(signed_in_with_csrf)],
    version: Version,
    name: Annotated[str, Form(max_length=60)],
    value: Annotated[str, Form(max_length=2000)] = "",
    shown: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Confirm a field (value unchanged) or correct it (a new value)."""
    if value.strip() == shown.strip():
        return _apply(
            request,
            staff,
            contract_id,
            "Veld bevestigd.",
            lambda s: confirm_field(s, contract_id, staff.name, name, expected_version=version),
        )
    return _apply(
        request,
        staff,
        contract_id,
        "Veld verbeterd.",
        lambda s: correct_field(s, contract_id, staff.name, name, value, expected_version=version),
    )


@router.post("/{contract_id}/accept")
def accept_one(
    request: Request,
    contract_id: int,
    staff: Annotated[Staff, Depends(signed_in_with_csrf)],
    version: Version,
) -> Response:
    """Accept the contract."""
    settings = ctx(request).settings
    return _apply(
        request,
        staff,
        contract_id,
        "Aanvaard.",
        lambda s: accept(s, contract_id, staff.name, settings, expected_version=version),
    )


@router.post("/{contract_id}/refuse")
def refuse_one(
    request: Request,
    contract_id: int,
    staff: Annotated[Staff, Depends(signed_in_with_csrf)],
    version: Version,
    reason: Annotated[RefusalReason, Form()],
    text: Annotated[str, Form(max_length=4000)] = "",
) -> Response:
    """Refuse the contract with a reason (and free text)."""
    settings = ctx(request).settings
    return _apply(
        request,
        staff,
        contract_id,
        "Geweigerd.",
        lambda s: refuse(
            s,
            contract_id,
            staff.name,
            reason,
            text.strip() or None,
            settings,
            expected_version=version,
        ),
    )


@router.post("/{contract_id}/postpone")
def postpone_one(
    request: Request,
    contract_id: int,
    staff: Annotated[Staff, Depends(signed_in_with_csrf)],
    version: Version,
) -> Response:
    """Set the contract aside (assigned to the reviewer)."""
    return _apply(
        request,
        staff,
        contract_id,
        "Uitgesteld.",
        lambda s: postpone(s, contract_id, staff.name, expected_version=version),
    )


@router.post("/{contract_id}/undo")
def undo_one(
    request: Request,
    contract_id: int,
    staff: Annotated[Staff, Depends(signed_in_with_csrf)],
    version: Version,
) -> Response:
    """Undo the decision while its letter is not posted (or its e-mail not sent)."""
    return _apply(
        request,
        staff,
        contract_id,
        "Beslissing ongedaan gemaakt.",
        lambda s: undo_decision(s, contract_id, staff.name, expected_version=version),
    )


@router.post("/{contract_id}/end-date")
def end_date(
    request: Request,
    contract_id: int,
    staff: Annotated[Staff, Depends(signed_in_with_csrf)],
    version: Version,
    on: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """Enter (or clear) by hand the date the contract ended."""
    try:
        day = dt.date.fromisoformat(on) if on else None
    except ValueError:
        return show(request, staff, contract_id, status=400, error="Geen geldige datum.")
    return _apply(
        request,
        staff,
        contract_id,
        "Einddatum bewaard.",
        lambda s: set_end_date(s, contract_id, staff.name, day, expected_version=version),
    )
