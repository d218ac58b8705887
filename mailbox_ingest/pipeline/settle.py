"""How a mail is settled: processed with a classification, or quarantined with a reason.

Shared by the stages (a stage never imports another stage) and by intake, which quarantines
mail the pipeline never saw (too large, refused, lost).
"""

from __future__ import annotations

import email.parser
import email.policy
import email.utils
import logging
from dataclasses import dataclass

from mailbox_ingest.config import Settings
from mailbox_ingest.domain.enums import Classification, MessageState
from mailbox_ingest.logs import DISPOSITION
from mailbox_ingest.pipeline.decisions import Decisions
from parsers.mail import MailLimits
from parsers.msgid import first_msg_id
from store.models import Message

log = logging.getLogger(__name__)

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
        row.subject = " ".join(str(head.get("Subject") or "").split()) or None
        pairs = email.utils.getaddresses([str(v) for v in head.get_all("From", [])])
        row.from_addr = usable_address(next((a.lower() for _, a in pairs if "@" in a), None))
    except Exception:
        log.debug("no headers could be read", exc_info=True)


def finish(row: Message, d: Decisions, kind: Classification, n: int) -> Outcome:
    """Settle a mail as processed with its classification and the decisions taken."""
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
    row.reason_detail = detail
    DISPOSITION.log(level, "quarantined: %s: %s", reason, detail[:200])


def quarantine(row: Message, d: Decisions, reason: str, detail: str) -> Outcome:
    """Settle a mail as quarantined, keeping the decisions taken so far."""
    mark_quarantined(row, reason, detail)
    row.decisions = d.entries
    return Outcome(Classification.QUARANTINED, 0)
