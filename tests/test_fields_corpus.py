"""Field accuracy on the generated contract corpus, read by the real document readers."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest

from parsers.documents.limits import DocumentLimits
from parsers.documents.read import read_document
from parsers.fields import extract_contracts
from parsers.types import CONTRACT_FIELDS
from samples.corpus.contracts import generate_corpus
from samples.corpus.truth import TEXT_LAYOUTS

TARGET = 0.99


def same(truth: Any, found: Any) -> bool:
    """Values compared as a reviewer would: text without case or spacing differences."""
    if isinstance(truth, str) and isinstance(found, str):
        return (
            re.sub(r"\s+", " ", truth).strip().lower() == re.sub(r"\s+", " ", found).strip().lower()
        )
    return bool(truth == found)


@pytest.mark.slow
def test_text_layouts_reach_the_target_accuracy() -> None:
    """On text PDFs and DOCX, at least 99% of all contract fields come out right."""
    right, total = Counter[str](), Counter[str]()
    for sample in generate_corpus(48, seed=11, scan_share=0.0):
        assert sample.layout in TEXT_LAYOUTS
        doc = read_document(sample.data, sample.filename, sample.media_type, DocumentLimits())
        contracts = extract_contracts(doc)
        assert len(contracts) == len(sample.truths), sample.filename
        for truth, contract in zip(sample.truths, contracts, strict=True):
            for name in CONTRACT_FIELDS:
                found = contract.value(name)
                if name == "indefinite_duration" and found is None and truth.end_date is None:
                    found = False
                total[sample.layout] += 1
                right[sample.layout] += same(getattr(truth, name), found)
    for layout in total:
        assert right[layout] / total[layout] >= TARGET, (layout, right[layout], total[layout])


@pytest.mark.ocr
@pytest.mark.slow
def test_a_scanned_form_gives_most_fields() -> None:
    """A printed, signed and scanned form still gives most fields, at a lower confidence."""
    import random

    from samples.corpus.contracts import random_truth, render
    from samples.corpus.truth import Layout

    truth = random_truth(random.Random(3), Layout.SCAN_IMAGE)
    data, filename, media_type = render(truth)
    doc = read_document(data, filename, media_type, DocumentLimits())
    contracts = extract_contracts(doc)
    assert len(contracts) == 1
    contract = contracts[0]
    right = sum(same(getattr(truth, n), contract.value(n)) for n in CONTRACT_FIELDS)
    assert right >= 7, {n: (getattr(truth, n), contract.value(n)) for n in CONTRACT_FIELDS}
    assert contract.layout == "scan_form"
    assert all(fv.confidence < 0.98 for fv in contract.fields.values())
