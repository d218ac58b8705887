"""Crash safety: `poll --once` killed by SIGKILL at each crash point, then run again.

A crash point (MAILBOX_INGEST_CRASH_AT) makes the process kill itself like a power cut. After
the next runs every mail must be stored exactly once, the inbox must be empty and every due
acknowledgement must have reached its recipient exactly once.
"""

from __future__ import annotations

import email
import signal
import time
from collections import Counter
from pathlib import Path

import pytest

from mailbox_ingest.config import load_settings
from mailbox_ingest.domain.enums import OutboxState
from testkit.servers.fixtures import ImapAccount
from testkit.servers.smtp_sink import SmtpSink
from tests.e2e_helpers import (
    MAATWERK_TIME,
    PASSWORD_ENV,
    acks_by_reply,
    checked,
    distinct_contract,
    e2e_config,
    exported_messages,
    import_registry,
    inbox_and_done,
    ingest_once,
    message_id_of,
    outbox_states,
    poll_once,
    store_counts,
)

MAILS = 3
CRASH_ENV = "MAILBOX_INGEST_CRASH_AT"
# What the store and the sink hold right after the crash: (messages stored, acks received).
AT_CRASH = {"after_fetch": (0, 0), "after_commit": (1, 0), "after_send": (MAILS, 1)}


def _seed(account: ImapAccount) -> list[bytes]:
    """APPEND a few distinct maatwerk contract mails from a registered workplace."""
    mails = [distinct_contract(n) for n in range(100, 100 + MAILS)]
    for raw in mails:
        account.server.append(account.user, "INBOX", raw, msg_time=MAATWERK_TIME)
    return mails


def _crash(config: Path, account: ImapAccount, point: str) -> None:
    """Run `poll --once` with the crash point set and check that it died by SIGKILL."""
    result = poll_once(config, account, **{CRASH_ENV: point})
    assert result.returncode == -signal.SIGKILL, (result.returncode, result.stderr)


def _assert_stored_once(db_url: str, mails: list[bytes], account: ImapAccount) -> None:
    """One stored message per Message-ID, INBOX empty, every ack sent."""
    stored = Counter(r["message_id"] for r in exported_messages(db_url))
    assert stored == {message_id_of(m): 1 for m in mails}
    assert inbox_and_done(account) == (0, MAILS, 0)
    assert outbox_states(db_url) == [OutboxState.SENT] * MAILS


@pytest.mark.parametrize("point", sorted(AT_CRASH))
def test_crash_then_rerun_answers_every_mail_once(
    point: str,
    imap_account: ImapAccount,
    smtp_sink: SmtpSink,
    monkeypatch: pytest.MonkeyPatch,
    db_url: str,
    tmp_path: Path,
) -> None:
    """Killed at the crash point, the next runs store each mail once and answer it once."""
    import_registry(db_url, tmp_path)
    mails = _seed(imap_account)
    config = e2e_config(tmp_path, db_url, imap_account, smtp_port=smtp_sink.port)

    _crash(config, imap_account, point)
    stored, acked = AT_CRASH[point]
    assert store_counts(db_url)["Message"] == stored
    time.sleep(0.2)
    assert len(smtp_sink.messages) == acked

    checked(poll_once(config, imap_account))
    monkeypatch.setenv(PASSWORD_ENV, imap_account.password)
    report, sent = ingest_once(load_settings(config))  # a further run changes nothing
    assert (report.seen, sent.sent, sent.reconciled) == (0, 0, 0)

    _assert_stored_once(db_url, mails, imap_account)
    time.sleep(0.2)
    assert acks_by_reply(smtp_sink.messages) == {message_id_of(m): 1 for m in mails}


def test_crash_after_send_with_directory_outbox(
    imap_account: ImapAccount, monkeypatch: pytest.MonkeyPatch, db_url: str, tmp_path: Path
) -> None:
    """With .eml files as the outgoing kind, a crash after writing one is not written twice."""
    import_registry(db_url, tmp_path)
    mails = _seed(imap_account)
    config = e2e_config(tmp_path, db_url, imap_account)
    outbox = tmp_path / "outbox"

    _crash(config, imap_account, "after_send")
    assert len(list(outbox.glob("*.eml"))) == 1
    assert OutboxState.SENDING in outbox_states(db_url)

    checked(poll_once(config, imap_account))
    monkeypatch.setenv(PASSWORD_ENV, imap_account.password)
    report, sent = ingest_once(load_settings(config))
    assert (report.seen, sent.sent, sent.reconciled) == (0, 0, 0)

    _assert_stored_once(db_url, mails, imap_account)
    files = sorted(outbox.glob("*.eml"))
    assert not list(outbox.glob("*.tmp"))
    replies = Counter(
        str(email.message_from_bytes(f.read_bytes())["In-Reply-To"]).strip() for f in files
    )
    assert replies == {message_id_of(m): 1 for m in mails}
