"""Fetch batches are bounded by count and by bytes, so a batch of huge mails stays small."""

from __future__ import annotations

import datetime as dt

import pytest

from mailbox_ingest.intake.base import MessageKey, RemoteRef
from mailbox_ingest.intake.ingest import batches

NOW = dt.datetime(2023, 1, 1, tzinfo=dt.UTC)


def refs(*sizes: int) -> list[RemoteRef]:
    """Listed messages of the given sizes."""
    return [RemoteRef(MessageKey("a", "INBOX", 1, str(i)), s, NOW) for i, s in enumerate(sizes)]


@pytest.mark.parametrize(
    ("sizes", "count", "max_bytes", "expected"),
    [
        ((1, 1, 1, 1, 1), 2, 100, [2, 2, 1]),
        ((60, 60, 60), 50, 100, [1, 1, 1]),
        ((40, 40, 40, 10), 50, 100, [2, 2]),
        ((500, 1, 1), 50, 100, [3]),  # over the limit: not fetched whole, weighs nothing
        ((), 50, 100, []),
    ],
)
def test_batches(sizes: tuple[int, ...], count: int, max_bytes: int, expected: list[int]) -> None:
    """Every message lands in exactly one batch, in order, within both bounds."""
    got = list(batches(refs(*sizes), count, max_bytes))
    assert [len(b) for b in got] == expected
    assert [r for b in got for r in b] == refs(*sizes)
