"""Extraction benchmark: field accuracy and speed of reader plus extractor on the contract corpus.

Run from the repository root: ``python bench/extraction.py [--n 150] [--seed 1]
[--scan-share 0.2] [--corpus DIR] [--max-scans 40] [--blind DIR] [--threshold 0.8]``.
It generates the corpus (or reads a folder written by ``python -m samples.corpus.contracts``),
reads and extracts every document, scores each field against the truth and times the work.
Baselines run in the same process on the same pages: the bare text layer of PDFium for text
PDFs and bare tesseract (Dutch, one thread, page rendered at 300 dpi) for scans. It prints
accuracy per layout and per field against the targets, seconds per document and per page with
the ratio to the baseline, and the worst field errors; the figures go to
``bench/out/extraction.json``. The exit code is 0.
It also reports how many contracts would be accepted without review (`--threshold` is the
accept threshold on every field's confidence) and the silent errors (a wrong or missing field
in such a contract). `--blind DIR` measures the held-out corpus as well (aggregates only, see
`bench/blind.py`).
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one tesseract thread, ours and the baseline

import argparse
import io
import json
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make the repository importable
    sys.path.insert(0, str(ROOT))

import pypdfium2 as pdfium  # noqa: E402
from PIL import Image  # noqa: E402

from bench.acceptance import Acceptance, judge  # noqa: E402
from bench.blind import print_blind, run_blind, summarise_blind  # noqa: E402
from bench.scoring import (  # noqa: E402
    FieldError,
    Score,
    extracted_values,
    score_document,
    worst_errors,
)
from parsers.documents.errors import DocumentError  # noqa: E402
from parsers.documents.limits import DocumentLimits  # noqa: E402
from parsers.documents.read import read_document  # noqa: E402
from parsers.fields.acceptance import DEFAULT_THRESHOLD  # noqa: E402
from parsers.fields.extract import extract_contracts  # noqa: E402
from parsers.types import CONTRACT_FIELDS  # noqa: E402
from samples.corpus.contracts import Sample, generate_corpus  # noqa: E402
from samples.corpus.truth import SCAN_LAYOUTS, TEXT_LAYOUTS, ContractTruth, Layout  # noqa: E402

TARGET_TEXT, TARGET_SCAN = 0.99, 0.95
TARGET_TEXT_SECONDS, TARGET_RATIO = 0.3, 1.5
OCR_DPI = 300
OUT = ROOT / "bench" / "out" / "extraction.json"


@dataclass(slots=True)
class Run:
    """One document read and extracted: its timings, its score and its baseline time."""

    file: str
    layout: Layout
    pages: int
    read_s: float
    extract_s: float
    baseline_s: float
    score: Score
    error: str | None = None
    problems: list[str] = field(default_factory=list)
    acceptance: Acceptance = field(default_factory=Acceptance)

    @property
    def seconds(self) -> float:
        """Reading plus extraction."""
        return self.read_s + self.extract_s


def load_corpus(folder: Path) -> list[Sample]:
    """The samples of a corpus folder (its `truth.json` and files)."""
    index = json.loads((folder / "truth.json").read_text())
    return [
        Sample(
            [ContractTruth.from_dict(t) for t in item["truths"]],
            (folder / item["file"]).read_bytes(),
            item["file"],
            item["media_type"],
            Layout(item["layout"]),
        )
        for item in index
    ]


def pdfium_text_seconds(data: bytes) -> float:
    """Time of the bare PDFium text extraction of every page."""
    start = time.perf_counter()
    pdf = pdfium.PdfDocument(data)
    for index in range(len(pdf)):
        pdf[index].get_textpage().get_text_range()
    pdf.close()
    return time.perf_counter() - start


def tesseract_seconds(sample: Sample) -> float:
    """Time of bare tesseract on every page: a PDF page rendered at 300 dpi, or the image."""
    start = time.perf_counter()
    if sample.layout is Layout.SCAN_IMAGE:
        images = [Image.open(io.BytesIO(sample.data))]
    else:
        pdf = pdfium.PdfDocument(sample.data)
        images = [
            pdf[i].render(scale=OCR_DPI / 72, grayscale=True).to_pil() for i in range(len(pdf))
        ]
        pdf.close()
    for image in images:
        pnm = io.BytesIO()
        image.save(pnm, format="PPM")
        subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", "nld"], input=pnm.getvalue(), capture_output=True
        )
    return time.perf_counter() - start


def tesseract_version() -> str:
    """The first line tesseract prints of its version."""
    done = subprocess.run(["tesseract", "--version"], capture_output=True, text=True)
    return (done.stdout or done.stderr).splitlines()[0] if (done.stdout or done.stderr) else ""


def run_one(sample: Sample, limits: DocumentLimits, threshold: float = DEFAULT_THRESHOLD) -> Run:
    """Read, extract, score and time one document, then time its baseline."""
    start = time.perf_counter()
    try:
        doc = read_document(sample.data, sample.filename, sample.media_type, limits)
    except DocumentError as exc:
        score = score_document(sample.truths, [], sample.filename, sample.layout.value)
        return Run(
            sample.filename,
            sample.layout,
            0,
            time.perf_counter() - start,
            0.0,
            0.0,
            score,
            error=str(exc),
        )
    read_s = time.perf_counter() - start
    start = time.perf_counter()
    contracts = extract_contracts(doc)
    extract_s = time.perf_counter() - start
    found = [extracted_values(c) for c in contracts]
    score = score_document(sample.truths, found, sample.filename, sample.layout.value)
    if sample.layout in SCAN_LAYOUTS:
        baseline = tesseract_seconds(sample)
    elif sample.media_type == "application/pdf":
        baseline = pdfium_text_seconds(sample.data)
    else:
        baseline = 0.0  # DOCX: no baseline
    return Run(
        sample.filename,
        sample.layout,
        len(doc.pages),
        read_s,
        extract_s,
        baseline,
        score,
        problems=[p for c in contracts for p in c.problems],
        acceptance=judge(sample.truths, contracts, sample.filename, threshold),
    )


def _combined(runs: list[Run]) -> Score:
    """The scores of several runs added up."""
    total = Score()
    for run in runs:
        total.add(run.score)
    return total


def _accepted(runs: list[Run]) -> dict[str, Any]:
    """The acceptance figures of several runs added up."""
    total = Acceptance()
    for run in runs:
        total.add(run.acceptance)
    return total.as_dict()


def _timing(runs: list[Run]) -> dict[str, Any]:
    """Seconds per document and per page, ours and the baseline's, for a group of runs."""
    if not runs:
        return {}
    pages = sum(r.pages for r in runs) or 1
    ours, base = sum(r.seconds for r in runs), sum(r.baseline_s for r in runs)
    measured = [r for r in runs if r.baseline_s > 0]  # the ratio only over pages with a baseline
    base_pages = sum(r.pages for r in measured) or 1
    per_doc = sorted(r.seconds for r in runs)
    return {
        "documents": len(runs),
        "pages": pages,
        "s_per_doc": ours / len(runs),
        "s_per_doc_median": statistics.median(per_doc),
        "s_per_doc_p95": per_doc[min(len(per_doc) - 1, int(0.95 * len(per_doc)))],
        "s_per_doc_max": per_doc[-1],
        "s_per_page": ours / pages,
        "read_s_per_page": sum(r.read_s for r in runs) / pages,
        "extract_s_per_page": sum(r.extract_s for r in runs) / pages,
        "baseline_s_per_page": base / base_pages,
        "ratio": sum(r.seconds for r in measured) / base if base else None,
    }


def _revision() -> dict[str, Any]:
    """The commit measured, and whether the readers or extractor had uncommitted changes."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip()

    return {
        "commit": git("rev-parse", "--short", "HEAD"),
        "parsers_modified": bool(git("status", "--porcelain", "--", "parsers")),
    }


def summarise(runs: list[Run], capped: int) -> dict[str, Any]:
    """Every figure of the benchmark as a JSON-ready dict."""
    text = [r for r in runs if r.layout in TEXT_LAYOUTS]
    scans = [r for r in runs if r.layout in SCAN_LAYOUTS]
    text_pdf = [r for r in text if r.layout in (Layout.FORM_PDF, Layout.PROSE_PDF)]
    groups = {"text": _combined(text), "scans": _combined(scans)}
    layouts = {}
    for layout in Layout:
        mine = [r for r in runs if r.layout is layout]
        score = _combined(mine)
        layouts[layout.value] = {
            "accuracy": score.accuracy,
            "contracts_expected": score.contracts_expected,
            "contracts_found": score.contracts_found,
            "contracts_missed": score.contracts_missed,
            "fields": {n: score.field_accuracy(n) for n in CONTRACT_FIELDS},
            **_timing(mine),
        }
    return {
        "platform": {
            "python": platform.python_version(),
            "machine": platform.machine(),
            "cpus": os.cpu_count(),
            "tesseract": tesseract_version(),
            "load_average": os.getloadavg(),
        },
        "revision": _revision(),
        "documents": len(runs),
        "scans_left_out": capped,
        "read_errors": [(r.file, r.error) for r in runs if r.error],
        "accuracy": {k: s.accuracy for k, s in groups.items()},
        "acceptance": {"text": _accepted(text), "scans": _accepted(scans)},
        "targets": {
            "text": TARGET_TEXT,
            "scans": TARGET_SCAN,
            "text_s_per_doc": TARGET_TEXT_SECONDS,
            "ratio": TARGET_RATIO,
        },
        "fields": {n: {k: s.field_accuracy(n) for k, s in groups.items()} for n in CONTRACT_FIELDS},
        "layouts": layouts,
        "timing": {"text": _timing(text), "text_pdf": _timing(text_pdf), "scans": _timing(scans)},
        "worst_errors": [
            _error_dict(e) for e in worst_errors(groups["text"].errors + groups["scans"].errors)
        ],
        "all_errors": [_error_dict(e) for e in groups["text"].errors + groups["scans"].errors],
    }


def _error_dict(error: FieldError) -> dict[str, Any]:
    """A field error as JSON-ready values."""
    return {
        "file": error.file,
        "layout": error.layout,
        "field": error.field,
        "expected": _show(error.expected),
        "got": _show(error.got),
    }


def _show(value: Any) -> Any:
    """A value as printed and stored (dates as ISO text)."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def _verdict(value: float | None, target: float, below: bool = False) -> str:
    """'ok' when a figure meets its target, else 'MISSED'."""
    if value is None:
        return "n/a"
    return "ok" if (value < target if below else value >= target) else "MISSED"


def _base(row: dict[str, Any]) -> str:
    """The baseline seconds per page of a layout row, or '-' when it has none."""
    return f"{row['baseline_s_per_page']:.4f}" if row.get("ratio") else "-"


def print_report(s: dict[str, Any]) -> None:
    """Print the figures as tables."""
    print(f"{s['documents']} documents; scans left out by the cap: {s['scans_left_out']}")
    print(
        f"\n{'layout':<12}{'docs':>5}{'pages':>6}{'contr':>7}{'found':>6}{'acc':>8}"
        f"{'s/doc':>8}{'s/page':>8}{'base/pg':>9}{'ratio':>8}"
    )
    for name, row in s["layouts"].items():
        if not row.get("documents"):
            print(f"{name:<12}{0:>5}  (none in this corpus)")
            continue
        ratio = f"{row['ratio']:.1f}x" if row.get("ratio") else "-"
        print(
            f"{name:<12}{row.get('documents', 0):>5}{row.get('pages', 0):>6}"
            f"{row['contracts_expected']:>7}{row['contracts_found']:>6}{row['accuracy']:>8.3f}"
            f"{row.get('s_per_doc', 0):>8.3f}{row.get('s_per_page', 0):>8.3f}"
            f"{_base(row):>9}{ratio:>8}"
        )
    print(f"\n{'field':<32}{'text':>8}{'scans':>8}")
    for name, acc in s["fields"].items():
        print(f"{name:<32}{acc['text']:>8.3f}{acc['scans']:>8.3f}")
    acc, t = s["accuracy"], s["timing"]
    print(
        f"\ntext layouts: accuracy {acc['text']:.4f} (target >= {TARGET_TEXT}) "
        f"{_verdict(acc['text'], TARGET_TEXT)}"
    )
    print(
        f"scans:        accuracy {acc['scans']:.4f} (target >= {TARGET_SCAN}) "
        f"{_verdict(acc['scans'], TARGET_SCAN)}"
    )
    if t["text"]:
        print(
            f"text contracts: {t['text']['s_per_doc']:.3f} s/doc mean, p95 "
            f"{t['text']['s_per_doc_p95']:.3f}, max {t['text']['s_per_doc_max']:.3f} "
            f"(target < {TARGET_TEXT_SECONDS}) "
            f"{_verdict(t['text']['s_per_doc'], TARGET_TEXT_SECONDS, below=True)}"
        )
    for key, label in (
        ("text_pdf", "text PDFs vs bare PDFium text"),
        ("scans", "scans vs bare tesseract"),
    ):
        if t[key]:
            ratio = t[key]["ratio"]
            print(
                f"{label}: {t[key]['s_per_page']:.4f} s/page ours, "
                f"{t[key]['baseline_s_per_page']:.4f} bare, ratio "
                f"{ratio:.2f}x (target <= {TARGET_RATIO}x) "
                f"{_verdict(ratio, TARGET_RATIO + 1e-9, below=True)}"
            )
    for key in ("text", "scans"):
        a = s["acceptance"][key]
        share = a["correct_accepted_share"]
        print(
            f"{key}: {a['accepted']}/{a['contracts']} accepted without review; correct ones "
            f"accepted {'-' if share is None else f'{share:.2f}'}; silent errors "
            f"{a['silent_errors']} {a['silent_by_field'] or ''}"
        )
    if s["read_errors"]:
        print(f"\nread errors: {s['read_errors']}")
    print(f"\nworst field errors (of {len(s['all_errors'])}):")
    for e in s["worst_errors"]:
        print(
            f"  {e['file']} [{e['layout']}] {e['field']}: expected {e['expected']!r}, "
            f"got {e['got']!r}"
        )


def main(argv: list[str] | None = None) -> int:
    """Command line: run the benchmark, print the report, write the JSON."""
    parser = argparse.ArgumentParser(description="Benchmark contract field extraction.")
    parser.add_argument("--n", type=int, default=150)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scan-share", type=float, default=0.2)
    parser.add_argument("--corpus", type=Path, help="a folder written by samples.corpus.contracts")
    parser.add_argument("--max-scans", type=int, default=40, help="scan documents at most")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--blind", type=Path, help="a held-out corpus folder with truth.json")
    parser.add_argument(
        "--threshold",
        type=float,
        default=DEFAULT_THRESHOLD,
        help="accept threshold on each field's confidence",
    )
    args = parser.parse_args(argv)
    start = time.perf_counter()
    samples = (
        load_corpus(args.corpus)
        if args.corpus
        else generate_corpus(args.n, args.seed, args.scan_share)
    )
    print(f"corpus ready in {time.perf_counter() - start:.1f} s", flush=True)
    scans = [s for s in samples if s.layout in SCAN_LAYOUTS]
    dropped = {id(s) for s in scans[args.max_scans :]}
    limits = DocumentLimits(ocr_dpi=OCR_DPI)
    runs = [run_one(s, limits, args.threshold) for s in samples if id(s) not in dropped]
    summary = summarise(runs, len(dropped))
    if args.blind:
        summary["blind"] = summarise_blind(run_blind(args.blind, limits, args.threshold))
    summary["command"] = " ".join(["python bench/extraction.py", *(argv or sys.argv[1:])])
    summary["wall_s"] = time.perf_counter() - start
    print_report(summary)
    if "blind" in summary:
        print_blind(summary["blind"])
    print(f"\nwall time {summary['wall_s']:.0f} s; figures in {args.out}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=1, ensure_ascii=False, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
