"""Messages and the quarantine, terminations, and letters (preview, PDF, batch, posted)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from sqlalchemy import select

from mailbox_ingest.domain.enums import LetterState
from mailbox_ingest.review import ReviewError
from mailbox_ingest.review_edits import mark_letter_posted, mark_not_a_contract
from mailbox_ingest.web import render_worker
from mailbox_ingest.web.auth import Staff, current_user, signed_in_with_csrf
from mailbox_ingest.web.context import ctx
from mailbox_ingest.web.downloads import attachment
from mailbox_ingest.web.render import RenderError
from mailbox_ingest.web.view import page
from store.db import get_blob
from store.models import Attachment, Letter, Message
from store.queries import (
    audit_trail,
    letters,
    message_view,
    messages,
    pending_proposals,
    terminations,
)

router = APIRouter()


@router.get("/messages")
def message_list(
    request: Request,
    staff: Annotated[Staff, Depends(current_user)],
    quarantine: Annotated[bool, Query()] = False,
    p: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    """Every message that arrived, newest first, or only the quarantine."""
    c = ctx(request)
    with c.db.session() as s:
        rows, total = messages(s, quarantine=quarantine, page=p, page_size=c.settings.web.page_size)
    return page(request, "messages.html", staff, rows=rows, total=total, quarantine=quarantine, p=p)


@router.get("/messages/{message_id}")
def message_page(
    request: Request,
    message_id: int,
    staff: Annotated[Staff, Depends(current_user)],
    notice: Annotated[str, Query(max_length=300)] = "",
) -> Response:
    """One message: headers, class, reasons, decisions, attachments, contracts, audit."""
    with ctx(request).db.session() as s:
        msg = message_view(s, message_id)
        trail = audit_trail(s, message_id=message_id)
    if msg is None:
        return Response("onbekend bericht\n", status_code=404, media_type="text/plain")
    return page(request, "message.html", staff, m=msg, trail=trail, notice=notice)


@router.get("/messages/{message_id}/raw")
def message_raw(
    request: Request, message_id: int, staff: Annotated[Staff, Depends(current_user)]
) -> Response:
    """The raw mail as an .eml download (never shown as HTML)."""
    with ctx(request).db.session() as s:
        msg = s.get(Message, message_id)
        data = get_blob(s, msg.raw_sha256) if msg is not None and msg.raw_sha256 else None
    if data is None:
        return Response(status_code=404)
    return attachment(data, f"bericht-{message_id}.eml", "message/rfc822")


@router.get("/attachments/{attachment_id}")
def attachment_download(
    request: Request, attachment_id: int, staff: Annotated[Staff, Depends(current_user)]
) -> Response:
    """An attachment of a message, as a download."""
    with ctx(request).db.session() as s:
        att = s.get(Attachment, attachment_id)
        data = get_blob(s, att.sha256) if att is not None else None
    if att is None or data is None:
        return Response(status_code=404)
    return attachment(data, att.filename, att.media_type)


@router.post("/messages/{message_id}/not-a-contract")
def not_a_contract(
    request: Request,
    message_id: int,
    staff: Annotated[Staff, Depends(signed_in_with_csrf)],
    note: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    """Settle a quarantined mail as not a contract."""
    try:
        with ctx(request).db.session() as s:
            mark_not_a_contract(s, message_id, staff.name, note)
        notice = "Gemarkeerd als geen contract."
    except ReviewError as exc:
        notice = str(exc)
    return RedirectResponse(
        f"/messages/{message_id}?" + urlencode({"notice": notice}), status_code=303
    )


@router.get("/terminations")
def termination_list(
    request: Request,
    staff: Annotated[Staff, Depends(current_user)],
    notice: Annotated[str, Query(max_length=300)] = "",
) -> Response:
    """Pending termination proposals, notices received and contracts with an end date."""
    with ctx(request).db.session() as s:
        notices, ended = terminations(s)
        proposals = pending_proposals(s)
    return page(
        request,
        "terminations.html",
        staff,
        notices=notices,
        ended=ended,
        proposals=proposals,
        notice=notice,
    )


@router.get("/letters")
def letter_list(
    request: Request,
    staff: Annotated[Staff, Depends(current_user)],
    state: Annotated[LetterState | None, Query()] = LetterState.READY,
    notice: Annotated[str, Query(max_length=300)] = "",
) -> Response:
    """Letters of one state (default: ready to print and post)."""
    with ctx(request).db.session() as s:
        rows = letters(s, state)
    return page(
        request,
        "letters.html",
        staff,
        rows=rows,
        state=state,
        states=list(LetterState),
        notice=notice,
        today=dt.date.today(),
    )


def _letter_pdf(request: Request, letter_id: int) -> tuple[Letter, bytes] | None:
    with ctx(request).db.session() as s:
        letter = s.get(Letter, letter_id)
        data = get_blob(s, letter.pdf_sha256) if letter and letter.pdf_sha256 else None
    return (letter, data) if letter is not None and data is not None else None


@router.get("/letters/{letter_id}.pdf")
def letter_pdf(
    request: Request, letter_id: int, staff: Annotated[Staff, Depends(current_user)]
) -> Response:
    """The letter as a PDF download."""
    found = _letter_pdf(request, letter_id)
    if found is None:
        return Response(status_code=404)
    letter, data = found
    return attachment(
        data, f"brief-{letter.contract_id}-{letter.kind or 'brief'}.pdf", "application/pdf"
    )


@router.get("/letters/{letter_id}/preview.png")
def letter_preview(
    request: Request, letter_id: int, staff: Annotated[Staff, Depends(current_user)]
) -> Response:
    """The first page of the letter as an image."""
    found = _letter_pdf(request, letter_id)
    if found is None:
        return Response(status_code=404)
    letter, data = found
    c = ctx(request)
    assert letter.pdf_sha256 is not None
    try:
        info = c.renderer.page(
            letter.pdf_sha256,
            1,
            c.settings.web.image_dpi,
            lambda: (data, "brief.pdf", "application/pdf"),
        )
    except RenderError:
        return Response(status_code=422)
    return FileResponse(info.path, media_type="image/png")


@router.post("/letters/batch.pdf")
def letter_batch(
    request: Request,
    staff: Annotated[Staff, Depends(signed_in_with_csrf)],
    ids: Annotated[list[int] | None, Form()] = None,
) -> Response:
    """The selected letters as one PDF, to print in one go."""
    with ctx(request).db.session() as s:
        shas = (
            s.execute(
                select(Letter.pdf_sha256)
                .where(Letter.id.in_(ids or []), Letter.pdf_sha256.is_not(None))
                .order_by(Letter.id)
            )
            .scalars()
            .all()
        )
        parts = [get_blob(s, sha) or b"" for sha in shas if sha]
    if not parts:
        return RedirectResponse(
            "/letters?" + urlencode({"notice": "Geen brieven gekozen."}), status_code=303
        )
    try:
        merged = ctx(request).renderer.call(render_worker.merge_pdfs, parts)
    except RenderError as exc:
        return Response(f"{exc}\n", status_code=500, media_type="text/plain")
    return attachment(merged, f"brieven-{dt.date.today().isoformat()}.pdf", "application/pdf")


@router.post("/letters/{letter_id}/posted")
def letter_posted(
    request: Request,
    letter_id: int,
    staff: Annotated[Staff, Depends(signed_in_with_csrf)],
    on: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """Record the day the letter was posted."""
    try:
        day = dt.date.fromisoformat(on) if on else dt.date.today()
        with ctx(request).db.session() as s:
            mark_letter_posted(s, letter_id, staff.name, day)
        notice = f"Brief {letter_id} verstuurd op {day.strftime('%d/%m/%Y')}."
    except (ValueError, ReviewError) as exc:
        notice = f"Niet bewaard: {exc}"
    return RedirectResponse("/letters?" + urlencode({"notice": notice}), status_code=303)
