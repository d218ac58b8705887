"""Recognise mail written by machines (RFC 3834 and the habits of real servers).

Three answers per mail: is it a bounce (delivery or feedback report), an auto-reply (out of
office, vacation, read receipt), or bulk (newsletters, lists)? And, separately, must it never
be answered automatically? Structure decides first (a report part anywhere in the mail's own
MIME tree), then the daemon's address (MAILER-DAEMON with or without a domain, `<>`, an NDR
header), then a returned message (the original mail or its headers attached) from a server
sender, or a provider's complaint with the mail attached, and only then wording in several
languages, which also needs a sign of a server sender: a postmaster@ address alone proves
nothing. Each rule is recorded with what it saw. `bench/bounces.py` measures the rules on
folders of real bounces that we did not write.
"""

from __future__ import annotations

import email.utils
import re

from mailbox_ingest.domain.enums import Classification
from mailbox_ingest.pipeline.decisions import Decisions
from parsers.mail import ParsedMail

STAGE = "automatic"

# Wording of delivery failures in the subject, as servers write it in several languages.
_BOUNCE_SUBJECT = re.compile(
    r"undeliver(able|ed)|onbestelbaar|niet[- ](bezorgd|bezorgbaar|afgeleverd)|"
    r"kan niet worden bezorgd|bezorging (is )?mislukt|delivery status notification|"
    r"mail delivery (failed|failure|subsystem)|returned mail|failure notice|delivery failure|"
    r"delivery (has )?failed|message not delivered|mail system error|delivery (delayed|failed)|"
    r"could not send message|non[- ]delivery|non remis|[ée]chec de (la )?remise|"
    r"non distribu|unzustellbar|nicht zustellbar|zustellung fehlgeschlagen|"
    r"nicht zugestellt|配信(エラー|不能|失敗)|配送(エラー|失敗)|不達|未達|"
    r"送信できませんでした|届きませんでした|エラーメール|メールエラー",
    re.I,
)
# The opening lines MTAs put in the body of a delivery report.
_BOUNCE_BODY = re.compile(
    r"qmail-send program|this is the mail system at host|created automatically by mail "
    r"delivery software|the original message was received at|permanent fatal errors|"
    r"could not be delivered|wasn't delivered|was not delivered|delivery has failed|"
    r"konnte nicht zugestellt werden|kon niet worden (afgeleverd|bezorgd)|"
    r"impossible de remettre|n'a pas pu [êe]tre remis|送信できませんでした|届きませんでした|"
    r"no such user|user unknown|unknown user|invalid (user|recipient) address|"
    r"recipient address rejected|requested action not taken|mailbox unavailable|"
    r"mailbox (is )?full|over quota|quota exceeded",
    re.I,
)
_AUTO_SUBJECT = re.compile(
    r"^\s*(automatisch antwoord|automatische reply|automatisch bericht|auto(matic)? ?reply|"
    r"autoreply|out of (the )?office|afwezig(heid)?|niet aanwezig|absent|abwesend|"
    r"automatische antwort|r[ée]ponse automatique|vakantie|verlof|"
    r"(niet )?gelezen\s*:|(not )?read\s*:|lu\s*:|(nicht )?gelesen\s*:)(\b|\s|$)|"
    r"^\s*(自動返信|自動応答|不在)",
    re.I,
)
_DAEMON_LOCAL = re.compile(
    r"^(mailer[-_.]?daemon|post[-_.]?master|mail[-_.]?daemon|no[-_.]?reply|"
    r"do[-_.]?not[-_.]?reply|bounce[s]?)([+-].*)?@",
    re.I,
)
_MAILER_DAEMON = re.compile(r"^(mailer[-_.]?daemon|mail[-_.]?daemon)(@|$)", re.I)
_POSTMASTER = re.compile(r"^post[-_.]?master@", re.I)  # post_master@ as some carriers write it
_NO_REPLY = re.compile(r"^(no[-_.]?reply|do[-_.]?not[-_.]?reply)([+-].*)?@", re.I)
# a mailbox provider's complaint (feedback loop) that is no ARF report, the mail attached
_COMPLAINT_SUBJECT = re.compile(r"^\s*(complaint about message from|abuse report\b)", re.I)
# a returned message: the original mail or its headers, as a delivery report carries them
_RETURNED_PARTS = frozenset({"message/rfc822", "text/rfc822-headers", "message/rfc822-headers"})
_DSN_PARTS = frozenset({"message/delivery-status", "message/global-delivery-status"})
_MDN_PARTS = frozenset(
    {"message/disposition-notification", "message/global-disposition-notification"}
)
_ARF_PARTS = frozenset({"message/feedback-report"})


def report_kind(mail: ParsedMail) -> tuple[Classification | None, str]:
    """What the MIME structure says (RFC 3462/6522 report, 3464 DSN, 8098 MDN, 5965 ARF).

    A report part counts at the top level or inside `multipart/mixed` (what some servers send
    instead of `multipart/report`), never inside a forwarded message.
    """
    parts = set(mail.structure)
    rtype = mail.report_type or ""
    if rtype.endswith("delivery-status") or parts & _DSN_PARTS:
        return Classification.BOUNCE, f"delivery status report ({rtype or 'no report-type'})"
    if rtype.endswith("disposition-notification") or parts & _MDN_PARTS:
        return Classification.AUTO_REPLY, "disposition notification (read receipt)"
    if rtype == "feedback-report" or parts & _ARF_PARTS:
        return Classification.BOUNCE, "feedback report (ARF)"
    if mail.content_type == "multipart/report":
        return Classification.BOUNCE, f"multipart/report ({rtype or 'no report-type'})"
    return None, ""


def auto_submitted(mail: ParsedMail) -> str:
    """The Auto-Submitted value (RFC 3834), lower case; `no` when absent."""
    return (mail.header("auto-submitted") or "no").strip().lower()


def precedence(mail: ParsedMail) -> tuple[bool, str]:
    """Whether Precedence marks bulk, list or junk mail, and the value seen."""
    prec = (mail.header("precedence") or "").strip().lower()
    return prec in ("bulk", "list", "junk"), prec


def list_headers(mail: ParsedMail) -> list[str]:
    """The List-* headers (RFC 2369) of the mail."""
    return [k for k, _ in mail.headers if k.startswith("list-")]


def empty_return_path(mail: ParsedMail) -> tuple[bool, str | None]:
    """Whether the Return-Path is the null path `<>` (RFC 5321), and the value seen."""
    ret = mail.header("return-path")
    return ret is not None and ret.strip() in ("<>", ""), ret


def _addresses(mail: ParsedMail, header: str) -> list[str]:
    pairs = email.utils.getaddresses(mail.header_all(header))
    return [addr.strip().strip("<>").lower() for _, addr in pairs]


def daemon_sender(mail: ParsedMail) -> str:
    """What shows a mail server wrote the mail: MAILER-DAEMON in From (with or without a
    domain, or an empty `<>` address) or in Return-Path, or an NDR header; else ""."""
    froms = [*_addresses(mail, "from"), mail.from_addr or ""]
    if any(_MAILER_DAEMON.match(a) for a in froms):
        return "From is MAILER-DAEMON"
    if any(re.search(r"<\s*>", v) for v in mail.header_all("from")):
        return "From has the empty address <>"
    if any(_MAILER_DAEMON.match(a) for a in _addresses(mail, "return-path")):
        return "Return-Path is MAILER-DAEMON"
    for name in ("x-failed-recipients", "x-ms-exchange-message-is-ndr"):
        if mail.header(name) is not None:
            return f"{name} header"
    return ""


def _server_signs(mail: ParsedMail) -> list[str]:
    """Weak signs that a server, not a person, sent the mail (none proves it alone)."""
    froms = [*_addresses(mail, "from"), mail.from_addr or ""]
    return [
        name
        for name, hit in (
            ("empty return-path", empty_return_path(mail)[0]),
            ("postmaster", any(_POSTMASTER.match(a) for a in froms)),
            ("no-reply sender", any(_NO_REPLY.match(a) for a in froms)),
            ("mail delivery name", bool(re.search(r"mail delivery", mail.from_name or "", re.I))),
            ("auto-submitted", not auto_submitted(mail).startswith("no")),
        )
        if hit
    ]


def is_bounce(mail: ParsedMail, d: Decisions) -> bool:
    """A delivery report: its structure first, then the daemon's address, then a returned
    message or wording beside a weak sign of a server sender."""
    kind, detail = report_kind(mail)
    if d.record(STAGE, "report_structure", kind is Classification.BOUNCE, detail):
        return True
    daemon = daemon_sender(mail)
    if d.record(STAGE, "daemon_sender", bool(daemon), daemon):
        return True
    weak = _server_signs(mail)
    server = [w for w in weak if w != "no-reply sender"]  # no-reply also sends newsletters
    returned = sorted(set(mail.structure) & _RETURNED_PARTS)
    if d.record(
        STAGE,
        "returned_message",
        bool(server and returned),
        f"{', '.join(server) or 'no server sender'}; parts={','.join(returned) or None}",
    ):
        return True
    complaint = _COMPLAINT_SUBJECT.search(mail.subject)
    if d.record(
        STAGE,
        "complaint_with_message",
        bool(complaint and returned),
        f"subject={complaint.group(0) if complaint else None!r}; parts={returned or None}",
    ):
        return True
    wording = _BOUNCE_SUBJECT.search(mail.subject) or _BOUNCE_BODY.search(mail.body_text[:4000])
    return d.record(
        STAGE,
        "bounce_wording",
        bool(weak and wording),
        f"{', '.join(weak) or 'no server sender'}; "
        f"wording={wording.group(0) if wording else None!r}",
    )


def is_auto_reply(mail: ParsedMail, d: Decisions) -> bool:
    """An out-of-office or vacation reply, or a read receipt."""
    kind, detail = report_kind(mail)
    if d.record(STAGE, "disposition_notification", kind is Classification.AUTO_REPLY, detail):
        return True
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
    bulk, prec = precedence(mail)
    if d.record(STAGE, "precedence_bulk", bulk, prec):
        return True
    lists = list_headers(mail)
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
    auto = auto_submitted(mail)
    if d.record(stage, "auto_submitted_not_no", not auto.startswith("no"), auto):
        return True
    bulk, prec = precedence(mail)
    if d.record(stage, "precedence", bulk, prec):
        return True
    if d.record(stage, "list_headers", bool(list_headers(mail))):
        return True
    if d.record(
        stage,
        "x_auto_response_suppress",
        mail.header("x-auto-response-suppress") is not None,
        mail.header("x-auto-response-suppress") or "",
    ):
        return True
    null_path, ret = empty_return_path(mail)
    if d.record(stage, "empty_return_path", null_path, repr(ret)):
        return True
    kind, detail = report_kind(mail)
    if d.record(stage, "report_structure", kind is not None, detail):
        return True
    daemon = daemon_sender(mail)
    if d.record(stage, "mail_server_sender", bool(daemon), daemon):
        return True
    sender = (ret or "").strip().strip("<>") or (mail.from_addr or "")
    if d.record(
        stage,
        "daemon_sender",
        bool(_DAEMON_LOCAL.match(sender) or _DAEMON_LOCAL.match(mail.from_addr or "")),
        sender,
    ):
        return True
    kind = machine_kind(mail, Decisions())  # its own rules are recorded by the classifier
    return d.record(stage, "machine_written", kind is not None, kind.value if kind else "")
