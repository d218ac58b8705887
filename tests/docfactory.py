"""Builders of small test inputs: text and scanned PDFs, DOCX files, images and zip archives."""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from collections.abc import Iterable, Sequence

import pypdfium2 as pdfium
from docx import Document as DocxDocument
from docx.enum.text import WD_BREAK
from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

PROSE = [
    "ENCLAVECONTRACT",
    "Tussen het maatwerkbedrijf De Werkplaats vzw te Gent",
    "en de onderneming Bouwbedrijf Janssens nv te Brugge",
    "wordt de volgende overeenkomst gesloten voor verpakkingswerk.",
]
TABLE = [
    ("Ondernemingsnummer:", "0412.345.678"),
    ("Aantal werknemers:", "zes (6)"),
    ("Begindatum:", "01/03/2017"),
    ("Plaats van uitvoering:", "Industrieweg 12, 9000 Gent"),
]


def text_pdf(
    pages: Sequence[Sequence[tuple[float, float, str]]],
    pagesize: tuple[float, float] = A4,
    encrypt: str | None = None,
    font_size: float = 11,
) -> bytes:
    """A PDF with a text layer; each page is a list of (x, y-from-top, text) in points."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=pagesize, encrypt=encrypt)
    for items in pages:
        c.setFont("Helvetica", font_size)
        for x, y, text in items:
            c.drawString(x, pagesize[1] - y, text)
        c.showPage()
    c.save()
    return buf.getvalue()


def contract_items() -> list[tuple[float, float, str]]:
    """The prose lines and a two-column label/value table of a sample contract page."""
    items = [(72.0, 90.0 + 20 * i, text) for i, text in enumerate(PROSE)]
    for i, (label, value) in enumerate(TABLE):
        y = 200.0 + 22 * i
        items.append((72.0, y, label))
        items.append((260.0, y, value))
    return items


def contract_pdf() -> bytes:
    """A one-page text PDF of the sample contract."""
    return text_pdf([contract_items()], font_size=12)


def blank_pdf(pages: int, pagesize: tuple[float, float] = A4) -> bytes:
    """A PDF of empty pages."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=pagesize)
    for _ in range(pages):
        c.showPage()
    c.save()
    return buf.getvalue()


def render_page(pdf: bytes, dpi: int = 300) -> Image.Image:
    """The first page of a PDF rendered to a grayscale image."""
    doc = pdfium.PdfDocument(pdf)
    try:
        page = doc[0]
        image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        page.close()
    finally:
        doc.close()
    return image


def scan(image: Image.Image, angle: float = 1.5, noise: float = 0.01, seed: int = 7) -> Image.Image:
    """Make a page image look scanned: rotate it a little and sprinkle dark and light specks."""
    out = image.convert("L").rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    rnd = random.Random(seed)
    draw = ImageDraw.Draw(out)
    width, height = out.size
    for _ in range(int(width * height * noise / 10)):
        x, y = rnd.randrange(width), rnd.randrange(height)
        draw.point((x, y), fill=rnd.choice((0, 90, 255)))
    return out


def image_pdf(images: Iterable[Image.Image], dpi: float = 300) -> bytes:
    """An image-only PDF (no text layer), one image per page."""
    frames = list(images)
    buf = io.BytesIO()
    frames[0].save(buf, "PDF", resolution=dpi, save_all=True, append_images=frames[1:])
    return buf.getvalue()


def image_bytes(image: Image.Image, fmt: str, dpi: int = 300) -> bytes:
    """An image encoded as JPEG, PNG or TIFF with its resolution recorded."""
    buf = io.BytesIO()
    image.save(buf, fmt, dpi=(dpi, dpi))
    return buf.getvalue()


def multipage_tiff(images: Sequence[Image.Image], dpi: int = 300) -> bytes:
    """A multi-page TIFF."""
    buf = io.BytesIO()
    images[0].save(buf, "TIFF", dpi=(dpi, dpi), save_all=True, append_images=list(images[1:]))
    return buf.getvalue()


def docx_bytes(
    blocks: Sequence[str | list[list[str]]], page_break_after: int | None = None
) -> bytes:
    """A DOCX with paragraphs (str) and tables (rows of cells) in order, maybe a page break."""
    doc = DocxDocument()
    for i, block in enumerate(blocks):
        if isinstance(block, str):
            paragraph = doc.add_paragraph(block)
            if page_break_after == i:
                paragraph.add_run().add_break(WD_BREAK.PAGE)
        else:
            table = doc.add_table(rows=len(block), cols=len(block[0]))
            for r, row in enumerate(block):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def zip_bytes(members: Sequence[tuple[str, bytes]], encrypted_flag: bool = False) -> bytes:
    """A zip of (name, data) members; `encrypted_flag` marks them as password-protected."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    raw = buf.getvalue()
    if encrypted_flag:  # set bit 0 of the flags in every local and central header
        out = bytearray(raw)
        for sig, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            start = 0
            while (pos := out.find(sig, start)) >= 0:
                out[pos + offset] |= 1
                start = pos + 4
        raw = bytes(out)
    return raw


def zip_bomb(total: int = 1 << 30, declared: int | None = None, name: str = "zeros.pdf") -> bytes:
    """A one-member zip inflating to `total` zero bytes, built in 1 MiB steps.

    The header declares `declared` bytes (default: the truth); a lying header declares less.
    """
    chunk = 1 << 20
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = comp.compress(bytes(chunk)) + comp.flush(zlib.Z_FULL_FLUSH)
    steps = total // chunk
    stream = block * steps + b"\x03\x00"  # an empty final block ends the deflate stream
    crc = 0
    zeros = bytes(chunk)
    for _ in range(steps):
        crc = zlib.crc32(zeros, crc)
    size = total if declared is None else declared
    fname = name.encode()
    local = struct.pack(
        "<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0x21, crc, len(stream), size, len(fname), 0
    )
    central = struct.pack(
        "<4sHHHHHHIIIHHHHHII",
        b"PK\x01\x02",
        20,
        20,
        0,
        8,
        0,
        0x21,
        crc,
        len(stream),
        size,
        len(fname),
        0,
        0,
        0,
        0,
        0,
        0,
    )
    cd_offset = len(local) + len(fname) + len(stream)
    end = struct.pack(
        "<4sHHHHIIH", b"PK\x05\x06", 0, 0, 1, 1, len(central) + len(fname), cd_offset, 0
    )
    return local + fname + stream + central + fname + end


def deflated_zeros(total: int, zlib_header: bool) -> tuple[bytes, int]:
    """A deflate stream of `total` zero bytes built 1 MiB at a time, and the zeros' CRC-32."""
    chunk = 1 << 20
    comp = zlib.compressobj(9, zlib.DEFLATED, 15 if zlib_header else -15)
    block = comp.compress(bytes(chunk)) + comp.flush(zlib.Z_FULL_FLUSH)
    head, block = (block[:2], block[2:]) if zlib_header else (b"", block)
    zeros = bytes(chunk)
    crc, adler = 0, 1
    for _ in range(total // chunk):
        crc = zlib.crc32(zeros, crc)
        adler = zlib.adler32(zeros, adler)
    tail = b"\x03\x00" + (struct.pack(">I", adler) if zlib_header else b"")
    return head + block * (total // chunk) + tail, crc


def pdf_with_content(stream: bytes, filtered: bool = True) -> bytes:
    """A hand-made one-page PDF whose content stream is `stream` (FlateDecode if `filtered`)."""
    flt = b" /Filter /FlateDecode" if filtered else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d%s >>\nstream\n" % (len(stream), flt) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims the given size (a decompression bomb's calling card)."""
    raw = image_bytes(Image.new("L", (1, 1), 255), "PNG")
    start = raw.index(b"IHDR")
    ihdr = b"IHDR" + struct.pack(">II", width, height) + raw[start + 12 : start + 17]
    return raw[:start] + ihdr + struct.pack(">I", zlib.crc32(ihdr)) + raw[start + 21 :]
