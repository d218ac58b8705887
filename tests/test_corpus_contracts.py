"""The contract corpus generator: reproducible, varied, and faithful to its own ground truth."""

from __future__ import annotations

import csv
import io
import json
import random
import re
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
from docx import Document
from PIL import Image

from mailbox_ingest.domain.enums import OrganisationKind
from parsers.types import CONTRACT_FIELDS
from samples.corpus.contracts import (
    ContractTruth,
    Sample,
    generate_corpus,
    main,
    make_truths,
    plan_layouts,
    random_truth,
    registry_rows,
    render,
)
from samples.corpus.docs_format import format_date, number_word
from samples.corpus.truth import Layout, Tricky, number_is_valid


def _flat(text: str) -> str:
    return " ".join(text.replace(",", " ").split())


def _contains(text: str, value: str) -> bool:
    """Whether the value is in the text, allowing a table cell's lines to be interleaved with
    its neighbour's (each word of the value within a few words of the previous one)."""
    if _flat(value) in _flat(text):
        return True
    words, wanted = _flat(text).split(), _flat(value).split()
    for start, word in enumerate(words):
        if word != wanted[0]:
            continue
        at, ok = start, True
        for part in wanted[1:]:
            window = words[at + 1 : at + 9]
            if part not in window:
                ok = False
                break
            at += 1 + window.index(part)
        if ok:
            return True
    return False


def _pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    parts += [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _missing_values(truth: ContractTruth, text: str) -> list[str]:
    """The truth's values the text does not contain, as written in the document's style."""
    flat, digits = _flat(text), re.sub(r"\D", "", text)
    missing = []
    for name in ("workplace_name", "counterpart_name", "nature_of_work", "work_location"):
        value = getattr(truth, name)
        if value is not None and not _contains(text, value):
            missing.append(name)
    for name in ("workplace_enterprise_number", "counterpart_enterprise_number"):
        value = getattr(truth, name)
        if value is not None and re.sub(r"\D", "", value) not in digits:
            missing.append(name)
    for name in ("start_date", "end_date", "signed_date"):
        value = getattr(truth, name)
        if value is not None and format_date(value, truth.date_style) not in flat:
            missing.append(name)
    if not re.search(rf"\b{truth.workers}\b|\b{number_word(truth.workers)}\b", flat):
        missing.append("workers")
    if truth.indefinite_duration and "onbepaald" not in flat:
        missing.append("indefinite_duration")
    return missing


@pytest.fixture(scope="module")
def text_corpus() -> list[Sample]:
    """A corpus of text documents only (fast to make)."""
    return generate_corpus(48, seed=11, scan_share=0.0, tricky_share=0.4)


def test_generation_is_deterministic() -> None:
    """The same seed gives the same files, names and truths; another seed does not."""
    first = generate_corpus(6, seed=3, scan_share=0.2)
    again = generate_corpus(6, seed=3, scan_share=0.2)
    other = generate_corpus(6, seed=4, scan_share=0.2)
    assert [(s.data, s.filename) for s in first] == [(s.data, s.filename) for s in again]
    assert [t.to_dict() for s in first for t in s.truths] == [
        t.to_dict() for s in again for t in s.truths
    ]
    assert [s.data for s in first] != [s.data for s in other]


def test_layout_plan_is_balanced() -> None:
    """Scans make up the requested share and the text layouts come in equal numbers."""
    layouts = plan_layouts(100, 0.2, random.Random(1))
    counts = Counter(layouts)
    assert counts[Layout.SCAN_PDF] + counts[Layout.SCAN_IMAGE] == 20
    text = [
        counts[layout]
        for layout in (Layout.FORM_PDF, Layout.PROSE_PDF, Layout.FORM_DOCX, Layout.PROSE_DOCX)
    ]
    assert max(text) - min(text) <= 1


def test_text_pdfs_contain_their_truth(text_corpus: list[Sample]) -> None:
    """Every value of every contract in a text PDF can be read back with pdfplumber."""
    pdfs = [s for s in text_corpus if s.media_type == "application/pdf"]
    assert len(pdfs) >= 20
    for sample in pdfs:
        text = _pdf_text(sample.data)
        for truth in sample.truths:
            assert _missing_values(truth, text) == [], sample.filename


def test_docx_open_and_contain_their_truth(text_corpus: list[Sample]) -> None:
    """DOCX files open with python-docx and hold every value of their truth."""
    docs = [s for s in text_corpus if s.filename.endswith(".docx")]
    assert len(docs) >= 20
    for sample in docs:
        text = _docx_text(sample.data)
        for truth in sample.truths:
            assert _missing_values(truth, text) == [], sample.filename


def test_corpus_varies_in_wording(text_corpus: list[Sample]) -> None:
    """Forms use different labels for the same field, and date styles and fonts vary."""
    texts = [_pdf_text(s.data) for s in text_corpus if s.layout is Layout.FORM_PDF]
    labels = {
        label
        for text in texts
        for label in (
            "Begindatum",
            "Startdatum",
            "Ingangsdatum",
            "Datum van ingang",
            "Aanvangsdatum",
        )
        if label in text
    }
    assert len(labels) >= 3
    truths = [t for s in text_corpus for t in s.truths]
    assert len({t.date_style for t in truths}) >= 4
    assert len({t.font for t in truths}) >= 5


def test_check_digits_valid_unless_tagged(text_corpus: list[Sample]) -> None:
    """Enterprise numbers pass mod-97 except in documents tagged with bad check digits."""
    truths = [t for s in text_corpus for t in s.truths]
    assert any(Tricky.BAD_CHECK_DIGITS.value in t.tricky for t in truths)
    for truth in truths:
        numbers = [
            n
            for n in (truth.workplace_enterprise_number, truth.counterpart_enterprise_number)
            if n is not None
        ]
        assert all(re.fullmatch(r"[01]\d{3}\.\d{3}\.\d{3}", n) for n in numbers)
        valid = all(number_is_valid(n) for n in numbers)
        assert valid != (Tricky.BAD_CHECK_DIGITS.value in truth.tricky)


def test_tricky_cases_bend_the_truth() -> None:
    """Tagged truths miss their field, name one entity twice, or come in pairs."""
    rng = random.Random(7)
    pair = make_truths(Layout.FORM_PDF, Tricky.MULTI_CONTRACT, rng)
    assert len(pair) == 2 and pair[0].workplace_name == pair[1].workplace_name
    same = make_truths(Layout.PROSE_PDF, Tricky.SAME_ENTITY, rng)[0]
    assert same.counterpart_enterprise_number == same.workplace_enterprise_number
    assert make_truths(Layout.FORM_DOCX, Tricky.MISSING_START_DATE, rng)[0].start_date is None
    assert make_truths(Layout.FORM_PDF, Tricky.MISSING_SIGNED_DATE, rng)[0].signed_date is None
    text = _pdf_text(render(pair)[0])
    assert all(_missing_values(truth, text) == [] for truth in pair)


def test_scans_have_no_text_layer() -> None:
    """Scanned PDFs hold only images; scanned images are one page in a common format."""
    rng = random.Random(5)
    data, filename, media_type = render(random_truth(rng, Layout.SCAN_PDF))
    assert media_type == "application/pdf" and filename.lower().endswith(".pdf")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert all(not page.chars for page in pdf.pages)
        assert all(page.images for page in pdf.pages)
    data, filename, media_type = render(random_truth(rng, Layout.SCAN_IMAGE))
    image = Image.open(io.BytesIO(data))
    assert media_type in ("image/jpeg", "image/png", "image/tiff")
    assert getattr(image, "n_frames", 1) == 1 and image.width > 1500


def test_truth_fields_and_json_roundtrip() -> None:
    """A truth names every contract field and survives a trip through JSON."""
    truth = random_truth(random.Random(2))
    assert set(truth.field_values()) == set(CONTRACT_FIELDS)
    back = ContractTruth.from_dict(json.loads(json.dumps(truth.to_dict())))
    assert back == truth


def test_registry_rows_cover_every_organisation() -> None:
    """Registry rows list each organisation once, with a valid number, kind and domain."""
    rng = random.Random(9)
    truths = [random_truth(rng) for _ in range(200)]
    rows = registry_rows(truths)
    numbers = [r["enterprise_number"] for r in rows]
    assert len(numbers) == len(set(numbers))
    names = {r["name"] for r in rows}
    assert all(t.workplace_name in names and t.counterpart_name in names for t in truths)
    domains = Counter(d for r in rows for d in r["email_domains"].split(";"))
    assert all(count == 1 for domain, count in domains.items() if domain != "vlaanderen.be")
    for row in rows:
        assert number_is_valid(row["enterprise_number"])
        OrganisationKind(row["kind"])
        assert all(d.endswith((".be", ".org")) for d in row["email_domains"].split(";"))


def test_cli_writes_files_truth_and_registry(tmp_path: Path) -> None:
    """The command line writes the documents, truth.json and registry.csv."""
    main([str(tmp_path), "--n", "4", "--seed", "2", "--scan-share", "0"])
    index = json.loads((tmp_path / "truth.json").read_text())
    assert len(index) == 4
    assert all((tmp_path / entry["file"]).stat().st_size > 1000 for entry in index)
    with (tmp_path / "registry.csv").open() as handle:
        assert len(list(csv.DictReader(handle))) >= 4
