"""Exports of contracts and messages (the operator interface's JSON and CSV shapes).

Subjects, names and file names come from strangers: in CSV and XLSX a text cell that a
spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) is written
with a leading apostrophe, the OWASP "CSV injection" defence. JSON is left exact.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from store.models import Attachment, Contract, Message, Outbox

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A text cell that cannot start a formula in a spreadsheet; other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _iso(value: Any) -> Any:
    return value.isoformat() if value is not None and hasattr(value, "isoformat") else value


def contract_record(c: Contract, attachment: Attachment | None, message: Message) -> dict[str, Any]:
    """One contract in the shape DESIGN's operator interface fixes."""
    return {
        "id": c.id,
        "status": c.status,
        "message_id": message.message_id,
        "attachment": attachment.filename if attachment else None,
        "received_at": _iso(c.received_at),
        "regime": c.regime,
        "response": {"kind": c.response_kind, "state": c.response_state},
        "workplace": {
            "name": c.workplace_name,
            "enterprise_number": c.workplace_enterprise_number,
            "kind": c.workplace_kind,
        },
        "counterpart": {
            "name": c.counterpart_name,
            "enterprise_number": c.counterpart_enterprise_number,
            "kind": c.counterpart_kind,
        },
        "start_date": _iso(c.start_date),
        "end_date": _iso(c.end_date),
        "indefinite_duration": c.indefinite_duration,
        "workers": c.workers,
        "nature_of_work": c.nature_of_work,
        "work_location": c.work_location,
        "signed_date": _iso(c.signed_date),
        "terminated_on": _iso(c.terminated_on),
        "confidence": c.confidence,
        "review_reasons": c.review_reasons,
        "rejection_reason": c.rejection_reason,
    }


def contracts(session: Session) -> list[dict[str, Any]]:
    """Every contract, oldest first."""
    rows = session.execute(
        select(Contract)
        .options(selectinload(Contract.attachment), selectinload(Contract.message))
        .order_by(Contract.id)
    ).scalars()
    return [contract_record(c, c.attachment, c.message) for c in rows]


def messages(session: Session) -> list[dict[str, Any]]:
    """Every inbound message with its classification and answer."""
    outbox = {o.message_id: o for o in session.execute(select(Outbox)).scalars()}
    rows = session.execute(
        select(Message)
        .options(selectinload(Message.contracts), selectinload(Message.termination_proposals))
        .order_by(Message.id)
    ).scalars()
    out = []
    for m in rows:
        ob = outbox.get(m.id)
        if ob is not None:
            response: dict[str, Any] = {
                "kind": "email_acknowledgement",
                "state": ob.state,
                "reason": ob.reason,
            }
        elif m.contracts and m.contracts[0].response_kind == "letter":
            response = {"kind": "letter", "state": m.contracts[0].response_state}
        else:
            suppressed = m.contracts and m.contracts[0].response_state == "suppressed"
            response = {"kind": "none", "state": "suppressed" if suppressed else "none"}
        out.append(
            {
                "id": m.id,
                "key": m.key,
                "message_id": m.message_id,
                "received_at": _iso(m.received_at),
                "from": m.from_addr,
                "subject": m.subject,
                "classification": m.classification or "pending",
                "state": m.state,
                "reason": m.reason,
                "reason_detail": m.reason_detail,
                "contract_ids": [c.id for c in m.contracts],
                "duplicate_of": m.duplicate_of_id,
                "termination_proposals": [
                    {
                        "id": p.id,
                        "contract_id": p.contract_id,
                        "proposed_date": _iso(p.proposed_date),
                        "reason": p.reason,
                        "state": p.state,
                    }
                    for p in m.termination_proposals
                ],
                "response": response,
            }
        )
    return out


def _flatten(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for k, v in record.items():
        if isinstance(v, dict):
            flat.update(_flatten(v, f"{prefix}{k}."))
        elif isinstance(v, list):
            flat[prefix + k] = ";".join(
                json.dumps(x, ensure_ascii=False) if isinstance(x, dict) else str(x) for x in v
            )
        else:
            flat[prefix + k] = v
    return flat


def to_json(records: Iterable[dict[str, Any]]) -> str:
    """A JSON array, UTF-8, human-readable."""
    return json.dumps(list(records), ensure_ascii=False, indent=2)


def to_csv(records: Iterable[dict[str, Any]]) -> str:
    """CSV with nested objects flattened to dotted column names."""
    flat = [_flatten(r) for r in records]
    buf = io.StringIO()
    if not flat:
        return ""
    columns = list(dict.fromkeys(key for row in flat for key in row))  # every row's keys
    writer = csv.DictWriter(buf, fieldnames=columns)
    writer.writeheader()
    writer.writerows({k: neutralise(v) for k, v in r.items()} for r in flat)
    return buf.getvalue()


def to_xlsx(records: Iterable[dict[str, Any]]) -> bytes:
    """An Excel workbook with one sheet of flattened records."""
    from openpyxl import Workbook

    flat = [_flatten(r) for r in records]
    wb = Workbook()
    ws = wb.active
    ws.title = "contracten"
    if flat:
        ws.append(list(flat[0].keys()))
        for r in flat:
            ws.append(
                [
                    neutralise(v if isinstance(v, (int, float, str, type(None))) else str(v))
                    for v in r.values()
                ]
            )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
