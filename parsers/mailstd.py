"""What the standard library alone reads from a mail: headers, text bodies, MIME structure.

Used beside mail-parser in two ways: always for the few header facts mail-parser gets wrong
(two `Subject:` headers come back as a Python list; we take the first), and as the whole
fallback when mail-parser raises on a valid mail (an `AttributeError` deep in its parse has
been seen on real delivery reports). Hand-written because it is the fallback for the library.
"""

from __future__ import annotations

import email
import email.header
import email.utils
import re
from collections.abc import Iterator
from email.message import Message

# a part delimiter line (`--boundary`, or `--boundary--` at the end)
_DELIMITER_LINE = re.compile(r"(?m)^--(\S{1,200}?)(?:--)?[ \t]*\r?$")


def decode_header_text(value: object) -> str:
    """A header value with RFC 2047 words decoded and whitespace collapsed; never raises."""
    if value is None:
        return ""
    text = str(value)
    if "=?" in text:
        try:  # noqa: SIM105 - an undecodable header is kept as written
            text = str(email.header.make_header(email.header.decode_header(text)))
        except (ValueError, LookupError, UnicodeDecodeError, TypeError):
            pass
    return " ".join(text.split())


def first_subject(msg: Message) -> str:
    """The first Subject header, decoded (a second one is ignored, never listed)."""
    values = msg.get_all("Subject") or []
    return decode_header_text(values[0]) if values else ""


def from_pairs(msg: Message) -> list[tuple[str, str]]:
    """(name, address) for every address in every From header."""
    values = [" ".join(str(v).split()) for v in msg.get_all("From") or []]
    return [(decode_header_text(n), a) for n, a in email.utils.getaddresses(values)]


def _part_text(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:
        return payload.decode("utf-8", errors="replace")


def recovered_multipart(part: Message) -> Message | None:
    """A multipart part whose boundary was lost, read again with the boundary its own
    delimiter lines show; None when it has none.

    Some servers fold `Content-Type: multipart/alternative;` onto a next line without the
    indent, so the parser never sees the boundary and keeps the whole part as one string.
    """
    payload = part.get_payload()
    if part.get_content_maintype() != "multipart" or not isinstance(payload, str):
        return None
    found = _DELIMITER_LINE.search(payload)
    if found is None:
        return None
    header = f'Content-Type: {part.get_content_type()}; boundary="{found.group(1)}"\n\n'
    again = email.message_from_string(header + payload)
    return again if again.is_multipart() else None


def walk_parts(msg: Message) -> Iterator[Message]:
    """Every part of the mail, like `Message.walk`, with lost-boundary multiparts read again."""
    for part in msg.walk():
        again = recovered_multipart(part)
        if again is None:
            yield part
        else:
            yield from walk_parts(again)


def text_bodies(msg: Message) -> tuple[list[str], list[str]]:
    """(plain, html) texts of the body parts that are not attachments, in order."""
    plain: list[str] = []
    markup: list[str] = []
    for part in walk_parts(msg):
        if part.is_multipart() or part.get_content_maintype() != "text":
            continue
        if (part.get_content_disposition() or "") == "attachment" or part.get_filename():
            continue
        target = markup if part.get_content_subtype() == "html" else plain
        target.append(_part_text(part))
    return plain, markup


def defect_names(msg: Message) -> list[str]:
    """The class names of every defect the parser noted, anywhere in the tree."""
    names: set[str] = set()
    for part in msg.walk():
        names.update(type(d).__name__ for d in getattr(part, "defects", []))
    return sorted(names)


def structure(msg: Message) -> list[str]:
    """Content types of the mail's own parts (top first), not those inside forwarded mails."""
    out: list[str] = []
    stack = [msg]
    while stack:
        part = stack.pop()
        ctype = part.get_content_type()
        out.append(ctype)
        if ctype == "message/rfc822":
            continue
        payload = part.get_payload()
        if part.is_multipart() and isinstance(payload, list) and ctype.startswith("multipart/"):
            stack.extend(p for p in reversed(payload) if isinstance(p, Message))
    return out
