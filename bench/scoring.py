"""Scoring of extracted contracts against the corpus truth, field by field.

Values are compared after a normalisation that forgives only what a reviewer would not call
an error: addresses ignore commas, case and spacing; names and the nature of work ignore case,
spacing and punctuation; dates, worker counts, enterprise numbers and the duration flag must be
exact. A field the truth leaves blank must be absent. Extracted contracts come either as
`ExtractedContract`s (the extractor's output) or as export records (what the pipeline stored);
several of them are paired with several truths by counterpart number or name, else in order.
`worst_errors` picks the field errors worth fixing first.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from parsers.types import CONTRACT_FIELDS, ExtractedContract
from samples.corpus.truth import SCAN_LAYOUTS, ContractTruth

NO_CONTRACT = "<no contract>"  # what was "got" for every field of a contract never found


class Compare(StrEnum):
    """How a field's expected and extracted values are compared."""

    NAME = "name"  # case, spacing and punctuation ignored
    ADDRESS = "address"  # case, spacing and commas ignored
    DATE = "date"
    INTEGER = "integer"
    NUMBER = "number"  # enterprise number, exact 0XXX.XXX.XXX
    FLAG = "flag"


FIELD_COMPARE: dict[str, Compare] = {
    "workplace_name": Compare.NAME,
    "workplace_enterprise_number": Compare.NUMBER,
    "counterpart_name": Compare.NAME,
    "counterpart_enterprise_number": Compare.NUMBER,
    "work_location": Compare.ADDRESS,
    "nature_of_work": Compare.NAME,
    "workers": Compare.INTEGER,
    "start_date": Compare.DATE,
    "end_date": Compare.DATE,
    "indefinite_duration": Compare.FLAG,
    "signed_date": Compare.DATE,
}
_PUNCTUATION = re.compile(r"[^\w&\s]")
_SPACES = re.compile(r"\s+")
_SCAN_NAMES = frozenset(layout.value for layout in SCAN_LAYOUTS)


def normalise(name: str, value: Any) -> Any:
    """The comparable form of a field's value (None stays None)."""
    if value is None:
        return None
    kind = FIELD_COMPARE[name]
    if kind is Compare.NAME:
        return _SPACES.sub(" ", _PUNCTUATION.sub(" ", str(value))).strip().casefold()
    if kind is Compare.ADDRESS:
        return _SPACES.sub(" ", str(value).replace(",", " ")).strip().casefold()
    if kind is Compare.DATE:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            return str(value)
    if kind is Compare.NUMBER:
        return str(value).strip()
    return value  # integers and flags: exact, and of the right type (True is not 1)


def field_matches(name: str, expected: Any, got: Any) -> bool:
    """Whether an extracted value counts as right for a field."""
    want, have = normalise(name, expected), normalise(name, got)
    if want is None or have is None:
        return want is None and have is None
    if FIELD_COMPARE[name] in (Compare.INTEGER, Compare.FLAG) and type(want) is not type(have):
        return False
    return bool(want == have)


def extracted_values(contract: ExtractedContract) -> dict[str, Any]:
    """The field values of an extractor's contract (missing fields as None)."""
    return {name: contract.value(name) for name in CONTRACT_FIELDS}


def record_values(record: Mapping[str, Any]) -> dict[str, Any]:
    """The field values of an exported contract record (the pipeline's stored contract)."""
    out = {name: record.get(name) for name in CONTRACT_FIELDS}
    for side in ("workplace", "counterpart"):
        party = record.get(side) or {}
        out[f"{side}_name"] = party.get("name")
        out[f"{side}_enterprise_number"] = party.get("enterprise_number")
    return out


@dataclass(frozen=True, slots=True)
class FieldError:
    """One wrong field: where, what the truth says and what was extracted."""

    file: str
    layout: str
    field: str
    expected: Any
    got: Any


@dataclass(slots=True)
class Score:
    """Per-field hits and totals, and the wrong fields with their context."""

    hits: Counter[str] = field(default_factory=Counter)
    totals: Counter[str] = field(default_factory=Counter)
    errors: list[FieldError] = field(default_factory=list)
    contracts_expected: int = 0
    contracts_found: int = 0
    contracts_missed: int = 0

    def add(self, other: Score) -> None:
        """Add another score to this one."""
        self.hits.update(other.hits)
        self.totals.update(other.totals)
        self.errors.extend(other.errors)
        self.contracts_expected += other.contracts_expected
        self.contracts_found += other.contracts_found
        self.contracts_missed += other.contracts_missed

    @property
    def accuracy(self) -> float:
        """The share of right fields over all fields (1.0 when nothing was scored)."""
        total = sum(self.totals.values())
        return sum(self.hits.values()) / total if total else 1.0

    def field_accuracy(self, name: str) -> float:
        """The share of right values of one field (1.0 when it was never scored)."""
        total = self.totals[name]
        return self.hits[name] / total if total else 1.0


def _key(values: Mapping[str, Any]) -> tuple[Any, Any]:
    """What identifies a contract among those in one document: its counterpart."""
    return (
        normalise("counterpart_enterprise_number", values.get("counterpart_enterprise_number")),
        normalise("counterpart_name", values.get("counterpart_name")),
    )


def pair(
    truths: Sequence[ContractTruth], found: Sequence[Mapping[str, Any]]
) -> list[tuple[ContractTruth, Mapping[str, Any] | None]]:
    """Pair each truth with an extracted contract: same counterpart number or name, else order."""
    left = list(range(len(found)))
    chosen: dict[int, int] = {}
    for ti, truth in enumerate(truths):
        number, name = _key(truth.field_values())
        for fi in left:
            got_number, got_name = _key(found[fi])
            if (number is not None and number == got_number) or (name and name == got_name):
                chosen[ti] = fi
                left.remove(fi)
                break
    for ti in range(len(truths)):
        if ti not in chosen and left:
            chosen[ti] = left.pop(0)
    return [(t, found[chosen[i]] if i in chosen else None) for i, t in enumerate(truths)]


def score_document(
    truths: Sequence[ContractTruth],
    found: Iterable[Mapping[str, Any]],
    file: str = "",
    layout: str = "",
) -> Score:
    """Score the contracts found in one document (as value dicts) against its truths."""
    found = list(found)
    score = Score(contracts_expected=len(truths), contracts_found=len(found))
    for truth, got in pair(truths, found):
        if got is None:
            score.contracts_missed += 1
        expected = truth.field_values()
        for name in CONTRACT_FIELDS:
            value = NO_CONTRACT if got is None else got.get(name)
            score.totals[name] += 1
            if got is not None and field_matches(name, expected[name], value):
                score.hits[name] += 1
            else:
                score.errors.append(FieldError(file, layout, name, expected[name], value))
    return score


def worst_errors(errors: list[FieldError], limit: int = 10) -> list[FieldError]:
    """Errors to fix first: text before scans, frequent fields first, one field and file a turn."""
    by_field: dict[tuple[bool, str], list[FieldError]] = {}
    missed: set[str] = set()
    for error in errors:
        if error.got == NO_CONTRACT:  # a contract never found: one entry, not one per field
            if error.file in missed:
                continue
            missed.add(error.file)
            error = FieldError(
                error.file, error.layout, "(whole contract)", "a contract", NO_CONTRACT
            )
        is_scan = error.layout in _SCAN_NAMES
        by_field.setdefault((is_scan, error.field), []).append(error)
    queues = sorted(by_field.items(), key=lambda kv: (kv[0][0], -len(kv[1]), kv[0][1]))
    out: list[FieldError] = []
    for is_scan in (False, True):
        lists = [list(v) for k, v in queues if k[0] == is_scan]
        while len(out) < limit and any(lists):
            for queue in lists:
                if queue and len(out) < limit:
                    shown = {e.file for e in out}
                    pick = next((e for e in queue if e.file not in shown), queue[0])
                    queue.remove(pick)
                    out.append(pick)
    return out
