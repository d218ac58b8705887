"""Whether an extracted contract may be accepted without review, and why not.

A contract passes only when every field DESIGN requires is present (both parties, work
location, nature of work, workers, start date, and an end date or an indefinite duration) and
its signing date was found,
every field it holds is at least `threshold` sure, and the extractor raised no problem (check
digits, an end date beside "onbepaalde duur", both sides read as one party). Each blocker is typed (`Blocker`) so the
pipeline can map it to a review reason and the benchmark can count what sends contracts to
review. Sender checks (registry, authentication, notice) are the pipeline's, not this module's.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from parsers.types import REQUIRED_FIELDS, ExtractedContract

DEFAULT_THRESHOLD = 0.8


class BlockerKind(StrEnum):
    """What keeps a contract from being accepted without review."""

    MISSING = "missing"
    UNSURE = "unsure"
    PROBLEM = "problem"


@dataclass(frozen=True, slots=True)
class Blocker:
    """One reason against silent acceptance: its kind and the field (or problem) it concerns."""

    kind: BlockerKind
    field: str


def required_missing(contract: ExtractedContract) -> list[str]:
    """The required fields the contract lacks; "end_date" stands for a missing duration."""
    missing = [name for name in REQUIRED_FIELDS if name not in contract.fields]
    if "end_date" not in contract.fields and contract.value("indefinite_duration") is not True:
        missing.append("end_date")
    if "signed_date" not in contract.fields:  # unsigned, or the date was not found: a person looks
        missing.append("signed_date")
    return missing


def blockers(contract: ExtractedContract, threshold: float = DEFAULT_THRESHOLD) -> list[Blocker]:
    """Every reason the contract needs a reviewer (empty: it may pass straight through)."""
    out = [Blocker(BlockerKind.MISSING, name) for name in required_missing(contract)]
    out += [
        Blocker(BlockerKind.UNSURE, name)
        for name, fv in contract.fields.items()
        if fv.confidence < threshold
    ]
    out += [
        Blocker(BlockerKind.PROBLEM, problem)
        for problem in contract.problems
        if not problem.startswith("missing:")
    ]
    if same_party(contract):
        out.append(Blocker(BlockerKind.PROBLEM, "same_entity"))
    return out


def same_party(contract: ExtractedContract) -> bool:
    """Whether both sides of the contract read as one party (same name or same number)."""
    for field in ("name", "enterprise_number"):
        a = contract.value(f"workplace_{field}")
        b = contract.value(f"counterpart_{field}")
        if a and b and str(a).casefold().strip() == str(b).casefold().strip():
            return True
    return False


def acceptable(contract: ExtractedContract, threshold: float = DEFAULT_THRESHOLD) -> bool:
    """Whether nothing in the extraction itself calls for a reviewer."""
    return not blockers(contract, threshold)
