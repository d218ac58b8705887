"""Nothing left half done after a backlog or a crash: a move that reached the mailbox but not
the database (the process died in between) is recorded by the next poll, and `poll --once`
sends every answer due, however many."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import update

from mailbox_ingest.config import OutgoingSettings, Settings
from mailbox_ingest.domain.enums import MessageState, OutboxState
from mailbox_ingest.respond.outbox import send_all_due
from mailbox_ingest.respond.senders import DirectorySender
from store.db import Database
from store.models import Message
from tests.e2e_helpers import MAATWERK_TIME, distinct_contract
from tests.pipeline_helpers import harness, write_registry
from tests.test_outbox import queue, states


def test_a_move_never_recorded_is_settled_by_the_next_poll(
    make_settings: Callable[..., Settings], tmp_path: Path
) -> None:
    """The mail is in the done folder but its row says `processed`, not moved: the next poll
    sees it gone from the inbox and records it done, without processing or answering again."""
    box = harness(make_settings(), write_registry(tmp_path / "registry.csv"))
    try:
        box.deliver(
            distinct_contract(700, received=MAATWERK_TIME),
            distinct_contract(701, received=MAATWERK_TIME),
        )
        box.poll()
        with box.app.db.session() as s:
            s.execute(
                update(Message)
                .where(Message.id == 1)
                .values(state=MessageState.PROCESSED.value, moved_at=None, moved_to=None)
            )
        report, sent = box.poll()
        assert (report.seen, sent.sent) == (0, 0)
        rows = {r["id"]: r["state"] for r in box.messages()}
        assert rows == {1: MessageState.DONE, 2: MessageState.DONE}
        with box.app.db.session() as s:
            row = s.get(Message, 1)
            assert row is not None and row.moved_to == box.settings.mailbox.done_folder
            assert row.moved_at is not None
        assert len(box.sent()) == 2 and len(box.contracts()) == 2
    finally:
        box.app.close()


def test_send_all_due_drains_more_than_one_outbox_run(database: Database, tmp_path: Path) -> None:
    """`poll --once` after a backlog sends every due answer, not only one run's hundred."""
    queue(database, 230)
    report = send_all_due(
        database,
        DirectorySender(tmp_path / "out"),
        OutgoingSettings.model_validate({"kind": "directory", "path": str(tmp_path / "out")}),
    )
    assert report.sent == 230
    assert states(database) == [OutboxState.SENT] * 230
    assert len(list((tmp_path / "out").glob("*.eml"))) == 230
