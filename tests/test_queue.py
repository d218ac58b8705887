"""Processing as procrastinate jobs gives the same result as the in-process path.

The same mails (text contracts, a later duplicate, mail that gets no answer, a zip bomb) go
through real Dovecot, PostgreSQL and an SMTP sink once with `poll --once` alone and once with
the poll deferring jobs to two `mailbox-ingest worker` processes. A worker killed mid-job
(SIGKILL) leaves its message to be processed exactly once by the next worker.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from mailbox_ingest.config import settings_from_dict
from mailbox_ingest.domain.errors import ConfigError
from mailbox_ingest.faults import DELAY_ENV
from mailbox_ingest.intake.ingest import FINAL
from samples.corpus import mails
from samples.corpus.hostile import with_file, zip_bomb
from store.db import Database
from store.models import Message
from testkit.servers.fixtures import ImapAccount, require_server
from testkit.servers.postgres import temporary_database
from testkit.servers.smtp_sink import SmtpSink
from tests.e2e_helpers import (
    DEFAULT_PDF_NAME,
    MAATWERK_TIME,
    acks_by_reply,
    checked,
    distinct_contract,
    e2e_config,
    exported_contracts,
    exported_messages,
    import_registry,
    inbox_and_done,
    log_text,
    message_id_of,
    poll_once,
    run_cli,
    wait_until,
)
from tests.queue_helpers import stable, worker


def _first_delivery() -> list[bytes]:
    """Contracts, mail that gets no answer and a hostile one, all distinct."""
    contracts = [
        distinct_contract(n, message_id=f"<queue-{n}@deploeg.be>") for n in range(400, 405)
    ]
    others = [mails.question_mail(), mails.out_of_office(), mails.newsletter(), mails.bounce()]
    bomb = with_file(
        "queue-zip-bomb",
        zip_bomb(1 << 30),
        params='filename="contract.zip"',
        mime="application/zip",
    )
    return [*contracts, *others, bomb]


def _second_delivery() -> list[bytes]:
    """The first contract's PDF again under another Message-ID: a duplicate."""
    return [distinct_contract(400, message_id="<queue-400-again@deploeg.be>")]


def _all_final(db_url: str, count: int) -> bool:
    """Whether `count` messages are stored and every one is in a final state."""
    db = Database(db_url, migrate=False)
    try:
        with db.session() as s:
            states = list(s.execute(select(Message.state)).scalars())
    finally:
        db.dispose()
    return len(states) == count and all(st in FINAL for st in states)


def _deliver(account: ImapAccount, raws: list[bytes]) -> None:
    for raw in raws:
        account.server.append(account.user, "INBOX", raw, msg_time=MAATWERK_TIME)


def _run(
    kind: str, db_url: str, account: ImapAccount, sink: SmtpSink, tmp: Path
) -> tuple[list[Any], list[Any]]:
    """Both deliveries through one setup; (stable messages, stable contracts)."""
    tmp.mkdir()
    import_registry(db_url, tmp)
    config = e2e_config(
        tmp,
        db_url,
        account,
        smtp_port=sink.port,
        answers={"max_per_sender_per_day": 100},
        queue={"kind": kind, "queue_name": f"q-{tmp.name}"},
    )
    checked(run_cli(config, "db", "upgrade"))
    total = 0
    for delivery in (_first_delivery(), _second_delivery()):
        _deliver(account, delivery)
        total += len(delivery)
        if kind == "inprocess":
            checked(poll_once(config, account))
            continue
        with worker(config, account, tmp / "w1.log"), worker(config, account, tmp / "w2.log"):
            out = checked(poll_once(config, account)).stdout
            assert "0 processed" in out and f"{len(delivery)} queued for workers" in out, out
            assert wait_until(partial(_all_final, db_url, total), 120), log_text(
                tmp / "w1.log"
            ) + log_text(tmp / "w2.log")
        checked(poll_once(config, account))  # moves what the workers finished; sends answers
    assert inbox_and_done(account)[0] == 0, "every mail moved"
    messages = sorted(exported_messages(db_url), key=lambda m: m["message_id"] or "")
    contracts = sorted(exported_contracts(db_url), key=lambda c: c["message_id"] or "")
    return stable(messages), stable(contracts)


@pytest.fixture
def pg_urls() -> Iterator[tuple[str, str]]:
    """Two fresh PostgreSQL databases."""
    try:
        with temporary_database(prefix="mi_t") as a, temporary_database(prefix="mi_t") as b:
            yield a, b
    except Exception as exc:  # noqa: BLE001 - becomes fail in CI, skip elsewhere
        require_server("postgresql", repr(exc))


@pytest.mark.slow
@pytest.mark.imap
@pytest.mark.smtp
def test_procrastinate_workers_give_the_in_process_result(
    imap_account: ImapAccount, pg_urls: tuple[str, str], tmp_path: Path
) -> None:
    """Same mails, in-process and on two workers: same exports, each answer once, all moved."""
    results, acks = [], []
    other = ImapAccount(imap_account.server, f"q2-{imap_account.user}", "queue-secret")
    imap_account.server.add_user(other.user, other.password)
    for kind, url, account in zip(
        ("inprocess", "procrastinate"), pg_urls, (imap_account, other), strict=True
    ):
        sink = SmtpSink()
        sink.start()
        try:
            results.append(_run(kind, url, account, sink, tmp_path / kind))
            acks.append(acks_by_reply(sink.messages))
        finally:
            sink.stop()
    assert results[1][0] == results[0][0], "export messages"
    assert results[1][1] == results[0][1], "export contracts"
    contract_ids = {f"<queue-{n}@deploeg.be>" for n in range(400, 405)}
    assert acks[0] == acks[1] == {mid: 1 for mid in contract_ids}, "each answer exactly once"
    classes = {m["message_id"]: m["classification"] for m in results[0][0]}
    assert classes["<queue-400-again@deploeg.be>"] == "duplicate"
    assert len(classes) == len(_first_delivery()) + len(_second_delivery())
    print(f"both runs: {sorted(classes.values())}")


@pytest.mark.slow
@pytest.mark.imap
@pytest.mark.smtp
def test_a_worker_killed_mid_job_leaves_the_message_to_be_processed_exactly_once(
    imap_account: ImapAccount, smtp_sink: SmtpSink, pg_urls: tuple[str, str], tmp_path: Path
) -> None:
    """SIGKILL during reading: the next poll and worker process it once, an interruption."""
    db_url = pg_urls[0]
    import_registry(db_url, tmp_path)
    config = e2e_config(
        tmp_path, db_url, imap_account, smtp_port=smtp_sink.port, queue={"kind": "procrastinate"}
    )
    assert "applied" in checked(run_cli(config, "queue", "init")).stdout
    assert "already present" in checked(run_cli(config, "queue", "init")).stdout
    raw = distinct_contract(500, message_id="<queue-kill@deploeg.be>")
    _deliver(imap_account, [raw])
    checked(poll_once(config, imap_account))

    log = tmp_path / "worker.log"
    with worker(config, imap_account, log, **{DELAY_ENV: "read_documents:60"}) as doomed:
        assert wait_until(lambda: _reading(db_url), 60), log_text(log)
        doomed.kill()
        assert doomed.wait(10) == -signal.SIGKILL
    checked(poll_once(config, imap_account))  # still not final: a fresh job is deferred
    with worker(config, imap_account, log):
        assert wait_until(lambda: _all_final(db_url, 1), 60), log_text(log)
    checked(poll_once(config, imap_account))
    [record] = exported_messages(db_url)
    assert record["classification"] == "contract", record
    assert len(exported_contracts(db_url)) == 1
    assert _tries(db_url) == (0, 1), "the kill was the daemon's, not the mail's"
    assert acks_by_reply(smtp_sink.messages) == {message_id_of(raw): 1}
    assert inbox_and_done(imap_account)[0] == 0


def _tries(db_url: str) -> tuple[int, int]:
    """(attempts, interruptions) of the only stored message."""
    db = Database(db_url, migrate=False)
    try:
        with db.session() as s:
            attempts, interruptions = s.execute(
                select(Message.attempts, Message.interruptions)
            ).one()
    finally:
        db.dispose()
    return attempts, interruptions


@pytest.mark.slow
@pytest.mark.imap
@pytest.mark.smtp
def test_sigterm_stops_a_worker_mid_read_at_once_and_gives_the_message_back(
    imap_account: ImapAccount, smtp_sink: SmtpSink, pg_urls: tuple[str, str], tmp_path: Path
) -> None:
    """SIGTERM while a document is read: the worker exits within seconds, the message is given
    back untouched (no attempt, no interruption) and the next worker processes it once."""
    db_url = pg_urls[0]
    import_registry(db_url, tmp_path)
    config = e2e_config(
        tmp_path, db_url, imap_account, smtp_port=smtp_sink.port, queue={"kind": "procrastinate"}
    )
    checked(run_cli(config, "queue", "init"))
    raw = distinct_contract(501, message_id="<queue-term@deploeg.be>")
    _deliver(imap_account, [raw])
    checked(poll_once(config, imap_account))
    log = tmp_path / "worker.log"
    with worker(config, imap_account, log, **{DELAY_ENV: "reader:120"}) as stopping:
        assert wait_until(lambda: _reading(db_url), 60), log_text(log)
        time.sleep(1.0)  # the reader process is inside its two-minute read
        start = time.monotonic()
        stopping.send_signal(signal.SIGTERM)
        assert stopping.wait(30) == 0, log_text(log)
        assert time.monotonic() - start < 10, "stopped at once, not after the read"
    assert "given back" in log_text(log), log_text(log)
    assert not _all_final(db_url, 1)
    checked(poll_once(config, imap_account))  # queues it again
    with worker(config, imap_account, tmp_path / "worker2.log"):
        assert wait_until(lambda: _all_final(db_url, 1), 60), log_text(tmp_path / "worker2.log")
    checked(poll_once(config, imap_account))
    assert len(exported_contracts(db_url)) == 1
    assert _tries(db_url) == (0, 0), "the stop was the worker's, not the mail's"
    assert acks_by_reply(smtp_sink.messages) == {message_id_of(raw): 1}


def _reading(db_url: str) -> bool:
    """Whether the only stored message has a try in progress."""
    db = Database(db_url, migrate=False)
    try:
        with db.session() as s:
            return s.execute(select(Message.attempt_started_at)).scalar() is not None
    finally:
        db.dispose()


def test_procrastinate_needs_postgresql() -> None:
    """kind = procrastinate on SQLite: a config error naming queue.kind."""
    with pytest.raises(ConfigError, match=r"queue\.kind"):
        settings_from_dict({"queue": {"kind": "procrastinate"}})
    ok = settings_from_dict(
        {
            "queue": {"kind": "procrastinate", "concurrency": 3},
            "database": {"url": "postgresql+psycopg://u@h/d"},
        }
    )
    assert ok.queue.concurrency == 3


def test_worker_refuses_the_in_process_queue(tmp_path: Path) -> None:
    """`worker` with the default queue kind: one line naming queue.kind, exit 2."""
    config = tmp_path / "c.toml"
    config.write_text(f'[database]\nurl = "sqlite:///{tmp_path}/s.sqlite3"\n', encoding="utf-8")
    result = run_cli(config, "worker")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "queue.kind" in result.stderr


@pytest.mark.slow
@pytest.mark.imap
def test_two_copies_of_one_contract_read_at_once_store_one_contract(
    imap_account: ImapAccount, pg_urls: tuple[str, str], tmp_path: Path
) -> None:
    """Same PDF in two mails processed in parallel: one contract, one duplicate.

    The delay sits between the duplicate check and the commit: without the advisory lock
    around that window both mails would find no earlier copy and both store the contract.
    """
    db_url = pg_urls[0]
    import_registry(db_url, tmp_path)
    config = e2e_config(tmp_path, db_url, imap_account, queue={"kind": "procrastinate"})
    checked(run_cli(config, "queue", "init"))
    pdf = mails.unique_pdf("Klant 600 NV")
    _deliver(
        imap_account,
        [
            mails.contract_mail(  # other bytes (a comment after %%EOF), same fields
                subject=f"Contract {n}",
                message_id=f"<queue-twin-{n}@deploeg.be>",
                attachments=[(DEFAULT_PDF_NAME, pdf + b"\n%% copy %d\n" % n, "application/pdf")],
            )
            for n in (1, 2)
        ],
    )
    checked(poll_once(config, imap_account))
    log = tmp_path / "worker.log"
    with worker(config, imap_account, log, **{DELAY_ENV: "duplicate_check:2"}):
        assert wait_until(lambda: _all_final(db_url, 2), 60), log_text(log)
    classes = sorted(m["classification"] for m in exported_messages(db_url))
    assert classes == ["contract", "duplicate"], classes
    assert len(exported_contracts(db_url)) == 1
