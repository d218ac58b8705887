"""Quarantined mail re-run through the pipeline from the message page, one or all of a reason.

`recovery.retry_message` runs the pipeline at once, inside the request, with the code,
templates and limits the server runs now; the message page then shows the new outcome and
keeps the earlier ones (`Message.history`). An answer the retry queues is sent by the daemon
at its next poll. Each retry leaves an audit entry in the signed-in user's name.
"""

from __future__ import annotations

from collections import Counter
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from mailbox_ingest.recovery import RetryError, retry_by_reason, retry_message
from mailbox_ingest.web.auth import Staff, signed_in_with_csrf
from mailbox_ingest.web.context import ctx
from store.models import Message

router = APIRouter()


def outcome(row: Message) -> str:
    """A retried mail's new classification and reason, for people."""
    text = f"{row.classification or row.state}"
    return f"{text} (reden: {row.reason})" if row.reason else text


def _back(message_id: int, notice: str) -> Response:
    return RedirectResponse(
        f"/messages/{message_id}?" + urlencode({"notice": notice[:290]}), status_code=303
    )


@router.post("/messages/{message_id}/retry")
def retry_one(
    request: Request, message_id: int, staff: Annotated[Staff, Depends(signed_in_with_csrf)]
) -> Response:
    """Re-run one quarantined mail now; the page shows what it became."""
    c = ctx(request)
    try:
        with c.db.session() as s:
            notice = (
                "Opnieuw verwerkt: nu "
                + outcome(retry_message(s, message_id, staff.name, c.settings))
                + "."
            )
    except RetryError as exc:
        notice = f"Niet opnieuw verwerkt: {exc}"
    return _back(message_id, notice)


@router.post("/messages/{message_id}/retry-reason")
def retry_reason(
    request: Request, message_id: int, staff: Annotated[Staff, Depends(signed_in_with_csrf)]
) -> Response:
    """Re-run every quarantined mail with this message's reason; a count per outcome."""
    c = ctx(request)
    try:
        with c.db.session() as s:
            row = s.get(Message, message_id)
            if row is None or not row.reason:
                raise RetryError(f"message {message_id} has no quarantine reason")
            reason = row.reason
            done = retry_by_reason(s, reason, staff.name, c.settings)
            tally = Counter(outcome(r) for r in done)
    except RetryError as exc:
        return _back(message_id, f"Niet opnieuw verwerkt: {exc}")
    parts = ", ".join(f"{n}× {what}" for what, n in sorted(tally.items()))
    return _back(
        message_id,
        f"{len(done)} bericht(en) met reden {reason} opnieuw verwerkt"
        + (f": {parts}." if parts else "."),
    )
