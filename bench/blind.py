"""The held-out ("blind") corpus in the extraction benchmark: load it, read it, score it.

The blind corpus is written by someone who never read the extractor: a folder with the
documents and a `truth.json` listing, per document, its `file`, `template`, `format`
(office_pdf, docx, doc, rtf, scan_pdf, eml), `tags`, `is_contract` and its `contracts` (the
fields of `parsers.types.CONTRACT_FIELDS` plus the party kinds). Only aggregate figures are
reported (per format, per field, per tag): tuning on single blind documents would spoil the
hold-out. A mail (`.eml`) is read like the pipeline reads it: every attachment, and the body
as plain text when no attachment yields a contract.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.acceptance import Acceptance, judge
from bench.scoring import Score, extracted_values, score_document
from parsers.documents.errors import DocumentError
from parsers.documents.limits import DocumentLimits
from parsers.documents.read import is_document_candidate, read_attachment, read_text
from parsers.fields.contractlike import looks_like_contract
from parsers.fields.extract import extract_contracts
from parsers.mail import MailLimits, MailParseError, parse_mail
from parsers.types import CONTRACT_FIELDS, ExtractedContract
from samples.corpus.truth import ContractTruth

SCAN_FORMATS = frozenset({"scan_pdf", "scan_image"})
_TRUTH_DEFAULTS = {"layout": "form_pdf", "date_style": "slash"}


@dataclass(slots=True)
class BlindDoc:
    """One blind document and its truth."""

    file: str
    template: str
    format: str
    tags: list[str]
    is_contract: bool
    truths: list[ContractTruth]


@dataclass(slots=True)
class BlindRun:
    """What came out of one blind document."""

    doc: BlindDoc
    score: Score
    acceptance: Acceptance
    contracts_found: int
    error: str | None = None
    contract_like: bool = False  # a document read looks like a contract (kept as not_extracted)


def _truth(data: dict[str, Any]) -> ContractTruth:
    """A contract truth from the blind format (no rendering details)."""
    return ContractTruth.from_dict({**_TRUTH_DEFAULTS, **data})


def load_blind(folder: Path) -> list[BlindDoc]:
    """The documents listed in the folder's `truth.json`."""
    raw = json.loads((folder / "truth.json").read_text())
    items = raw.get("documents", []) if isinstance(raw, dict) else raw
    return [
        BlindDoc(
            item["file"],
            str(item.get("template", "")),
            str(item.get("format", "")),
            list(item.get("tags", [])),
            bool(item.get("is_contract", True)),
            [_truth(c) for c in item.get("contracts", item.get("truths", []))],
        )
        for item in items
    ]


def _read_all(
    data: bytes, name: str, limits: DocumentLimits, texts: list[str] | None = None
) -> list[ExtractedContract]:
    """The contracts of an attachment (zips expanded); unreadable members give none."""
    out: list[ExtractedContract] = []
    for _, doc in read_attachment(data, name, None, limits):
        if not isinstance(doc, DocumentError):
            out.extend(extract_contracts(doc))
            if texts is not None:
                texts.append(doc.text)
    return out


def extract_file(
    path: Path, limits: DocumentLimits, texts: list[str] | None = None
) -> list[ExtractedContract]:
    """Every contract in a blind file: a document, or a mail's attachments, else its body.

    The text of every document read is appended to `texts` when it is given.
    """
    data = path.read_bytes()
    if path.suffix.lower() != ".eml":
        return _read_all(data, path.name, limits, texts)
    try:
        mail = parse_mail(data, MailLimits())
    except MailParseError as exc:
        raise DocumentError(path.name, str(exc)) from exc
    found: list[ExtractedContract] = []
    for part in mail.attachments:
        if is_document_candidate(part.filename, part.media_type, len(part.data)):
            found.extend(_read_all(part.data, part.filename, limits, texts))
    if not found and mail.body_text.strip():
        found = extract_contracts(read_text(mail.body_text.encode(), "body.txt", limits))
        if texts is not None:  # a body that reads as a contract is kept for review too
            texts.append(mail.body_text)
    return found


def run_blind(folder: Path, limits: DocumentLimits, threshold: float) -> list[BlindRun]:
    """Read, extract and score every blind document."""
    runs = []
    for doc in load_blind(folder):
        error = None
        texts: list[str] = []
        try:
            contracts = extract_file(folder / doc.file, limits, texts)
        except DocumentError as exc:
            contracts, error = [], str(exc)
        found = [extracted_values(c) for c in contracts]
        score = score_document(doc.truths, found, doc.file, doc.format)
        accepted = judge(doc.truths, contracts, doc.file, threshold)
        runs.append(
            BlindRun(
                doc,
                score,
                accepted,
                len(contracts),
                error,
                any(looks_like_contract(t) for t in texts),
            )
        )
    return runs


def _group(runs: Iterable[BlindRun]) -> dict[str, Any]:
    """Accuracy, per-field accuracy and acceptance of a group of runs."""
    runs = list(runs)
    score, accepted = Score(), Acceptance()
    for run in runs:
        score.add(run.score)
        accepted.add(run.acceptance)
    return {
        "documents": len(runs),
        "accuracy": score.accuracy,
        "contracts_expected": score.contracts_expected,
        "contracts_missed": score.contracts_missed,
        "fields": {n: score.field_accuracy(n) for n in CONTRACT_FIELDS},
        "acceptance": accepted.as_dict(),
    }


def summarise_blind(runs: list[BlindRun]) -> dict[str, Any]:
    """Aggregate figures only: per format, per tag, text vs scans, never per document."""
    contracts = [r for r in runs if r.doc.is_contract]
    text = [r for r in contracts if r.doc.format not in SCAN_FORMATS]
    scans = [r for r in contracts if r.doc.format in SCAN_FORMATS]
    formats = sorted({r.doc.format for r in runs})
    tags = sorted({t for r in runs for t in r.doc.tags})
    return {
        "documents": len(runs),
        "templates": len({r.doc.template for r in runs}),
        "text": _group(text),
        "scans": _group(scans),
        "formats": {f: _group(r for r in contracts if r.doc.format == f) for f in formats},
        "tags": {t: _group(r for r in contracts if t in r.doc.tags) for t in tags},
        "contract_documents_without_contract": sum(1 for r in contracts if r.contracts_found == 0),
        "non_contracts_with_contract": sum(
            1 for r in runs if not r.doc.is_contract and r.contracts_found
        ),
        "contract_documents_lost": sum(  # neither a contract nor kept as not_extracted
            1 for r in contracts if r.contracts_found == 0 and not r.contract_like
        ),
        "non_contracts_kept_for_review": sum(
            1 for r in runs if not r.doc.is_contract and not r.contracts_found and r.contract_like
        ),
        "read_errors": sum(1 for r in runs if r.error),
    }


def _row(name: str, g: dict[str, Any]) -> str:
    """One printed line of a group."""
    a = g["acceptance"]
    share = a["correct_accepted_share"]
    return (
        f"{name:<28}{g['documents']:>5}{g['contracts_expected']:>6}"
        f"{g['contracts_missed']:>7}{g['accuracy']:>8.3f}{a['accepted']:>6}"
        f"{'-' if share is None else f'{share:.2f}':>9}{a['silent_errors']:>8}"
    )


def print_blind(s: dict[str, Any]) -> None:
    """Print the blind figures as tables."""
    print(f"\nBLIND corpus: {s['documents']} documents, {s['templates']} templates")
    print(
        f"{'group':<28}{'docs':>5}{'contr':>6}{'missed':>7}{'acc':>8}{'accpt':>6}"
        f"{'ok->acc':>9}{'silent':>8}"
    )
    for name in ("text", "scans"):
        print(_row(name, s[name]))
    for name, g in s["formats"].items():
        print(_row(f"format {name}", g))
    for name, g in s["tags"].items():
        print(_row(f"tag {name}", g))
    print(f"\n{'field':<32}{'text':>8}{'scans':>8}{'silent':>8}")
    for name in CONTRACT_FIELDS:
        silent = s["text"]["acceptance"]["silent_by_field"].get(name, 0) + s["scans"]["acceptance"][
            "silent_by_field"
        ].get(name, 0)
        print(
            f"{name:<32}{s['text']['fields'][name]:>8.3f}{s['scans']['fields'][name]:>8.3f}"
            f"{silent:>8}"
        )
    print(
        f"contract documents with no contract extracted: "
        f"{s['contract_documents_without_contract']}; non-contracts yielding one: "
        f"{s['non_contracts_with_contract']}; read errors: {s['read_errors']}"
    )
    print(
        f"contract documents lost (no contract, not contract-like): "
        f"{s['contract_documents_lost']}; non-contracts kept as not_extracted: "
        f"{s['non_contracts_kept_for_review']}"
    )
    top = list(s["text"]["acceptance"]["blockers"].items())[:8]
    print("what sends text contracts to review: " + ", ".join(f"{k} {v}" for k, v in top))
