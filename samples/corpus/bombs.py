"""Small files that expand enormously in a reader that does not check each step.

Each builder returns a few kilobytes to a few megabytes that a careless reader turns into
hundreds of megabytes or more: PDF streams a stream scanner may skip (an `/Image` key on a
content stream, a filter chain, LZW, RunLength), an ODT repeat count, a DOCX column span,
a mail of many tiny MIME parts. `total` is roughly what they expand to.
"""

from __future__ import annotations

import binascii
import io

from mailbox_ingest.domain.enums import QuarantineReason as Q
from samples.corpus.hostile import (
    Expect,
    HostileCase,
    MiB,
    _one_page,
    envelope_head,
    pdf_file,
    plain,
    repeat_deflate,
    stream,
    with_file,
    zip_archive,
    zlib_stream,
)

TEXT_HEAD = b"BT /F1 12 Tf 72 720 Td (Ondernemingscontract) Tj ET\n"


def _spaces(total: int) -> bytes:
    """A zlib stream of a short text drawing followed by `total` bytes of spaces."""
    return zlib_stream(repeat_deflate(TEXT_HEAD, b" " * MiB, max(total // MiB, 1), b"\n"))


def _content_pdf(dictionary: str, data: bytes) -> bytes:
    """A one-page PDF whose content stream has the given dictionary entries and data."""
    return pdf_file(_one_page(612, "", stream(dictionary, data)))


def pdf_image_key_bomb(total: int) -> bytes:
    """A Flate content stream whose dictionary says `/Subtype /Image`: scanners skip images."""
    return _content_pdf("/Filter /FlateDecode /Type /XObject /Subtype /Image", _spaces(total))


def pdf_small_image_bomb(total: int) -> bytes:
    """A content stream posing as a 10x10 image, yet inflating to `total` bytes."""
    return _content_pdf(
        "/Filter /FlateDecode /Subtype /Image /Width 10 /Height 10 "
        "/ColorSpace /DeviceGray /BitsPerComponent 8",
        _spaces(total),
    )


def pdf_filter_chain_bomb(total: int) -> bytes:
    """A content stream in ASCIIHex over Flate: zlib alone cannot read the outer layer."""
    data = binascii.hexlify(_spaces(total)) + b">"
    return _content_pdf("/Filter [/ASCIIHexDecode /FlateDecode]", data)


def lzw_codes(total: int) -> bytes:
    """LZW data (PDF flavour, early change) expanding to about `total` zero bytes.

    The table is grown with ever longer runs of zeros, then its longest entry is repeated:
    twelve bits each for about 3.8 KB of output.
    """
    bits: list[tuple[int, int]] = [(256, 9), (0, 9)]
    width, length = 9, 258
    for code in range(258, 4096):
        bits.append((code, width))
        length += 1
        width = {511: 10, 1023: 11, 2047: 12}.get(length, width)
    longest = 4095 - 256
    bits += [(4095, 12)] * max(total // longest, 1) + [(257, 12)]
    value = nbits = 0
    out = bytearray()
    for code, w in bits:
        value, nbits = (value << w) | code, nbits + w
        while nbits >= 8:
            nbits -= 8
            out.append((value >> nbits) & 0xFF)
        value &= (1 << nbits) - 1
    if nbits:
        out.append((value << (8 - nbits)) & 0xFF)
    return bytes(out)


def pdf_lzw_bomb(total: int) -> bytes:
    """A content stream in LZW expanding to about `total` bytes."""
    return _content_pdf("/Filter /LZWDecode", lzw_codes(total))


def pdf_runlength_bomb(total: int) -> bytes:
    """A content stream in RunLength: each two bytes repeat a space 128 times."""
    return _content_pdf("/Filter /RunLengthDecode", b"\x81 " * max(total // 128, 1) + b"\x80")


def odt_repeat_bomb(count: int) -> bytes:
    """An .odt of a few hundred bytes whose one `text:s` asks for `count` spaces."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
        f'<office:text><text:p>Ondernemingscontract<text:s text:c="{count}"/>De Ploeg'
        "</text:p></office:text></office:body></office:document-content>"
    )
    return zip_archive(
        [
            ("mimetype", plain(b"application/vnd.oasis.opendocument.text")),
            ("content.xml", plain(content.encode())),
        ]
    )


def docx_span_bomb(span: int) -> bytes:
    """A DOCX whose one table cell spans `span` grid columns."""
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {ns}><w:body>'
        "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc><w:tcPr>"
        f'<w:gridSpan w:val="{span}"/></w:tcPr><w:p><w:r><w:t>Opdrachtgever</w:t></w:r>'
        "</w:p></w:tc></w:tr></w:tbl></w:body></w:document>"
    )
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
    return zip_archive(
        [
            ("[Content_Types].xml", plain(types.encode())),
            ("_rels/.rels", plain(rels.encode())),
            ("word/document.xml", plain(body.encode())),
        ]
    )


def tiny_parts_mail(size: int, name: str = "tiny-parts") -> bytes:
    """A mail of about `size` bytes made of empty text/plain parts (no attachments at all)."""
    part = b"--b\r\nContent-Type: text/plain\r\n\r\nx\r\n"
    return (
        envelope_head(name) + b"MIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        + part * max(size // len(part), 1)
        + b"--b--\r\n"
    )


def coarse_png(side: int = 5000, dpi: int = 150) -> bytes:
    """A blank PNG whose low resolution would have it scaled up past the pixel limit."""
    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (side, side), 255).save(buf, "PNG", dpi=(dpi, dpi))
    return buf.getvalue()


def bomb_cases(total: int, parts_size: int = 30 * MiB) -> list[HostileCase]:
    """Hostile-corpus cases for every bomb above, each a mail with one such attachment."""
    q = Expect.QUARANTINED
    limits = frozenset({Q.DECOMPRESSION_LIMIT, Q.UNREADABLE_DOCUMENT})
    docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    odt = "application/vnd.oasis.opendocument.text"
    pdfs = {
        "pdf_image_key_bomb": pdf_image_key_bomb(total),
        "pdf_small_image_bomb": pdf_small_image_bomb(total),
        "pdf_filter_chain_bomb": pdf_filter_chain_bomb(total),
        "pdf_lzw_bomb": pdf_lzw_bomb(total),
        "pdf_runlength_bomb": pdf_runlength_bomb(min(total, 512 * MiB)),
    }
    cases = [
        HostileCase(
            name,
            with_file(name, data),
            q,
            f"a PDF stream that expands to about {total} bytes",
            limits,
        )
        for name, data in pdfs.items()
    ]
    return [
        *cases,
        HostileCase(
            "docx_span_bomb",
            with_file("span", docx_span_bomb(10**8), params='filename="c.docx"', mime=docx),
            q,
            "a DOCX table cell spanning 10^8 columns",
            limits,
        ),
        HostileCase(
            "odt_repeat_bomb",
            with_file("repeat", odt_repeat_bomb(10**9), params='filename="c.odt"', mime=odt),
            Expect.PROCESSED,
            "an ODT asking for 10^9 spaces: read as one",
        ),
        HostileCase(
            "coarse_image",
            with_file("coarse", coarse_png(), params='filename="scan.png"', mime="image/png"),
            q,
            "a 150 dpi scan that upscaling to 300 dpi would make 100 megapixels",
            limits,
        ),
        HostileCase(
            "tiny_parts",
            tiny_parts_mail(parts_size),
            q,
            f"{parts_size} bytes of empty MIME parts",
            frozenset({Q.TOO_MANY_PARTS}),
        ),
    ]
