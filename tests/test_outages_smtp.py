"""SMTP outages against the aiosmtpd sink: a server that turns every mail away, first with
a 4xx, then with a 5xx, then accepts again. No answer is charged, lost or sent twice, and
readiness shows the outage while it lasts."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from mailbox_ingest.config import Settings
from mailbox_ingest.daemon import Daemon
from mailbox_ingest.domain.enums import OutboxState
from mailbox_ingest.respond.pause import OutboxPause
from store.models import Outbox
from testkit.servers.smtp_sink import SmtpSink
from tests.e2e_helpers import MAATWERK_TIME, acks_by_reply, distinct_contract, message_id_of
from tests.pipeline_helpers import harness, write_registry


def _rows(daemon: Daemon) -> list[tuple[str, int]]:
    """(state, attempts) of every outbox row."""
    with daemon.app.db.session() as s:
        return [
            (r.state, r.attempts) for r in s.execute(select(Outbox).order_by(Outbox.id)).scalars()
        ]


def test_smtp_refusing_4xx_then_5xx_then_accepting_sends_each_answer_once(
    make_settings: Callable[..., Settings], smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    """While the server refuses every transaction the outbox pauses, charges no row and
    readiness says why; once it accepts, each acknowledgement goes out exactly once."""
    settings = make_settings(
        outgoing={
            "kind": "smtp",
            "host": smtp_sink.host,
            "port": smtp_sink.port,
            "tls": "none",
            "timeout_s": 2.0,
        },
        answers={"max_per_sender_per_day": 100},
    )
    box = harness(settings, write_registry(tmp_path / "registry.csv"))
    app = box.app
    daemon = Daemon(app)
    daemon.outbox_pause = OutboxPause(base_s=0.01, max_s=0.05)  # no waiting in the test
    try:
        mails = [distinct_contract(n, received=MAATWERK_TIME) for n in range(500, 504)]
        box.deliver(*mails)
        smtp_sink.refuse_all(451)
        daemon.poll_job()
        daemon.outbox_job()
        assert _rows(daemon) == [(OutboxState.QUEUED, 0)] * 4
        ready = daemon.readiness()
        assert not ready["ok"] and not ready["checks"]["smtp"]["ok"]
        assert "451" in str(ready["checks"]["smtp"]["error"])
        assert ready["outbox"]["queued"] == 4

        smtp_sink.refuse_all(554)
        for _ in range(3):
            wait_out(daemon)
            daemon.outbox_job()
        assert _rows(daemon) == [(OutboxState.QUEUED, 0)] * 4
        ready = daemon.readiness()
        assert "554" in str(ready["checks"]["smtp"]["error"])
        assert ready["checks"]["smtp"]["consecutive_failures"] == 4
        assert smtp_sink.messages == []

        smtp_sink.refuse_all(None)
        wait_out(daemon)
        daemon.outbox_job()
        assert _rows(daemon) == [(OutboxState.SENT, 1)] * 4
        assert acks_by_reply(smtp_sink.messages) == {message_id_of(m): 1 for m in mails}
        ready = daemon.readiness()
        assert ready["ok"] and ready["checks"]["smtp"]["ok"]
        assert ready["outbox"]["sent"] == 4 and ready["outbox"]["queued"] == 0
        daemon.outbox_job()
        assert len(smtp_sink.messages) == 4
    finally:
        daemon.poll_lease.release()
        app.close()


def wait_out(daemon: Daemon) -> None:
    """Let the outbox pause end (it is a few hundredths of a second here)."""
    while daemon.outbox_pause.active():
        time.sleep(0.01)
