"""Broken and hostile inbound mails, each with what the pipeline must do with it.

`hostile_corpus()` returns `HostileCase`s: malformed MIME, bad charsets, oversized and deeply
nested messages, decompression bombs (zip, DOCX, PDF), unreadable documents, hostile file names
and header oddities. `expect` says whether the mail must be quarantined with a reason, processed
normally despite the oddity, or merely survive and be accounted for; `reasons` lists the
quarantine reasons that fit.

The decompression bombs are written by hand (zip and PDF containers with struct and zlib): the
standard library's zipfile would have to compress the whole expansion, whereas here one
deflate block, reset with a full flush so it is self-contained, is repeated, and a 2 GiB
expansion costs a few megabytes and about a second (the checksums still run over every byte).
`huge_size` and `bomb_size` scale the big cases down for fast tests.
"""

from __future__ import annotations

import math
import random
import struct
import zlib
from dataclasses import dataclass
from enum import StrEnum

from mailbox_ingest.domain.enums import QuarantineReason as Q
from samples.corpus.mails import (
    CRLF,
    DEFAULT_DATE,
    DEFAULT_SENDER,
    MAILBOX,
    Envelope,
    b64,
    rfc_date,
    trace_headers,
)
from samples.corpus.minipdf import contract_pdf

MiB = 1 << 20
GiB = 1 << 30


class Expect(StrEnum):
    """What the pipeline must do with a hostile case."""

    QUARANTINED = "quarantined"  # set aside for a person, with a reason
    PROCESSED = "processed"  # handled like any other mail despite the oddity
    ANY = "any"  # either, as long as nothing crashes and the mail is accounted for


@dataclass(frozen=True)
class HostileCase:
    """One broken or hostile mail: its raw bytes, the expected outcome and why it matters."""

    name: str
    raw: bytes
    expect: Expect
    note: str
    reasons: frozenset[Q] = frozenset()  # acceptable quarantine reasons (empty: any reason)


def envelope_head(name: str, *, head: list[str] | None = None) -> bytes:
    """Delivery trace plus the usual From/To/Subject/Date/Message-ID lines for case `name`."""
    env = Envelope(sender=DEFAULT_SENDER, to=MAILBOX, date=DEFAULT_DATE)
    trace = b"".join(f"{k}: {v}".encode() + CRLF for k, v in trace_headers(env, sender_hops=[]))
    lines = (
        head
        if head is not None
        else [
            f"From: Secretariaat De Ploeg <{DEFAULT_SENDER}>",
            f"To: {MAILBOX}",
            f"Subject: Ondernemingscontract ({name})",
            f"Date: {rfc_date(DEFAULT_DATE)}",
            f"Message-ID: <{name}.hostile@deploeg.be>",
        ]
    )
    return trace + "".join(f"{line}\r\n" for line in lines).encode()


def file_part(
    boundary: bytes,
    data: bytes,
    *,
    params: str = 'filename="contract.pdf"',
    mime: str = "application/pdf",
) -> bytes:
    """A base64 attachment part opened by `boundary`, its file name written as `params`."""
    return (
        b"--"
        + boundary
        + CRLF
        + f"Content-Type: {mime}\r\nContent-Transfer-Encoding: "
        f"base64\r\nContent-Disposition: attachment; {params}\r\n\r\n".encode()
        + b64(data)
    )


def text_part(boundary: bytes, body: bytes, headers: str = "Content-Type: text/plain") -> bytes:
    """A text part opened by `boundary` with the given header lines and raw body."""
    return b"--" + boundary + CRLF + headers.encode() + b"\r\n\r\n" + body + CRLF


def with_file(
    name: str,
    data: bytes,
    *,
    params: str = 'filename="contract.pdf"',
    mime: str = "application/pdf",
    text: bytes = b"Zie bijlage.",
    text_headers: str = "Content-Type: text/plain; charset=utf-8",
) -> bytes:
    """A complete mail: short text plus one attachment, in multipart/mixed."""
    b = f"hostile-{name}".encode()
    return (
        envelope_head(name) + b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; "
        b'boundary="'
        + b
        + b'"\r\n\r\n'
        + text_part(b, text, text_headers)
        + file_part(b, data, params=params, mime=mime)
        + b"--"
        + b
        + b"--\r\n"
    )


def huge_attachment(size: int) -> bytes:
    """A mail with a `size`-byte pseudo-scan attachment, built with one join of repeated lines."""
    rng = random.Random(size)
    block = rng.randbytes(57 * 1024)  # 57 bytes make one 76-character base64 line
    magic = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    first = b64(magic + block[len(magic) :])  # same length as block: no padding mid-stream
    rest, count = b64(block), max(0, size // len(block) - 1)
    b = b"hostile-huge"
    head = (
        envelope_head("huge") + b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; "
        b'boundary="'
        + b
        + b'"\r\n\r\n'
        + text_part(b, b"Scan in bijlage.")
        + b"--"
        + b
        + b'\r\nContent-Type: application/pdf; name="scan.pdf"\r\n'
        b"Content-Transfer-Encoding: base64\r\n"
        b'Content-Disposition: attachment; filename="scan.pdf"\r\n\r\n'
    )
    return b"".join([head, first, *([rest] * count), b"--" + b + b"--\r\n"])


def many_attachments(count: int = 500) -> bytes:
    """A mail with `count` tiny text attachments."""
    b = b"hostile-many"
    parts = [
        file_part(b, f"bijlage {i}\n".encode(), params=f'filename="b{i:03}.txt"', mime="text/plain")
        for i in range(count)
    ]
    return (
        envelope_head("many") + b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; "
        b'boundary="' + b + b'"\r\n\r\n' + b"".join(parts) + b"--" + b + b"--\r\n"
    )


def rfc822_nesting(depth: int = 100) -> bytes:
    """A contract mail forwarded as attachment inside itself `depth` times."""
    msg = with_file("nest-0", contract_pdf())
    for i in range(1, depth):
        msg = (
            f"From: doorsturen{i}@deploeg.be\r\nSubject: Fwd {i}\r\nMIME-Version: 1.0\r\n"
            "Content-Type: message/rfc822\r\n\r\n"
        ).encode() + msg
    return _mime("nest-rfc822", "message/rfc822", msg)


def multipart_nesting(depth: int = 200) -> bytes:
    """A multipart inside a multipart `depth` levels deep, with a PDF at the bottom."""
    inner = file_part(b"b0", contract_pdf()) + b"--b0--\r\n"
    body = b'Content-Type: multipart/mixed; boundary="b0"\r\n\r\n' + inner
    for i in range(1, depth + 1):
        bi = f"b{i}".encode()
        body = (
            b'Content-Type: multipart/mixed; boundary="'
            + bi
            + b'"\r\n\r\n--'
            + bi
            + CRLF
            + body
            + b"--"
            + bi
            + b"--\r\n"
        )
    return envelope_head("nest-multipart") + b"MIME-Version: 1.0\r\n" + body


@dataclass(frozen=True)
class Deflated:
    """A raw deflate stream and the facts a container records about what it expands to."""

    data: bytes
    crc32: int
    adler32: int
    size: int


def repeat_deflate(head: bytes, unit: bytes, count: int, tail: bytes) -> Deflated:
    """Deflate `head + unit * count + tail` without ever holding the expansion in memory."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = comp.compress(head) + comp.compress(unit) + comp.flush(zlib.Z_FULL_FLUSH)
    block = comp.compress(unit) + comp.flush(zlib.Z_FULL_FLUSH)
    again = comp.compress(unit) + comp.flush(zlib.Z_FULL_FLUSH)
    assert block == again, "a full flush must make the repeated block self-contained"
    last = comp.compress(tail) + comp.flush(zlib.Z_FINISH)
    crc, adler = zlib.crc32(head), zlib.adler32(head)
    for _ in range(max(count, 1)):
        crc, adler = zlib.crc32(unit, crc), zlib.adler32(unit, adler)
    crc, adler = zlib.crc32(tail, crc), zlib.adler32(tail, adler)
    data = b"".join([first, *([block] * (max(count, 1) - 1)), last])
    return Deflated(data, crc, adler, len(head) + len(unit) * max(count, 1) + len(tail))


def zlib_stream(d: Deflated) -> bytes:
    """The deflate stream in zlib framing, as a PDF FlateDecode filter expects it."""
    return b"\x78\xda" + d.data + struct.pack(">I", d.adler32)


def zip_archive(entries: list[tuple[str, Deflated]]) -> bytes:
    """A zip file of deflated entries (sizes must stay below 4 GiB each: no zip64)."""
    local, central, offset = [], [], 0
    for name, d in entries:
        raw = name.encode()
        fixed = struct.pack("<HHHHHIII", 20, 0, 8, 0x6000, 0x4A61, d.crc32, len(d.data), d.size)
        header = b"PK\x03\x04" + fixed + struct.pack("<HH", len(raw), 0) + raw
        central.append(
            b"PK\x01\x02"
            + struct.pack("<H", 20)
            + fixed
            + struct.pack("<HHHHHII", len(raw), 0, 0, 0, 0, 0, offset)
            + raw
        )
        local += [header, d.data]
        offset += len(header) + len(d.data)
    cd = b"".join(central)
    end = b"PK\x05\x06" + struct.pack(
        "<HHHHIIH", 0, 0, len(entries), len(entries), len(cd), offset, 0
    )
    return b"".join(local) + cd + end


def plain(data: bytes) -> Deflated:
    """A small member compressed the ordinary way."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    return Deflated(
        comp.compress(data) + comp.flush(), zlib.crc32(data), zlib.adler32(data), len(data)
    )


def zip_bomb(total: int) -> bytes:
    """A zip of PDF-named members of zeros that together expand to `total` bytes."""
    per = min(total, GiB)
    member = repeat_deflate(b"%PDF-1.4\n", bytes(MiB), max(per // MiB, 1), b"")
    return zip_archive([(f"contract_{i:02}.pdf", member) for i in range(math.ceil(total / per))])


def docx_bomb(total: int) -> bytes:
    """A DOCX whose word/document.xml is `total` bytes, almost all of it whitespace."""
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    head = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {ns}><w:body>'
    tail = "<w:p><w:r><w:t>Ondernemingscontract</w:t></w:r></w:p></w:body></w:document>"
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
        '.org/package/2006/content-types"><Default Extension="rels" ContentType="applicatio'
        'n/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" Content'
        'Type="application/xml"/><Override PartName="/word/document.xml" ContentType="appl'
        'ication/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxml'
        'formats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schem'
        'as.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="wo'
        'rd/document.xml"/></Relationships>'
    )
    doc = repeat_deflate(head.encode(), b" " * MiB, max(total // MiB, 1), tail.encode())
    return zip_archive(
        [
            ("[Content_Types].xml", plain(types.encode())),
            ("_rels/.rels", plain(rels.encode())),
            ("word/document.xml", doc),
        ]
    )


def pdf_file(objects: list[bytes]) -> bytes:
    """A PDF from object bodies numbered 1..n (1 is the catalog), with a correct xref table."""
    out, offsets = [b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"], []
    pos = len(out[0])
    for i, body in enumerate(objects, start=1):
        offsets.append(pos)
        chunk = f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
        out.append(chunk)
        pos += len(chunk)
    xref = f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n" + "".join(
        f"{o:010} 00000 n \n" for o in offsets
    )
    out.append(
        f"{xref}trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{pos}"
        "\n%%EOF\n".encode()
    )
    return b"".join(out)


def stream(dictionary: str, data: bytes) -> bytes:
    """A stream object body."""
    return f"<< {dictionary} /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream"


def _one_page(size: int, resources: str, content: bytes) -> list[bytes]:
    """Catalog, page tree, one square page of `size` points, its content and a font."""
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {size} {size}] /Contents 4 0 R "
        f"/Resources << /Font << /F1 5 0 R >> {resources} >> >>".encode(),
        content,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]


def pdf_flate_bomb(total: int) -> bytes:
    """A one-page PDF whose content stream inflates to `total` bytes (text, then whitespace)."""
    d = repeat_deflate(
        b"BT /F1 12 Tf 72 720 Td (Ondernemingscontract) Tj ET\n",
        b" " * MiB,
        max(total // MiB, 1),
        b"\nBT /F1 12 Tf 72 700 Td (x) Tj ET\n",
    )
    return pdf_file(_one_page(612, "", stream("/Filter /FlateDecode", zlib_stream(d))))


def pdf_huge_image(total: int) -> bytes:
    """A 200-inch page filled by a 1-bit image whose pixels take `total` bytes decoded."""
    side = max(8, math.isqrt(total * 8) // 8 * 8)
    rows = max(1, total // MiB)
    d = repeat_deflate(b"", bytes(MiB), rows, b"")
    image = stream(
        f"/Type /XObject /Subtype /Image /Width {side} /Height {side} /ColorSpace "
        "/DeviceGray /BitsPerComponent 1 /Filter /FlateDecode",
        zlib_stream(d),
    )
    page = _one_page(
        14400, "/XObject << /Im1 6 0 R >>", stream("", b"q 14400 0 0 14400 0 0 cm /Im1 Do Q")
    )
    return pdf_file([*page, image])


def _mime(name: str, content_type: str, body: bytes, *, head: list[str] | None = None) -> bytes:
    """A mail whose top-level Content-Type and body are given verbatim."""
    return (
        envelope_head(name, head=head)
        + b"MIME-Version: 1.0\r\nContent-Type: "
        + content_type.encode()
        + b"\r\n\r\n"
        + body
    )


def _mime_cases(pdf: bytes) -> list[HostileCase]:
    """Malformed MIME structure and header syntax."""
    P, Q_, A = Expect.PROCESSED, Expect.QUARANTINED, Expect.ANY
    parts = text_part(b"x", b"Zie bijlage.") + file_part(b"x", pdf)
    outer = (
        text_part(
            b"outer",
            b"--INNER\r\nContent-Type: text/plain\r\n\r\nhallo\r\n--INNER--",
            'Content-Type: multipart/alternative; boundary="inner"',
        )
        + file_part(b"outer", pdf)
        + b"--outer--\r\n"
    )
    good = with_file("x", pdf)
    head_end = good.index(b"MIME-Version")
    return [
        HostileCase(
            "missing_boundary",
            _mime("missing_boundary", "multipart/mixed", parts + b"--x--\r\n"),
            Q_,
            "multipart without a boundary parameter: the parts cannot be told apart, "
            "so the attachment is unrecoverable",
            frozenset({Q.MALFORMED_MIME}),
        ),
        HostileCase(
            "boundary_never_closed",
            _mime("unclosed", 'multipart/mixed; boundary="x"', parts),
            P,
            "no closing delimiter (a truncated or sloppy sender); every part is complete, "
            "parsers recover it with a defect",
        ),
        HostileCase(
            "nested_wrong_boundary",
            _mime("wrong", 'multipart/mixed; boundary="outer"', outer),
            P,
            "the inner multipart uses a boundary it never declared: its text is lost "
            "but the PDF in the outer multipart is intact",
        ),
        HostileCase(
            "header_without_colon",
            good[:head_end] + b"Dit is geen header\r\n" + good[head_end:],
            A,
            "a header line with no colon before Content-Type: the standard parser "
            "takes everything after it as body, so the attachment may vanish",
        ),
        HostileCase(
            "eight_bit_headers",
            envelope_head(
                "8bit",
                head=[
                    "From: René Peeters <rene@deploeg.be>",
                    f"To: {MAILBOX}",
                    "Subject: Ondernemingscontract één – Brussel",
                    f"Date: {rfc_date(DEFAULT_DATE)}",
                    "Message-ID: <8bit.hostile@deploeg.be>",
                ],
            ).replace(b"Brussel", b"Br\xfcssel")
            + good[head_end:],
            P,
            "raw UTF-8 (and one Latin-1 byte) in From and Subject, as some webmails send:"
            " decode leniently, keep the mail",
        ),
        HostileCase(
            "nul_bytes",
            good.replace(
                b"Subject: Ondernemingscontract (x)", b"Subject: Onderneming\x00scontract"
            ).replace(b"Zie bijlage.", b"Zie\x00 bijlage.\x00\x00"),
            P,
            "NUL bytes in the Subject and the text: PostgreSQL text columns reject "
            "them, so they must be stripped before storing",
        ),
        HostileCase(
            "bare_lf_line_ends",
            good.replace(b"\r\n", b"\n"),
            P,
            "Unix line ends throughout, as a Maildir written by a local script holds them",
        ),
        HostileCase(
            "empty_message",
            b"",
            Q_,
            "0 bytes: a crashed delivery leaves this in a "
            "Maildir; it must be recorded, not skipped",
            frozenset({Q.MALFORMED_MIME}),
        ),
        HostileCase(
            "headers_only",
            envelope_head("headers_only").rstrip(b"\r\n"),
            P,
            "no empty line and no body: valid enough, classified as other",
        ),
        HostileCase(
            "no_from",
            with_file("no_from", pdf).replace(
                f"From: Secretariaat De Ploeg <{DEFAULT_SENDER}>\r\n".encode(), b""
            ),
            A,
            "no From at all: the sender cannot be verified or answered",
        ),
        HostileCase(
            "two_from",
            with_file("two_from", pdf).replace(
                b"To: ", b"From: Directie <directie@bakkerijpeeters.be>\r\nTo: ", 1
            ),
            A,
            "two From fields, a known trick to make the verified domain differ from the "
            "displayed one: never treat it as verified nor answer it",
        ),
        HostileCase(
            "date_in_future",
            with_file("future", pdf).replace(
                rfc_date(DEFAULT_DATE).encode(), b"Fri, 01 Jan 2100 09:00:00 +0100", 1
            ),
            P,
            "Date far in the future: the regime comes from the delivery time, not Date",
        ),
        HostileCase(
            "date_unparseable",
            with_file("bad_date", pdf).replace(
                rfc_date(DEFAULT_DATE).encode(), b"gisteren namiddag", 1
            ),
            P,
            "unparseable Date: fall back to the delivery time",
        ),
    ]


def _charset_cases(pdf: bytes) -> list[HostileCase]:
    """Wrong, unknown and mis-declared charsets and transfer encodings."""
    P = Expect.PROCESSED
    b64pdf = b64(pdf)
    sprinkled = b"\r\n".join(line[:30] + b"*!" + line[30:] for line in b64pdf.split(b"\r\n"))
    return [
        HostileCase(
            "charset_unknown_8bit",
            with_file(
                "unknown8",
                pdf,
                text="Tewerkstelling te Liège".encode("latin-1"),
                text_headers="Content-Type: text/plain; charset=unknown-8bit",
            ),
            P,
            "charset=unknown-8bit (what some gateways write for undeclared 8-bit text)",
        ),
        HostileCase(
            "utf8_with_latin1_bytes",
            with_file(
                "latin1",
                pdf,
                text="Geachte, één contract voor Liège".encode("latin-1"),
                text_headers='Content-Type: text/plain; charset="utf-8"',
            ).replace(
                b"Subject: Ondernemingscontract (latin1)", b"Subject: =?utf-8?q?Contract_=E9=E9n?="
            ),
            P,
            "declared UTF-8, actually Latin-1, in the text and in an encoded word",
        ),
        HostileCase(
            "charset_x_mac_roman",
            with_file(
                "macroman",
                pdf,
                text="Contract voor Liège, één enclave".encode("mac_roman"),
                text_headers="Content-Type: text/plain; charset=x-mac-roman",
            ),
            P,
            "an old Mac client's charset name that Python does not know as such",
        ),
        HostileCase(
            "invalid_base64_text",
            with_file(
                "b64text",
                pdf,
                text=b"R2VhY2h0ZS!!!4gWmllIGJpamxhZ2U=====\r\nnot base64 at all",
                text_headers="Content-Type: text/plain; charset=utf-8\r\n"
                "Content-Transfer-Encoding: base64",
            ),
            P,
            "the text part's base64 is garbage; the PDF is fine",
        ),
        HostileCase(
            "base64_with_junk_characters",
            with_file("b64junk", pdf).replace(b64pdf, sprinkled),
            P,
            "characters outside the base64 alphabet inside the PDF's base64: lenient "
            "decoders skip them and recover the exact file",
        ),
        HostileCase(
            "invalid_quoted_printable",
            with_file(
                "qp",
                pdf,
                text=b"Geachte,=ZZ dit is =C3=A9=C3 kapot =\r\n= en =3\r\nklaar=",
                text_headers="Content-Type: text/plain; charset=utf-8\r\n"
                "Content-Transfer-Encoding: quoted-printable",
            ),
            P,
            "quoted-printable with bad escapes, a lone '=' and a cut UTF-8 sequence",
        ),
    ]


def _filename_cases(pdf: bytes) -> list[HostileCase]:
    """Attachment file names that must never be used as paths or shown unescaped."""
    names = {
        "path_traversal": 'filename="../../etc/passwd"',
        "windows_traversal": 'filename="..\\\\..\\\\Windows\\\\contract.pdf"',
        "device_name": 'filename="CON.pdf"',
        "nul_in_name": "filename*=utf-8''a%00b.pdf",
        "very_long_name": f'filename="{("ondernemingscontract_" * 48)[:996]}.pdf"',
        "slashes_in_name": 'filename="contracten/2017/peeters.pdf"',
        "rtl_override": "filename*=utf-8''contract_%E2%80%AEfdp.exe",
    }
    return [
        HostileCase(
            f"filename_{k}",
            with_file(f"fn_{k}", pdf, params=v),
            Expect.PROCESSED,
            f"hostile attachment name ({v[:60]}): the PDF inside is a real contract;"
            " store under a safe name, never join it to a path",
        )
        for k, v in names.items()
    ]


def _document_cases(pdf: bytes, bomb: int) -> list[HostileCase]:
    """Attachments that are not what they claim or that explode when opened."""
    Q_ = Expect.QUARANTINED
    docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    unreadable = frozenset({Q.UNREADABLE_DOCUMENT})
    bombs = frozenset({Q.DECOMPRESSION_LIMIT, Q.UNREADABLE_DOCUMENT, Q.PROCESSING_ERROR})
    rng = random.Random(7)
    exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + rng.randbytes(20_000)
    return [
        HostileCase(
            "encrypted_pdf",
            with_file("enc", contract_pdf(user_password="geheim")),
            Q_,
            "a PDF that needs a password to open",
            frozenset({Q.ENCRYPTED_DOCUMENT}),
        ),
        HostileCase(
            "owner_password_pdf",
            with_file("owner", contract_pdf(owner_password="x")),
            Expect.PROCESSED,
            "encrypted with only an owner password (copy protection, "
            "as Word exports it): opens with the empty password and must be read",
        ),
        HostileCase(
            "truncated_pdf",
            with_file("trunc", pdf[: len(pdf) // 2]),
            Q_,
            "the first half of a PDF (an upload cut short)",
            unreadable,
        ),
        HostileCase(
            "random_bytes_pdf",
            with_file("random", rng.randbytes(50_000)),
            Q_,
            "random bytes named contract.pdf",
            unreadable,
        ),
        HostileCase(
            "exe_named_pdf",
            with_file("exe", exe),
            Q_,
            "a Windows executable renamed to .pdf",
            unreadable,
        ),
        HostileCase(
            "zip_bomb",
            with_file(
                "zipbomb",
                zip_bomb(bomb),
                params='filename="contracten.zip"',
                mime="application/zip",
            ),
            Q_,
            f"a small zip whose members declare and expand to {bomb} bytes",
            bombs,
        ),
        HostileCase(
            "docx_bomb",
            with_file("docxbomb", docx_bomb(bomb), params='filename="contract.docx"', mime=docx),
            Q_,
            f"a DOCX whose document.xml inflates to {bomb} bytes",
            bombs,
        ),
        HostileCase(
            "pdf_flate_bomb",
            with_file("pdfbomb", pdf_flate_bomb(bomb)),
            Q_,
            f"a PDF content stream that inflates to {bomb} bytes",
            bombs,
        ),
        HostileCase(
            "pdf_huge_image",
            with_file("pdfimage", pdf_huge_image(bomb)),
            Q_,
            "a 200-inch page drawn by a 1-bit image of billions of pixels: rendering "
            "it for OCR would need gigabytes",
            bombs | {Q.TOO_MANY_PAGES},
        ),
    ]


def hostile_corpus(
    *, huge_size: int = 30 * MiB, bomb_size: int = 2 * GiB, header_size: int = 5 * MiB
) -> list[HostileCase]:
    """Every hostile case; lower the sizes for quick tests (the expectations stay the same)."""
    pdf = contract_pdf()
    giant = with_file("giant", pdf)
    sizes = [
        HostileCase(
            "huge_attachment",
            huge_attachment(huge_size),
            Expect.QUARANTINED,
            f"a {huge_size}-byte scan attachment, over the size limits",
            frozenset({Q.TOO_LARGE, Q.ATTACHMENT_TOO_LARGE}),
        ),
        HostileCase(
            "many_attachments",
            many_attachments(500),
            Expect.QUARANTINED,
            "500 tiny attachments",
            frozenset({Q.TOO_MANY_ATTACHMENTS}),
        ),
        HostileCase(
            "rfc822_nested_100",
            rfc822_nesting(100),
            Expect.QUARANTINED,
            "a forwarded message inside a forwarded message, 100 deep",
            frozenset({Q.NESTING_TOO_DEEP}),
        ),
        HostileCase(
            "multipart_nested_200",
            multipart_nesting(200),
            Expect.QUARANTINED,
            "multipart inside multipart 200 deep (recursive parsers overflow)",
            frozenset({Q.NESTING_TOO_DEEP}),
        ),
        HostileCase(
            "giant_header_line",
            giant.replace(
                b"MIME-Version", b"X-Filler: " + b"a" * header_size + b"\r\nMIME-Version", 1
            ),
            Expect.ANY,
            f"one header line of {header_size} bytes with no fold",
            frozenset({Q.TOO_LARGE, Q.MALFORMED_MIME}),
        ),
    ]
    from samples.corpus.bombs import bomb_cases  # builds on this module's helpers

    return (
        _mime_cases(pdf)
        + _charset_cases(pdf)
        + _filename_cases(pdf)
        + _document_cases(pdf, bomb_size)
        + sizes
        + bomb_cases(bomb_size, huge_size)
    )
