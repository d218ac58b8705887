"""End to end against a real Dovecot: `poll --once`, TLS variants, UIDVALIDITY, the daemon.

Mails are APPENDed with an INTERNALDATE in the maatwerk regime; the command line runs in a
subprocess with a TOML config, exactly as an operator runs it.
"""

from __future__ import annotations

import json
import signal
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mailbox_ingest.app import build_app
from mailbox_ingest.config import Settings
from mailbox_ingest.daemon import Daemon
from mailbox_ingest.domain.enums import Classification, MessageState, QuarantineReason
from mailbox_ingest.intake.ingest import Ingestor, PollReport
from samples.corpus.mails import contract_mail
from samples.corpus.minipdf import contract_pdf
from store.lease import JobLease
from testkit.servers import free_ports
from testkit.servers.fixtures import ImapAccount
from tests.e2e_helpers import (
    DONE,
    MAATWERK_TIME,
    PASSWORD_ENV,
    QUARANTINE,
    checked,
    daemon,
    distinct_contract,
    e2e_config,
    export,
    import_registry,
    inbox_and_done,
    ingest_once,
    log_text,
    mailbox_section,
    message_id_of,
    poll_once,
    run_cli,
    store_counts,
    wait_until,
)


def encrypted_mail() -> bytes:
    """A contract mail whose only attachment is a password-protected PDF."""
    return contract_mail(
        subject="Contract (beveiligd)",
        attachments=[("beveiligd.pdf", contract_pdf(user_password="x"), "application/pdf")],
        message_id="<encrypted-1@deploeg.be>",
    )


def eml_files(tmp_path: Path) -> list[Path]:
    """The acknowledgements the directory outbox wrote."""
    return sorted((tmp_path / "outbox").glob("*.eml"))


def test_poll_once_over_ssl_sorts_mail_and_is_idempotent(
    imap_account: ImapAccount, db_url: str, tmp_path: Path
) -> None:
    """`poll --once` over implicit TLS stores contracts, files mail, quarantines the broken one."""
    import_registry(db_url, tmp_path)
    server, user = imap_account.server, imap_account.user
    contracts = [distinct_contract(n) for n in range(3)]
    for raw in [*contracts, encrypted_mail()]:
        server.append(user, "INBOX", raw, msg_time=MAATWERK_TIME)
    config = e2e_config(tmp_path, db_url, imap_account, tls="ssl")

    first = checked(poll_once(config, imap_account))
    assert first.stdout.startswith("4 message(s): 3 processed, 1 quarantined")
    assert inbox_and_done(imap_account) == (0, 3, 1)
    assert set(server.folders(user)) >= {"INBOX", DONE, QUARANTINE}

    messages = {m["message_id"]: m for m in export(config, "messages")}
    assert len(messages) == 4
    for raw in contracts:
        record = messages[message_id_of(raw)]
        assert (record["classification"], record["state"]) == ("contract", "done")
        assert record["response"]["kind"] == "email_acknowledgement"
    broken = messages["<encrypted-1@deploeg.be>"]
    assert broken["classification"] == Classification.QUARANTINED
    assert broken["state"] == MessageState.QUARANTINED
    assert broken["reason"] == QuarantineReason.ENCRYPTED_DOCUMENT
    assert broken["reason_detail"]
    exported = export(config, "contracts")
    assert sorted(c["message_id"] for c in exported) == sorted(map(message_id_of, contracts))
    assert len(eml_files(tmp_path)) == 3

    before = store_counts(db_url)
    again = checked(poll_once(config, imap_account))
    assert again.stdout.startswith("0 message(s)")
    assert store_counts(db_url) == before
    assert len(eml_files(tmp_path)) == 3
    assert inbox_and_done(imap_account) == (0, 3, 1)


@pytest.mark.parametrize("tls", ["none", "starttls"])
def test_plain_and_starttls_connections_ingest(
    imap_account: ImapAccount,
    make_settings: Callable[..., Settings],
    monkeypatch: pytest.MonkeyPatch,
    tls: str,
    db_url: str,
    tmp_path: Path,
) -> None:
    """A poll over plain IMAP and over STARTTLS (verified with the cafile) ingests the mail."""
    monkeypatch.setenv(PASSWORD_ENV, imap_account.password)
    import_registry(db_url, tmp_path)
    imap_account.server.append(
        imap_account.user, "INBOX", distinct_contract(7), msg_time=MAATWERK_TIME
    )
    report, sent = ingest_once(make_settings(mailbox=mailbox_section(imap_account, tls)))
    assert (report.seen, report.processed, report.moved) == (1, 1, 1)
    assert sent.sent == 1
    assert inbox_and_done(imap_account) == (0, 1, 0)
    assert store_counts(db_url)["Contract"] == 1


def test_uidvalidity_change_processes_nothing_twice(
    imap_account: ImapAccount,
    make_settings: Callable[..., Settings],
    monkeypatch: pytest.MonkeyPatch,
    db_url: str,
    tmp_path: Path,
) -> None:
    """After a crash left a processed mail in INBOX and UIDVALIDITY changed, none is redone."""
    import_registry(db_url, tmp_path)
    server, user = imap_account.server, imap_account.user
    mails = [distinct_contract(n) for n in range(10, 13)]
    for raw in mails:
        server.append(user, "INBOX", raw, msg_time=MAATWERK_TIME)
    config = e2e_config(tmp_path, db_url, imap_account)

    crashed = poll_once(config, imap_account, MAILBOX_INGEST_CRASH_AT="after_commit")
    assert crashed.returncode == -signal.SIGKILL
    assert inbox_and_done(imap_account) == (3, 0, 0)
    assert store_counts(db_url)["Contract"] == 1  # processed, committed, not moved

    old = server.uidvalidity(user)
    assert server.change_uidvalidity(user) != old
    checked(poll_once(config, imap_account))
    # and a byte-identical copy of a processed mail appears under the new UIDVALIDITY:
    # it gets its own row, a duplicate of the original, and no answer
    server.append(user, "INBOX", mails[0], msg_time=MAATWERK_TIME)
    monkeypatch.setenv(PASSWORD_ENV, imap_account.password)
    settings = make_settings(mailbox=mailbox_section(imap_account))
    report, sent = ingest_once(settings)
    assert (report.seen, report.processed, report.moved, sent.sent) == (1, 1, 1, 0)
    assert report.by_class == {"duplicate": 1}

    counts = store_counts(db_url)
    assert (counts["Message"], counts["Contract"], counts["Outbox"]) == (4, 3, 3)
    assert inbox_and_done(imap_account) == (0, 4, 0)
    acks = [f.read_bytes() for f in eml_files(tmp_path)]
    replied = Counter(
        line.split(b":", 1)[1].strip().decode()
        for a in acks
        for line in a.splitlines()
        if line.startswith(b"In-Reply-To:")
    )
    assert replied == Counter(message_id_of(m) for m in mails)


def _health(port: int) -> dict[str, Any]:
    """The daemon's /healthz answer (also for a 503)."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as resp:
            data: dict[str, Any] = json.load(resp)
    except urllib.error.HTTPError as exc:
        data = json.load(exc)
    return data


def test_daemon_idle_picks_up_new_mail_and_stops_on_sigterm(
    imap_account: ImapAccount, db_url: str, tmp_path: Path
) -> None:
    """With IDLE and a 300 s poll interval, the daemon ingests a new mail within seconds."""
    import_registry(db_url, tmp_path)
    config = e2e_config(
        tmp_path, db_url, imap_account, scheduler={"poll_interval_s": 300, "outbox_interval_s": 3}
    )
    log = tmp_path / "daemon.log"
    with daemon(config, imap_account, log) as proc:
        time.sleep(2.5)  # the first scheduled poll runs; the IDLE connection settles
        imap_account.server.append(
            imap_account.user, "INBOX", distinct_contract(20), msg_time=MAATWERK_TIME
        )
        start = time.monotonic()
        assert wait_until(lambda: inbox_and_done(imap_account) == (0, 1, 0), 15), log_text(log)
        elapsed = time.monotonic() - start
        print(f"IDLE pickup after {elapsed:.2f} s")
        assert elapsed < 10, f"picked up after {elapsed:.1f} s"
        assert wait_until(lambda: len(eml_files(tmp_path)) == 1, 10), log_text(log)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0, log_text(log)
    assert "stopped" in log_text(log)
    assert store_counts(db_url)["Contract"] == 1


def test_server_down_poll_once_fails_in_one_line(imap_account: ImapAccount, tmp_path: Path) -> None:
    """With Dovecot stopped, `poll --once` exits non-zero with a one-line error, no traceback."""
    config = e2e_config(tmp_path, f"sqlite:///{tmp_path}/store.sqlite3", imap_account)
    server = imap_account.server
    server.stop()
    try:
        result = poll_once(config, imap_account)
    finally:
        server.start()
    assert result.returncode not in (0, -signal.SIGKILL)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: mailbox unavailable"), result.stderr
    assert "Traceback" not in result.stderr


def test_daemon_survives_server_down_and_ingests_when_back(
    imap_account: ImapAccount, db_url: str, tmp_path: Path
) -> None:
    """The daemon keeps running (health shows the failures) and ingests once Dovecot is back."""
    import_registry(db_url, tmp_path)
    server = imap_account.server
    port = free_ports(1)[0]
    config = e2e_config(
        tmp_path,
        db_url,
        imap_account,
        scheduler={"poll_interval_s": 1, "outbox_interval_s": 1},
        web={"enabled": True, "port": port},
    )
    log = tmp_path / "daemon.log"
    server.stop()
    try:
        with daemon(config, imap_account, log) as proc:
            assert wait_until(lambda: "mailbox unavailable" in log_text(log), 15), log_text(log)
            assert proc.poll() is None
            assert _health(port)["consecutive_failures"] >= 1
            server.start()
            server.append(imap_account.user, "INBOX", distinct_contract(30), msg_time=MAATWERK_TIME)
            assert wait_until(lambda: inbox_and_done(imap_account) == (0, 1, 0), 30), log_text(log)
            assert wait_until(lambda: len(eml_files(tmp_path)) == 1, 10), log_text(log)
            health = _health(port)
            assert health["consecutive_failures"] == 0 and health["last_poll"] is not None
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(30) == 0, log_text(log)
        assert store_counts(db_url)["Contract"] == 1
    finally:
        if not server.running:
            server.start()


def test_wrong_password_is_a_clear_error(imap_account: ImapAccount, tmp_path: Path) -> None:
    """A wrong IMAP password ends `poll --once` with one line naming the failed login."""
    config = e2e_config(tmp_path, f"sqlite:///{tmp_path}/store.sqlite3", imap_account)
    env_account = imap_account._replace(password="not-" + imap_account.password)
    result = poll_once(config, env_account)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error:") and "authentication failed" in lines[0].lower()


def test_cli_without_password_variable_names_the_setting(
    imap_account: ImapAccount, tmp_path: Path
) -> None:
    """Without the password variable, the CLI names the setting and exits 2 (no login tried)."""
    config = e2e_config(tmp_path, f"sqlite:///{tmp_path}/store.sqlite3", imap_account)
    result = run_cli(config, "poll", "--once")
    assert result.returncode == 2, result.stderr
    assert "mailbox.password_env" in result.stderr and "Traceback" not in result.stderr


def test_daemon_wake_during_a_running_poll_is_not_lost(
    imap_account: ImapAccount,
    make_settings: Callable[..., Settings],
    monkeypatch: pytest.MonkeyPatch,
    db_url: str,
    tmp_path: Path,
) -> None:
    """A new-mail wake that arrives while a poll runs makes the daemon poll again at once."""
    monkeypatch.setenv(PASSWORD_ENV, imap_account.password)
    import_registry(db_url, tmp_path)
    settings = make_settings(
        mailbox=mailbox_section(imap_account, idle=False),
        scheduler={"poll_interval_s": 300, "outbox_interval_s": 300},
    )
    server, user = imap_account.server, imap_account.user
    server.append(user, "INBOX", distinct_contract(300), msg_time=MAATWERK_TIME)
    the_daemon = Daemon(build_app(settings))
    real_poll = Ingestor.poll
    calls: list[int] = []

    def poll_with_news(self: Ingestor, lease: JobLease | None = None) -> PollReport:
        """The real poll; the first one ends as a new mail arrives and IDLE announces it."""
        report = real_poll(self, lease)
        calls.append(report.seen)
        if len(calls) == 1:
            server.append(user, "INBOX", distinct_contract(301), msg_time=MAATWERK_TIME)
            the_daemon.wake_poll()
            time.sleep(0.5)  # the poll is still busy (moving, committing) when the wake comes
        return report

    monkeypatch.setattr(Ingestor, "poll", poll_with_news)

    def stop_when_done() -> None:
        try:  # a listing racing with the daemon's moves may raise: stop the daemon anyway
            wait_until(lambda: inbox_and_done(imap_account) == (0, 2, 0), 10)
        finally:
            the_daemon.stop_event.set()

    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    stopper = threading.Thread(target=stop_when_done, daemon=True)
    stopper.start()
    try:
        the_daemon.run()
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    stopper.join(15)
    assert calls[:2] == [1, 1]
    assert inbox_and_done(imap_account) == (0, 2, 0)
    assert store_counts(db_url)["Contract"] == 2
