"""Every field error on a *training* corpus folder, document by document, to tune the extractor.

Run from the repository root: ``python bench/train_errors.py FOLDER [--field F] [--template T]
[--silent]``. FOLDER holds documents and a `truth.json` in the blind format (as written by
``python -m samples.office``). It prints, per document, the template, the contracts expected and
found, each wrong field (expected / got) and the blockers that keep a contract from being accepted;
with ``--silent`` only contracts accepted without review that hold a wrong field. It then prints
accuracy per template and per field. A folder that holds the held-out corpus (its `truth.json`
marked or the folder named "blind") is refused: that corpus is for aggregate figures only.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make the repository importable
    sys.path.insert(0, str(ROOT))

from bench.blind import extract_file, load_blind  # noqa: E402
from bench.scoring import Score, extracted_values, field_matches, pair, score_document  # noqa: E402
from parsers.documents.errors import DocumentError  # noqa: E402
from parsers.documents.limits import DocumentLimits  # noqa: E402
from parsers.fields.acceptance import DEFAULT_THRESHOLD, acceptable, blockers  # noqa: E402
from parsers.types import CONTRACT_FIELDS  # noqa: E402


def refuse_blind(folder: Path) -> None:
    """Stop when the folder is the held-out corpus."""
    if "blind" in folder.resolve().parts:
        sys.exit(
            f"{folder}: the held-out corpus is measured in aggregate only (bench/extraction.py --blind)"
        )


def main(argv: list[str] | None = None) -> None:
    """Print the errors of every document of a training folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--field", help="only errors of this field")
    parser.add_argument("--template", help="only documents of templates containing this text")
    parser.add_argument("--silent", action="store_true", help="only silent errors")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    args = parser.parse_args(argv)
    refuse_blind(args.folder)
    limits = DocumentLimits()
    by_template: dict[str, Score] = {}
    total = Score()
    silent = 0
    for doc in load_blind(args.folder):
        if args.template and args.template not in doc.template:
            continue
        try:
            contracts = extract_file(args.folder / doc.file, limits)
        except DocumentError as exc:
            print(f"{doc.file}: read error {exc}")
            contracts = []
        found = [extracted_values(c) for c in contracts]
        score = score_document(doc.truths, found, doc.file, doc.format)
        by_template.setdefault(doc.template, Score()).add(score)
        total.add(score)
        lines = []
        if not doc.is_contract and contracts:
            lines.append(f"  non-contract yields {len(contracts)} contract(s)")
        by_values = {id(v): c for v, c in zip(found, contracts, strict=True)}
        for truth, got in pair(doc.truths, found):
            if got is None:
                lines.append("  MISSED a contract")
                continue
            contract = by_values[id(got)]
            ok = acceptable(contract, args.threshold)
            wrong = [
                (n, truth.field_values()[n], got.get(n))
                for n in CONTRACT_FIELDS
                if not field_matches(n, truth.field_values()[n], got.get(n))
                and (args.field is None or n == args.field)
            ]
            if ok and wrong:
                silent += 1
            if args.silent and not (ok and wrong):
                continue
            for name, expected, value in wrong:
                conf = contract.fields[name].confidence if name in contract.fields else None
                lines.append(f"  {name}: expected {expected!r} got {value!r} (conf {conf})")
            if wrong and not args.silent:
                kinds = [f"{b.kind}:{b.field}" for b in blockers(contract, args.threshold)]
                lines.append(f"  accepted={ok} blockers={kinds}")
        if lines:
            print(
                f"{doc.file} [{doc.template}] {doc.format} contracts {len(doc.truths)}/{len(contracts)}"
            )
            print("\n".join(lines))
    print("\naccuracy per template")
    for name, score in sorted(by_template.items(), key=lambda kv: kv[1].accuracy):
        print(f"  {name:<40}{score.accuracy:.3f}")
    print("per field")
    counts = Counter({n: total.field_accuracy(n) for n in CONTRACT_FIELDS})
    for name, acc in sorted(counts.items(), key=lambda kv: kv[1]):
        print(f"  {name:<32}{acc:.3f}")
    print(f"overall {total.accuracy:.3f}; silent errors {silent}")


if __name__ == "__main__":
    main()
