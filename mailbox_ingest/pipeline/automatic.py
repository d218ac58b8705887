"""Recognise mail written by machines (RFC 3834 and the habits of real servers).

Three answers per mail: is it a bounce (delivery report), an auto-reply (out of office,
vacation), or bulk (newsletters, lists)? And, separately, must it never be answered
automatically? Each rule that hits is recorded with what it saw.
"""

from __future__ import annotations

import re

from mailbox_ingest.enums import Classification
from mailbox_ingest.pipeline.decisions import Decisions
from parsers.mail import ParsedMail

STAGE = "automatic"

_BOUNCE_SUBJECT = re.compile(
    r"^\s*(undeliverable|undelivered mail|onbestelbaar|niet bezorgd|kan niet worden bezorgd|"
    r"delivery status notification|mail delivery (failed|subsystem)|returned mail|"
    r"failure notice|delivery failure|non remis|unzustellbar)",
    re.I,
)
_AUTO_SUBJECT = re.compile(
    r"^\s*(automatisch antwoord|automatische reply|automatisch bericht|auto(matic)? ?reply|"
    r"autoreply|out of (the )?office|afwezig(heid)?|niet aanwezig|absent|abwesend|"
    r"r[ée]ponse automatique|vakantie|verlof)\b",
    re.I,
)
_DAEMON_LOCAL = re.compile(
    r"^(mailer-daemon|postmaster|mail-daemon|noreply|no-reply|donotreply|"
    r"do-not-reply|bounce[s]?)([+-].*)?@",
    re.I,
)


def is_bounce(mail: ParsedMail, d: Decisions) -> bool:
    """A delivery status notification or a server's non-delivery report."""
    report = (
        mail.content_type == "multipart/report"
        and "delivery-status" in " ".join(v for k, v in mail.headers if k == "content-type").lower()
    )
    if d.record(STAGE, "dsn_report", report, mail.content_type):
        return True
    ret = mail.header("return-path")
    empty_ret = ret is not None and ret.strip() in ("<>", "")
    daemon = bool(mail.from_addr and re.match(r"^(mailer-daemon|postmaster)@", mail.from_addr))
    subj = bool(_BOUNCE_SUBJECT.search(mail.subject))
    hit = (empty_ret or daemon) and (subj or daemon) or (daemon and subj)
    return d.record(
        STAGE,
        "bounce_sender",
        bool(hit),
        f"return-path={ret!r} from={mail.from_addr!r} subject={mail.subject[:60]!r}",
    )


def is_auto_reply(mail: ParsedMail, d: Decisions) -> bool:
    """An out-of-office or vacation reply."""
    auto = (mail.header("auto-submitted") or "").strip().lower()
    if d.record(STAGE, "auto_submitted", auto.startswith("auto-replied"), auto):
        return True
    for name in ("x-autoreply", "x-autorespond", "x-auto-reply"):
        if d.record(STAGE, name, mail.header(name) is not None, mail.header(name) or ""):
            return True
    if d.record(
        STAGE,
        "x_ms_autoreply_class",
        (mail.header("x-ms-exchange-generated-message-source") or "")
        .lower()
        .startswith("mailbox rules agent"),
    ):
        return True
    return d.record(
        STAGE, "auto_reply_subject", bool(_AUTO_SUBJECT.search(mail.subject)), mail.subject[:80]
    )


def is_bulk(mail: ParsedMail, d: Decisions) -> bool:
    """A newsletter or list mail."""
    prec = (mail.header("precedence") or "").strip().lower()
    if d.record(STAGE, "precedence_bulk", prec in ("bulk", "list", "junk"), prec):
        return True
    lists = [k for k, _ in mail.headers if k.startswith("list-")]
    if d.record(STAGE, "list_headers", bool(lists), ",".join(lists)):
        return True
    return d.record(
        STAGE,
        "feedback_or_campaign",
        any(
            mail.header(h) is not None
            for h in ("x-campaign", "x-mailchimp-id", "feedback-id", "x-mc-user", "x-newsletter")
        ),
    )


def machine_kind(mail: ParsedMail, d: Decisions) -> Classification | None:
    """BOUNCE, AUTO_REPLY or BULK when a machine wrote the mail, else None."""
    if is_bounce(mail, d):
        return Classification.BOUNCE
    if is_auto_reply(mail, d):
        return Classification.AUTO_REPLY
    if is_bulk(mail, d):
        return Classification.BULK
    return None


def must_not_answer(mail: ParsedMail, d: Decisions) -> bool:
    """RFC 3834 and friends: any sign that an automatic answer would be wrong or loop."""
    stage = "answer"
    auto = (mail.header("auto-submitted") or "no").strip().lower()
    if d.record(stage, "auto_submitted_not_no", not auto.startswith("no"), auto):
        return True
    prec = (mail.header("precedence") or "").strip().lower()
    if d.record(stage, "precedence", prec in ("bulk", "list", "junk"), prec):
        return True
    if d.record(stage, "list_headers", any(k.startswith("list-") for k, _ in mail.headers)):
        return True
    if d.record(
        stage,
        "x_auto_response_suppress",
        mail.header("x-auto-response-suppress") is not None,
        mail.header("x-auto-response-suppress") or "",
    ):
        return True
    ret = mail.header("return-path")
    if d.record(
        stage, "empty_return_path", ret is not None and ret.strip() in ("<>", ""), repr(ret)
    ):
        return True
    sender = (ret or "").strip().strip("<>") or (mail.from_addr or "")
    return d.record(
        stage,
        "daemon_sender",
        bool(_DAEMON_LOCAL.match(sender) or _DAEMON_LOCAL.match(mail.from_addr or "")),
        sender,
    )
