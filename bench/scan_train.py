"""What OCR costs: a training folder's PDFs scanned, and each field read from text vs from scan.

Run from the repository root: ``python bench/scan_train.py SRC DST [--seed N] [--jobs 2]
[--field F] [--details]``. SRC is a *training* folder written by ``python -m samples.office``.
The first run prints every PDF of SRC, signs, stamps, degrades and scans it with the contract
corpus's scanner (`samples.corpus.scan.scan_pdf`) into DST under the same file name, and writes
DST/truth.json with those documents only (format ``scan_pdf``). Each run then reads and extracts
every document twice, the text PDF from SRC and the scan from DST, and prints per field the
accuracy of both and the fields the scan lost or gained, contracts accepted without review and
silent errors on both sides; ``--details`` lists each field the scan got wrong with the value
and confidence of both versions. The OCR'd pages are cached in DST/.cache (keyed by the file and
by the source of `parsers/documents`), so a change in `parsers/fields` reruns in seconds.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import argparse
import datetime as dt
import hashlib
import json
import pickle
import random
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make the repository importable
    sys.path.insert(0, str(ROOT))

from bench.acceptance import Acceptance, judge  # noqa: E402
from bench.blind import BlindDoc, load_blind  # noqa: E402
from bench.scoring import Score, extracted_values, field_matches, pair, score_document  # noqa: E402
from parsers.documents.errors import DocumentError  # noqa: E402
from parsers.documents.limits import DocumentLimits  # noqa: E402
from parsers.documents.read import read_attachment  # noqa: E402
from parsers.fields.acceptance import DEFAULT_THRESHOLD  # noqa: E402
from parsers.fields.extract import extract_contracts  # noqa: E402
from parsers.types import CONTRACT_FIELDS, Document, ExtractedContract  # noqa: E402
from samples.corpus.scan import scan_pdf  # noqa: E402

SCAN_DAY = dt.datetime(2024, 3, 4, 10, 12)


def refuse_blind(folder: Path) -> None:
    """Stop when a folder is (or lies in) the held-out corpus."""
    if "blind" in folder.resolve().parts:
        sys.exit(f"{folder}: the held-out corpus is measured in aggregate only")


def make_scans(src: Path, dst: Path, seed: int) -> None:
    """Scan every PDF of `src` into `dst`, with a truth.json listing them as scans."""
    raw = json.loads((src / "truth.json").read_text())
    entries = raw["documents"] if isinstance(raw, dict) else raw
    dst.mkdir(parents=True, exist_ok=True)
    out = []
    for entry in entries:
        if not entry["file"].lower().endswith(".pdf"):
            continue
        rng = random.Random(f"{seed}:{entry['file']}")
        contracts = entry.get("contracts", [])
        stamp = [str(contracts[0]["workplace_name"]).upper()] if contracts else ["ONTVANGEN"]
        if contracts and contracts[0].get("work_location"):
            stamp.append(str(contracts[0]["work_location"]))
        pdf = (src / entry["file"]).read_bytes()
        (dst / entry["file"]).write_bytes(scan_pdf(pdf, rng, stamp, SCAN_DAY))
        out.append({**entry, "format": "scan_pdf", "text_format": entry.get("format")})
    (dst / "truth.json").write_text(
        json.dumps({"documents": out}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"{len(out)} PDFs scanned -> {dst}")


def _reader_key() -> str:
    """A digest of the document readers' source: a cached OCR result is stale when it changes."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "parsers" / "documents").glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def read_cached(path: Path, cache: Path | None) -> list[Document | DocumentError]:
    """The documents read from one file, from the cache when it has them."""
    data = path.read_bytes()
    key = hashlib.sha256(data).hexdigest()[:16] + _reader_key()
    spot = cache / f"{path.name}.{key}.pkl" if cache is not None else None
    if spot is not None and spot.exists():
        docs: list[Document | DocumentError] = pickle.loads(spot.read_bytes())  # noqa: S301
        return docs
    docs = [doc for _, doc in read_attachment(data, path.name, None, DocumentLimits())]
    if spot is not None:
        spot.parent.mkdir(exist_ok=True)
        spot.write_bytes(pickle.dumps(docs))
    return docs


def _warm(args: tuple[Path, Path]) -> None:
    """Fill the cache for one scan (a worker process)."""
    read_cached(*args)


def contracts_of(path: Path, cache: Path | None) -> list[ExtractedContract]:
    """The contracts extracted from one file."""
    out: list[ExtractedContract] = []
    for doc in read_cached(path, cache):
        if not isinstance(doc, DocumentError):
            out.extend(extract_contracts(doc))
    return out


def _wrong(doc: BlindDoc, contracts: list[ExtractedContract]) -> dict[tuple[int, str], Any]:
    """Per (truth index, field) the wrong value and its confidence, None when right."""
    values = [extracted_values(c) for c in contracts]
    by_id = {id(v): c for v, c in zip(values, contracts, strict=True)}
    out: dict[tuple[int, str], Any] = {}
    for index, (truth, got) in enumerate(pair(doc.truths, values)):
        expected = truth.field_values()
        for name in CONTRACT_FIELDS:
            value = None if got is None else got.get(name)
            if got is not None and field_matches(name, expected[name], value):
                out[(index, name)] = None
                continue
            conf = None
            if got is not None and name in by_id[id(got)].fields:
                conf = round(by_id[id(got)].fields[name].confidence, 2)
            out[(index, name)] = (expected[name], "<no contract>" if got is None else value, conf)
    return out


def compare(src: Path, dst: Path, jobs: int, only: str | None, details: bool) -> None:
    """Print per field the accuracy of the text and the scan versions of the same documents."""
    docs = load_blind(dst)
    cache = dst / ".cache"
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            list(pool.map(_warm, [(dst / d.file, cache) for d in docs]))
    text_score, scan_score = Score(), Score()
    text_acc, scan_acc = Acceptance(), Acceptance()
    lost: Counter[str] = Counter()
    gained: Counter[str] = Counter()
    for doc in docs:
        text_contracts = contracts_of(src / doc.file, None)
        scan_contracts = contracts_of(dst / doc.file, cache)
        for score, acc, contracts in (
            (text_score, text_acc, text_contracts),
            (scan_score, scan_acc, scan_contracts),
        ):
            score.add(
                score_document(doc.truths, [extracted_values(c) for c in contracts], doc.file)
            )
            acc.add(judge(doc.truths, contracts, doc.file, DEFAULT_THRESHOLD))
        text_wrong, scan_wrong = _wrong(doc, text_contracts), _wrong(doc, scan_contracts)
        lines = []
        for key, bad in scan_wrong.items():
            if only and key[1] != only:
                continue
            was = text_wrong.get(key)
            if bad is not None and was is None:
                lost[key[1]] += 1
            if bad is None and was is not None:
                gained[key[1]] += 1
            if details and bad is not None:
                mark = "LOST" if was is None else "both"
                text_part = "" if was is None else f" | text {was[1]!r} ({was[2]})"
                lines.append(
                    f"  {mark} {key[1]}#{key[0]}: expected {bad[0]!r} scan {bad[1]!r} ({bad[2]})"
                    + text_part
                )
        if lines:
            print(f"{doc.file} [{doc.template}]")
            print("\n".join(lines))
    print(f"\n{'field':<32}{'text':>7}{'scan':>7}{'lost':>6}{'gained':>7}")
    for name in CONTRACT_FIELDS:
        print(
            f"{name:<32}{text_score.field_accuracy(name):>7.3f}{scan_score.field_accuracy(name):>7.3f}"
            f"{lost[name]:>6}{gained[name]:>7}"
        )
    print(f"{'overall':<32}{text_score.accuracy:>7.3f}{scan_score.accuracy:>7.3f}")
    for label, score, acc in (("text", text_score, text_acc), ("scan", scan_score, scan_acc)):
        print(
            f"{label}: contracts {acc.contracts}, missed {score.contracts_missed}, "
            f"correct {acc.correct}, accepted {acc.accepted}, silent errors {acc.silent_errors} "
            f"{dict(acc.silent)} {sorted(set(acc.silent_files))}"
        )


def main(argv: list[str] | None = None) -> None:
    """Scan a training folder's PDFs (once) and compare text against scan per field."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src", type=Path)
    parser.add_argument("dst", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--field", help="only this field's losses")
    parser.add_argument("--details", action="store_true", help="every field the scan got wrong")
    args = parser.parse_args(argv)
    refuse_blind(args.src)
    refuse_blind(args.dst)
    if not (args.dst / "truth.json").exists():
        make_scans(args.src, args.dst, args.seed)
    compare(args.src, args.dst, args.jobs, args.field, args.details)


if __name__ == "__main__":
    main()
