"""Acceptance figures of the extraction benchmark: what passes without review, and silent errors.

A contract is accepted without review when `parsers.fields.acceptance.acceptable` says so. For
each truth paired with an extracted contract this module records whether it was accepted and
which fields were wrong; a *silent error* is a wrong or missing field (one the truth has) in a
contract accepted without review. Figures are kept per group (a layout or a blind format) so
the report shows where review load and silent errors come from.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from bench.scoring import extracted_values, field_matches, pair
from parsers.fields.acceptance import acceptable, blockers
from parsers.types import CONTRACT_FIELDS, ExtractedContract
from samples.corpus.truth import ContractTruth


@dataclass(slots=True)
class Acceptance:
    """Counts of contracts found, right, accepted, and the silent errors per field."""

    contracts: int = 0
    found: int = 0
    correct: int = 0  # every field right
    accepted: int = 0
    accepted_correct: int = 0
    silent: Counter[str] = field(default_factory=Counter)  # field -> silent errors
    silent_files: list[str] = field(default_factory=list)
    blockers: Counter[str] = field(default_factory=Counter)  # "kind:field" over found contracts

    def add(self, other: Acceptance) -> None:
        """Add another group's counts to this one."""
        self.contracts += other.contracts
        self.found += other.found
        self.correct += other.correct
        self.accepted += other.accepted
        self.accepted_correct += other.accepted_correct
        self.silent.update(other.silent)
        self.silent_files.extend(other.silent_files)
        self.blockers.update(other.blockers)

    @property
    def silent_errors(self) -> int:
        """Contracts accepted without review that hold at least one wrong or missing field."""
        return len(self.silent_files)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready figures, with the shares."""
        return {
            "contracts": self.contracts,
            "found": self.found,
            "correct": self.correct,
            "accepted": self.accepted,
            "accepted_correct": self.accepted_correct,
            "accepted_share": self.accepted / self.contracts if self.contracts else None,
            "correct_accepted_share": (
                self.accepted_correct / self.correct if self.correct else None
            ),
            "silent_errors": self.silent_errors,
            "silent_by_field": dict(self.silent),
            "blockers": dict(self.blockers.most_common()),
        }


def judge(
    truths: Sequence[ContractTruth],
    contracts: Sequence[ExtractedContract],
    file: str,
    threshold: float,
) -> Acceptance:
    """The acceptance figures of one document's contracts against its truths."""
    out = Acceptance(contracts=len(truths))
    values = [extracted_values(c) for c in contracts]
    by_id = {id(v): c for v, c in zip(values, contracts, strict=True)}
    for contract in contracts:
        out.blockers.update(f"{b.kind}:{b.field}" for b in blockers(contract, threshold))
    for truth, got in pair(truths, values):
        if got is None:
            continue
        out.found += 1
        expected = truth.field_values()
        wrong = [n for n in CONTRACT_FIELDS if not field_matches(n, expected[n], got.get(n))]
        contract = by_id[id(got)]
        ok = acceptable(contract, threshold)
        out.correct += not wrong
        out.accepted += ok
        out.accepted_correct += ok and not wrong
        if ok and wrong:
            out.silent.update(wrong)
            out.silent_files.append(file)
    return out
