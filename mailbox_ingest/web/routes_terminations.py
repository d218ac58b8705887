"""Termination proposals confirmed (on the proposed date or another) or rejected by staff.

A notice that may not end a contract by itself (sender not verified, not a workplace, another
workplace's contract, no date) waits on the terminations page; these routes apply the staff
decision through `review.confirm_termination` / `reject_termination`, which write the audit
entry in the signed-in user's name.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from mailbox_ingest.review import ReviewError, confirm_termination, reject_termination
from mailbox_ingest.web.auth import Staff, signed_in_with_csrf
from mailbox_ingest.web.context import ctx

router = APIRouter()


def _back(notice: str) -> Response:
    return RedirectResponse("/terminations?" + urlencode({"notice": notice[:290]}), status_code=303)


@router.post("/terminations/proposals/{proposal_id}/confirm")
def confirm(
    request: Request,
    proposal_id: int,
    staff: Annotated[Staff, Depends(signed_in_with_csrf)],
    on: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """End the contract on the proposed date, or on the date the reviewer gives."""
    try:
        day = dt.date.fromisoformat(on) if on else None
    except ValueError:
        return _back(f"Niet bevestigd: geen geldige datum ({on}).")
    try:
        with ctx(request).db.session() as s:
            c = confirm_termination(s, proposal_id, staff.name, day)
            done = (
                f"Stopzetting bevestigd: contract {c.id} eindigt op "
                f"{c.terminated_on.strftime('%d/%m/%Y') if c.terminated_on else ''}."
            )
    except ReviewError as exc:
        return _back(f"Niet bevestigd: {exc}")
    return _back(done)


@router.post("/terminations/proposals/{proposal_id}/reject")
def reject(
    request: Request, proposal_id: int, staff: Annotated[Staff, Depends(signed_in_with_csrf)]
) -> Response:
    """Reject the proposal: the contract stays as it is."""
    try:
        with ctx(request).db.session() as s:
            reject_termination(s, proposal_id, staff.name)
    except ReviewError as exc:
        return _back(f"Niet afgewezen: {exc}")
    return _back(f"Voorstel {proposal_id} afgewezen; het contract blijft lopen.")
