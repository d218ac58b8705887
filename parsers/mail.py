"""Parse raw mail bytes with mail-parser into a typed `ParsedMail`, within configured limits.

mail-parser gives the text bodies and the defects (the standard library reads the whole mail
when mail-parser raises on it, see `parsers.mailstd`); the attachment walk
is our own over the same stdlib message tree because we need what mail-parser flattens away:
the nesting depth of forwarded `message/rfc822` parts, inline versus attached parts, and a
hard stop at the configured limits before anything large is decoded.
"""

from __future__ import annotations

import datetime as dt
import email
import email.header
import email.policy
import email.utils
import html
import re
import traceback
import unicodedata
from dataclasses import dataclass, field
from email.message import Message
from enum import StrEnum

import mailparser

from mailbox_ingest.domain.enums import QuarantineReason
from mailbox_ingest.domain.errors import MailboxIngestError
from parsers import mailstd
from parsers.msgid import first_msg_id, msg_ids


@dataclass(frozen=True, slots=True)
class MailLimits:
    """What one mail may hold before it is quarantined."""

    max_attachments: int = 40
    max_attachment_bytes: int = 25 * 1024 * 1024
    max_nesting: int = 5
    max_parts: int = 1000  # MIME parts of any kind, counted in the raw bytes before parsing


class MailParseError(MailboxIngestError):
    """The mail cannot be processed; `reason` is what the quarantine shows."""

    def __init__(self, reason: QuarantineReason, detail: str) -> None:
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason}: {detail}")


class PartRole(StrEnum):
    """How a leaf part was sent."""

    ATTACHMENT = "attachment"
    INLINE = "inline"


@dataclass(frozen=True, slots=True)
class MailAttachment:
    """A decoded leaf part that is a file (not a text body)."""

    filename: str
    media_type: str
    data: bytes
    depth: int  # 0 for the mail itself, 1 inside a forwarded message, ...
    role: PartRole
    content_id: str | None = None


@dataclass(slots=True)
class ParsedMail:
    """What the pipeline needs from a mail."""

    message_id: str | None
    from_addr: str | None
    from_name: str | None
    reply_to: str | None
    subject: str
    date: dt.datetime | None
    in_reply_to: str | None
    references: str | None
    headers: list[tuple[str, str]]
    body_text: str
    attachments: list[MailAttachment] = field(default_factory=list)
    forwarded: list[tuple[str | None, str]] = field(default_factory=list)  # (from, subject)
    defects: list[str] = field(default_factory=list)
    content_type: str = "text/plain"
    structure: list[str] = field(default_factory=list)  # content types outside forwarded mail
    report_type: str | None = None  # the report-type of a top-level multipart/report
    parser_error: str | None = None  # mail-parser's traceback when the stdlib read it instead

    def header(self, name: str) -> str | None:
        """The first value of a header (case-insensitive), or None."""
        name = name.lower()
        for k, v in self.headers:
            if k == name:
                return v
        return None

    def header_all(self, name: str) -> list[str]:
        """Every value of a header, in order (topmost first)."""
        name = name.lower()
        return [v for k, v in self.headers if k == name]


_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]")
_BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"), None)
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}


def safe_filename(name: str | None, index: int, media_type: str) -> str:
    """A file name safe to show and store: no path, controls, bidi tricks, or huge length."""
    name = (name or "").translate(_BIDI)
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = unicodedata.normalize("NFC", _UNSAFE.sub("_", name)).strip(" .")
    if not name:
        ext = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}.get(
            media_type, ".bin"
        )
        name = f"bijlage-{index}{ext}"
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    if stem.lower() in _RESERVED:
        stem = "_" + stem
    if len(ext) > 10:
        stem, ext = name, ""
    stem = stem[: 149 - len(ext)]
    return f"{stem}.{ext}" if ext else stem


def decode_filename(raw: str | None) -> str | None:
    """A file name with RFC 2047 encoded words decoded (RFC 2231 is decoded by the parser)."""
    if not raw:
        return raw
    text = " ".join(str(raw).split())
    if "=?" in text:
        try:  # noqa: SIM105 - an undecodable header is kept as written
            text = str(email.header.make_header(email.header.decode_header(text)))
        except (ValueError, LookupError, UnicodeDecodeError):
            pass
    return text


def _text_of(value: object) -> str:
    if value is None:
        return ""
    return str(value)


def _first_addr(pairs: list[tuple[str, str]] | None) -> tuple[str | None, str | None]:
    for name, addr in pairs or []:
        addr = (addr or "").strip().strip("<>").lower()
        if "@" in addr:
            return addr, (name or "").strip() or None
    return None, None


def _html_to_text(markup: str) -> str:
    markup = re.sub(r"(?is)<(script|style).*?</\1>", " ", markup)
    markup = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</tr>|</li>|</h\d>", "\n", markup)
    markup = re.sub(r"(?i)</?(b|i|u|em|strong|span|font|a|small|sup|sub)\b[^>]*>", "", markup)
    text = html.unescape(re.sub(r"<[^>]+>", " ", markup)).replace("\xa0", " ")
    return "\n".join(" ".join(line.split()) for line in text.splitlines())


_Frame = tuple[Message, int, int]  # a part, its rfc822 depth, its MIME depth


def _check_nesting(depth: int, mime_depth: int, limits: MailLimits) -> None:
    """Refuse parts nested deeper than the limit (forwarded messages, or MIME levels)."""
    if depth > limits.max_nesting or mime_depth > limits.max_nesting * 4:
        raise MailParseError(
            QuarantineReason.NESTING_TOO_DEEP,
            f"parts nested deeper than {limits.max_nesting} forwarded messages",
        )


def _inner_parts(
    part: Message, depth: int, mime_depth: int, out: ParsedMail
) -> list[_Frame] | None:
    """The parts inside a container to walk next (a forwarded message is noted in `out`),
    in stack order; None for a leaf part."""
    ctype = part.get_content_type()
    if ctype == "message/rfc822" or (part.is_multipart() and ctype.startswith("message/")):
        payload = part.get_payload()
        inner = payload[0] if isinstance(payload, list) and payload else None
        if not isinstance(inner, Message):
            return []
        out.forwarded.append((_text_of(inner.get("From")) or None, _text_of(inner.get("Subject"))))
        return [(inner, depth + 1, mime_depth + 1)]
    if part.is_multipart():
        children = part.get_payload()
        if not isinstance(children, list):
            return []
        return [
            (child, depth, mime_depth + 1)
            for child in reversed(children)
            if isinstance(child, Message)
        ]
    return None


def _leaf_attachment(
    part: Message, filename: str | None, index: int, depth: int, limits: MailLimits
) -> MailAttachment:
    """Decode a leaf part as the `index`th attachment, refusing one over the size limit
    before and after decoding."""
    ctype = part.get_content_type()
    encoded = part.get_payload()
    if isinstance(encoded, str) and len(encoded) > limits.max_attachment_bytes * 1.4 + 1024:
        raise MailParseError(
            QuarantineReason.ATTACHMENT_TOO_LARGE,
            f"attachment {safe_filename(filename, index, ctype)!r} larger than "
            f"{limits.max_attachment_bytes} bytes",
        )
    decoded = part.get_payload(decode=True)
    data = decoded if isinstance(decoded, bytes) else b""
    if len(data) > limits.max_attachment_bytes:
        raise MailParseError(
            QuarantineReason.ATTACHMENT_TOO_LARGE,
            f"attachment {safe_filename(filename, index, ctype)!r} is {len(data)} bytes",
        )
    disposition = (part.get_content_disposition() or "").lower()
    role = (
        PartRole.INLINE
        if disposition == "inline" or (not disposition and part.get("Content-ID"))
        else PartRole.ATTACHMENT
    )
    return MailAttachment(
        filename=safe_filename(filename, index, ctype),
        media_type=ctype,
        data=data,
        depth=depth,
        role=role,
        content_id=(part.get("Content-ID") or "").strip("<> ") or None,
    )


def _walk(msg: Message, limits: MailLimits, out: ParsedMail) -> None:
    """Collect leaf attachments, iteratively, enforcing nesting and count limits."""
    stack: list[_Frame] = [(msg, 0, 0)]
    index = 0
    while stack:
        part, depth, mime_depth = stack.pop()
        _check_nesting(depth, mime_depth, limits)
        inner = _inner_parts(part, depth, mime_depth, out)
        if inner is not None:
            stack.extend(inner)
            continue
        disposition = (part.get_content_disposition() or "").lower()
        filename = decode_filename(part.get_filename())
        if (
            part.get_content_type().startswith("text/")
            and not filename
            and disposition != "attachment"
        ):
            continue  # a body part
        index += 1
        if index > limits.max_attachments:
            raise MailParseError(
                QuarantineReason.TOO_MANY_ATTACHMENTS,
                f"more than {limits.max_attachments} attachments",
            )
        out.attachments.append(_leaf_attachment(part, filename, index, depth, limits))


def _read(raw: bytes) -> tuple[Message, list[str], list[str], list[str], str | None]:
    """The message tree, plain and HTML bodies, defects, and mail-parser's traceback if any.

    mail-parser first; when it raises on a mail the standard library can read, that reading
    is used instead and the traceback is kept for the record.
    """
    try:
        mail = mailparser.parse_from_bytes(raw)
        plain = [t for t in (mail.text_plain or []) if t]
        markup = list(mail.text_html or [])
        if not plain and not markup:  # mail-parser skips a multipart whose boundary it lost
            plain, markup = mailstd.text_bodies(mail.message)
            plain = [t for t in plain if t]
        return (
            mail.message,
            plain,
            markup,
            [str(d) for d in (mail.defects_categories or [])],
            None,
        )
    except RecursionError as exc:
        raise MailParseError(QuarantineReason.NESTING_TOO_DEEP, "MIME nesting too deep") from exc
    except Exception as exc:
        if "Recursion" in type(exc).__name__:
            raise MailParseError(QuarantineReason.NESTING_TOO_DEEP, "nesting too deep") from exc
        error = traceback.format_exc()
    try:
        msg = email.message_from_bytes(raw, policy=email.policy.compat32)
        plain, markup = mailstd.text_bodies(msg)
    except RecursionError as exc:
        raise MailParseError(QuarantineReason.NESTING_TOO_DEEP, "MIME nesting too deep") from exc
    except Exception as exc:
        raise MailParseError(QuarantineReason.MALFORMED_MIME, f"unparseable: {exc!r}") from exc
    return msg, [t for t in plain if t], markup, mailstd.defect_names(msg), error


_BOUNDARY = re.compile(rb'(?i)boundary\s*=\s*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))')
_DELIMITER = re.compile(rb"(?m)^--([^\r\n]{1,200}?)[ \t]*\r?$")


def check_parts(raw: bytes, limits: MailLimits) -> None:
    """Count the part delimiters of every declared boundary before anything is parsed.

    The parser builds an object per part, so a mail of a million tiny parts costs gigabytes
    however small its bytes; this bounds that with one scan of the raw bytes.
    """
    boundaries = {a or b for a, b in _BOUNDARY.findall(raw)}
    if not boundaries:
        return
    count = 0
    for match in _DELIMITER.finditer(raw):
        if match.group(1) in boundaries:
            count += 1
            if count > limits.max_parts:
                raise MailParseError(
                    QuarantineReason.TOO_MANY_PARTS, f"more than {limits.max_parts} MIME parts"
                )


def parse_mail(raw: bytes, limits: MailLimits) -> ParsedMail:
    """Parse raw bytes; raise MailParseError when the mail breaks a limit or is not a mail."""
    if not raw.strip():
        raise MailParseError(QuarantineReason.MALFORMED_MIME, "empty message")
    check_parts(raw, limits)
    msg, texts, markup, defects, error = _read(raw)
    headers = [(k.lower(), _text_of(v)) for k, v in msg.items()]
    if not headers:
        raise MailParseError(QuarantineReason.MALFORMED_MIME, "no headers")
    from_addr, from_name = _first_addr(mailstd.from_pairs(msg))
    reply_addr, _ = _first_addr(email.utils.getaddresses(msg.get_all("Reply-To") or []))
    if not texts and markup:
        texts = [_html_to_text(h) for h in markup]
    date: dt.datetime | None = None
    date_header = msg.get("Date")
    if date_header:
        try:
            date = email.utils.parsedate_to_datetime(str(date_header))
            if date is not None and date.tzinfo is None:
                date = date.replace(tzinfo=dt.UTC)
        except (TypeError, ValueError, IndexError):
            date = None
    out = ParsedMail(
        message_id=first_msg_id(_text_of(msg.get("Message-ID"))),
        from_addr=from_addr,
        from_name=from_name,
        reply_to=reply_addr,
        subject=mailstd.first_subject(msg),
        date=date,
        in_reply_to=" ".join(msg_ids(_text_of(msg.get("In-Reply-To")))) or None,
        references=" ".join(msg_ids(_text_of(msg.get("References")))) or None,
        headers=headers,
        body_text="\n".join(texts),
        defects=defects,
        content_type=msg.get_content_type(),
        structure=mailstd.structure(msg),
        report_type=(str(msg.get_param("report-type") or "").lower() or None)
        if msg.get_content_type() == "multipart/report"
        else None,
        parser_error=error,
    )
    try:
        _walk(msg, limits, out)
    except RecursionError as exc:
        raise MailParseError(QuarantineReason.NESTING_TOO_DEEP, "MIME nesting too deep") from exc
    return out
