"""The document side of the contract page: page images, downloads, and text highlighting.

Page images come from the render child process (see `render`), cached; the original
attachment and the raw mail are only ever served as downloads (see `downloads`).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, Response

from mailbox_ingest.web.auth import Staff, current_user
from mailbox_ingest.web.context import WebContext, ctx
from mailbox_ingest.web.downloads import attachment
from mailbox_ingest.web.render import RenderError
from mailbox_ingest.web.view import FieldRow
from store.db import get_blob
from store.models import Attachment, Contract, Message

router = APIRouter(prefix="/contracts")
PAGED = ("application/pdf", "image/")


def has_pages(att: Attachment) -> bool:
    return att.media_type.startswith(PAGED) or att.filename.lower().endswith(
        (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")
    )


def load_attachment(c: WebContext, att: Attachment) -> tuple[bytes, str, str]:
    with c.db.session() as s:
        data = get_blob(s, att.sha256) or b""
    return data, att.filename, att.media_type


def highlight(text: str, rows: list[FieldRow]) -> list[tuple[str, str | None]]:
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


@router.get("/{contract_id}/page/{number}.png")
def page_image(
    request: Request, contract_id: int, number: int, staff: Annotated[Staff, Depends(current_user)]
) -> Response:
    """A page of the contract's document as a PNG (cached)."""
    c = ctx(request)
    with c.db.session() as s:
        contract = s.get(Contract, contract_id)
        att = contract.attachment if contract is not None else None
    if att is None or not has_pages(att) or not 1 <= number <= 10_000:
        return Response(status_code=404)
    try:
        info = c.renderer.page(
            att.sha256, number, c.settings.web.image_dpi, lambda: load_attachment(c, att)
        )
    except RenderError:
        return Response(status_code=422)
    return FileResponse(
        info.path, media_type="image/png", headers={"Cache-Control": "private, max-age=86400"}
    )


@router.get("/{contract_id}/attachment")
def download_attachment(
    request: Request, contract_id: int, staff: Annotated[Staff, Depends(current_user)]
) -> Response:
    """The original attachment, as a download."""
    with ctx(request).db.session() as s:
        contract = s.get(Contract, contract_id)
        att = contract.attachment if contract is not None else None
        data = get_blob(s, att.sha256) if att is not None else None
    if att is None or data is None:
        return Response(status_code=404)
    return attachment(data, att.filename, att.media_type)


@router.get("/{contract_id}/raw")
def download_raw(
    request: Request, contract_id: int, staff: Annotated[Staff, Depends(current_user)]
) -> Response:
    """The raw mail the contract came in, as an .eml download."""
    with ctx(request).db.session() as s:
        contract = s.get(Contract, contract_id)
        msg = s.get(Message, contract.message_id) if contract is not None else None
        data = get_blob(s, msg.raw_sha256) if msg is not None and msg.raw_sha256 else None
    if data is None:
        return Response(status_code=404)
    return attachment(data, f"bericht-{contract_id}.eml", "message/rfc822")
