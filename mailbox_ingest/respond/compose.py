"""Compose answers: our reference numbers, the template context of a contract, and the
acknowledgement e-mail as RFC 5322 bytes threaded to the inbound mail.

Used by the acknowledgement channel and by staff review (letters); decides nothing.
"""

from __future__ import annotations

import email.utils
import functools
from email.message import EmailMessage
from pathlib import Path
from zoneinfo import ZoneInfo

import jinja2

from mailbox_ingest.config import Settings
from mailbox_ingest.respond.templates import (
    ContractSummary,
    build_environment,
    render_acknowledgement,
)
from parsers.msgid import first_msg_id, id_header, msg_ids
from store.models import Contract, Message, utcnow


def reference(contract: Contract) -> str:
    """Our reference for a contract, e.g. ENC-2017-000123."""
    return f"ENC-{contract.received_at.year}-{contract.id:06d}"


def summary(contract: Contract, subject: str | None, tz: str) -> ContractSummary:
    """The template context of one contract (times in the department's time zone `tz`)."""
    return ContractSummary(
        contract_id=contract.id,
        workplace_name=contract.workplace_name or "uw organisatie",
        received_at=contract.received_at.astimezone(ZoneInfo(tz)),
        our_reference=reference(contract),
        workplace_enterprise_number=contract.workplace_enterprise_number,
        counterpart_name=contract.counterpart_name,
        counterpart_enterprise_number=contract.counterpart_enterprise_number,
        nature_of_work=contract.nature_of_work,
        workers=contract.workers,
        start_date=contract.start_date,
        end_date=contract.end_date,
        indefinite_duration=contract.indefinite_duration,
        work_location=contract.work_location,
        inbound_subject=subject,
    )


@functools.lru_cache(maxsize=4)
def template_environment(template_dir: Path | None) -> jinja2.Environment:
    """One template environment per folder (Jinja reloads edited files by itself)."""
    return build_environment(template_dir)


def acknowledgement_id(row: Message, settings: Settings) -> str:
    """The Message-ID of the acknowledgement of a mail (stable for the same bytes)."""
    domain = settings.outgoing.from_.rsplit("@", 1)[-1]
    return f"<ack.{row.id}.{row.raw_sha256[:12] if row.raw_sha256 else 'x'}@{domain}>"


def compose_acknowledgement(
    row: Message, contracts: list[Contract], settings: Settings, our_id: str
) -> bytes:
    """The acknowledgement e-mail, threaded to the inbound mail, as bytes."""
    out = settings.outgoing
    env = template_environment(settings.answers.template_dir)
    subject, body = render_acknowledgement(
        [summary(c, row.subject, settings.regimes.timezone) for c in contracts],
        env=env,
        sender_name=out.from_name,
        reference=reference(contracts[0]),
        contact=settings.answers.contact or out.from_,
    )
    msg = EmailMessage()
    msg["From"] = email.utils.formataddr((out.from_name, out.from_))
    msg["To"] = row.from_addr or ""
    if out.reply_to:
        msg["Reply-To"] = out.reply_to
    msg["Subject"] = subject
    msg["Date"] = email.utils.format_datetime(utcnow())
    msg["Auto-Submitted"] = "auto-replied"
    msg["X-Auto-Response-Suppress"] = "All"
    msg.set_content(body)
    msg["Content-Language"] = "nl-BE"  # after set_content, which drops Content-* headers
    return with_threading(bytes(msg), our_id, row.message_id, row.references)


def with_threading(raw: bytes, our_id: str, replied: str | None, references: str | None) -> bytes:
    """Add Message-ID, In-Reply-To and References to the header block, written by hand so
    that they are never encoded and are folded only between ids (see parsers/msgid.py)."""
    head, sep, body = raw.partition(b"\n\n")
    lines = id_header("Message-ID", msg_ids(our_id))
    parent = first_msg_id(replied)
    if parent is not None:
        refs = [r for r in msg_ids(references) if r != parent]
        if len(refs) > 10:  # keep the thread's root and the latest (RFC 5322, 3.6.4)
            refs = [refs[0], *refs[-9:]]
        lines += id_header("In-Reply-To", [parent])
        lines += id_header("References", [*refs, parent])
    return head + b"\n" + lines.rstrip("\n").encode("ascii") + sep + body
