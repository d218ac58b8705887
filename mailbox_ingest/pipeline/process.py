"""Process one stored message inside one database transaction: the pipeline's middle.

parse -> classify (machine mail first) -> extract from attachments -> duplicate check ->
verify each contract -> store contracts -> decide the answer (outbox row or letter).
Every rule outcome goes into `Message.decisions`; the caller commits or rolls back.
"""

from __future__ import annotations

import datetime as dt
import email.parser
import email.policy
import email.utils
import logging
import re
import traceback
from dataclasses import dataclass

from rapidfuzz import fuzz
from sqlalchemy import select
from sqlalchemy.orm import Session

from mailbox_ingest.config import Settings
from mailbox_ingest.enums import (
    Classification,
    ContractStatus,
    MessageState,
    QuarantineReason,
    Regime,
)
from mailbox_ingest.faults import delay_point
from mailbox_ingest.logs import DISPOSITION
from mailbox_ingest.pipeline.answer import decide_answers
from mailbox_ingest.pipeline.authresults import organisational_domain, verdict
from mailbox_ingest.pipeline.automatic import machine_kind, must_not_answer
from mailbox_ingest.pipeline.decisions import Decisions
from mailbox_ingest.pipeline.documents import DocResult, process_attachments
from mailbox_ingest.pipeline.history import record_no_answer
from mailbox_ingest.pipeline.readers import DocumentReader
from mailbox_ingest.pipeline.regime import local_date, regime_for
from mailbox_ingest.pipeline.terminations import apply_terminations
from mailbox_ingest.pipeline.verify import SenderFacts, verify_contract
from parsers.fields.termination import find_terminations
from parsers.mail import MailLimits, MailParseError, ParsedMail, parse_mail
from parsers.msgid import first_msg_id
from parsers.types import ExtractedContract
from store.db import put_blob
from store.locks import CONTRACTS_NAMESPACE, serialize_transaction
from store.models import Attachment, Contract, Message
from store.registry import Registry, normalise_name

log = logging.getLogger(__name__)

# Defects after which the parts of a mail cannot be trusted to be what the sender attached.
STRUCTURAL_DEFECTS = frozenset(
    {
        "NoBoundaryInMultipartDefect",
        "StartBoundaryNotFoundDefect",
        "MultipartInvariantViolationDefect",
    }
)


MAX_ADDRESS = 254


@dataclass(frozen=True, slots=True)
class Outcome:
    """What processing decided, for logs and metrics."""

    classification: Classification
    contracts: int


def mail_limits(settings: Settings) -> MailLimits:
    """Mail-level limits from the settings."""
    lim = settings.limits
    return MailLimits(
        lim.max_attachments, lim.max_attachment_bytes, lim.max_nesting, max_parts=lim.max_parts
    )


def process_message(
    session: Session,
    row: Message,
    raw: bytes,
    settings: Settings,
    registry: Registry | None = None,
    reader: DocumentReader | None = None,
    *,
    answering: bool = True,
) -> Outcome:
    """Fill `row` and create its contracts, attachments and answers (no commit).

    `registry` may be shared by the messages of one poll (it is read-only here); `reader`
    reads the documents (in this process when None). With `answering` False (an archive
    import) nothing is answered and the reason is recorded.
    """
    d = Decisions()
    try:
        mail = parse_mail(raw, mail_limits(settings))
    except MailParseError as exc:
        d.record("parse", exc.reason.value, True, exc.detail)
        row.error_traceback = traceback.format_exc()[-20000:]
        copy_raw_headers(row, raw)
        return _quarantine(row, d, exc.reason.value, exc.detail)
    _copy_headers(row, mail)
    if d.record(
        "parse",
        "standard_library_fallback",
        mail.parser_error is not None,
        (mail.parser_error or "").strip().splitlines()[-1:][0] if mail.parser_error else "",
    ):
        row.error_traceback = (mail.parser_error or "")[-20000:]
    registry = registry if registry is not None else Registry(session)
    auth = verdict(
        mail.header_all("authentication-results"),
        settings.answers.authserv_id,
        mail.header_all("from"),
    )
    d.record("sender", "authenticated", auth.verified, auth.detail)
    sender = SenderFacts(mail.from_addr, auth.verified, tuple(registry.by_domain(mail.from_addr)))
    d.record(
        "sender",
        "recognised_workplace",
        sender.workplace is not None,
        sender.workplace.name if sender.workplace else (mail.from_addr or ""),
    )
    row.sender_verified = sender.verified
    row.automatic = must_not_answer(mail, d)

    kind = machine_kind(mail, d)
    row.automatic = row.automatic or kind is not None
    if kind is not None:
        return _finish(row, d, kind, 0)

    delay_point("read_documents")
    docs = process_attachments(mail.attachments, settings.limits, reader)
    attachment_rows = _store_attachments(session, row, docs)
    fatal = next((doc for doc in docs if doc.fatal and doc.error), None)
    if fatal is not None and fatal.error is not None:
        d.record("documents", fatal.error.value, True, fatal.detail or "")
        return _quarantine(row, d, fatal.error.value, fatal.detail or fatal.filename)
    found = [(doc, c) for doc in docs for c in doc.contracts]
    if found:  # parallel workers: one mail at a time from the duplicate check to the commit
        serialize_transaction(session, CONTRACTS_NAMESPACE)
        new: list[tuple[DocResult, int, ExtractedContract]] = []
        for doc, contract in found:
            index = doc.contracts.index(contract)
            original = _duplicate_of(session, row, doc, contract)
            if original is not None and not _copy_may_stand_for(session, original, sender):
                d.record("duplicate", "earlier_copy_unverified", True, f"contract {original}")
                original = None
            if d.record(
                "duplicate",
                "same_content_or_fields",
                original is not None,
                f"{doc.filename}#{index} = contract {original}" if original else doc.filename,
            ):
                continue
            new.append((doc, index, contract))
        delay_point("duplicate_check")  # tests: widen the window up to the commit
        if not new:
            return _finish(row, d, Classification.DUPLICATE, 0)
        regime = regime_for(row.received_at, settings.regimes)
        d.record("regime", regime.value, True, str(local_date(row.received_at, settings.regimes)))
        contracts = [
            _store_contract(
                session,
                row,
                attachment_rows.get(id(doc)),
                index,
                c,
                registry,
                sender,
                regime,
                settings,
            )
            for doc, index, c in new
        ]
        if answering:
            decide_answers(session, row, mail, contracts, regime, sender, d, settings)
        else:
            record_no_answer(contracts, d)
        return _finish(row, d, Classification.CONTRACT, len(contracts))

    notices = find_terminations(mail.body_text)
    if not notices:  # a termination may also come as an attached letter
        for doc in docs:
            if doc.document is not None and not notices:
                notices = find_terminations(doc.document.text.replace("\f", "\n"))
    if notices:
        apply_terminations(session, row, notices, sender, d)
        return _finish(row, d, Classification.TERMINATION, 0)
    broken = [x for x in mail.defects if x in STRUCTURAL_DEFECTS]
    if broken and not any(doc.outcome == "no_contract" for doc in docs):
        d.record("parse", "structural_mime_defect", True, ", ".join(broken))
        return _quarantine(
            row,
            d,
            QuarantineReason.MALFORMED_MIME.value,
            "the MIME structure is broken (" + ", ".join(broken) + "); "
            "no part could be read as a contract",
        )
    failed = [doc for doc in docs if doc.error is not None]
    if failed:
        d.record("documents", "unreadable", True, failed[0].detail or "")
        return _quarantine(
            row,
            d,
            failed[0].error.value if failed[0].error else "",
            "; ".join(doc.detail or doc.filename for doc in failed),
        )
    return _finish(row, d, Classification.OTHER, 0)


def _copy_headers(row: Message, mail: ParsedMail) -> None:
    row.message_id = (mail.message_id or "")[:998] or None
    row.from_addr = usable_address(mail.from_addr)
    row.from_name = mail.from_name if row.from_addr == mail.from_addr else mail.from_addr
    row.reply_to = usable_address(mail.reply_to)
    row.subject = mail.subject[:2000]
    row.in_reply_to = mail.in_reply_to
    row.references = mail.references


def usable_address(address: str | None) -> str | None:
    """An address we can store and answer, or None: no address is longer than 254 characters
    (RFC 5321 path limit), and a shortened one would reach somebody else."""
    return address if address and len(address) <= MAX_ADDRESS else None


def copy_raw_headers(row: Message, raw: bytes) -> None:
    """Best effort: the identifying headers of a mail that could not be parsed as a whole."""
    try:
        head = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(
            raw[: 256 * 1024]
        )
        row.message_id = first_msg_id(str(head.get("Message-ID") or ""))
        row.subject = " ".join(str(head.get("Subject") or "").split())[:2000] or None
        pairs = email.utils.getaddresses([str(v) for v in head.get_all("From", [])])
        row.from_addr = usable_address(next((a.lower() for _, a in pairs if "@" in a), None))
    except Exception:  # noqa: BLE001 - these headers are a courtesy for the reviewer
        log.debug("no headers could be read", exc_info=True)


def _finish(row: Message, d: Decisions, kind: Classification, n: int) -> Outcome:
    row.classification = kind.value
    row.state = MessageState.PROCESSED.value
    row.decisions = d.entries
    DISPOSITION.info("classified %s (%d contracts)", kind.value, n)
    return Outcome(kind, n)


def mark_quarantined(row: Message, reason: str, detail: str, level: int = logging.WARNING) -> None:
    """Set a message aside for a person, with its reason (state and classification agree)."""
    row.classification = Classification.QUARANTINED.value
    row.state = MessageState.QUARANTINED.value
    row.reason = reason
    row.reason_detail = detail[:4000]
    DISPOSITION.log(level, "quarantined: %s: %s", reason, detail[:200])


def _quarantine(row: Message, d: Decisions, reason: str, detail: str) -> Outcome:
    mark_quarantined(row, reason, detail)
    row.decisions = d.entries
    return Outcome(Classification.QUARANTINED, 0)


def _store_attachments(
    session: Session, row: Message, docs: list[DocResult]
) -> dict[int, Attachment]:
    out: dict[int, Attachment] = {}
    for doc in docs:
        if doc.outcome == "ignored":
            continue
        sha = put_blob(session, doc.data)
        att = Attachment(
            filename=doc.filename[:255],
            media_type=doc.media_type[:255],
            sha256=sha,
            size=len(doc.data),
            outcome=doc.outcome[:40],
            detail=doc.detail,
            pages=len(doc.document.pages) if doc.document else None,
            text_source=doc.document.pages[0].source.value
            if doc.document and doc.document.pages
            else None,
        )
        row.attachments.append(att)
        out[id(doc)] = att
    session.flush()
    return out


def _duplicate_of(
    session: Session, row: Message, doc: DocResult, c: ExtractedContract
) -> int | None:
    """The id of an earlier contract with the same document content or the same key fields."""
    same_doc = (
        session.execute(
            select(Contract.id)
            .join(Attachment, Contract.attachment_id == Attachment.id)
            .where(Attachment.sha256 == doc.sha256, Contract.message_id != row.id)
            .order_by(Contract.id)
        )
        .scalars()
        .all()
    )
    index = doc.contracts.index(c)
    if same_doc:
        return same_doc[min(index, len(same_doc) - 1)]
    start = c.value("start_date")
    if start is None or not (
        c.value("counterpart_enterprise_number") or c.value("counterpart_name")
    ):
        return None
    query = select(Contract).where(Contract.start_date == start, Contract.message_id != row.id)
    for other in session.execute(query).scalars():
        if (
            _same_party(
                c.value("counterpart_enterprise_number"),
                c.value("counterpart_name"),
                other.counterpart_enterprise_number,
                other.counterpart_name,
            )
            and _same_party(
                c.value("workplace_enterprise_number"),
                c.value("workplace_name"),
                other.workplace_enterprise_number,
                other.workplace_name,
            )
            and other.workers == c.value("workers")
            and _similar(c.value("nature_of_work"), other.nature_of_work)
        ):
            return other.id
    return None


def _copy_may_stand_for(session: Session, contract_id: int, sender: SenderFacts) -> bool:
    """May an earlier contract make this mail a duplicate? Always for an unverified mail;
    for a verified one only when the earlier mail was verified too and came from the same
    organisation's domain (a counterpart forwarding the contract first changes nothing)."""
    if not sender.verified:
        return True
    earlier = session.get(Contract, contract_id)
    msg = earlier.message if earlier is not None else None
    if msg is None or not msg.sender_verified or not msg.from_addr or not sender.address:
        return False
    return organisational_domain(msg.from_addr.rsplit("@", 1)[-1]) == organisational_domain(
        sender.address.rsplit("@", 1)[-1]
    )


def _similar(a: str | None, b: str | None, threshold: float = 85) -> bool:
    """Unknown on either side, or the same text give or take small slips (same digits)."""
    if not a or not b:
        return True
    na, nb = normalise_name(a), normalise_name(b)
    if re.findall(r"\d+", na) != re.findall(r"\d+", nb):
        return False
    return fuzz.token_sort_ratio(na, nb) >= threshold


def _same_party(
    num_a: str | None, name_a: str | None, num_b: str | None, name_b: str | None
) -> bool:
    """Same enterprise number with compatible names, or (without numbers) the same name."""
    if num_a and num_b:
        return num_a == num_b and _similar(name_a, name_b, 92)
    return bool(name_a and name_b) and _similar(name_a, name_b, 92)


def _store_contract(
    session: Session,
    row: Message,
    att: Attachment | None,
    index: int,
    c: ExtractedContract,
    registry: Registry,
    sender: SenderFacts,
    regime: Regime,
    settings: Settings,
) -> Contract:
    v = verify_contract(
        c,
        registry=registry,
        sender=sender,
        regime=regime,
        received_day=local_date(row.received_at, settings.regimes),
        settings=settings.review,
    )
    fields = {
        name: {
            "value": fv.value.isoformat() if isinstance(fv.value, dt.date) else fv.value,
            "confidence": round(fv.confidence, 3),
            "evidence": fv.evidence.as_dict() if fv.evidence else None,
        }
        for name, fv in c.fields.items()
    }
    contract = Contract(
        message_id=row.id,
        attachment_id=att.id if att else None,
        index_in_document=index,
        layout=c.layout,
        workplace_name=v.workplace.name,
        workplace_enterprise_number=v.workplace.enterprise_number,
        workplace_kind=v.workplace.kind.value,
        workplace_org_id=v.workplace.org.id if v.workplace.org else None,
        counterpart_name=v.counterpart.name,
        counterpart_enterprise_number=v.counterpart.enterprise_number,
        counterpart_kind=v.counterpart.kind.value,
        counterpart_org_id=v.counterpart.org.id if v.counterpart.org else None,
        work_location=c.value("work_location"),
        nature_of_work=c.value("nature_of_work"),
        workers=c.value("workers"),
        start_date=c.value("start_date"),
        end_date=c.value("end_date"),
        indefinite_duration=bool(c.value("indefinite_duration")),
        signed_date=c.value("signed_date"),
        received_at=row.received_at,
        regime=regime.value,
        response_kind="none",
        response_state="none",
        status=(ContractStatus.NEEDS_REVIEW if v.reasons else ContractStatus.ACCEPTED).value,
        review_reasons=[r.value for r in v.reasons],
        confidence=round(c.confidence(), 3),
        fields={**fields, "_notes": v.notes + c.problems},
    )
    session.add(contract)
    session.flush()
    return contract
