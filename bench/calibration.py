"""Confidence calibration on *training* folders: which confidences right and wrong values get.

Run from the repository root: ``python bench/calibration.py FOLDER [FOLDER ...] [--field F]``.
Every FOLDER holds documents and a `truth.json` in the blind format (as written by
``python -m samples.office``). For each field it prints, per confidence value, how many extracted
values were right and how many wrong, so a threshold or a confidence rule can be judged by
whether it separates them. It then prints the share of fully correct contracts accepted without
review, the silent errors, and what keeps the correct contracts from acceptance. A folder that
holds the held-out corpus is refused: that corpus is for aggregate figures only.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make the repository importable
    sys.path.insert(0, str(ROOT))

from bench.blind import extract_file, load_blind  # noqa: E402
from bench.scoring import Score, extracted_values, field_matches, pair, score_document  # noqa: E402
from bench.train_errors import refuse_blind  # noqa: E402
from parsers.documents.errors import DocumentError  # noqa: E402
from parsers.documents.limits import DocumentLimits  # noqa: E402
from parsers.fields.acceptance import DEFAULT_THRESHOLD, acceptable, blockers  # noqa: E402
from parsers.types import CONTRACT_FIELDS  # noqa: E402


@dataclass(slots=True)
class Calibration:
    """Right and wrong counts per field and confidence, and the acceptance of correct contracts."""

    right: dict[str, Counter[float]] = field(default_factory=lambda: defaultdict(Counter))
    wrong: dict[str, Counter[float]] = field(default_factory=lambda: defaultdict(Counter))
    contracts: int = 0
    correct: int = 0
    correct_accepted: int = 0
    accepted: int = 0
    silent: int = 0
    correct_blockers: Counter[str] = field(default_factory=Counter)
    silent_fields: list[str] = field(default_factory=list)  # "file: field, field"
    folders: dict[str, tuple[float, int]] = field(default_factory=dict)  # accuracy, silent

    def add_value(self, name: str, confidence: float, ok: bool) -> None:
        """Count one extracted value."""
        (self.right if ok else self.wrong)[name][round(confidence, 3)] += 1


def measure(folder: Path, cal: Calibration, threshold: float) -> None:
    """Add every extracted value and contract of one training folder to `cal`."""
    limits = DocumentLimits()
    score, silent_before = Score(), cal.silent
    for doc in load_blind(folder):
        try:
            contracts = extract_file(folder / doc.file, limits)
        except DocumentError:
            contracts = []
        found = [extracted_values(c) for c in contracts]
        score.add(score_document(doc.truths, found, doc.file, doc.format))
        by_values = {id(v): c for v, c in zip(found, contracts, strict=True)}
        for truth, got in pair(doc.truths, found):
            cal.contracts += 1
            if got is None:
                continue
            contract = by_values[id(got)]
            expected = truth.field_values()
            wrong = []
            for name in CONTRACT_FIELDS:
                ok = field_matches(name, expected[name], got.get(name))
                if not ok:
                    wrong.append(name)
                if name in contract.fields:
                    cal.add_value(name, contract.fields[name].confidence, ok)
            accepted = acceptable(contract, threshold)
            cal.accepted += accepted
            if accepted and wrong:
                cal.silent += 1
                cal.silent_fields.append(f"{folder.name}/{doc.file}: {', '.join(wrong)}")
            if not wrong:
                cal.correct += 1
                cal.correct_accepted += accepted
                if not accepted:
                    cal.correct_blockers.update(
                        f"{b.kind}:{b.field}" for b in blockers(contract, threshold)
                    )
    cal.folders[str(folder)] = (score.accuracy, cal.silent - silent_before)


def report(cal: Calibration, only: str | None, threshold: float) -> None:
    """Print the per-field confidence tables and the acceptance figures."""
    for name in CONTRACT_FIELDS:
        if only and name != only:
            continue
        right, wrong = cal.right[name], cal.wrong[name]
        above_wrong = sum(n for c, n in wrong.items() if c >= threshold)
        below_right = sum(n for c, n in right.items() if c < threshold)
        print(
            f"\n{name}: right {sum(right.values())}, wrong {sum(wrong.values())}; "
            f"wrong >= {threshold}: {above_wrong}, right < {threshold}: {below_right}"
        )
        for conf in sorted(set(right) | set(wrong), reverse=True):
            print(f"  {conf:>6.3f}  right {right[conf]:>4}  wrong {wrong[conf]:>4}")
    for name, (accuracy, silent) in cal.folders.items():
        print(f"{name}: accuracy {accuracy:.3f}, silent errors {silent}")
    share = cal.correct_accepted / cal.correct if cal.correct else 0.0
    print(
        f"\ncontracts {cal.contracts}, correct {cal.correct}, accepted {cal.accepted}, "
        f"correct accepted {cal.correct_accepted} ({share:.2f}), silent errors {cal.silent}"
    )
    for line in cal.silent_fields:
        print(f"  silent: {line}")
    print("what keeps correct contracts from acceptance:")
    for name, n in cal.correct_blockers.most_common(15):
        print(f"  {name:<40}{n:>4}")


def main(argv: list[str] | None = None) -> None:
    """Measure the given training folders and print their calibration."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", type=Path, nargs="+")
    parser.add_argument("--field", help="only this field's table")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    args = parser.parse_args(argv)
    cal = Calibration()
    for folder in args.folders:
        refuse_blind(folder)
        measure(folder, cal, args.threshold)
    report(cal, args.field, args.threshold)


if __name__ == "__main__":
    main()
