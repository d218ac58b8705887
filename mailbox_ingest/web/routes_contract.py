"""The contract page: the document beside the fields, and every decision a reviewer takes.

The page image comes from the render child process (see `render`); evidence boxes are drawn
as SVG in PDF points over it. Documents without pages show their text with each field's
evidence highlighted. Every form carries the contract version it was rendered with: a
change by someone else in between is refused with "changed by X since you opened it".
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import FileResponse, RedirectResponse, Response

from mailbox_ingest.enums import RefusalReason
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
from mailbox_ingest.web.downloads import attachment
from mailbox_ingest.web.render import PageInfo, RenderError
from mailbox_ingest.web.view import FieldRow, field_rows, page
from parsers.documents.read import sniff
from store.db import get_blob
from store.models import Attachment, Contract, Message
from store.queries import contract_view, neighbour

router = APIRouter(prefix="/contracts")
PAGED = ("application/pdf", "image/")


def _has_pages(att: Attachment) -> bool:
    return att.media_type.startswith(PAGED) or att.filename.lower().endswith(
        (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"))


def _loader(c: WebContext, att: Attachment) -> tuple[bytes, str, str]:
    with c.db.session() as s:
        data = get_blob(s, att.sha256) or b""
    return data, att.filename, att.media_type


def _highlight(text: str, rows: list[FieldRow]) -> list[tuple[str, str | None]]:
    """The text cut into pieces, each evidence span marked with its field's name."""
    spans: list[tuple[int, int, str]] = []
    for row in rows:
        needle = row.evidence_text.strip()
        start = text.find(needle) if needle else -1
        if start >= 0 and all(start >= e or start + len(needle) <= b for b, e, _ in spans):
            spans.append((start, start + len(needle), row.name))
    pieces: list[tuple[str, str | None]] = []
    pos = 0
    for begin, end, name in sorted(spans):
        pieces += [(text[pos:begin], None), (text[begin:end], name)]
        pos = end
    pieces.append((text[pos:], None))
    return pieces


def show(request: Request, staff: Staff, contract_id: int, *, shown_page: int | None = None,
         error: str = "", notice: str = "", status: int = 200) -> Response:
    """Render the contract page (also after a refused change, with the message)."""
    c = ctx(request)
    with c.db.session() as s:
        view = contract_view(s, contract_id)
        if view is None:
            return Response("onbekend contract\n", status_code=404, media_type="text/plain")
        holder = take_soft_lock(s, contract_id, staff.name, c.settings.web.soft_lock_minutes)
        view = contract_view(s, contract_id)
        assert view is not None
        prev_id = neighbour(s, view.contract, forward=False)
        next_id = neighbour(s, view.contract, forward=True)
    rows = field_rows(view.contract, c.settings.review.min_confidence)
    att = view.contract.attachment
    image: PageInfo | None = None
    pieces: list[tuple[str, str | None]] = []
    render_error = ""
    number = shown_page or next((r.page for r in rows if r.page and r.state != "checked"),
                                None) or next((r.page for r in rows if r.page), 1)
    if att is not None and _has_pages(att):
        try:
            image = c.renderer.page(att.sha256, number, c.settings.web.image_dpi,
                                    lambda: _loader(c, att))
        except RenderError as exc:
            render_error = str(exc)
    elif att is not None:
        data, name, kind = _loader(c, att)
        try:
            pieces = _highlight(c.renderer.call(render_worker.document_text, data, name,
                                                sniff(data, name, kind)), rows)
        except RenderError as exc:
            render_error = str(exc)
    return page(request, "contract.html", staff, status=status, v=view, rows=rows,
                image=image, page_number=number, pieces=pieces, render_error=render_error,
                holder=holder, prev_id=prev_id, next_id=next_id, error=error, notice=notice,
                reasons=list(RefusalReason), today=dt.date.today())


@router.get("/{contract_id}")
def contract_page(request: Request, contract_id: int,
                  staff: Annotated[Staff, Depends(current_user)],
                  p: Annotated[int | None, Query(ge=1, le=10_000)] = None,
                  notice: Annotated[str, Query(max_length=300)] = "") -> Response:
    """The contract beside its document."""
    return show(request, staff, contract_id, shown_page=p, notice=notice)


@router.get("/{contract_id}/step")
def step(request: Request, contract_id: int, staff: Annotated[Staff, Depends(current_user)],
         to: Annotated[str, Query(pattern="^(next|prev)$")] = "next") -> Response:
    """The next (j) or previous (k) contract to review."""
    with ctx(request).db.session() as s:
        c = s.get(Contract, contract_id)
        target = neighbour(s, c, forward=to == "next") if c is not None else None
    return RedirectResponse(f"/contracts/{target}" if target else "/queue", status_code=303)


@router.get("/{contract_id}/page/{number}.png")
def page_image(request: Request, contract_id: int, number: int,
               staff: Annotated[Staff, Depends(current_user)]) -> Response:
    """A page of the contract's document as a PNG (cached)."""
    c = ctx(request)
    with c.db.session() as s:
        contract = s.get(Contract, contract_id)
        att = contract.attachment if contract is not None else None
    if att is None or not _has_pages(att) or not 1 <= number <= 10_000:
        return Response(status_code=404)
    try:
        info = c.renderer.page(att.sha256, number, c.settings.web.image_dpi,
                               lambda: _loader(c, att))
    except RenderError:
        return Response(status_code=422)
    return FileResponse(info.path, media_type="image/png",
                        headers={"Cache-Control": "private, max-age=86400"})


@router.get("/{contract_id}/attachment")
def download_attachment(request: Request, contract_id: int,
                        staff: Annotated[Staff, Depends(current_user)]) -> Response:
    """The original attachment, as a download."""
    with ctx(request).db.session() as s:
        contract = s.get(Contract, contract_id)
        att = contract.attachment if contract is not None else None
        data = get_blob(s, att.sha256) if att is not None else None
    if att is None or data is None:
        return Response(status_code=404)
    return attachment(data, att.filename, att.media_type)


@router.get("/{contract_id}/raw")
def download_raw(request: Request, contract_id: int,
                 staff: Annotated[Staff, Depends(current_user)]) -> Response:
    """The raw mail the contract came in, as an .eml download."""
    with ctx(request).db.session() as s:
        contract = s.get(Contract, contract_id)
        msg = s.get(Message, contract.message_id) if contract is not None else None
        data = get_blob(s, msg.raw_sha256) if msg is not None and msg.raw_sha256 else None
    if data is None:
        return Response(status_code=404)
    return attachment(data, f"bericht-{contract_id}.eml", "message/rfc822")


def _apply(request: Request, staff: Staff, contract_id: int, done: str,
           action: object) -> Response:
    """Run a review command; a conflict or a refused change shows the page with the reason."""
    try:
        with ctx(request).db.session() as s:
            action_fn = action
            assert callable(action_fn)
            action_fn(s)
    except ConflictError as exc:
        return show(request, staff, contract_id, status=409,
                    error=f"Gewijzigd door {exc.by} sinds u het opende; bekijk de nieuwe "
                          "versie en probeer opnieuw.")
    except ReviewError as exc:
        return show(request, staff, contract_id, status=400, error=str(exc))
    target = f"/contracts/{contract_id}?" + urlencode({"notice": done})
    return RedirectResponse(target, status_code=303)


Version = Annotated[int, Form(ge=1)]


@router.post("/{contract_id}/field")
def field(request: Request, contract_id: int,
          staff: Annotated[Staff, Depends(signed_in_with_csrf)], version: Version,
          name: Annotated[str, Form(max_length=60)],
          value: Annotated[str, Form(max_length=2000)] = "",
          shown: Annotated[str, Form(max_length=2000)] = "") -> Response:
    """Confirm a field (value unchanged) or correct it (a new value)."""
    if value.strip() == shown.strip():
        return _apply(request, staff, contract_id, "Veld bevestigd.", lambda s: confirm_field(
            s, contract_id, staff.name, name, expected_version=version))
    return _apply(request, staff, contract_id, "Veld verbeterd.", lambda s: correct_field(
        s, contract_id, staff.name, name, value, expected_version=version))


@router.post("/{contract_id}/accept")
def accept_one(request: Request, contract_id: int,
               staff: Annotated[Staff, Depends(signed_in_with_csrf)],
               version: Version) -> Response:
    """Accept the contract."""
    settings = ctx(request).settings
    return _apply(request, staff, contract_id, "Aanvaard.", lambda s: accept(
        s, contract_id, staff.name, settings, expected_version=version))


@router.post("/{contract_id}/refuse")
def refuse_one(request: Request, contract_id: int,
               staff: Annotated[Staff, Depends(signed_in_with_csrf)], version: Version,
               reason: Annotated[RefusalReason, Form()],
               text: Annotated[str, Form(max_length=4000)] = "") -> Response:
    """Refuse the contract with a reason (and free text)."""
    settings = ctx(request).settings
    return _apply(request, staff, contract_id, "Geweigerd.", lambda s: refuse(
        s, contract_id, staff.name, reason, text.strip() or None, settings,
        expected_version=version))


@router.post("/{contract_id}/postpone")
def postpone_one(request: Request, contract_id: int,
                 staff: Annotated[Staff, Depends(signed_in_with_csrf)],
                 version: Version) -> Response:
    """Set the contract aside (assigned to the reviewer)."""
    return _apply(request, staff, contract_id, "Uitgesteld.", lambda s: postpone(
        s, contract_id, staff.name, expected_version=version))


@router.post("/{contract_id}/undo")
def undo_one(request: Request, contract_id: int,
             staff: Annotated[Staff, Depends(signed_in_with_csrf)], version: Version) -> Response:
    """Undo the decision while its letter is not posted (or its e-mail not sent)."""
    return _apply(request, staff, contract_id, "Beslissing ongedaan gemaakt.",
                  lambda s: undo_decision(s, contract_id, staff.name, expected_version=version))


@router.post("/{contract_id}/end-date")
def end_date(request: Request, contract_id: int,
             staff: Annotated[Staff, Depends(signed_in_with_csrf)], version: Version,
             on: Annotated[str, Form(max_length=10)] = "") -> Response:
    """Enter (or clear) by hand the date the contract ended."""
    try:
        day = dt.date.fromisoformat(on) if on else None
    except ValueError:
        return show(request, staff, contract_id, status=400, error="Geen geldige datum.")
    return _apply(request, staff, contract_id, "Einddatum bewaard.", lambda s: set_end_date(
        s, contract_id, staff.name, day, expected_version=version))
