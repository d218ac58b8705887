"""Every known bomb is refused at its own check, fast and before the expansion is allocated."""

from __future__ import annotations

import io
import time
import tracemalloc
from collections.abc import Callable

import pytest
from PIL import Image

from mailbox_ingest.config import LimitSettings
from mailbox_ingest.domain.enums import QuarantineReason
from mailbox_ingest.pipeline.documents import process_attachments
from parsers.documents import DocumentErrorReason, DocumentLimits, LimitExceeded, read_image
from parsers.documents.docx import read_docx
from parsers.documents.odt import read_odt
from parsers.documents.pdf import check_streams, read_pdf
from parsers.mail import MailAttachment, MailLimits, MailParseError, PartRole, parse_mail
from samples.corpus import bombs
from tests import docfactory as f

LIMITS = DocumentLimits()
GiB = 1 << 30
HANG_GUARD_S = 30.0  # a hang guard on a busy machine, not a speed target (see bench/)


@pytest.mark.parametrize(
    "build",
    [
        bombs.pdf_image_key_bomb,
        bombs.pdf_small_image_bomb,
        bombs.pdf_filter_chain_bomb,
        bombs.pdf_lzw_bomb,
        bombs.pdf_runlength_bomb,
    ],
    ids=lambda b: b.__name__,
)
def test_pdf_stream_bombs_are_refused_before_pdfminer(build: Callable[[int], bytes]) -> None:
    """Image-keyed, filter-chained, LZW and RunLength streams count against the byte budget."""
    pdf = build(512 << 20)
    start = time.monotonic()
    with pytest.raises(LimitExceeded) as info:
        check_streams(pdf, "bom.pdf", LIMITS)
    assert info.value.reason is DocumentErrorReason.DECOMPRESSION_LIMIT
    assert time.monotonic() - start < HANG_GUARD_S


def test_pdf_stream_bomb_is_refused_by_read_pdf_in_bounded_memory() -> None:
    """read_pdf refuses an LZW bomb without pdfminer ever holding its expansion."""
    pdf = bombs.pdf_lzw_bomb(1 << 30)
    tracemalloc.start()
    try:
        with pytest.raises(LimitExceeded):
            read_pdf(pdf, "bom.pdf", LIMITS)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 128 << 20, f"peak {peak >> 20} MiB"


def test_honest_streams_pass_and_report_what_they_inflate_to() -> None:
    """A text PDF and a scanned page pass the stream check; their expansion is counted."""
    assert check_streams(f.contract_pdf(), "c.pdf", LIMITS) >= 0
    scan = f.image_pdf([Image.new("L", (2480, 3508), 255)])
    assert check_streams(scan, "scan.pdf", LIMITS) >= 0
    small = bombs.pdf_runlength_bomb(1 << 20)
    assert check_streams(small, "small.pdf", LIMITS) >= 1 << 20


def test_odt_repeat_count_does_not_allocate_its_spaces() -> None:
    """A `text:s text:c="1000000000"` is read as a space, not a gigabyte of them."""
    tracemalloc.start()
    try:
        doc = read_odt(bombs.odt_repeat_bomb(10**9), "c.odt", LIMITS)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert doc.text.split() == ["Ondernemingscontract", "De", "Ploeg"]
    assert peak < 32 << 20, f"peak {peak >> 20} MiB"


@pytest.mark.parametrize("count", ["-5", "abc", "²"])
def test_odt_bad_repeat_count_is_one_space(count: str) -> None:
    """A repeat count that is no number reads as one space instead of crashing the reader."""
    doc = read_odt(bombs.odt_repeat_bomb(count), "c.odt", LIMITS)  # type: ignore[arg-type]
    assert doc.text.split() == ["Ondernemingscontract", "De", "Ploeg"]


def test_docx_grid_span_bomb_is_refused() -> None:
    """A cell spanning a hundred million columns is refused before python-docx repeats it."""
    start = time.monotonic()
    with pytest.raises(LimitExceeded) as info:
        read_docx(bombs.docx_span_bomb(100_000_000), "c.docx", LIMITS)
    assert info.value.reason is DocumentErrorReason.DECOMPRESSION_LIMIT
    assert time.monotonic() - start < HANG_GUARD_S


def test_docx_ordinary_span_is_read() -> None:
    """A cell spanning three columns is read as before."""
    doc = read_docx(bombs.docx_span_bomb(3), "c.docx", LIMITS)
    assert "Opdrachtgever" in doc.text


def test_image_is_not_upscaled_past_the_pixel_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """A coarse scan whose upscaled size breaks the pixel limit is refused before resizing."""
    sizes: list[tuple[int, int]] = []
    real = Image.Image.resize

    def spy(self: Image.Image, size: tuple[int, int], *a: object, **k: object) -> Image.Image:
        sizes.append(size)
        return real(self, size, *a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(Image.Image, "resize", spy)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", Image.MAX_IMAGE_PIXELS)  # read_image sets it
    buf = io.BytesIO()
    Image.new("L", (900, 900), 255).save(buf, "PNG", dpi=(150, 150))
    limits = DocumentLimits(max_pixels_per_page=1_000_000)
    with pytest.raises(LimitExceeded) as info:
        read_image(buf.getvalue(), "scan.png", limits)
    assert info.value.reason is DocumentErrorReason.TOO_MANY_PIXELS
    assert all(w * h <= limits.max_pixels_per_page for w, h in sizes), sizes


def test_mail_of_many_tiny_parts_is_refused_before_parsing() -> None:
    """30 MiB of empty text parts is refused by counting delimiters, quickly."""
    raw = bombs.tiny_parts_mail(30 << 20)
    start = time.monotonic()
    with pytest.raises(MailParseError) as info:
        parse_mail(raw, MailLimits())
    assert info.value.reason is QuarantineReason.TOO_MANY_PARTS
    assert time.monotonic() - start < HANG_GUARD_S


def test_mail_within_the_parts_limit_is_parsed() -> None:
    """A mail of fifty small parts is parsed as before."""
    parsed = parse_mail(bombs.tiny_parts_mail(50 * 40), MailLimits(max_parts=60))
    assert parsed.attachments == []


def _zip_attachment(name: str, size: int) -> MailAttachment:
    """A zip holding one text member of `size` bytes."""
    data = f.zip_bytes([("a.txt", b"contract " * (size // 9))])
    return MailAttachment(name, "application/zip", data, 0, PartRole.ATTACHMENT)


def test_zip_budget_is_per_mail_not_per_attachment() -> None:
    """Two zips each within the per-attachment budget but together over the mail's are refused."""
    limits = LimitSettings(max_decompressed_bytes=1 << 20, mail_max_decompressed_bytes=1 << 20)
    one = process_attachments([_zip_attachment("a.zip", 700_000)], limits)
    assert all(r.error is None for r in one)
    two = process_attachments(
        [_zip_attachment("a.zip", 700_000), _zip_attachment("b.zip", 700_000)], limits
    )
    assert [r.error for r in two if r.filename == "b.zip"] == [QuarantineReason.DECOMPRESSION_LIMIT]
