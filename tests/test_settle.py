"""A move that reached the mailbox but not the database (the process died in between) is
recorded by the next poll instead of leaving the row unfinished for ever."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import update

from mailbox_ingest.config import Settings
from mailbox_ingest.enums import MessageState
from store.models import Message
from tests.e2e_helpers import MAATWERK_TIME, distinct_contract
from tests.pipeline_helpers import harness, write_registry


def test_a_move_never_recorded_is_settled_by_the_next_poll(
    make_settings: Callable[..., Settings], tmp_path: Path
) -> None:
    """The mail is in the done folder but its row says `processed`, not moved: the next poll
    sees it gone from the inbox and records it done, without processing or answering again."""
    box = harness(make_settings(), write_registry(tmp_path / "registry.csv"))
    try:
        box.deliver(distinct_contract(700, received=MAATWERK_TIME),
                    distinct_contract(701, received=MAATWERK_TIME))
        box.poll()
        with box.app.db.session() as s:
            s.execute(update(Message).where(Message.id == 1).values(
                state=MessageState.PROCESSED.value, moved_at=None, moved_to=None))
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
