"""Realistic inbound mails for the intake tests, as the department's mailbox holds them.

Every builder returns raw RFC 5322 bytes with CRLF line ends, as delivered: a Return-Path and
Delivered-To from the final delivery, a Received chain whose last hop is the department's MX
(`DEPARTMENT_MX`), that server's Authentication-Results (pass, fail, none or absent), and the
sender's own hops and DKIM signature below it. Arguments are keyword-only with defaults
(`forwarded_mail` also takes the original positionally), so `contract_mail()` alone is a valid
Outlook mail with one contract PDF. `realistic_corpus()` bundles one mail of each kind with the
classification the pipeline should reach.

The MIME is written by hand, not with the standard library's generator, because the point is
to reproduce what particular clients send (Outlook's related/alternative with an inline logo
and quoted-printable, Gmail's base64 and RFC 2047 file names, Thunderbird's 8bit text and
RFC 2231 continuations, Apple Mail's inline PDF between HTML parts and NFD file names), shapes
that the generator would normalise away. Output is deterministic: identical arguments give
identical bytes, including the Message-ID, which is derived from the content.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import datetime as dt
import email.charset
import email.header
import email.policy
import email.utils
import hashlib
import html
import unicodedata
import urllib.parse
from dataclasses import dataclass, field
from enum import StrEnum
from zoneinfo import ZoneInfo

from mailbox_ingest.domain.enums import Classification
from samples.corpus.minipdf import DEFAULT_LINES, contract_pdf

CRLF = b"\r\n"
DEPARTMENT_MX = "mx.wse.test"
MAILBOX_HOST = "imap.wse.test"
MAILBOX = "enclaves@wse.test"
BRUSSELS = ZoneInfo("Europe/Brussels")
DEFAULT_DATE = dt.datetime(2017, 3, 1, 10, 12, 11, tzinfo=BRUSSELS)
DEFAULT_SENDER = "secretariaat@deploeg.be"
DEFAULT_SENDER_NAME = "Secretariaat De Ploeg"
DEFAULT_PDF_NAME = "ondernemingscontract_Peeters_één.pdf"

Attachment = tuple[str, bytes, str]  # file name, content, MIME type


class Style(StrEnum):
    """The mail client whose output a builder imitates."""

    OUTLOOK = "outlook"
    GMAIL = "gmail"
    THUNDERBIRD = "thunderbird"
    APPLE = "apple"
    PLAIN = "plain"  # a scanner or a script: bare multipart/mixed, us-ascii text


class Auth(StrEnum):
    """Verdict the department's MX wrote in Authentication-Results (None: no header at all)."""

    PASS = "pass"
    FAIL = "fail"
    NONE = "none"  # the sender's domain publishes no SPF, DKIM or DMARC


class FilenameEncoding(StrEnum):
    """How a non-ASCII attachment file name is written in the MIME headers."""

    RFC2231 = "rfc2231"  # filename*=utf-8''%C3%A9...
    RFC2231_CONTINUED = "rfc2231_continued"  # filename*0*=...; filename*1*=...
    RFC2047 = "rfc2047"  # filename="=?utf-8?B?...?=" (not standard, but what most clients do)
    RAW = "raw"  # bare UTF-8 bytes in the header


@dataclass
class Entity:
    """One MIME entity: its header fields and its already encoded body."""

    headers: list[tuple[str, str]]
    body: bytes = b""

    def render(self) -> bytes:
        """The entity as bytes: header lines, an empty line, the body."""
        head = b"".join(f"{k}: {v}".encode() + CRLF for k, v in self.headers)
        return head + CRLF + self.body


@dataclass
class Envelope:
    """Delivery facts every builder shares: who, to whom, when, and how it was authenticated."""

    sender: str = DEFAULT_SENDER
    to: str = MAILBOX
    date: dt.datetime = DEFAULT_DATE
    received: dt.datetime | None = None  # when the department's MX took it; default date + 6 s
    auth: Auth | str | None = Auth.PASS
    return_path: str | None = None  # default: the sender; "" gives the null path <>
    relay: str = ""  # host that handed the mail to the department's MX; default per domain
    foreign_auth: list[str] = field(default_factory=list)  # A-R values added by other hosts
    forged_auth: list[str] = field(default_factory=list)  # A-R below the MX hop, any authserv


def seed_hex(*parts: object, n: int = 16) -> str:
    """A deterministic hex string derived from `parts`."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:n]


def local(date: dt.datetime) -> dt.datetime:
    """`date` with Brussels time attached when it is naive."""
    return date if date.tzinfo else date.replace(tzinfo=BRUSSELS)


def rfc_date(date: dt.datetime, *, comment: bool = False) -> str:
    """RFC 5322 date; with `comment`, Postfix's "(CET)" zone comment."""
    text = email.utils.format_datetime(local(date))
    return f"{text} ({local(date).tzname()})" if comment else text


def b64(data: bytes) -> bytes:
    """Base64 in 76-character CRLF lines."""
    return base64.encodebytes(data).replace(b"\n", CRLF)


def qp(text: str, charset: str) -> bytes:
    """Quoted-printable text with CRLF line ends."""
    raw = text.replace("\r\n", "\n").encode(charset)
    return binascii.b2a_qp(raw, istext=True).replace(b"\n", CRLF)


def encode_words(text: str, charset: str = "utf-8", *, q: bool = True, name: str = "") -> str:
    """RFC 2047 encoded words for a header value, folded with CRLF; ASCII text is left alone."""
    if text.isascii():
        return text
    cs = email.charset.Charset(charset)
    cs.header_encoding = email.charset.QP if q else email.charset.BASE64
    return email.header.Header(text, cs, header_name=name or None).encode(linesep="\r\n")


def address(name: str, addr: str, charset: str = "utf-8", *, q: bool = True) -> str:
    """A mailbox as `Name <addr>`, the name quoted or RFC 2047 encoded as needed."""
    if not name:
        return addr
    if name.isascii():
        return email.utils.formataddr((name, addr))
    return f"{encode_words(name, charset, q=q)} <{addr}>"


def file_params(key: str, filename: str, how: FilenameEncoding) -> str:
    """A `filename`/`name` parameter written the way `how` says."""
    if filename.isascii() and '"' not in filename:
        return f'{key}="{filename}"'
    if how is FilenameEncoding.RAW:
        return f'{key}="{filename}"'
    if how is FilenameEncoding.RFC2047:
        return f'{key}="{encode_words(filename, q=False)}"'
    quoted = urllib.parse.quote(filename, safe="")
    if how is FilenameEncoding.RFC2231:
        return f"{key}*=utf-8''{quoted}"
    chunks = [quoted[i : i + 40] for i in range(0, len(quoted), 40)]
    # never split a %XX escape across two continuations
    for i in range(len(chunks) - 1):
        cut = chunks[i].rfind("%", len(chunks[i]) - 2)
        if cut != -1:
            chunks[i + 1] = chunks[i][cut:] + chunks[i + 1]
            chunks[i] = chunks[i][:cut]
    first = f"{key}*0*=UTF-8''{chunks[0]}"
    rest = [f"{key}*{i}*={c}" for i, c in enumerate(chunks[1:], start=1)]
    return ";\r\n ".join([first, *rest])


def multipart(
    subtype: str, boundary: str, parts: list[Entity], *, params: str = "", preamble: bytes = b""
) -> Entity:
    """A multipart entity holding `parts`, closed with its final delimiter."""
    delim = b"--" + boundary.encode()
    body = preamble + b"".join(delim + CRLF + p.render() + CRLF for p in parts)
    extra = f" {params};" if params else ""
    ctype = f'multipart/{subtype};{extra}\r\n\tboundary="{boundary}"'
    return Entity([("Content-Type", ctype)], body + delim + b"--" + CRLF)


def auth_results(verdict: Auth | str, domain: str, sender: str, *, authserv: str) -> str:
    """An Authentication-Results value as an OpenDKIM/OpenDMARC/SPF milter chain writes it."""
    v = Auth(verdict)
    dkim = {
        "pass": "pass (2048-bit key; secure)",
        "fail": "fail (signature verification failed)",
        "none": "none",
    }[v]
    dmarc = {
        "pass": "pass (p=quarantine dis=none)",
        "fail": "fail (p=reject dis=quarantine)",
        "none": "none (p=none dis=none)",
    }[v]
    spf = {
        "pass": f"pass ({authserv}: domain of {sender} designates 192.0.2.25 as permitted sender)",
        "fail": f"fail ({authserv}: domain of {sender} does not designate "
        "203.0.113.66 as permitted sender)",
        "none": f"none ({authserv}: no SPF record)",
    }
    return (
        f"{authserv};\r\n\tdkim={dkim} header.d={domain} header.i=@{domain};\r\n"
        f"\tdmarc={dmarc} header.from={domain};\r\n\tspf={spf[v]} smtp.mailfrom={sender}"
    )


def trace_headers(env: Envelope, *, sender_hops: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Return-Path, Delivered-To, the department's Received hops and A-R, then the sender's."""
    domain = env.sender.rpartition("@")[2] or "unknown.test"
    arrived = local(env.received or local(env.date) + dt.timedelta(seconds=6))
    relay = env.relay or f"mail.{domain}"
    rp = env.sender if env.return_path is None else env.return_path
    qid = seed_hex(env.sender, env.date, env.to, n=10).upper()
    out: list[tuple[str, str]] = [
        ("Return-Path", f"<{rp}>"),
        ("Delivered-To", env.to),
        (
            "Received",
            f"from {DEPARTMENT_MX}\r\n\tby {MAILBOX_HOST} with LMTP\r\n\tid "
            f"{seed_hex(qid, n=22)}\r\n\t(envelope-from <{rp}>)\r\n\tfor <{env.to}>; "
            f"{rfc_date(arrived + dt.timedelta(seconds=1))}",
        ),
    ]
    if env.auth is not None:
        out.append(
            (
                "Authentication-Results",
                auth_results(env.auth, domain, env.sender, authserv=DEPARTMENT_MX),
            )
        )
    out.append(
        (
            "Received",
            f"from {relay} ({relay} [192.0.2.25])\r\n\tby {DEPARTMENT_MX} "
            f"(Postfix) with ESMTPS id {qid}\r\n\tfor <{env.to}>; "
            f"{rfc_date(arrived, comment=True)}",
        )
    )
    out += [("Authentication-Results", value) for value in env.forged_auth]
    out += [("Authentication-Results", value) for value in env.foreign_auth]
    out += sender_hops
    out.append(
        (
            "DKIM-Signature",
            f"v=1; a=rsa-sha256; c=relaxed/relaxed; d={domain};\r\n\t"
            f"s=sel1; t={int(local(env.date).timestamp())};\r\n\t"
            f"h=from:to:subject:date:message-id;\r\n\tbh={_fake_b64(qid, 32)}"
            f";\r\n\tb={_fake_b64(qid, 96)}",
        )
    )
    return out


def _fake_b64(seed: str, size: int) -> str:
    """Base64 text that looks like a digest or signature (nothing verifies it)."""
    return base64.b64encode(hashlib.shake_256(seed.encode()).digest(size)).decode()


def dutch_date(day: dt.date) -> str:
    """A date written out in Dutch, as in "1 maart 2018"."""
    months = (
        "januari februari maart april mei juni juli augustus september oktober november december"
    ).split()
    return f"{day.day} {months[day.month - 1]} {day.year}"


def default_attachments() -> list[Attachment]:
    """The one contract PDF a contract mail carries unless told otherwise."""
    return [(DEFAULT_PDF_NAME, contract_pdf(), "application/pdf")]


def nfc(name: str) -> str:
    """`name` in composed form (Apple Mail sends decomposed file names)."""
    return unicodedata.normalize("NFC", name)


def html_paragraphs(body: str) -> str:
    """The text's paragraphs as escaped HTML paragraphs with line breaks."""
    paras = [p for p in body.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "\n".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paras)


@dataclass
class Draft:
    """What the person typed, independent of the client that writes it out."""

    sender_name: str = DEFAULT_SENDER_NAME
    subject: str = "Ondernemingscontract enclave"
    body: str = "Geachte,\n\nIn bijlage het ondernemingscontract.\n\nMet vriendelijke groeten"
    attachments: list[Attachment] = field(default_factory=list)
    parts: list[Entity] = field(default_factory=list)  # extra ready-made parts (message/rfc822)
    headers: list[tuple[str, str]] = field(default_factory=list)  # extra client headers
    message_id: str | None = None
    filename_encoding: FilenameEncoding | None = None


def _charset(style: Style, draft: Draft) -> str:
    """The charset the client picks for the text: Outlook prefers Latin-1 when it fits."""
    if style is Style.OUTLOOK:
        try:
            (draft.body + draft.subject + draft.sender_name).encode("iso-8859-1")
            return "iso-8859-1"
        except UnicodeEncodeError:
            return "utf-8"
    if style is Style.PLAIN and (draft.body + draft.subject).isascii():
        return "us-ascii"
    return "utf-8"


def _attachment(
    style: Style, name: str, data: bytes, mime: str, date: dt.datetime, how: FilenameEncoding | None
) -> Entity:
    """One attached file, with the header fields and order that `style` writes."""
    default = {
        Style.OUTLOOK: FilenameEncoding.RFC2047,
        Style.GMAIL: FilenameEncoding.RFC2047,
        Style.THUNDERBIRD: FilenameEncoding.RFC2231_CONTINUED,
        Style.APPLE: FilenameEncoding.RFC2231,
        Style.PLAIN: FilenameEncoding.RFC2231,
    }
    how = how or default[style]
    body = b64(data)
    if style is Style.APPLE:
        name = unicodedata.normalize("NFD", name)
        return Entity(
            [
                ("Content-Disposition", f"inline;\r\n\t{file_params('filename', name, how)}"),
                (
                    "Content-Type",
                    f"{mime};\r\n\tx-unix-mode=0644;\r\n\t"
                    f"{file_params('name', name, FilenameEncoding.RFC2047)}",
                ),
                ("Content-Transfer-Encoding", "base64"),
            ],
            body,
        )
    if style is Style.OUTLOOK:
        stamp = email.utils.format_datetime(local(date).astimezone(dt.UTC), usegmt=True)
        return Entity(
            [
                ("Content-Type", f"{mime}; {file_params('name', name, how)}"),
                ("Content-Description", encode_words(name, q=False)),
                (
                    "Content-Disposition",
                    f"attachment;\r\n\t{file_params('filename', name, how)};"
                    f' size={len(data)};\r\n\tcreation-date="{stamp}";'
                    f'\r\n\tmodification-date="{stamp}"',
                ),
                ("Content-Transfer-Encoding", "base64"),
            ],
            body,
        )
    if style is Style.GMAIL:
        fid = "f_" + seed_hex(name, len(data), n=9)
        return Entity(
            [
                ("Content-Type", f"{mime}; \r\n\t{file_params('name', name, how)}"),
                ("Content-Disposition", f"attachment; \r\n\t{file_params('filename', name, how)}"),
                ("Content-Transfer-Encoding", "base64"),
                ("Content-ID", f"<{fid}>"),
                ("X-Attachment-Id", fid),
            ],
            body,
        )
    name_how = FilenameEncoding.RFC2047 if style is Style.THUNDERBIRD else how
    return Entity(
        [
            ("Content-Type", f"{mime};\r\n {file_params('name', name, name_how)}"),
            ("Content-Transfer-Encoding", "base64"),
            ("Content-Disposition", f"attachment;\r\n {file_params('filename', name, how)}"),
        ],
        body,
    )


def _logo() -> Entity:
    """Outlook's inline signature logo, `image001.png`, referenced from the HTML by Content-ID."""
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (48, 16), (0, 102, 153)).save(buf, format="PNG")
    png = buf.getvalue()
    return Entity(
        [
            ("Content-Type", 'image/png; name="image001.png"'),
            ("Content-Description", "image001.png"),
            ("Content-Disposition", f'inline; filename="image001.png"; size={len(png)}'),
            ("Content-ID", "<image001.png@01D29274.3F0E4A40>"),
            ("Content-Transfer-Encoding", "base64"),
        ],
        b64(png),
    )


def _text(ctype: str, text: str, charset: str, cte: str) -> Entity:
    """A text part in the given transfer encoding."""
    if cte == "quoted-printable":
        body = qp(text, charset)
    elif cte == "base64":
        body = b64(text.encode(charset))
    else:
        body = text.replace("\r\n", "\n").replace("\n", "\r\n").encode(charset)
    headers = [("Content-Type", f'{ctype}; charset="{charset}"')]
    if cte != "7bit" or not text.isascii():
        headers.append(("Content-Transfer-Encoding", cte))
    return Entity(headers, body if body.endswith(CRLF) else body + CRLF)


def _content(style: Style, draft: Draft, date: dt.datetime, seed: str) -> Entity:
    """The top-level content entity: text, HTML, inline images and attachments as `style` nests."""
    cs = _charset(style, draft)
    atts = [
        _attachment(style, n, d, m, date, draft.filename_encoding) for n, d, m in draft.attachments
    ] + draft.parts
    paras = html_paragraphs(draft.body)
    if style is Style.OUTLOOK:
        tag = f"AM5PR0701MB{seed[:4].upper()}{seed[4:20]}EURPRD07PRODOUTLO"
        page = (
            f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={cs}">'
            "\n<style><!-- p.MsoNormal {margin:0cm; font-size:11.0pt;"
            ' font-family:"Calibri",sans-serif;} --></style></head>\n<body lang="NL-BE" '
            f'link="#0563C1"><div class="WordSection1">\n{paras}\n<p class="MsoNormal">'
            '<img width="48" height="16" src="cid:image001.png@01D29274.3F0E4A40"></p>'
            "\n</div></body></html>"
        )
        alt = multipart(
            "alternative",
            f"_000_{tag}_",
            [
                _text("text/plain", draft.body, cs, "quoted-printable"),
                _text("text/html", page, cs, "quoted-printable"),
            ],
        )
        rel = multipart(
            "related", f"_003_{tag}_", [alt, _logo()], params='type="multipart/alternative"'
        )
        return multipart("mixed", f"_004_{tag}_", [rel, *atts]) if atts else rel
    if style is Style.GMAIL:
        cte = "7bit" if draft.body.isascii() else "quoted-printable"
        page = f'<div dir="ltr">{paras}</div>'
        alt = multipart(
            "alternative",
            f"000000000000{seed[:16]}",
            [_text("text/plain", draft.body, "UTF-8", cte), _text("text/html", page, "UTF-8", cte)],
        )
        return multipart("mixed", f"000000000000{seed[16:32]}", [alt, *atts]) if atts else alt
    if style is Style.APPLE:
        page = (
            '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
            '</head><body style="word-wrap: break-word; -webkit-nbsp-mode: space; '
            f'line-break: after-white-space;" class="">{paras}'
        )
        text = _text("text/plain", draft.body, "utf-8", "quoted-printable")
        text.headers.reverse()
        uid = seed[:8].upper()
        if not atts:
            return multipart(
                "alternative",
                f"Apple-Mail=_{uid}-A",
                [text, _text("text/html", page + "</body></html>", "utf-8", "quoted-printable")],
            )
        ascii_name = draft.sender_name.isascii()
        signature = ("us-ascii", "7bit") if ascii_name else ("utf-8", "quoted-printable")
        mixed = multipart(
            "mixed",
            f"Apple-Mail=_{uid}-M",
            [
                _text(
                    "text/html",
                    page + '<div class=""></div></body></html>',
                    "utf-8",
                    "quoted-printable",
                ),
                *atts,
                _text(
                    "text/html",
                    '<html><head></head><body class=""><div class="">'
                    f"{html.escape(draft.sender_name)}</div></body></html>",
                    *signature,
                ),
            ],
        )
        return multipart("alternative", f"Apple-Mail=_{uid}-A", [text, mixed])
    if style is Style.THUNDERBIRD:
        text = _text("text/plain", draft.body, "utf-8", "8bit")
        text.headers[0] = ("Content-Type", "text/plain; charset=utf-8; format=flowed")
        if not atts:
            return text
        return multipart(
            "mixed",
            f"------------{seed[:24].upper()}",
            [text, *atts],
            preamble=b"This is a multi-part message in MIME format.\r\n",
        )
    text = _text("text/plain", draft.body, cs, "7bit" if cs == "us-ascii" else "8bit")
    return multipart("mixed", f"=_scan_{seed[:20]}", [text, *atts]) if atts else text


def _message_id(style: Style, domain: str, seed: str) -> str:
    """A Message-ID in the form the client generates."""
    ids = {
        Style.OUTLOOK: f"<AM5PR0701MB{seed[:4].upper()}{seed[4:32].upper()}"
        f"@AM5PR0701MB{seed[:4].upper()}.eurprd07.prod.outlook.com>",
        Style.GMAIL: f"<CAF{seed[:40]}+{seed[40:48]}@mail.gmail.com>",
        Style.THUNDERBIRD: f"<{seed[:8]}-{seed[8:12]}-{seed[12:16]}-{seed[16:20]}-"
        f"{seed[20:32]}@{domain}>",
        Style.APPLE: f"<{seed[:8].upper()}-{seed[8:12].upper()}-{seed[12:16].upper()}-"
        f"{seed[16:20].upper()}-{seed[20:32].upper()}@{domain}>",
        Style.PLAIN: f"<{seed[:14]}.{seed[14:20]}@scan.{domain}>",
    }
    return ids[style]


def _client(
    style: Style, env: Envelope, draft: Draft, mid: str, cs: str, has_att: bool, seed: str
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The client's own header fields and the sender-side Received hops, in the client's order."""
    q = style is not Style.PLAIN
    cs_head = cs if cs != "us-ascii" else "utf-8"
    frm = ("From", address(draft.sender_name, env.sender, cs_head, q=q))
    to = ("To", env.to)
    subj = ("Subject", encode_words(draft.subject, cs_head, q=q, name="Subject"))
    date = (
        "Date",
        rfc_date(local(env.date).astimezone(dt.UTC) if style is Style.OUTLOOK else env.date),
    )
    msgid = ("Message-ID", mid)
    domain = env.sender.rpartition("@")[2]
    sent = rfc_date(local(env.date) + dt.timedelta(seconds=2))
    if style is Style.OUTLOOK:
        host = f"AM5PR0701MB{seed[:4].upper()}.eurprd07.prod.outlook.com"
        index = base64.b64encode(bytes.fromhex(seed[:44])).decode()
        heads = [
            frm,
            to,
            subj,
            ("Thread-Topic", encode_words(draft.subject, cs_head, name="T")),
            ("Thread-Index", index),
            date,
            msgid,
            *draft.headers,
            ("Accept-Language", "nl-BE, en-US"),
            ("Content-Language", "nl-BE"),
            ("X-MS-Has-Attach", "yes" if has_att else ""),
            ("X-MS-TNEF-Correlator", ""),
            ("x-originating-ip", "[198.51.100.23]"),
            ("MIME-Version", "1.0"),
        ]
        hops = [
            (
                "Received",
                f"from {host} (2603:10a6:203:1::{seed[:2]}) by\r\n {host} with "
                "Microsoft SMTP Server (version=TLS1_2,\r\n cipher=TLS_ECDHE_RSA_WITH_"
                f"AES_256_CBC_SHA384_P384) id\r\n 15.20.0527.12; {sent}",
            )
        ]
    elif style is Style.GMAIL:
        heads = [("MIME-Version", "1.0"), frm, date, msgid, subj, to, *draft.headers]
        hops = [
            ("X-Google-Smtp-Source", f"AG47ELt{seed[:40]}"),
            ("X-Received", f"by 2002:adf:{seed[:4]}:: with SMTP id x{seed[4:8]}.3;\r\n\t{sent}"),
            (
                "Received",
                f"by mail-wr1-f41.google.com with SMTP id x{seed[8:12]}so\r\n\tfor "
                f"<{env.to}>; {sent}",
            ),
        ]
    elif style is Style.APPLE:
        heads = [
            frm,
            ("Mime-Version", "1.0 (Mac OS X Mail 11.2 \\(3445.5.20\\))"),
            subj,
            msgid,
            date,
            to,
            *draft.headers,
            ("X-Mailer", "Apple Mail (2.3445.5.20)"),
        ]
        hops = [
            (
                "Received",
                f"from macbook-pro.home (ip-198-51-100-7.dyn.test [198.51.100.7])"
                f"\r\n\tby mail.{domain} (Postfix) with ESMTPSA id {seed[:10].upper()}"
                f"\r\n\tfor <{env.to}>; {sent}",
            )
        ]
    elif style is Style.THUNDERBIRD:
        heads = [
            to,
            frm,
            subj,
            msgid,
            date,
            *draft.headers,
            (
                "User-Agent",
                "Mozilla/5.0 (Windows NT 10.0; WOW64; rv:52.0) Gecko/20100101"
                "\r\n Thunderbird/52.6.0",
            ),
            ("MIME-Version", "1.0"),
            ("Content-Language", "nl-BE"),
        ]
        hops = [
            (
                "Received",
                f"from [192.168.10.23] (ip-198-51-100-34.dyn.test [198.51.100.34])"
                f"\r\n\tby mail.{domain} (Postfix) with ESMTPSA id {seed[:10].upper()}"
                f"\r\n\tfor <{env.to}>; {sent}",
            )
        ]
    else:
        heads = [frm, to, subj, date, msgid, *draft.headers, ("MIME-Version", "1.0")]
        hops = [
            (
                "Received",
                f"from scan.{domain} ([192.168.10.40])\r\n\tby mail.{domain} "
                f"(Postfix) with ESMTP id {seed[:10].upper()}; {sent}",
            )
        ]
    return heads, hops


def compose(style: Style | str, env: Envelope, draft: Draft) -> bytes:
    """Write `draft` as `style` does and deliver it per `env`: the raw bytes in the mailbox."""
    style = Style(style)
    seed = seed_hex(
        style,
        env.sender,
        env.to,
        env.date,
        draft.subject,
        draft.body,
        [(n, hashlib.sha256(d).hexdigest()) for n, d, _ in draft.attachments],
        n=64,
    )
    domain = env.sender.rpartition("@")[2] or "unknown.test"
    mid = draft.message_id or _message_id(style, domain, seed)
    cs = _charset(style, draft)
    relays = {
        Style.OUTLOOK: "mail-db5eur01on0107.outbound.protection.outlook.com",
        Style.GMAIL: "mail-wr1-f41.google.com",
    }
    if not env.relay and style in relays:
        env = dataclasses.replace(env, relay=relays[style])
    content = _content(style, draft, env.date, seed)
    heads, hops = _client(style, env, draft, mid, cs, bool(draft.attachments or draft.parts), seed)
    if style is Style.APPLE:  # Apple puts Content-Type right after From
        heads[1:1] = content.headers
        content_headers: list[tuple[str, str]] = []
    else:
        content_headers = content.headers
    trace = trace_headers(env, sender_hops=hops)
    return Entity(trace + heads + content_headers, content.body).render()


def contract_mail(
    *,
    sender: str = DEFAULT_SENDER,
    sender_name: str = DEFAULT_SENDER_NAME,
    to: str = MAILBOX,
    subject: str = "Ondernemingscontract enclave Bakkerij Peeters - één nieuwe enclave",
    body: str | None = None,
    attachments: list[Attachment] | None = None,
    date: dt.datetime = DEFAULT_DATE,
    received: dt.datetime | None = None,
    style: Style | str = Style.OUTLOOK,
    auth: Auth | str | None = Auth.PASS,
    message_id: str | None = None,
    filename_encoding: FilenameEncoding | None = None,
    extra_headers: list[tuple[str, str]] | None = None,
) -> bytes:
    """A workplace sends one or more contracts as attachments (default: one text PDF)."""
    body = (
        body
        if body is not None
        else (
            "Geachte,\n\nIn bijlage vindt u het ondernemingscontract voor de enclave bij Bakkerij "
            "Peeters NV (0123.456.749), die start op 1 maart 2017.\n\nMet vriendelijke groeten,\n\n"
            f"{sender_name}\nDe Ploeg vzw - maatwerkbedrijf"
        )
    )
    draft = Draft(
        sender_name=sender_name,
        subject=subject,
        body=body,
        attachments=default_attachments() if attachments is None else attachments,
        headers=extra_headers or [],
        message_id=message_id,
        filename_encoding=filename_encoding,
    )
    env = Envelope(sender=sender, to=to, date=date, received=received, auth=auth)
    return compose(style, env, draft)


def _subject_of(raw: bytes) -> str:
    """The decoded Subject of a raw message ("" when it has none)."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    return str(msg.get("Subject", ""))


def forwarded_mail(
    original: bytes,
    *,
    forwarder: str = DEFAULT_SENDER,
    forwarder_name: str = DEFAULT_SENDER_NAME,
    to: str = MAILBOX,
    subject: str | None = None,
    body: str = "Geachte,\n\nHierbij het door de klant ondertekende contract, "
    "zoals wij het van hen ontvingen.\n\nMet vriendelijke groeten",
    date: dt.datetime = DEFAULT_DATE + dt.timedelta(days=1),
    style: Style | str = Style.OUTLOOK,
    auth: Auth | str | None = Auth.PASS,
    message_id: str | None = None,
) -> bytes:
    """Someone forwards `original` as an attached `message/rfc822` (Outlook's "as attachment")."""
    subject = subject if subject is not None else f"FW: {_subject_of(original)}"
    cte = "7bit" if original.isascii() else "8bit"
    part = Entity(
        [
            ("Content-Type", "message/rfc822"),
            ("Content-Transfer-Encoding", cte),
            ("Content-Disposition", "attachment"),
        ],
        original,
    )
    draft = Draft(
        sender_name=forwarder_name, subject=subject, body=body, parts=[part], message_id=message_id
    )
    return compose(style, Envelope(sender=forwarder, to=to, date=date, auth=auth), draft)


def inline_forward(
    *,
    original_sender: str = DEFAULT_SENDER,
    original_sender_name: str = DEFAULT_SENDER_NAME,
    original_subject: str = "Ondernemingscontract enclave Bakkerij Peeters",
    original_date: dt.datetime = DEFAULT_DATE,
    original_body: str = "Geachte,\n\nIn bijlage het ondernemingscontract.\n\n"
    "Met vriendelijke groeten",
    attachments: list[Attachment] | None = None,
    forwarder: str = "jan.devos@wse.test",
    forwarder_name: str = "Jan De Vos",
    to: str = MAILBOX,
    note: str = "Graag registreren, zie hieronder.",
    date: dt.datetime = DEFAULT_DATE + dt.timedelta(days=1),
    style: Style | str = Style.OUTLOOK,
    auth: Auth | str | None = Auth.PASS,
    message_id: str | None = None,
) -> bytes:
    """A forward with the original quoted in the body and its attachments attached again."""
    quoted = "\n".join(
        [
            "-------- Doorgestuurd bericht --------",
            f"Onderwerp: \t{original_subject}",
            f"Datum: \t{rfc_date(original_date)}",
            f"Van: \t{original_sender_name} <{original_sender}>",
            f"Aan: \t{MAILBOX}",
            "",
            original_body,
        ]
    )
    prefix = "FW" if Style(style) is Style.OUTLOOK else "Fwd"
    draft = Draft(
        sender_name=forwarder_name,
        subject=f"{prefix}: {original_subject}",
        body=f"{note}\n\n{quoted}",
        message_id=message_id,
        attachments=default_attachments() if attachments is None else attachments,
    )
    return compose(style, Envelope(sender=forwarder, to=to, date=date, auth=auth), draft)


TERMINATION_WORDINGS: tuple[str, ...] = (
    "Geachte,\n\nHierbij melden wij de stopzetting van de enclave bij {company} ({number}) met "
    "ingang van {long}.\n\nMet vriendelijke groeten",
    "Beste,\n\nDe enclavewerking bij {company} (ondernemingsnummer {number}) wordt stopgezet "
    "vanaf {slash}. De laatste werkdag van onze ploeg is de dag ervoor.\n\nMvg",
    "Geachte heer, mevrouw,\n\nWij delen u mee dat het ondernemingscontract met {company} "
    "eindigt op {dash}. De klant heeft de overeenkomst opgezegd.\n\nHoogachtend",
    "Dag,\n\nOpzeg enclave {company} ({number}) per {dot}.\n\nGroeten",
    "Goedemiddag,\n\nIn navolging van ons telefoongesprek bevestigen wij de beëindiging van de "
    "enclave bij {company} op {long}; er werken vanaf dan geen doelgroepwerknemers meer ter "
    "plaatse.\n\nVriendelijke groet",
)


def termination_mail(
    *,
    sender: str = DEFAULT_SENDER,
    sender_name: str = DEFAULT_SENDER_NAME,
    to: str = MAILBOX,
    company: str = "Bakkerij Peeters NV",
    number: str = "0123.456.749",
    end: dt.date = dt.date(2018, 3, 1),
    wording: int = 0,
    subject: str | None = None,
    date: dt.datetime = DEFAULT_DATE.replace(year=2018, month=2),
    style: Style | str = Style.OUTLOOK,
    auth: Auth | str | None = Auth.PASS,
    message_id: str | None = None,
) -> bytes:
    """A workplace reports the end of an enclave in the body, with no attachment."""
    body = TERMINATION_WORDINGS[wording % len(TERMINATION_WORDINGS)].format(
        company=company,
        number=number,
        long=dutch_date(end),
        slash=end.strftime("%d/%m/%Y"),
        dash=f"{end.day}-{end.month}-{end.year}",
        dot=end.strftime("%d.%m.%Y"),
    )
    subjects = (
        "Stopzetting enclave",
        "Einde enclave",
        "Opzeg ondernemingscontract",
        "stopzetting",
        "Beëindiging enclavewerking",
    )
    draft = Draft(
        sender_name=sender_name,
        body=body,
        message_id=message_id,
        subject=subject or f"{subjects[wording % len(subjects)]} {company}",
    )
    return compose(style, Envelope(sender=sender, to=to, date=date, auth=auth), draft)


QUESTIONS: tuple[str, ...] = (
    "Moet een enclave bij een ander maatwerkbedrijf ook gemeld worden, of enkel bij gewone "
    "bedrijven?",
    "Wij sturen het contract volgende week als bijlage door, zodra de klant heeft getekend. "
    "Volstaat dat nog als de start op 1 april is?",
    "Kan u bevestigen dat u ons contract van vorige maand goed ontvangen hebt? Wij kregen geen "
    "ontvangstbevestiging.",
)


def question_mail(
    *,
    sender: str = DEFAULT_SENDER,
    sender_name: str = DEFAULT_SENDER_NAME,
    to: str = MAILBOX,
    question: int = 0,
    subject: str = "Vraag over enclaves",
    date: dt.datetime = DEFAULT_DATE,
    style: Style | str = Style.GMAIL,
    auth: Auth | str | None = Auth.PASS,
    message_id: str | None = None,
) -> bytes:
    """A person asks something and attaches nothing (some wordings mention a contract)."""
    body = (
        f"Goedemorgen,\n\n{QUESTIONS[question % len(QUESTIONS)]}\n\nAlvast bedankt,\n{sender_name}"
    )
    draft = Draft(sender_name=sender_name, subject=subject, body=body, message_id=message_id)
    return compose(style, Envelope(sender=sender, to=to, date=date, auth=auth), draft)


class AutoReply(StrEnum):
    """Kinds of out-of-office replies, each marked differently (or hardly) as automatic."""

    EXCHANGE = "exchange"  # Auto-Submitted, X-Auto-Response-Suppress, "Automatisch antwoord:"
    GMAIL = "gmail"  # Gmail's vacation responder: Auto-Submitted and Precedence: bulk
    AFWEZIG = "afwezig"  # only "Afwezig" as the subject and X-Autoreply: yes


ACK_SUBJECT = "Ontvangstbevestiging ondernemingscontract"
ACK_MESSAGE_ID = "<ack-20170301-0001@wse.test>"


def out_of_office(
    *,
    kind: AutoReply | str = AutoReply.EXCHANGE,
    sender: str = "an.peeters@deploeg.be",
    sender_name: str = "An Peeters",
    to: str = MAILBOX,
    in_reply_to: str = ACK_MESSAGE_ID,
    original_subject: str = ACK_SUBJECT,
    back: dt.date = dt.date(2017, 3, 15),
    date: dt.datetime = DEFAULT_DATE + dt.timedelta(minutes=5),
    auth: Auth | str | None = Auth.PASS,
    message_id: str | None = None,
) -> bytes:
    """An out-of-office answer to one of our acknowledgements."""
    kind = AutoReply(kind)
    body = (
        f"Beste,\n\nIk ben afwezig tot en met {dutch_date(back)} en heb geen toegang tot "
        "mijn mails. Voor dringende zaken kan u terecht bij secretariaat@deploeg.be.\n\n"
        f"Met vriendelijke groeten,\n{sender_name}"
    )
    thread = [("In-Reply-To", in_reply_to), ("References", in_reply_to)]
    if kind is AutoReply.EXCHANGE:
        style, subject = Style.OUTLOOK, f"Automatisch antwoord: {original_subject}"
        extra = [
            *thread,
            ("Auto-Submitted", "auto-replied"),
            ("X-Auto-Response-Suppress", "All"),
            ("X-MS-Exchange-Inbox-Rules-Loop", sender),
        ]
    elif kind is AutoReply.GMAIL:
        style, subject = Style.GMAIL, "Met verlof"
        extra = [*thread, ("Auto-Submitted", "auto-replied"), ("Precedence", "bulk")]
    else:
        style, subject = Style.PLAIN, "Afwezig"
        extra = [("X-Autoreply", "yes")]
    draft = Draft(
        sender_name=sender_name, subject=subject, body=body, headers=extra, message_id=message_id
    )
    return compose(style, Envelope(sender=sender, to=to, date=date, auth=auth), draft)


def acknowledgement_headers(
    *, to: str = "an.peeters@deploeg.be", date: dt.datetime = DEFAULT_DATE + dt.timedelta(minutes=2)
) -> bytes:
    """The header block of one of our own acknowledgements, as a bounce quotes it."""
    lines = [
        f"Return-Path: <{MAILBOX}>",
        f"From: Departement WSE <{MAILBOX}>",
        f"To: {to}",
        f"Subject: {ACK_SUBJECT}",
        f"Date: {rfc_date(date)}",
        f"Message-ID: {ACK_MESSAGE_ID}",
        "Auto-Submitted: auto-replied",
        "In-Reply-To: <AM5PR0701MB0001@AM5PR0701MB0001.eurprd07.prod.outlook.com>",
        "MIME-Version: 1.0",
        'Content-Type: text/plain; charset="utf-8"',
        "",
    ]
    return "\r\n".join(lines).encode()


class BounceKind(StrEnum):
    """A standard delivery status notification, or Exchange's own non-delivery report."""

    DSN = "dsn"  # multipart/report; report-type=delivery-status, from MAILER-DAEMON
    EXCHANGE_NDR = "exchange_ndr"  # HTML + the original as message/rfc822, "Onbestelbaar:"


def bounce(
    *,
    kind: BounceKind | str = BounceKind.DSN,
    recipient: str = "an.peeters@deploeg.be",
    original: bytes | None = None,
    to: str = MAILBOX,
    language: str = "nl",
    date: dt.datetime = DEFAULT_DATE + dt.timedelta(minutes=3),
    auth: Auth | str | None = Auth.NONE,
) -> bytes:
    """A bounce of one of our acknowledgements, with the original headers (or message) inside."""
    domain = recipient.rpartition("@")[2]
    heads = original if original is not None else acknowledgement_headers(to=recipient)
    seed = seed_hex(kind, recipient, date, heads, n=32)
    if BounceKind(kind) is BounceKind.DSN:
        host = f"mx.{domain}"
        env = Envelope(
            sender=f"MAILER-DAEMON@{host}", to=to, date=date, auth=auth, return_path="", relay=host
        )
        head_block = heads.split(b"\r\n\r\n", 1)[0] + CRLF
        notice = (
            f"This is the mail system at host {host}.\n\nI'm sorry to have to inform you "
            "that your message could not\nbe delivered to one or more recipients. It's "
            f"attached below.\n\n<{recipient}>: host {host}[192.0.2.80] said: 550 5.1.1\n"
            f"    <{recipient}>: Recipient address rejected: User unknown\n"
        )
        status = (
            f"Reporting-MTA: dns; {host}\r\nX-Postfix-Queue-ID: {seed[:10].upper()}\r\n"
            f"X-Postfix-Sender: rfc822; {MAILBOX}\r\nArrival-Date: {rfc_date(date)}\r\n\r\n"
            f"Final-Recipient: rfc822; {recipient}\r\nOriginal-Recipient: rfc822;{recipient}"
            "\r\nAction: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 "
            f"<{recipient}>: Recipient address\r\n    rejected: User unknown\r\n"
        )
        report = multipart(
            "report",
            f"{seed[:10].upper()}.{seed[10:20]}/{host}",
            [
                Entity(
                    [
                        ("Content-Description", "Notification"),
                        ("Content-Type", "text/plain; charset=us-ascii"),
                    ],
                    notice.replace("\n", "\r\n").encode(),
                ),
                Entity(
                    [
                        ("Content-Description", "Delivery report"),
                        ("Content-Type", "message/delivery-status"),
                    ],
                    status.encode(),
                ),
                Entity(
                    [
                        ("Content-Description", "Undelivered Message Headers"),
                        ("Content-Type", "text/rfc822-headers"),
                    ],
                    head_block,
                ),
            ],
            params="report-type=delivery-status",
            preamble=b"This is a MIME-encapsulated message.\r\n\r\n",
        )
        own = [
            ("Date", rfc_date(date)),
            ("From", f"MAILER-DAEMON@{host} (Mail Delivery System)"),
            ("Subject", "Undelivered Mail Returned to Sender"),
            ("To", to),
            ("Auto-Submitted", "auto-replied"),
            ("MIME-Version", "1.0"),
        ]
        msgid = ("Message-Id", f"<{seed[20:32]}.{seed[:10].upper()}@{host}>")
    else:
        env = Envelope(
            sender=f"postmaster@{domain}",
            to=to,
            date=date,
            auth=auth,
            return_path="",
            relay="mail-db5eur01on0107.outbound.protection.outlook.com",
        )
        label = "Onbestelbaar" if language == "nl" else "Undeliverable"
        text = (
            "Uw bericht kan niet worden bezorgd bij" if language == "nl" else "Your message to"
        ) + f" {recipient}"
        detail = (
            "Het e-mailadres bestaat niet of is niet meer in gebruik."
            if language == "nl"
            else "couldn't be delivered: the address wasn't found."
        )
        page = (
            f"<html><body><p><b>{html.escape(text)}</b></p><p>{detail}</p>"
            "<p>Diagnostic information for administrators:</p>"
            f"<p>Generating server: AM5PR0701MB0001.eurprd07.prod.outlook.com<br>{recipient}"
            "<br>Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; "
            "Recipient not found by SMTP address lookup'</p></body></html>"
        )
        original_full = heads if b"\r\n\r\n" in heads else heads + b"\r\nDank voor uw contract.\r\n"
        report = multipart(
            "mixed",
            f"_000_{seed[:20]}_",
            [
                _text("text/html", page, "utf-8", "quoted-printable"),
                Entity(
                    [("Content-Type", "message/rfc822"), ("Content-Disposition", "attachment")],
                    original_full,
                ),
            ],
        )
        own = [
            (
                "From",
                f"Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@{domain}>",
            ),
            ("To", to),
            ("Date", rfc_date(date)),
            ("Subject", f"{label}: {ACK_SUBJECT}"),
            ("Content-Language", language),
            ("X-MS-Exchange-Message-Is-Ndr", ""),
            ("MIME-Version", "1.0"),
        ]
        msgid = ("Message-ID", f"<{seed[:24].upper()}@AM5PR0701MB0001.eurprd07.prod.outlook.com>")
    trace = trace_headers(env, sender_hops=[])
    return Entity(trace + own + [msgid] + report.headers, report.body).render()


def newsletter(
    *,
    sender: str = "nieuwsbrief@koepelmaatwerk.test",
    sender_name: str = "Koepel Maatwerk",
    to: str = MAILBOX,
    subject: str = "Nieuwsbrief maart: nieuwe regels voor enclavecontracten",
    attachments: list[Attachment] | None = None,
    date: dt.datetime = DEFAULT_DATE,
    auth: Auth | str | None = Auth.PASS,
) -> bytes:
    """A mailing-list newsletter (List-Id, List-Unsubscribe, Precedence: bulk) in HTML."""
    domain = sender.rpartition("@")[2]
    seed = seed_hex(sender, subject, date, n=24)
    body = (
        "Nieuws voor maatwerkbedrijven\n\nVanaf 1 april gelden nieuwe regels voor het "
        "melden van een ondernemingscontract of enclave. Lees het volledige artikel op onze "
        "website.\n\nU ontvangt deze nieuwsbrief omdat u lid bent. Afmelden kan onderaan."
    )
    extra = [
        (
            "List-Unsubscribe",
            f"<mailto:afmelden-{seed[:12]}@lists.{domain}>,\r\n "
            f"<https://{domain}/afmelden?u={seed[12:24]}>",
        ),
        ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
        ("List-Id", f"Nieuwsbrief {sender_name} <nieuwsbrief.{domain}>"),
        ("Precedence", "bulk"),
        ("X-Campaign-Id", seed[:10]),
        ("Feedback-ID", f"{seed[:6]}:nieuwsbrief:{domain}"),
    ]
    draft = Draft(
        sender_name=sender_name,
        subject=subject,
        body=body,
        headers=extra,
        attachments=attachments or [],
    )
    env = Envelope(
        sender=sender,
        to=to,
        date=date,
        auth=auth,
        relay=f"mta3.lists.{domain}",
        return_path=f"bounce-{seed[:16]}@lists.{domain}",
    )
    return compose(Style.GMAIL, env, draft)


class Spoof(StrEnum):
    """How a forged workplace address shows in the department's authentication headers."""

    AUTH_FAIL = "auth_fail"  # the department's MX says spf/dkim/dmarc=fail
    FOREIGN_PASS = "foreign_pass"  # no department verdict; a foreign host's header says pass
    FORGED_ID = "forged_id"  # department says fail; a forged header with its id says pass


def spoofed(
    *,
    variant: Spoof | str = Spoof.AUTH_FAIL,
    sender: str = DEFAULT_SENDER,
    sender_name: str = DEFAULT_SENDER_NAME,
    to: str = MAILBOX,
    subject: str = "Ondernemingscontract enclave",
    attachments: list[Attachment] | None = None,
    date: dt.datetime = DEFAULT_DATE,
    style: Style | str = Style.THUNDERBIRD,
) -> bytes:
    """A contract mail with a registered workplace's From, sent from somewhere else."""
    variant = Spoof(variant)
    domain = sender.rpartition("@")[2]
    relay = "vps-203-0-113-66.hosting.test"
    foreign = auth_results(Auth.PASS, domain, sender, authserv=f"mx.{domain}")
    env = Envelope(
        sender=sender,
        to=to,
        date=date,
        relay=relay,
        return_path=f"www-data@{relay}",
        auth=None if variant is Spoof.FOREIGN_PASS else Auth.FAIL,
        foreign_auth=[foreign] if variant is Spoof.FOREIGN_PASS else [],
        forged_auth=[auth_results(Auth.PASS, domain, sender, authserv=DEPARTMENT_MX)]
        if variant is Spoof.FORGED_ID
        else [],
    )
    draft = Draft(
        sender_name=sender_name,
        subject=subject,
        body="Geachte,\n\nZie bijlage.\n\nMvg",
        attachments=default_attachments() if attachments is None else attachments,
    )
    return compose(style, env, draft)


@dataclass(frozen=True)
class CorpusMail:
    """A built mail with what the pipeline should make of it, processed in list order."""

    name: str
    raw: bytes
    expect: Classification
    verified: bool  # authenticated by the department's MX and from the workplace's own domain
    attachments: tuple[str, ...] = ()  # contract file names (NFC) the pipeline should extract


def unique_pdf(counterpart: str) -> bytes:
    """A contract PDF like the default one but with another counterpart, so its bytes differ."""
    return contract_pdf(
        [line.replace("Bakkerij Peeters NV", counterpart) for line in DEFAULT_LINES]
    )


def realistic_corpus() -> list[CorpusMail]:
    """One of each kind of mail that really arrives, with the expected classification.

    Every contract mail carries its own PDF except `contract_same_pdf_again`, which resends the
    first one's and so is a duplicate: process the list in order.
    """
    C, pdf = Classification, "application/pdf"
    companies = [
        "Bakkerij Peeters NV",
        "Drukkerij Claes BV",
        "Tuinbouw Maes CV",
        "Logistiek Wouters NV",
        "Stad Gent",
    ]
    out = [
        CorpusMail(
            f"contract_{s}",
            contract_mail(style=s, attachments=[(DEFAULT_PDF_NAME, unique_pdf(companies[i]), pdf)]),
            C.CONTRACT,
            True,
            (nfc(DEFAULT_PDF_NAME),),
        )
        for i, s in enumerate(Style)
    ]
    out += [
        CorpusMail(
            "contract_two_pdfs",
            contract_mail(
                attachments=[
                    ("contract_Jacobs.pdf", unique_pdf("Jacobs NV"), pdf),
                    ("contract Mertens (2).pdf", unique_pdf("Mertens BV"), pdf),
                ],
                subject="2 contracten",
                date=DEFAULT_DATE.replace(month=4),
            ),
            C.CONTRACT,
            True,
            ("contract_Jacobs.pdf", "contract Mertens (2).pdf"),
        ),
        CorpusMail(
            "contract_same_pdf_again",
            contract_mail(
                attachments=[(DEFAULT_PDF_NAME, unique_pdf(companies[0]), pdf)],
                style=Style.GMAIL,
                subject="Contract (nogmaals)",
                date=DEFAULT_DATE + dt.timedelta(days=2),
            ),
            C.DUPLICATE,
            True,
            (nfc(DEFAULT_PDF_NAME),),
        ),
        CorpusMail(
            "contract_no_dmarc_record",
            contract_mail(
                sender="info@dewerkplaats.test",
                auth=Auth.NONE,
                date=DEFAULT_DATE.replace(month=5),
                attachments=[("contract.pdf", unique_pdf("Verhulst BV"), pdf)],
            ),
            C.CONTRACT,
            False,
            ("contract.pdf",),
        ),
        CorpusMail(
            "forwarded_as_attachment",
            forwarded_mail(
                contract_mail(
                    sender="info@bakkerijpeeters.be",
                    sender_name="Bakkerij Peeters",
                    attachments=[("getekend.pdf", unique_pdf("Peeters Brood NV"), pdf)],
                    date=DEFAULT_DATE.replace(month=6),
                )
            ),
            C.CONTRACT,
            True,
            ("getekend.pdf",),
        ),
        CorpusMail(
            "inline_forward",
            inline_forward(
                attachments=[("ondertekend contract.pdf", unique_pdf("Smets NV"), pdf)],
                style=Style.THUNDERBIRD,
            ),
            C.CONTRACT,
            True,
            ("ondertekend contract.pdf",),
        ),
    ]
    out += [
        CorpusMail(
            f"termination_{i}",
            termination_mail(wording=i, style=list(Style)[i], company=companies[i]),
            C.TERMINATION,
            True,
        )
        for i in range(len(TERMINATION_WORDINGS))
    ]
    out += [
        CorpusMail(f"question_{i}", question_mail(question=i), C.OTHER, True)
        for i in range(len(QUESTIONS))
    ]
    out += [
        CorpusMail(f"out_of_office_{k}", out_of_office(kind=k), C.AUTO_REPLY, True)
        for k in AutoReply
    ]
    out += [
        CorpusMail("bounce_dsn", bounce(), C.BOUNCE, False),
        CorpusMail("bounce_exchange_nl", bounce(kind=BounceKind.EXCHANGE_NDR), C.BOUNCE, False),
        CorpusMail(
            "bounce_exchange_en",
            bounce(kind=BounceKind.EXCHANGE_NDR, language="en"),
            C.BOUNCE,
            False,
        ),
        CorpusMail("newsletter", newsletter(), C.BULK, False),
        CorpusMail(
            "newsletter_with_pdf",
            newsletter(attachments=[("programma.pdf", contract_pdf(["Programma studiedag"]), pdf)]),
            C.BULK,
            False,
        ),
    ]
    out += [
        CorpusMail(
            f"spoofed_{v}",
            spoofed(
                variant=v,
                date=DEFAULT_DATE.replace(month=7),
                attachments=[("contract.pdf", unique_pdf(f"Vals {v} NV"), pdf)],
            ),
            C.CONTRACT,
            False,
            ("contract.pdf",),
        )
        for v in Spoof
    ]
    return out
