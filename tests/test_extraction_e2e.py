"""Contract documents from the corpus through the whole pipeline, checked against their truth.

Each document is mailed by its workplace (from a domain the registry lists for it) in the
maatwerk regime, ten days before the contract starts; after one poll the stored contracts
(the export records) are scored field by field with `bench.scoring`. The registry knows every
party, and the pipeline records a known party under the registry's name and number, so those
are what the stored contract must hold even where the document omits or misprints a number.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bench.scoring import Score, record_values, score_document, worst_errors
from mailbox_ingest.config import Settings
from mailbox_ingest.domain.enums import ContractStatus, ReviewReason
from samples.corpus.contracts import Sample, make_truths, registry_rows, render
from samples.corpus.docs_pool import org_number
from samples.corpus.mails import BRUSSELS, contract_mail
from samples.corpus.truth import ContractTruth, Layout, Tricky
from tests.pipeline_helpers import Harness, harness

MAATWERK_FROM = dt.date(2019, 2, 1)  # contracts starting later are mailed under maatwerk
NOTICE = dt.timedelta(days=10)
TEXT_PLAN: list[tuple[Layout, Tricky | None]] = [
    (Layout.FORM_PDF, None),
    (Layout.PROSE_PDF, None),
    (Layout.FORM_DOCX, None),
    (Layout.PROSE_DOCX, None),
    (Layout.FORM_PDF, None),
    (Layout.PROSE_PDF, None),
    (Layout.FORM_DOCX, Tricky.MISSING_COUNTERPART_NUMBER),
    (Layout.PROSE_DOCX, Tricky.MISSING_WORK_LOCATION),
    (Layout.FORM_PDF, Tricky.MULTI_CONTRACT),
    (Layout.PROSE_PDF, Tricky.BAD_CHECK_DIGITS),
    (Layout.FORM_DOCX, Tricky.SAME_ENTITY),
    (Layout.PROSE_PDF, Tricky.MISSING_SIGNED_DATE),
]
SCAN_PLAN: list[tuple[Layout, Tricky | None]] = [(Layout.SCAN_IMAGE, None), (Layout.SCAN_PDF, None)]
TEXT_STRICT = 1.0  # every field right on text layouts
SCAN_TARGET = 0.95


def draw_samples(plan: list[tuple[Layout, Tricky | None]], seed: int) -> list[Sample]:
    """One document per planned layout and tag, redrawn until it starts under maatwerk."""
    rng = random.Random(seed)
    out = []
    for layout, tag in plan:
        while True:
            truths = make_truths(layout, tag, rng)
            if all(t.start_date and t.start_date >= MAATWERK_FROM for t in truths):
                break
        data, filename, media_type = render(truths)
        out.append(Sample(truths, data, filename, media_type, layout))
    return out


def write_registry(samples: list[Sample], path: Path) -> dict[str, str]:
    """Write the registry of every organisation in the samples; each workplace's first domain."""
    rows = registry_rows(t for s in samples for t in s.truths)
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return {r["name"]: r["email_domains"].split(";")[0] for r in rows}


def mail_for(sample: Sample, domains: dict[str, str], number: int) -> bytes:
    """The contract mail a workplace sends for one document, ten days before the start."""
    truth = sample.truths[0]
    start = min(t.start_date for t in sample.truths if t.start_date is not None)
    day = start - NOTICE
    when = dt.datetime(day.year, day.month, day.day, 10, 15, tzinfo=BRUSSELS)
    domain = domains[truth.workplace_name]
    return contract_mail(
        sender=f"secretariaat@{domain}",
        sender_name=f"Secretariaat {truth.workplace_name}",
        subject=f"Enclavecontract {truth.counterpart_name}",
        body=f"Geachte,\n\nIn bijlage ons contract met {truth.counterpart_name}.\n\nGroeten",
        attachments=[(sample.filename, sample.data, sample.media_type)],
        date=when,
        received=when,
        message_id=f"<contract{number}@{domain}>",
    )


def run_pipeline(
    h: Harness, samples: list[Sample], domains: dict[str, str]
) -> list[tuple[Sample, list[dict[str, Any]]]]:
    """Mail every sample, poll once, and give each sample the contract records it produced."""
    h.deliver(*(mail_for(s, domains, i) for i, s in enumerate(samples)))
    h.poll()
    records = h.contracts()
    out = []
    for i, sample in enumerate(samples):
        domain = domains[sample.truths[0].workplace_name]
        mine = [r for r in records if r["message_id"] == f"<contract{i}@{domain}>"]
        out.append((sample, mine))
    return out


def as_stored(truth: ContractTruth) -> ContractTruth:
    """The truth as the pipeline stores it: registered parties carry the registry's numbers."""
    return replace(
        truth,
        workplace_enterprise_number=org_number(truth.workplace_name),
        counterpart_enterprise_number=org_number(truth.counterpart_name),
    )


def score_all(results: list[tuple[Sample, list[dict[str, Any]]]]) -> Score:
    """Score every sample's stored contracts and print the errors, worst first."""
    total = Score()
    for sample, records in results:
        total.add(
            score_document(
                [as_stored(t) for t in sample.truths],
                [record_values(r) for r in records],
                sample.filename,
                sample.layout.value,
            )
        )
    print(f"field accuracy {total.accuracy:.3f} over {sum(total.totals.values())} fields")
    for e in worst_errors(total.errors, limit=len(total.errors)):
        print(f"  {e.file} [{e.layout}] {e.field}: expected {e.expected!r}, got {e.got!r}")
    return total


@pytest.fixture
def pipeline(
    make_settings: Callable[..., Settings], tmp_path: Path
) -> Iterator[Callable[[list[Sample]], list[tuple[Sample, list[dict[str, Any]]]]]]:
    """Run samples through a fresh pipeline (registry from the samples); closed after."""
    made: list[Harness] = []

    def run(samples: list[Sample]) -> list[tuple[Sample, list[dict[str, Any]]]]:
        domains = write_registry(samples, tmp_path / "registry.csv")
        h = harness(make_settings(), tmp_path / "registry.csv")
        made.append(h)
        return run_pipeline(h, samples, domains)

    yield run
    for h in made:
        h.app.close()


@pytest.fixture(scope="module")
def text_samples() -> list[Sample]:
    """The twelve text documents (form and prose, PDF and DOCX, with tricky cases)."""
    return draw_samples(TEXT_PLAN, seed=11)


def test_text_contracts_are_stored_with_every_field_right(
    pipeline: Callable[[list[Sample]], list[tuple[Sample, list[dict[str, Any]]]]],
    text_samples: list[Sample],
) -> None:
    """Every field of every contract in a text document is stored as the truth says."""
    results = pipeline(text_samples)
    score = score_all(results)
    assert score.contracts_missed == 0
    assert [len(r) for _, r in results] == [len(s.truths) for s in text_samples]
    assert score.accuracy >= TEXT_STRICT, [e for e in score.errors]

    for sample, records in results:
        tags = sample.truths[0].tricky
        if Tricky.BAD_CHECK_DIGITS in tags:
            [record] = records
            assert ReviewReason.BAD_CHECK_DIGITS in record["review_reasons"]
            assert record["status"] == ContractStatus.NEEDS_REVIEW
        if Tricky.SAME_ENTITY in tags:
            [record] = records
            assert ReviewReason.SAME_ENTITY in record["review_reasons"]
            assert record["status"] == ContractStatus.NEEDS_REVIEW
        if Tricky.MULTI_CONTRACT in tags:
            assert len(records) == 2
            assert len({r["counterpart"]["name"] for r in records}) == 2


@pytest.mark.ocr
def test_scanned_contracts_are_stored_and_wrong_reads_held_for_review(
    pipeline: Callable[[list[Sample]], list[tuple[Sample, list[dict[str, Any]]]]],
) -> None:
    """Scans (an image, a PDF) give one contract each; one with a wrong field awaits review."""
    results = pipeline(draw_samples(SCAN_PLAN, seed=5))
    score = score_all(results)
    assert [len(r) for _, r in results] == [1, 1]
    for sample, records in results:
        wrong = score_document(
            [as_stored(t) for t in sample.truths], [record_values(r) for r in records]
        ).errors
        if wrong:
            assert [r["status"] for r in records] == [ContractStatus.NEEDS_REVIEW], wrong
    assert score.accuracy >= SCAN_TARGET, [(e.file, e.field, e.got) for e in score.errors]
