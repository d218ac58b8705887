"""Decide how the contracts of one mail are answered, and queue that answer.

Maatwerk: one acknowledgement e-mail per mail into the outbox (sent by its own job), unless
the mail is automatic (never answered), the sender is unverified or over the daily limit (held
for staff); the daily limit counts per address with `+tags` folded and per organisation
domain. Old regime: a letter per contract, pending until staff decide.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import functools
from email.message import EmailMessage
from pathlib import Path
from zoneinfo import ZoneInfo

import jinja2
from sqlalchemy import select
from sqlalchemy.orm import Session

from mailbox_ingest.config import Settings
from mailbox_ingest.enums import (
    LetterState,
    OutboxState,
    Regime,
    ResponseKind,
    ResponseState,
    SuppressReason,
)
from mailbox_ingest.pipeline.authresults import organisational_domain
from mailbox_ingest.pipeline.decisions import Decisions
from mailbox_ingest.pipeline.verify import SenderFacts
from mailbox_ingest.respond.templates import (
    ContractSummary,
    build_environment,
    render_acknowledgement,
)
from parsers.mail import ParsedMail
from parsers.msgid import first_msg_id, id_header, msg_ids
from store.models import Contract, Letter, Message, Outbox, utcnow

ACK = "acknowledgement"


def reference(contract: Contract) -> str:
    """Our reference for a contract, e.g. ENC-2017-000123."""
    return f"ENC-{contract.received_at.year}-{contract.id:06d}"


def summary(
    contract: Contract, subject: str | None, tz: str = "Europe/Brussels"
) -> ContractSummary:
    """The template context of one contract (times in the department's time zone)."""
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


def fold_address(address: str) -> str:
    """Lower case, `+tag` removed from the local part: `Jan+x@A.be` -> `jan@a.be`."""
    local, _, domain = address.strip().lower().rpartition("@")
    return f"{local.split('+', 1)[0]}@{domain}" if local else address.strip().lower()


def _sent_today(session: Session, address: str) -> tuple[int, int]:
    """Answers of the last day to this address (tags folded) and to its organisation's domain."""
    since = utcnow() - dt.timedelta(days=1)
    recent = session.execute(
        select(Outbox.to_addr).where(
            Outbox.created_at >= since,
            Outbox.state.in_([OutboxState.QUEUED, OutboxState.SENDING, OutboxState.SENT]),
        )
    ).scalars()
    me = fold_address(address)
    org = organisational_domain(me.rsplit("@", 1)[-1])
    same_address = same_domain = 0
    for to in recent:
        folded = fold_address(to)
        same_address += folded == me
        same_domain += organisational_domain(folded.rsplit("@", 1)[-1]) == org
    return same_address, same_domain


def _over_daily_limit(session: Session, address: str, settings: Settings) -> bool:
    by_address, by_domain = _sent_today(session, address)
    per_domain = settings.answers.max_per_domain_per_day
    if per_domain is None:
        per_domain = settings.answers.max_per_sender_per_day
    return by_address >= settings.answers.max_per_sender_per_day or by_domain >= per_domain


def decide_answers(
    session: Session,
    row: Message,
    mail: ParsedMail,
    contracts: list[Contract],
    regime: Regime,
    sender: SenderFacts,
    d: Decisions,
    settings: Settings,
) -> None:
    """Set each contract's response and create the outbox row or the letters."""
    if regime is Regime.LEGACY:
        for c in contracts:
            c.response_kind, c.response_state = ResponseKind.LETTER, ResponseState.PENDING
            session.add(Letter(contract_id=c.id, state=LetterState.PENDING))
        d.record("answer", "letter_pending", True, f"{len(contracts)} letter(s) await staff")
        return
    for c in contracts:
        c.response_kind = ResponseKind.EMAIL_ACKNOWLEDGEMENT
    state, reason = ResponseState.QUEUED, None
    if row.automatic:
        state, reason = ResponseState.SUPPRESSED, SuppressReason.AUTOMATIC_MAIL
    elif not row.from_addr:
        state, reason = ResponseState.HELD, SuppressReason.NO_REPLY_ADDRESS
    elif not sender.verified:
        state, reason = ResponseState.HELD, SuppressReason.UNVERIFIED_SENDER
    elif _over_daily_limit(session, row.from_addr, settings):
        state, reason = ResponseState.HELD, SuppressReason.DAILY_LIMIT
    d.record(
        "answer",
        "acknowledgement",
        state is ResponseState.QUEUED,
        f"{state.value}" + (f": {reason.value}" if reason else ""),
    )
    for c in contracts:
        c.response_state = state
    if state is ResponseState.SUPPRESSED:
        return
    domain = settings.outgoing.from_.rsplit("@", 1)[-1]
    our_id = f"<ack.{row.id}.{row.raw_sha256[:12] if row.raw_sha256 else 'x'}@{domain}>"
    session.add(
        Outbox(
            message_id=row.id,
            kind=ACK,
            to_addr=row.from_addr or "",
            our_message_id=our_id,
            raw=compose_acknowledgement(row, contracts, settings, our_id),
            state=(OutboxState.QUEUED if state is ResponseState.QUEUED else OutboxState.HELD).value,
            reason=reason.value if reason else None,
        )
    )
