"""The answer decision (pipeline) and the answer channels (respond), apart from the pipeline."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from mailbox_ingest.config import Settings
from mailbox_ingest.domain.enums import (
    MessageState,
    OrganisationKind,
    OutboxKind,
    OutboxState,
    Regime,
    ResponseKind,
    ResponseState,
    SuppressReason,
)
from mailbox_ingest.pipeline.answer import decide_answer
from mailbox_ingest.pipeline.verify import SenderFacts
from mailbox_ingest.respond.channels import CHANNELS, AnswerDecision
from store.db import Database
from store.models import Message, Organisation, Outbox, utcnow

WORKPLACE = Organisation(name="De Ploeg", kind=OrganisationKind.MAATWERKBEDRIJF.value)
VERIFIED = SenderFacts("jan@deploeg.be", True, (WORKPLACE,))
UNVERIFIED = SenderFacts("jan@deploeg.be", False, (WORKPLACE,))


def test_every_response_kind_has_its_own_channel() -> None:
    """Each response kind is delivered by exactly one channel that names that kind."""
    assert set(CHANNELS) == set(ResponseKind)
    assert all(channel.kind is kind for kind, channel in CHANNELS.items())


def _message(n: int, *, automatic: bool = False, addr: str | None = "jan@deploeg.be") -> Message:
    """A stored-message row with a key numbered `n`."""
    return Message(
        account="a",
        folder="INBOX",
        uidvalidity=1,
        uid=str(n),
        received_at=utcnow(),
        state=MessageState.PROCESSED.value,
        decisions=[],
        automatic=automatic,
        from_addr=addr,
    )


@pytest.mark.parametrize(
    ("regime", "sender", "automatic", "addr", "answering", "expected"),
    [
        (
            Regime.MAATWERK,
            VERIFIED,
            False,
            "jan@deploeg.be",
            True,
            AnswerDecision(ResponseKind.EMAIL_ACKNOWLEDGEMENT, ResponseState.QUEUED),
        ),
        (
            Regime.MAATWERK,
            VERIFIED,
            True,
            "jan@deploeg.be",
            True,
            AnswerDecision(
                ResponseKind.EMAIL_ACKNOWLEDGEMENT,
                ResponseState.SUPPRESSED,
                SuppressReason.AUTOMATIC_MAIL,
            ),
        ),
        (
            Regime.MAATWERK,
            VERIFIED,
            False,
            None,
            True,
            AnswerDecision(
                ResponseKind.EMAIL_ACKNOWLEDGEMENT,
                ResponseState.HELD,
                SuppressReason.NO_REPLY_ADDRESS,
            ),
        ),
        (
            Regime.MAATWERK,
            UNVERIFIED,
            False,
            "jan@deploeg.be",
            True,
            AnswerDecision(
                ResponseKind.EMAIL_ACKNOWLEDGEMENT,
                ResponseState.HELD,
                SuppressReason.UNVERIFIED_SENDER,
            ),
        ),
        (
            Regime.LEGACY,
            UNVERIFIED,
            True,
            None,
            True,
            AnswerDecision(ResponseKind.LETTER, ResponseState.PENDING),
        ),
        (
            Regime.MAATWERK,
            VERIFIED,
            False,
            "jan@deploeg.be",
            False,
            AnswerDecision(
                ResponseKind.NONE, ResponseState.SUPPRESSED, SuppressReason.HISTORY_IMPORT
            ),
        ),
    ],
)
def test_decision_table(
    database: Database,
    make_settings: Callable[..., Settings],
    regime: Regime,
    sender: SenderFacts,
    automatic: bool,
    addr: str | None,
    answering: bool,
    expected: AnswerDecision,
) -> None:
    """Regime, machine mail, reply address, sender trust and archive import, in that order."""
    settings = make_settings()
    with database.session() as s:
        row = _message(1, automatic=automatic, addr=addr)
        s.add(row)
        s.flush()
        assert decide_answer(s, row, regime, sender, settings, answering=answering) == expected


def test_daily_limit_counts_folded_addresses(
    database: Database, make_settings: Callable[..., Settings]
) -> None:
    """Two answers to `jan+x@` and `Jan@` today use up a limit of two for `jan@`."""
    settings = make_settings(answers={"max_per_sender_per_day": 2})
    with database.session() as s:
        for n, to in enumerate(["jan+x@deploeg.be", "Jan@deploeg.be"]):
            m = _message(n)
            s.add(m)
            s.flush()
            s.add(
                Outbox(
                    message_id=m.id,
                    kind=OutboxKind.ACKNOWLEDGEMENT.value,
                    to_addr=to,
                    our_message_id=f"<a{n}@wse.test>",
                    raw=b"x",
                    state=OutboxState.SENT.value,
                )
            )
        row = _message(9)
        s.add(row)
        s.flush()
        got = decide_answer(s, row, Regime.MAATWERK, VERIFIED, settings)
        assert got.state is ResponseState.HELD
        assert got.reason is SuppressReason.DAILY_LIMIT
