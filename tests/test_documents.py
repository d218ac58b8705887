"""Specification of the document readers: PDF text and OCR, DOCX, images, zips, sniffing."""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile

import pytest
from PIL import Image, ImageDraw

from parsers.documents import (
    CorruptDocument,
    DocumentError,
    DocumentErrorReason,
    DocumentLimits,
    EncryptedDocument,
    LimitExceeded,
    OcrFailed,
    UnsupportedDocument,
    expand_zip,
    images,
    is_document_candidate,
    ocr,
    read_attachment,
    read_document,
    read_docx,
    read_image,
    read_pdf,
    sniff,
)
from parsers.documents.archive import ZipBudget, read_member
from parsers.documents.ocr import clean_page, estimate_skew
from parsers.types import Line, Page, TextSource
from tests import docfactory as f

LIMITS = DocumentLimits()
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _line(lines: list[Line], first_word: str) -> Line:
    """The first line starting with a word."""
    return next(line for line in lines if line.words and line.words[0].text == first_word)


@pytest.fixture(scope="module")
def contract_image() -> Image.Image:
    """The sample contract page rendered at 300 dpi."""
    return f.render_page(f.contract_pdf(), dpi=300)


@pytest.fixture(scope="module")
def header_image() -> Image.Image:
    """The top third of the contract page at 150 dpi: quick to OCR."""
    image = f.render_page(f.contract_pdf(), dpi=150)
    return image.crop((0, 0, image.width, image.height // 3))


# --- PDF text layer -------------------------------------------------------------------------


def test_text_pdf_gives_lines_in_reading_order_with_point_boxes() -> None:
    """Each drawn line becomes a Line, top to bottom, with boxes in points from the top left."""
    doc = read_pdf(f.contract_pdf(), "c.pdf", LIMITS)
    page = doc.pages[0]
    assert (doc.media_type, page.number, page.source) == ("application/pdf", 1, "text_layer")
    assert page.lines[0].text == "ENCLAVECONTRACT"
    assert page.lines[1].text == f.PROSE[1]
    box = page.lines[0].box
    assert box is not None and abs(box.x0 - 72) < 0.5 and 78 < box.top < 90 < box.bottom < 95
    assert abs(page.width - 595.3) < 1 and abs(page.height - 841.9) < 1
    tops = [line.box.top for line in page.lines if line.box]
    assert tops == sorted(tops)


def test_two_column_label_and_value_share_one_line_in_x_order() -> None:
    """A label and its value in the next column read as one line, label first."""
    page = read_pdf(f.contract_pdf(), "c.pdf", LIMITS).pages[0]
    line = _line(page.lines, "Ondernemingsnummer:")
    assert line.text == "Ondernemingsnummer: 0412.345.678"
    value_box = line.words[-1].box
    assert value_box is not None and abs(value_box.x0 - 260) < 0.5


def test_value_on_a_slightly_lower_baseline_still_joins_its_label() -> None:
    """A value drawn 1.5 pt lower than its label stays on the label's line; the next row not."""
    pdf = f.text_pdf(
        [
            [
                (72, 100, "Begindatum:"),
                (300, 101.5, "1 maart 2017"),
                (72, 118, "Einddatum:"),
                (300, 118, "onbepaald"),
            ]
        ]
    )
    lines = read_pdf(pdf, "t.pdf", LIMITS).pages[0].lines
    assert [line.text for line in lines] == ["Begindatum: 1 maart 2017", "Einddatum: onbepaald"]


def test_image_only_page_without_ocr_is_empty_with_a_warning() -> None:
    """With OCR off, a scanned page gives no lines and says why."""
    pdf = f.image_pdf([Image.new("L", (600, 800), 255)], dpi=72)
    doc = read_pdf(pdf, "s.pdf", LIMITS, ocr=False)
    assert doc.pages[0].lines == [] and "OCR disabled" in doc.warnings[0]


# --- PDF failures and limits -----------------------------------------------------------------


def test_encrypted_pdf_is_refused_as_encrypted() -> None:
    """A PDF that needs a password raises EncryptedDocument naming the file."""
    pdf = f.text_pdf([[(72, 72, "geheim")]], encrypt="secret")
    with pytest.raises(EncryptedDocument) as info:
        read_pdf(pdf, "geheim.pdf", LIMITS)
    assert info.value.reason is DocumentErrorReason.ENCRYPTED
    assert info.value.filename == "geheim.pdf"


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4\nthis is no pdf at all", f.contract_pdf()[:700], b"hello world", b""],
    ids=["garbage", "truncated", "no-header", "empty"],
)
def test_broken_pdf_is_corrupt(data: bytes) -> None:
    """Garbage, truncated or empty bytes raise CorruptDocument."""
    with pytest.raises(CorruptDocument):
        read_pdf(data, "kapot.pdf", LIMITS)


def test_ten_thousand_pages_are_refused_quickly() -> None:
    """A PDF over the page limit is refused before any page is parsed."""
    pdf = f.blank_pdf(10_000)
    start = time.monotonic()
    with pytest.raises(LimitExceeded) as info:
        read_pdf(pdf, "veel.pdf", LIMITS)
    assert info.value.reason is DocumentErrorReason.TOO_MANY_PAGES
    assert time.monotonic() - start < 1.0


def test_blank_page_is_not_sent_to_ocr() -> None:
    """A page with nothing drawn on it is an empty text-layer page, not an OCR job."""
    doc = read_pdf(f.blank_pdf(1), "leeg.pdf", LIMITS)
    assert doc.pages[0].source is TextSource.TEXT_LAYER and doc.pages[0].lines == []
    assert doc.warnings == []


def test_huge_mediabox_is_refused_before_rendering() -> None:
    """A 200-inch square scanned page is refused by its pixel count at OCR dpi, not rendered."""
    pdf = f.image_pdf([Image.new("L", (1440, 1440), 255)], dpi=7.2)
    start = time.monotonic()
    with pytest.raises(LimitExceeded) as info:
        read_pdf(pdf, "groot.pdf", LIMITS)
    assert info.value.reason is DocumentErrorReason.TOO_MANY_PIXELS
    assert time.monotonic() - start < 1.0


def test_pdf_content_stream_bomb_is_refused_in_bounded_memory() -> None:
    """A content stream inflating to 1 GiB is refused quickly without inflating it all."""
    stream, _ = f.deflated_zeros(1 << 30, zlib_header=True)
    pdf = f.pdf_with_content(stream)
    tracemalloc.start()
    start = time.monotonic()
    try:
        with pytest.raises(LimitExceeded) as info:
            read_pdf(pdf, "bom.pdf", LIMITS)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert info.value.reason is DocumentErrorReason.DECOMPRESSION_LIMIT
    assert time.monotonic() - start < 1.0 and peak < 32 << 20


# --- OCR ----------------------------------------------------------------------------------------


def test_lone_bar_before_a_month_is_the_digit_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """`| feb. 2021` is read as `1 feb. 2021`; a bar before a label stays a ruling's remnant."""
    rows = [["|", "feb.", "2021"], ["|", "Naam:", "De", "Ploeg"]]
    data: dict[str, list[object]] = {
        k: []
        for k in (
            "level",
            "text",
            "conf",
            "left",
            "top",
            "width",
            "height",
            "block_num",
            "par_num",
            "line_num",
        )
    }
    for row, words in enumerate(rows):
        for col, text in enumerate(words):
            for key, value in (
                ("level", 5),
                ("text", text),
                ("conf", 80),
                ("left", 40 * col + 10),
                ("top", 50 * row + 10),
                ("width", 30),
                ("height", 20),
                ("block_num", 1),
                ("par_num", 1),
                ("line_num", row + 1),
            ):
                data[key].append(value)
    monkeypatch.setattr(ocr, "_tesseract", lambda *args: data)
    page = ocr.ocr_image(Image.new("L", (400, 200), 255), 1, LIMITS, 72 / 300)
    assert [line.text for line in page.lines] == ["1 feb. 2021", "Naam: De Ploeg"]


def test_label_and_value_level_on_the_straightened_page_share_a_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On a tilted page a label and its far-right value still join: rows are found upright."""
    data: dict[str, list[object]] = {
        k: []
        for k in (
            "level",
            "text",
            "conf",
            "left",
            "top",
            "width",
            "height",
            "block_num",
            "par_num",
            "line_num",
        )
    }
    for block, (text, left) in enumerate((("Klant:", 100), ("Garage", 1500), ("Peeters", 1640))):
        for key, value in (
            ("level", 5),
            ("text", text),
            ("conf", 90),
            ("left", left),
            ("top", 1000),
            ("width", 120),
            ("height", 30),
            ("block_num", min(block, 1) + 1),
            ("par_num", 1),
            ("line_num", 1),
        ):
            data[key].append(value)
    monkeypatch.setattr(ocr, "_tesseract", lambda *args: data)
    monkeypatch.setattr(ocr, "estimate_skew", lambda gray: 2.0)
    page = ocr.ocr_image(Image.new("L", (2000, 2000), 255), 1, LIMITS, 72 / 300)
    assert [line.text for line in page.lines] == ["Klant: Garage Peeters"]
    boxes = [w.box for w in page.lines[0].words]
    assert boxes[0] is not None and boxes[1] is not None
    assert abs(boxes[0].top - boxes[1].top) > 5  # the boxes stay where the tilted page has them


def test_skew_estimate_finds_a_small_tilt(contract_image: Image.Image) -> None:
    """A page tilted 2 degrees is straightened by rotating it back about 2 degrees."""
    assert abs(estimate_skew(f.scan(contract_image, angle=2.0)) + 2.0) <= 0.2
    assert abs(estimate_skew(contract_image)) <= 0.1


@pytest.mark.ocr
def test_scanned_tilted_noisy_pdf_is_read_by_ocr(contract_image: Image.Image) -> None:
    """An image-only PDF of a tilted, speckled page OCRs to the contract's words and rows."""
    pdf = f.image_pdf([f.scan(contract_image, angle=1.5, noise=0.01)])
    doc = read_pdf(pdf, "scan.pdf", LIMITS)
    page = doc.pages[0]
    assert page.source is TextSource.OCR
    assert "ENCLAVECONTRACT" in page.text and "maatwerkbedrijf" in page.text
    assert _line(page.lines, "Ondernemingsnummer:").text == "Ondernemingsnummer: 0412.345.678"
    assert "Begindatum: 01/03/2017" in page.text
    assert all(0.5 < w.confidence <= 1 for line in page.lines for w in line.words[:1])
    for line in page.lines:
        assert line.box is not None and 0 <= line.box.x0 < line.box.x1 <= page.width


@pytest.mark.ocr
def test_ocr_boxes_line_up_with_the_text_layer(contract_image: Image.Image) -> None:
    """OCR word boxes in points fall within 3 pt of the same word's text-layer box."""
    truth = read_pdf(f.contract_pdf(), "c.pdf", LIMITS).pages[0]
    scanned = read_pdf(f.image_pdf([contract_image]), "s.pdf", LIMITS).pages[0]
    expected = _line(truth.lines, "Begindatum:").words[-1].box
    got = _line(scanned.lines, "Begindatum:").words[-1].box
    assert expected is not None and got is not None
    assert (
        max(
            abs(a - b)
            for a, b in zip(
                (got.x0, got.top, got.x1, got.bottom),
                (expected.x0, expected.top, expected.x1, expected.bottom),
                strict=True,
            )
        )
        < 3
    )


@pytest.mark.ocr
def test_scanner_junk_text_layer_is_replaced_by_ocr(header_image: Image.Image) -> None:
    """A page-size image under a few junk characters counts as a scan and is OCR'd."""
    buf = io.BytesIO()
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    page_size = (header_image.width * 72 / 150, header_image.height * 72 / 150)
    c = canvas.Canvas(buf, pagesize=page_size)
    c.drawImage(ImageReader(header_image), 0, 0, *page_size)
    c.setFont("Helvetica", 4)
    c.drawString(5, 5, "~ ## . x1 ,,")
    c.save()
    page = read_pdf(buf.getvalue(), "junk.pdf", LIMITS).pages[0]
    assert page.source is TextSource.OCR and "ENCLAVECONTRACT" in page.text


@pytest.mark.ocr
def test_ocr_timeout_is_reported_as_such(header_image: Image.Image) -> None:
    """When tesseract exceeds its time, the document fails with reason ocr_timeout."""
    limits = DocumentLimits(ocr_timeout_s=0.001)
    with pytest.raises(OcrFailed) as info:
        read_pdf(f.image_pdf([header_image], dpi=150), "traag.pdf", limits)
    assert info.value.reason is DocumentErrorReason.OCR_TIMEOUT


# --- images -------------------------------------------------------------------------------------


@pytest.mark.ocr
@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "TIFF"])
def test_image_formats_are_read_with_boxes_in_points(fmt: str, header_image: Image.Image) -> None:
    """JPEG, PNG and TIFF images OCR to text, boxes scaled by the image's own resolution."""
    doc = read_image(f.image_bytes(header_image, fmt, dpi=150), f"scan.{fmt.lower()}", LIMITS)
    page = doc.pages[0]
    assert doc.media_type == f"image/{fmt.lower()}" and "ENCLAVECONTRACT" in page.text
    assert abs(page.width - 595.3) < 2
    box = page.lines[0].box
    assert box is not None and abs(box.x0 - 72) < 3


def test_coarse_image_is_scaled_up_to_ocr_resolution(
    header_image: Image.Image, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 150-dpi scan reaches OCR at 300 dpi, its point scale following the new size."""
    seen: list[tuple[int, float]] = []

    def fake_ocr(
        image: Image.Image, number: int, limits: DocumentLimits, scale: float, filename: str = ""
    ) -> Page:
        seen.append((image.width, scale))
        return Page(number=number, lines=[], source=TextSource.OCR)

    monkeypatch.setattr(images, "ocr_image", fake_ocr)
    read_image(f.image_bytes(header_image, "PNG", dpi=150), "scan.png", LIMITS)
    assert seen == [(header_image.width * 2, 72.0 / 300)]


@pytest.mark.ocr
def test_multipage_tiff_gives_one_page_per_frame(header_image: Image.Image) -> None:
    """Every frame of a TIFF becomes a numbered page."""
    tiff = f.multipage_tiff([header_image, header_image.rotate(0)], dpi=150)
    doc = read_document(tiff, "fax.tif", "image/tiff", LIMITS)
    assert [p.number for p in doc.pages] == [1, 2]
    assert all("ENCLAVECONTRACT" in p.text for p in doc.pages)


def test_tiff_with_more_frames_than_pages_allowed_is_refused() -> None:
    """A TIFF over the page limit is refused before any OCR."""
    frames = [Image.new("L", (50, 50), 255)] * 3
    with pytest.raises(LimitExceeded) as info:
        read_image(f.multipage_tiff(frames), "fax.tif", DocumentLimits(max_pages=2))
    assert info.value.reason is DocumentErrorReason.TOO_MANY_PAGES


@pytest.mark.parametrize("size", [(30_000, 30_000), (7_000, 7_000)], ids=["huge", "over-limit"])
def test_image_decompression_bomb_is_refused(size: tuple[int, int]) -> None:
    """An image claiming more pixels than allowed raises LimitExceeded, never a warning."""
    with pytest.raises(LimitExceeded) as info:
        read_image(f.png_claiming(*size), "bom.png", LIMITS)
    assert info.value.reason is DocumentErrorReason.TOO_MANY_PIXELS


def test_broken_image_is_corrupt() -> None:
    """A PNG cut short raises CorruptDocument."""
    data = f.image_bytes(Image.effect_noise((300, 300), 60), "PNG")
    with pytest.raises(CorruptDocument):
        read_image(data[: len(data) // 2], "half.png", LIMITS)


# --- DOCX ---------------------------------------------------------------------------------------


def test_docx_keeps_paragraphs_and_table_rows_in_document_order() -> None:
    """Paragraphs and table rows come out in order; two-cell rows read 'Label: Value'."""
    data = f.docx_bytes(
        [
            "Enclavecontract",
            [["Naam maatwerkbedrijf", "De Werkplaats vzw"], ["Aantal werknemers:", "6"]],
            "Ondertekend te Gent",
            [["Naam", "Functie", "Datum"]],
        ]
    )
    doc = read_docx(data, "c.docx", LIMITS)
    assert doc.media_type == DOCX_TYPE and len(doc.pages) == 1
    assert [line.text for line in doc.pages[0].lines] == [
        "Enclavecontract",
        "Naam maatwerkbedrijf: De Werkplaats vzw",
        "Aantal werknemers: 6",
        "Ondertekend te Gent",
        "Naam | Functie | Datum",
    ]
    assert doc.pages[0].source is TextSource.DOCX
    assert all(w.box is None for line in doc.pages[0].lines for w in line.words)


def test_docx_page_break_starts_a_new_page() -> None:
    """An explicit page break splits the document into pages."""
    data = f.docx_bytes(["Eerste blad", "Nog eerste blad", "Tweede blad"], page_break_after=1)
    doc = read_document(data, "c.docx", None, LIMITS)
    assert [p.text for p in doc.pages] == ["Eerste blad\nNog eerste blad", "Tweede blad"]


def test_docx_text_box_is_read_once() -> None:
    """A text box stored twice (modern and legacy copy) contributes its text once."""
    from docx import Document as DocxDocument
    from docx.oxml import parse_xml

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    box = "<w:p><w:r><w:t>Vak</w:t></w:r></w:p>"
    doc = DocxDocument()
    paragraph = doc.add_paragraph("Voor")
    paragraph._p.append(
        parse_xml(
            f'<w:r xmlns:w="{w}" xmlns:mc="{mc}"><mc:AlternateContent>'
            f"<mc:Choice Requires='wps'><w:txbxContent>{box}</w:txbxContent></mc:Choice>"
            f"<mc:Fallback><w:txbxContent>{box}</w:txbxContent></mc:Fallback>"
            "</mc:AlternateContent></w:r>"
        )
    )
    buf = io.BytesIO()
    doc.save(buf)
    assert read_docx(buf.getvalue(), "v.docx", LIMITS).text == "Voor\nVak"


def test_broken_docx_is_corrupt() -> None:
    """A zip named .docx without a Word body, and a cut-short DOCX, raise CorruptDocument."""
    with pytest.raises(CorruptDocument):
        read_docx(f.zip_bytes([("hello.txt", b"hi")]), "c.docx", LIMITS)
    data = f.docx_bytes(["Enclavecontract"])
    with pytest.raises(CorruptDocument):
        read_docx(data[: len(data) // 2], "c.docx", LIMITS)


def test_docx_zip_bomb_is_refused_before_opening() -> None:
    """A DOCX whose parts inflate past the byte budget raises LimitExceeded."""
    with pytest.raises(LimitExceeded) as info:
        read_docx(f.zip_bomb(name="word/document.xml"), "bom.docx", LIMITS)
    assert info.value.reason is DocumentErrorReason.DECOMPRESSION_LIMIT


# --- zip archives -------------------------------------------------------------------------------


@pytest.mark.parametrize("declared", [None, 1000], ids=["true-header", "lying-header"])
def test_zip_bomb_is_refused_fast_in_bounded_memory(declared: int | None) -> None:
    """A member inflating to 1 GiB is refused within a second using a few MiB at most."""
    bomb = f.zip_bomb(1 << 30, declared=declared)
    tracemalloc.start()
    start = time.monotonic()
    try:
        with pytest.raises(DocumentError) as info:
            expand_zip(bomb, "bom.zip", LIMITS)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.monotonic() - start < 1.0 and peak < 16 << 20
    expected = {DocumentErrorReason.DECOMPRESSION_LIMIT}
    if declared is not None:  # inflating stops at the declared size; the checksum then fails
        expected.add(DocumentErrorReason.CORRUPT)
    assert info.value.reason in expected


def test_bytes_are_counted_while_reading_not_only_declared() -> None:
    """Reading a member charges the bytes actually inflated against the budget."""
    data = f.zip_bytes([("a.pdf", bytes(200_000))])
    with zipfile.ZipFile(io.BytesIO(data)) as zf, pytest.raises(LimitExceeded):
        read_member(zf, zf.infolist()[0], "a.zip", ZipBudget(members=5, bytes=100_000))


def test_zip_member_names_are_made_safe() -> None:
    """Directory parts, '..' and drive letters are dropped; clashing names get a suffix."""
    data = f.zip_bytes(
        [
            ("../../etc/passwd", b"x"),
            ("C:\\temp\\contract.pdf", b"y"),
            ("sub/contract.pdf", b"z"),
            ("__MACOSX/._contract.pdf", b"junk"),
            ("map/", b""),
        ]
    )
    members = expand_zip(data, "a.zip", LIMITS)
    assert members == [("passwd", b"x"), ("contract.pdf", b"y"), ("contract (2).pdf", b"z")]


def test_nested_zips_are_expanded_up_to_the_depth_limit() -> None:
    """A zip in a zip is expanded; one nested deeper than allowed is refused."""
    inner = f.zip_bytes([("c.pdf", b"%PDF-1.4")])
    assert expand_zip(f.zip_bytes([("in.zip", inner)]), "a.zip", LIMITS) == [("c.pdf", b"%PDF-1.4")]
    deeper = f.zip_bytes([("mid.zip", f.zip_bytes([("in.zip", inner)]))])
    with pytest.raises(LimitExceeded):
        expand_zip(deeper, "a.zip", LIMITS)


def test_zip_with_too_many_members_is_refused() -> None:
    """More members than allowed raise LimitExceeded before reading them."""
    data = f.zip_bytes([(f"{i}.txt", b"x") for i in range(LIMITS.max_zip_members + 1)])
    with pytest.raises(LimitExceeded):
        expand_zip(data, "a.zip", LIMITS)


def test_password_protected_zip_member_is_encrypted() -> None:
    """A member flagged as encrypted raises EncryptedDocument."""
    with pytest.raises(EncryptedDocument):
        expand_zip(f.zip_bytes([("c.pdf", b"x")], encrypted_flag=True), "a.zip", LIMITS)


def test_corrupt_zip_is_corrupt() -> None:
    """Bytes that start like a zip but are not one raise CorruptDocument."""
    with pytest.raises(CorruptDocument):
        expand_zip(b"PK\x03\x04" + b"\x00" * 50, "a.zip", LIMITS)


def test_read_attachment_reads_the_candidates_inside_a_zip() -> None:
    """A zip's PDF is read, its vCard skipped, a broken member reported in its place."""
    data = f.zip_bytes(
        [
            ("contract.pdf", f.contract_pdf()),
            ("kaart.vcf", b"BEGIN:VCARD"),
            ("kapot.pdf", b"%PDF-1.4 nothing"),
        ]
    )
    results = dict(read_attachment(data, "bijlagen.zip", "application/zip", LIMITS))
    assert set(results) == {"contract.pdf", "kapot.pdf"}
    assert "ENCLAVECONTRACT" in results["contract.pdf"].text  # type: ignore[union-attr]
    assert isinstance(results["kapot.pdf"], CorruptDocument)


# --- sniffing and dispatch ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "filename", "declared", "expected"),
    [
        (b"%PDF-1.7\n...", "scan.bin", "application/octet-stream", "application/pdf"),
        (b"\xef\xbb\xbf%PDF-1.4\n", "x", None, "application/pdf"),
        (b"\xff\xd8\xff\xe0rest", "foto.pdf", "application/pdf", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\nrest", "x.dat", None, "image/png"),
        (b"II*\x00rest", "x", None, "image/tiff"),
        (b"MM\x00*rest", "x", None, "image/tiff"),
        (f.docx_bytes(["x"]), "contract.zip", "application/zip", DOCX_TYPE),
        (f.zip_bytes([("a.pdf", b"x")]), "stuff.docx", None, "application/zip"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "oud.doc", None, "application/msword"),
        (b"plain words", "nota.txt", "application/octet-stream", "text/plain"),
        (b"plain words", "nota", "text/plain; charset=utf-8", "text/plain"),
        (b"MZ\x90\x00", "setup.exe", "application/x-msdownload", "application/x-msdownload"),
    ],
)
def test_sniff_trusts_magic_then_extension_then_declared(
    data: bytes, filename: str, declared: str | None, expected: str
) -> None:
    """Magic bytes win over the name, the name over the declared type."""
    assert sniff(data, filename, declared) == expected


def test_plain_text_attachment_is_one_plain_page() -> None:
    """A .txt attachment becomes one PLAIN page of its lines."""
    doc = read_document(b"Begindatum: 1 maart 2017\n\nEinde", "n.txt", None, LIMITS)
    assert doc.pages[0].source is TextSource.PLAIN
    assert doc.text == "Begindatum: 1 maart 2017\nEinde"


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"MZ\x90\x00", "setup.exe"),
        (
            f.zip_bytes([("[Content_Types].xml", b"<x/>"), ("xl/workbook.xml", b"<x/>")]),
            "lijst.xlsx",
        ),
    ],
)
def test_unsupported_formats_are_refused_with_a_reason(data: bytes, filename: str) -> None:
    """Executables and spreadsheets raise UnsupportedDocument."""
    with pytest.raises(UnsupportedDocument) as info:
        read_document(data, filename, None, LIMITS)
    assert info.value.reason is DocumentErrorReason.UNSUPPORTED


def test_attachment_over_the_size_limit_is_refused() -> None:
    """An attachment larger than allowed is refused before sniffing."""
    with pytest.raises(LimitExceeded) as info:
        limits = DocumentLimits(max_attachment_bytes=1000)
        read_document(b"%PDF-" + bytes(2000), "x.pdf", None, limits)
    assert info.value.reason is DocumentErrorReason.TOO_LARGE


@pytest.mark.parametrize(
    ("filename", "media_type", "size", "inline", "expected"),
    [
        ("contract.pdf", "application/pdf", 80_000, False, True),
        ("Contract.DOCX", None, 30_000, False, True),
        ("oud.doc", "application/msword", 30_000, False, True),
        ("scan.jpg", "image/jpeg", 900_000, False, True),
        ("bijlagen.zip", "application/zip", 90_000, False, True),
        ("document", "application/octet-stream", 90_000, False, True),
        ("image001.png", "image/png", 6_000, False, False),
        ("logo.jpg", "image/jpeg", 9_000, True, False),
        ("jan.vcf", "text/vcard", 500, False, False),
        ("smime.p7s", "application/pkcs7-signature", 4_000, False, False),
        ("winmail.dat", "application/ms-tnef", 40_000, False, False),
        ("lijst.xlsx", "application/vnd.ms-excel", 9_000, False, False),
    ],
)
def test_document_candidates(
    filename: str, media_type: str | None, size: int, inline: bool, expected: bool
) -> None:
    """Contracts, scans and zips are tried; signature logos, vCards and S/MIME parts are not."""
    assert is_document_candidate(filename, media_type, size, inline) is expected


def test_table_rulings_are_cleared_and_text_kept_before_ocr() -> None:
    """Long horizontal and vertical rules turn to paper; letters and short strokes stay ink."""
    page = Image.new("L", (900, 400), 235)
    draw = ImageDraw.Draw(page)
    draw.line([(50, 100), (850, 100)], fill=40, width=4)  # a row rule
    draw.line([(400, 20), (400, 380)], fill=40, width=4)  # a column rule
    draw.text((60, 120), "Aantal doelgroepwerknemers", fill=20)
    draw.line([(60, 300), (90, 300)], fill=20, width=3)  # a dash, far shorter than a rule
    cleaned = clean_page(page, 300)
    assert cleaned.getpixel((600, 100)) == 255 and cleaned.getpixel((400, 250)) == 255
    assert cleaned.getpixel((75, 300)) == 0
    text_ink = cleaned.crop((60, 115, 300, 135)).histogram()[0]
    assert text_ink > 50
