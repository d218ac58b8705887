"""Bounded decoding of a PDF's streams before pdfminer parses them: decompression bombs refused.

pdfminer decodes a content stream whole, through every filter of its chain, with no bound;
a few kilobytes of Flate, LZW or RunLength data can expand to gigabytes. Here every stream is
found in the raw bytes, its filter chain read from its dictionary and decoded in bounded steps
that only count what comes out (nothing is kept but the intermediate input of the next filter
of a chain). Streams that declare an image (`/Subtype /Image` with `/Width` and `/Height`) may
expand to what their pixels need and no more, so a scan is not refused for being a scan and a
content stream that merely carries an `/Image` key gains nothing. Everything else counts
against the document's byte budget.

Written by hand because no library decodes PDF filters with an output bound; the filter codecs
that cannot expand (ASCIIHex, ASCII85) and the LZW decoder (a generator) are pdfminer's own.
A stream encrypted by the PDF's security handler cannot be judged here (it reads as noise);
the memory cap of the child process that reads documents is the defence for that case.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Iterator

from pdfminer.ascii85 import ascii85decode, asciihexdecode
from pdfminer.lzw import LZWDecoder

from parsers.documents.errors import DocumentErrorReason, LimitExceeded
from parsers.documents.limits import DocumentLimits

_STREAM_START = re.compile(rb"(?<!end)stream\r?\n")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")
_NAME = re.compile(rb"/([A-Za-z0-9]+)")
_INT = r"(?![A-Za-z0-9])\s*(\d+)(?!\d)(?!\s+\d+\s+R)"
_REF = re.compile(rb"/Length(?![A-Za-z0-9])\s*(\d+)\s+(\d+)\s+R")
_ALIASES = {
    "Fl": "FlateDecode",
    "LZW": "LZWDecode",
    "AHx": "ASCIIHexDecode",
    "A85": "ASCII85Decode",
    "RL": "RunLengthDecode",
    "CCF": "CCITTFaxDecode",
    "DCT": "DCTDecode",
}
_COMPONENTS = {
    b"/DeviceGray": 1,
    b"/CalGray": 1,
    b"/Indexed": 1,
    b"/DeviceRGB": 3,
    b"/CalRGB": 3,
    b"/Lab": 3,
}
_SLACK = 64 * 1024  # padding and predictor bytes an honest image stream may carry
_CHUNK = 1 << 16


def check_streams(data: bytes, filename: str, limits: DocumentLimits) -> int:
    """Decode every filtered stream within bounds; the bytes the non-image streams expand to.

    Raises `LimitExceeded` when the non-image streams together exceed the byte budget, when an
    image stream expands past what its declared pixels need, or declares too many pixels.
    """
    budget = limits.max_decompressed_bytes
    total = 0
    for start, head in _streams(data):
        filters = [_ALIASES.get(f, f) for f in _filters(head)]
        if not filters:
            continue
        raw = _raw(data, start, head)
        image = _declared_image_bytes(head, limits, filename)
        cap = image if image is not None else budget - total
        produced = _decoded_size(raw, filters, head, cap)
        if image is not None and produced > image:
            raise _exceeded(filename, "an image stream expands past its declared pixels")
        if image is None:
            total += produced
            if total > budget:
                raise _exceeded(filename, f"compressed streams inflate to over {budget} bytes")
    return total


def _exceeded(filename: str, detail: str) -> LimitExceeded:
    return LimitExceeded(filename, detail, DocumentErrorReason.DECOMPRESSION_LIMIT)


def _streams(data: bytes) -> Iterator[tuple[int, bytes]]:
    """(offset of the stream data, its dictionary text) for every stream in the file."""
    for match in _STREAM_START.finditer(data):
        head_start = max(data.rfind(b"obj", max(0, match.start() - 4096), match.start()), 0)
        yield match.end(), data[head_start : match.start()]


def _filters(head: bytes) -> list[str]:
    match = _FILTER.search(head)
    return [n.decode() for n in _NAME.findall(match.group(1))] if match else []


def _int(head: bytes, key: str) -> int | None:
    """A direct integer value of `/key` in a dictionary (an indirect reference gives None)."""
    match = re.search(rf"/{key}{_INT}".encode(), head)
    return int(match.group(1)) if match else None


def _raw(data: bytes, start: int, head: bytes) -> bytes:
    """The stream's bytes: at least its /Length, and on to the next `endstream` (as pdfminer)."""
    length = _int(head, "Length")
    ref = _REF.search(head) if length is None else None
    if ref is not None:  # an indirect length: the object holding it is a bare integer
        held = re.search(rb"(?<!\d)%s\s+%s\s+obj\s*(\d+)" % ref.groups(), data)
        length = int(held.group(1)) if held else None
    length = length or 0
    end = data.find(b"endstream", start + length)
    return data[start : end if end >= 0 else len(data)]


def _declared_image_bytes(head: bytes, limits: DocumentLimits, filename: str) -> int | None:
    """What an image stream's pixels take decoded (with slack), or None when it is no image."""
    width, height = _int(head, "Width"), _int(head, "Height")
    if b"/Image" not in head or width is None or height is None:
        return None
    if width * height > limits.max_pixels_per_page:
        raise LimitExceeded(
            filename, f"an image of {width}x{height} pixels", DocumentErrorReason.TOO_MANY_PIXELS
        )
    bits = 1 if b"/ImageMask true" in head else (_int(head, "BitsPerComponent") or 8)
    space = next((n for name, n in _COMPONENTS.items() if name in head), 4)
    return height * ((width * space * min(bits, 16) + 7) // 8 + 1) + _SLACK


def _decoded_size(raw: bytes, filters: list[str], head: bytes, cap: int) -> int:
    """The size the filter chain decodes `raw` to, or more than `cap` once that is certain."""
    data = raw
    for i, name in enumerate(filters):
        last = i == len(filters) - 1
        if name == "FlateDecode":
            out = _inflate(data, cap, keep=not last)
        elif name == "LZWDecode":
            out = _lzw(data, cap, keep=not last)
        elif name == "RunLengthDecode":
            out = _run_length(data, cap, keep=not last)
        elif name in ("ASCIIHexDecode", "ASCII85Decode"):  # these only shrink their input
            try:
                out = (asciihexdecode if name == "ASCIIHexDecode" else ascii85decode)(data)
            except (ValueError, TypeError):  # broken data: pdfminer gets no further either
                return 0
        elif name == "CCITTFaxDecode":  # a bilevel raster: its declared size is what it costs
            columns = _int(head, "Columns") or 1728
            rows = _int(head, "Rows") or _int(head, "Height") or len(data) * 8
            return (columns * rows + 7) // 8
        else:  # images pdfminer never decodes (DCT, JPX, JBIG2) or filters it refuses
            return len(data)
        if isinstance(out, int):
            return out
        if len(out) > cap:
            return len(out)
        data = out
    return len(data)


def _inflate(data: bytes, cap: int, keep: bool) -> bytes | int:
    """Inflate zlib data (a damaged tail ends it, as in pdfminer); bytes if `keep`, else size."""
    inflater = zlib.decompressobj()
    parts: list[bytes] = []
    size = 0
    pending = data
    try:
        while pending and not inflater.eof and size <= cap:
            chunk = inflater.decompress(pending, _CHUNK * 16)
            pending = inflater.unconsumed_tail
            size += len(chunk)
            if keep:
                parts.append(chunk)
    except zlib.error:
        pass
    return b"".join(parts) if keep else size


def _lzw(data: bytes, cap: int, keep: bool) -> bytes | int:
    """LZW-decode with pdfminer's generator, stopping once past `cap`."""
    parts: list[bytes] = []
    size = 0
    try:
        for chunk in LZWDecoder(io.BytesIO(data)).run():
            size += len(chunk)
            if keep:
                parts.append(chunk)
            if size > cap:
                break
    except Exception:  # noqa: BLE001, S110 - a broken code ends the data, as in pdfminer
        pass
    return b"".join(parts) if keep else size


def _run_length(data: bytes, cap: int, keep: bool) -> bytes | int:
    """RunLength-decode (PDF 32000 7.4.5), stopping once past `cap`."""
    out = bytearray()
    size = i = 0
    while i < len(data) and size <= cap:
        n = data[i]
        if n == 128:
            break
        if n < 128:
            piece = data[i + 1 : i + 2 + n]
            i += n + 2
        else:
            piece = data[i + 1 : i + 2] * (257 - n)
            i += 2
        size += len(piece)
        if keep:
            out += piece
    return bytes(out) if keep else size
