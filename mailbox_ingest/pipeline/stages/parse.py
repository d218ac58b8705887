"""Stage 1, parse: the raw bytes become a `ParsedMail`; its headers are copied to the row.

A mail that cannot be parsed at all is quarantined with the parser's typed reason and the
traceback; one the standard library had to rescue goes on, with that recorded.
"""

from __future__ import annotations

import traceback

from mailbox_ingest.pipeline.context import MessageContext
from mailbox_ingest.pipeline.settle import (
    Outcome,
    copy_raw_headers,
    mail_limits,
    quarantine,
    usable_address,
)
from parsers.mail import MailParseError, ParsedMail, parse_mail
from store.models import Message


def parse(ctx: MessageContext) -> Outcome | None:
    """Parse the mail; quarantine it when no parser can read it."""
    row, d = ctx.row, ctx.decisions
    try:
        mail = parse_mail(ctx.raw, mail_limits(ctx.settings))
    except MailParseError as exc:
        d.record("parse", exc.reason.value, True, exc.detail)
        row.error_traceback = traceback.format_exc()[-20000:]
        copy_raw_headers(row, ctx.raw)
        return quarantine(row, d, exc.reason.value, exc.detail)
    ctx.mail = mail
    copy_headers(row, mail)
    if d.record(
        "parse",
        "standard_library_fallback",
        mail.parser_error is not None,
        (mail.parser_error or "").strip().splitlines()[-1:][0] if mail.parser_error else "",
    ):
        row.error_traceback = (mail.parser_error or "")[-20000:]
    return None


def copy_headers(row: Message, mail: ParsedMail) -> None:
    """The identifying headers of the parsed mail onto its row."""
    row.message_id = mail.message_id or None
    row.from_addr = usable_address(mail.from_addr)
    row.from_name = mail.from_name if row.from_addr == mail.from_addr else mail.from_addr
    row.reply_to = usable_address(mail.reply_to)
    row.subject = mail.subject
    row.in_reply_to = mail.in_reply_to
    row.references = mail.references
