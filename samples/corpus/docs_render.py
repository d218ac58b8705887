"""Rendering contract truths into files: one function per layout, and a dispatcher.

Every `render_<layout>(truth, rng)` takes one truth, or several for a document that holds more
than one contract, and returns the file's bytes; `render` picks the layout from the truth and
derives its random choices from the truth's seed, so it always makes the same file.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence

import pypdfium2 as pdfium

from samples.corpus import docs_pool as pool
from samples.corpus.docs_docx import render_docx
from samples.corpus.docs_form import build_form
from samples.corpus.docs_model import Block, BlockKind, DocSpec
from samples.corpus.docs_pdf import render_pdf
from samples.corpus.docs_prose import build_prose
from samples.corpus.scan import scan_image, scan_pdf
from samples.corpus.truth import ContractTruth, Layout

TruthArg = ContractTruth | Sequence[ContractTruth]
Builder = Callable[[ContractTruth, random.Random], list[Block]]
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _as_list(truth: TruthArg) -> list[ContractTruth]:
    return [truth] if isinstance(truth, ContractTruth) else list(truth)


def _spec(
    truths: list[ContractTruth], rng: random.Random, build: Builder, size: float | None = None
) -> DocSpec:
    blocks: list[Block] = []
    for index, truth in enumerate(truths):
        if index:
            blocks.append(Block(BlockKind.PAGE_BREAK))
        blocks.extend(build(truth, rng))
    first = truths[0]
    footer = rng.choice(
        [
            "",
            "Ondernemingscontract enclave",
            first.workplace_name,
            "Paraaf werkplaats: ........   Paraaf onderneming: ........",
        ]
    )
    return DocSpec(
        blocks,
        font=first.font,
        size=size or rng.choice([9, 9.5, 10, 10.5, 11, 12]),
        header=rng.choice(["", "", first.workplace_name]),
        footer=footer,
        page_numbers=rng.random() < 0.7,
        title=rng.choice(["", "Enclavecontract"]),
        author=pool.person(rng),
    )


def _written_on(truth: ContractTruth) -> dt.datetime:
    day = truth.signed_date or truth.start_date or dt.date(2018, 1, 15)
    return dt.datetime(day.year, day.month, day.day, 10, 12) - dt.timedelta(days=2)


def render_form_pdf(truth: TruthArg, rng: random.Random) -> bytes:
    """A form with labelled fields, as a text PDF."""
    return render_pdf(_spec(_as_list(truth), rng, build_form))


def render_prose_pdf(truth: TruthArg, rng: random.Random) -> bytes:
    """A contract in articles, as a text PDF."""
    return render_pdf(_spec(_as_list(truth), rng, build_prose))


def render_form_docx(truth: TruthArg, rng: random.Random) -> bytes:
    """A form with labelled fields, as a DOCX."""
    truths = _as_list(truth)
    return render_docx(_spec(truths, rng, build_form), _written_on(truths[0]))


def render_prose_docx(truth: TruthArg, rng: random.Random) -> bytes:
    """A contract in articles, as a DOCX."""
    truths = _as_list(truth)
    return render_docx(_spec(truths, rng, build_prose), _written_on(truths[0]))


def _stamp_lines(truth: ContractTruth) -> list[str]:
    return [truth.workplace_name.upper(), truth.workplace_address]


def render_scan_pdf(truth: TruthArg, rng: random.Random) -> bytes:
    """A printed, signed and scanned form or prose contract: an image-only PDF."""
    truths = _as_list(truth)
    base = render_prose_pdf if truths[0].base_layout is Layout.PROSE_PDF else render_form_pdf
    when = _written_on(truths[0]) + dt.timedelta(days=3, hours=4)
    return scan_pdf(base(truths, rng), rng, _stamp_lines(truths[0]), when)


def page_count(pdf: bytes) -> int:
    """The number of pages of a PDF."""
    document = pdfium.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def render_scan_image(truth: TruthArg, rng: random.Random) -> bytes:
    """A one-page form, printed, signed and scanned to a JPEG, PNG or TIFF image."""
    truths = _as_list(truth)[:1]
    for attempt in range(12):
        pdf = render_pdf(_spec(truths, rng, build_form, None if attempt < 2 else 9))
        if page_count(pdf) == 1:
            return scan_image(pdf, rng, _stamp_lines(truths[0]))
    raise ValueError("form does not fit on one page")


RENDERERS: dict[Layout, Callable[[TruthArg, random.Random], bytes]] = {
    Layout.FORM_PDF: render_form_pdf,
    Layout.PROSE_PDF: render_prose_pdf,
    Layout.FORM_DOCX: render_form_docx,
    Layout.PROSE_DOCX: render_prose_docx,
    Layout.SCAN_PDF: render_scan_pdf,
    Layout.SCAN_IMAGE: render_scan_image,
}


def media_type_of(data: bytes) -> tuple[str, str]:
    """The media type and file extension of rendered bytes."""
    if data.startswith(b"%PDF"):
        return "application/pdf", "pdf"
    if data.startswith(b"PK"):
        return DOCX_TYPE, "docx"
    if data.startswith(b"\xff\xd8"):
        return "image/jpeg", "jpg"
    if data.startswith(b"\x89PNG"):
        return "image/png", "png"
    return "image/tiff", "tif"


def filename_for(truths: list[ContractTruth], ext: str, rng: random.Random) -> str:
    """A file name as workplaces give them (or as their scanners do)."""
    t = truths[0]
    day = t.signed_date or t.start_date or dt.date(2018, 1, 15)
    if t.layout in (Layout.SCAN_PDF, Layout.SCAN_IMAGE) and rng.random() < 0.6:
        return rng.choice(
            [
                f"scan_{day:%Y%m%d}_{rng.randint(80000, 170000):06d}.{ext}",
                f"SKM_C258{rng.randint(10, 99)}{day:%y%m%d}{rng.randint(1000, 9999)}.{ext}",
                f"Scan{rng.randint(1, 9999):04d}.{ext}",
            ]
            + ([f"IMG_{rng.randint(1000, 9999)}.{ext.upper()}"] if ext != "pdf" else [])
        )
    if len(truths) > 1:
        return f"Enclavecontracten {t.workplace_name} ({len(truths)}).{ext}"
    return rng.choice(
        [
            f"Enclavecontract {t.counterpart_name}.{ext}",
            f"ondernemingscontract_{pool.slug(t.counterpart_name)}_{day.year}.{ext}",
            f"Overeenkomst enclave - {t.counterpart_name} (getekend).{ext}",
            f"contract {day.isoformat()}.{ext}",
            f"enclave_{pool.domains_for(t.workplace_name, t.workplace_kind)[0][:-3]}_"
            f"{day:%d%m%Y}.{ext}",
        ]
    )


def render(truth: TruthArg) -> tuple[bytes, str, str]:
    """The file for a truth (or truths of one document): bytes, file name and media type."""
    truths = _as_list(truth)
    rng = random.Random(truths[0].seed)
    data = RENDERERS[truths[0].layout](truths, rng)
    media_type, ext = media_type_of(data)
    return data, filename_for(truths, ext, rng), media_type
