"""Contracts from an archive of past years get no answer, and the record says why.

An acknowledgement or approval letter years after the fact would confuse the workplace and
claim a decision the department took (or did not take) back then; the archive is imported for
the reports only. So each contract's response is `none`/`suppressed`, no outbox row and no
letter is created, and the decision log names the reason (`history_import`).
"""

from __future__ import annotations

from mailbox_ingest.enums import ResponseKind, ResponseState, SuppressReason
from mailbox_ingest.pipeline.decisions import Decisions
from store.models import Contract


def record_no_answer(contracts: list[Contract], d: Decisions) -> None:
    """Mark the contracts as deliberately not answered, with the reason in the decisions."""
    for c in contracts:
        c.response_kind = ResponseKind.NONE.value
        c.response_state = ResponseState.SUPPRESSED.value
    d.record(
        "answer",
        SuppressReason.HISTORY_IMPORT.value,
        True,
        f"imported from an archive: {len(contracts)} contract(s) not answered "
        "(no acknowledgement, no letter)",
    )
