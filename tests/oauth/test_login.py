"""OAuth2 logins that stay valid: XOAUTH2 and OAUTHBEARER to a Dovecot whose oauth2 passdb asks
the local authorisation server about each token, SMTP with XOAUTH2, `check-config --connect`,
and the daemon through a token outage."""

from __future__ import annotations

import logging
import signal
import subprocess
import time
from pathlib import Path

import pytest

from mailbox_ingest.app import build_app
from mailbox_ingest.config import settings_from_dict
from mailbox_ingest.daemon import Daemon
from mailbox_ingest.domain.enums import MessageState, OutboxState
from mailbox_ingest.domain.errors import SendError, SourceError
from mailbox_ingest.intake.imap import ImapSource
from mailbox_ingest.respond.senders import SmtpSender
from samples.corpus.mails import question_mail
from store.db import Database
from store.holders import me
from store.journal import SendJournal
from store.models import Message, Outbox, utcnow
from testkit.servers import free_ports
from testkit.servers.dovecot import DovecotServer
from testkit.servers.oauth import OAuthServer
from testkit.servers.smtp_sink import SmtpSink
from tests.e2e_helpers import CLI, cli_env, log_text, wait_until, write_config
from tests.oauth.helpers import (
    SECRET,
    SECRET_ENV,
    health_of,
    imap_settings,
    microsoft,
    refresh,
)

# -- logins against Dovecot ------------------------------------------------------------------


@pytest.mark.imap
@pytest.mark.parametrize("mechanism", ["xoauth2", "oauthbearer"])
def test_imap_login_with_a_fresh_token(
    oauth: OAuthServer, oauth_dovecot: DovecotServer, tmp_path: Path, mechanism: str
) -> None:
    """The IMAP source logs in with the token it just obtained, by either mechanism."""
    user = f"{mechanism}-box@example.test"
    oauth.state.app_subject = user
    settings = imap_settings(oauth_dovecot, user, microsoft(oauth, mechanism=mechanism), tmp_path)
    source = ImapSource(settings.mailbox)
    source.connect()
    try:
        assert source.list_waiting() == []
    finally:
        source.close()
    assert oauth.state.introspected[-1] == oauth.tokens_for(user)[-1]
    assert f"user=<{user}>, method={mechanism.upper()}" in oauth_dovecot.log()


@pytest.mark.imap
def test_expiring_token_is_renewed_before_the_next_login(
    oauth: OAuthServer, oauth_dovecot: DovecotServer, tmp_path: Path
) -> None:
    """A token inside the renewal margin is replaced before the next login uses it."""
    user = "expiring@example.test"
    token_file = tmp_path / "rt"
    token_file.write_text(oauth.add_refresh_token(user))
    oauth.state.lifetime_s = 3
    settings = imap_settings(
        oauth_dovecot, user, refresh(oauth, token_file, renew_margin_s=2), tmp_path
    )
    source = ImapSource(settings.mailbox)
    source.connect()
    source.close()
    first = oauth.tokens_for(user)
    source.connect()
    source.close()
    assert oauth.tokens_for(user) == first  # still fresh: reused
    time.sleep(1.2)  # now less than 2 s before it expires
    source.connect()
    source.close()
    tokens = oauth.tokens_for(user)
    assert len(tokens) == 2 and oauth.state.introspected[-1] == tokens[-1]


@pytest.mark.imap
def test_failing_token_endpoint_is_retried_reported_then_recovers(
    oauth: OAuthServer,
    oauth_dovecot: DovecotServer,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The poll fails while the token endpoint fails, health shows it; then mail flows."""
    user = "outage@example.test"
    oauth.state.app_subject = user
    oauth_dovecot.add_user(user, "pw")
    oauth_dovecot.append(user, "INBOX", question_mail(message_id="<q-oauth@x.test>"))
    app = build_app(imap_settings(oauth_dovecot, user, microsoft(oauth), tmp_path))
    daemon = Daemon(app)
    try:
        oauth.fail_next(1)
        requests_before = oauth.state.token_requests
        with (
            caplog.at_level(logging.WARNING, "mailbox_ingest.auth.tokens"),
            pytest.raises(SourceError, match="HTTP Error: 503"),
        ):
            app.ingestor.poll()
        renewal = [r for r in caplog.records if r.name == "mailbox_ingest.auth.tokens"]
        assert len(renewal) == 1 and "mailbox.oauth2" in renewal[0].getMessage()
        health = daemon.health()
        assert not health["ok"]
        assert health["tokens"][0]["consecutive_failures"] == 1
        assert "503" in health["tokens"][0]["last_error"]
        with pytest.raises(SourceError, match="next try in"):
            app.ingestor.poll()  # backing off: the endpoint is not hammered
        assert oauth.state.token_requests == requests_before + 1
        time.sleep(2.1)
        report = app.ingestor.poll()
        assert report.processed == 1
        status = app.tokens.statuses()[0]
        assert status.ok and status.last_success is not None and status.expires_at
    finally:
        app.close()


@pytest.mark.smtp
@pytest.mark.imap
def test_imap_and_smtp_share_one_token(
    oauth: OAuthServer, oauth_dovecot: DovecotServer, tmp_path: Path
) -> None:
    """Equal oauth2 sections share one token manager; SMTP sends with XOAUTH2."""
    user = "shared@example.test"
    oauth.state.app_subject = user
    issued = set()

    def valid(login: str, token: str) -> bool:
        issued.update(oauth.tokens_for(user))
        return login == user and token in issued

    section = microsoft(oauth)
    with SmtpSink(bearer_check=valid) as sink:
        settings = imap_settings(
            oauth_dovecot,
            user,
            section,
            tmp_path,
            kind="smtp",
            host=sink.host,
            port=sink.port,
            tls="none",
            username=user,
            oauth2=section,
        )
        app = build_app(settings)
        try:
            app.source.connect()
            outbox_id = claimed_outbox_row(app.db, "someone@example.test")
            app.sender.send(outbox_id, user, "someone@example.test", b"Subject: t\r\n\r\nhello\r\n")
            assert len(app.tokens.managers()) == 1
            assert len(oauth.tokens_for(user)) == 1  # one token served both logins
        finally:
            app.close()
        assert sink.wait_for(1)[0].rcpt_tos == ("someone@example.test",)


def claimed_outbox_row(db: Database, to: str) -> int:
    """An outbox row claimed by this process, as the outbox job leaves it before a send."""
    with db.session() as s:
        m = Message(
            account="a",
            folder="INBOX",
            uidvalidity=1,
            uid="1",
            received_at=utcnow(),
            state=MessageState.DONE.value,
            decisions=[],
        )
        s.add(m)
        s.flush()
        o = Outbox(
            message_id=m.id,
            kind="acknowledgement",
            to_addr=to,
            our_message_id="<ack.1@wse.test>",
            raw=b"",
            state=OutboxState.SENDING.value,
            claimed_by=me(),
            claimed_at=utcnow(),
        )
        s.add(o)
        s.flush()
        return o.id


@pytest.mark.imap
def test_check_connect_reports_token_and_login(
    oauth: OAuthServer,
    oauth_dovecot: DovecotServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`check-config --connect` obtains the token and logs in with it; a bad secret fails both."""
    from mailbox_ingest.cli_check import run_checks

    user = "checked@example.test"
    oauth.state.app_subject = user
    settings = imap_settings(oauth_dovecot, user, microsoft(oauth), tmp_path)
    lines = [c.line() for c in run_checks(settings)]
    assert lines[1].startswith("ok   mailbox token: microsoft token obtained (valid for 35")
    assert lines[2].startswith(f"ok   mailbox: {user}@")
    monkeypatch.setenv(SECRET_ENV, "wrong")
    failed = [c.line() for c in run_checks(settings)]
    assert failed[1].startswith("FAIL mailbox token: OAuth2 token for mailbox.oauth2: ")
    assert "invalid_client" in failed[1] and "wrong" not in failed[1]
    assert failed[2].startswith("FAIL mailbox: ")


@pytest.mark.slow
@pytest.mark.imap
def test_daemon_keeps_its_login_valid_through_a_token_outage(
    oauth: OAuthServer, oauth_dovecot: DovecotServer, tmp_path: Path
) -> None:
    """`run`: tokens renewed ahead of expiry; an outage turns /healthz red, then it recovers."""
    user = "daemon@example.test"
    oauth.state.app_subject = user
    oauth.state.lifetime_s = 4
    oauth_dovecot.add_user(user, "pw")
    oauth_dovecot.append(user, "INBOX", question_mail(message_id="<q-daemon@x.test>"))
    port = free_ports(1)[0]
    config = write_config(
        tmp_path / "config.toml",
        {
            "database": {"url": f"sqlite:///{tmp_path}/store.sqlite3"},
            "mailbox": {
                "kind": "imap",
                "host": oauth_dovecot.host,
                "port": oauth_dovecot.port,
                "tls": "none",
                "username": user,
                "idle": False,
            },
            "mailbox.oauth2": {**microsoft(oauth), "renew_margin_s": 2, "retry_max_s": 2},
            "outgoing": {"kind": "directory", "path": str(tmp_path / "outbox")},
            "answers": {"letter_dir": str(tmp_path / "letters")},
            "scheduler": {"poll_interval_s": 1},
            "web": {"host": "127.0.0.1", "port": port},
        },
    )
    log = tmp_path / "daemon.log"
    with log.open("wb") as sink:
        proc = subprocess.Popen(
            [*CLI, "--config", str(config), "run"],
            env=cli_env(**{SECRET_ENV: SECRET}),
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    try:
        assert wait_until(lambda: oauth_dovecot.list_messages(user) == [], 30), log_text(log)
        assert wait_until(lambda: len(oauth.tokens_for(user)) >= 3, 15), log_text(log)
        status, health = health_of(port)
        assert status == 200 and health["tokens"][0]["ok"]
        assert health["tokens"][0]["expires_at"] > time.time()  # renewed before it expired
        oauth.fail_next(10_000)
        assert wait_until(lambda: health_of(port)[0] == 503, 15), log_text(log)
        token = health_of(port)[1]["tokens"][0]
        assert not token["ok"] and "503" in token["last_error"]
        assert "OAuth2 token for mailbox.oauth2 could not be renewed" in log_text(log)
        assert proc.poll() is None  # the daemon carries on
        oauth.reset()
        assert wait_until(lambda: health_of(port)[0] == 200, 20), log_text(log)
        assert "renewed after" in log_text(log)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)


@pytest.mark.smtp
def test_smtp_send_retried_while_the_token_fails(oauth: OAuthServer, tmp_path: Path) -> None:
    """No token: a temporary SendError and no mail; once the endpoint is back, it is sent."""
    user = "sender@example.test"
    token_file = tmp_path / "rt"
    token_file.write_text(oauth.add_refresh_token(user))
    section = refresh(oauth, token_file)

    def valid(login: str, token: str) -> bool:
        return login == user and token in oauth.tokens_for(user)

    with SmtpSink(bearer_check=valid) as sink:
        settings = settings_from_dict(
            {
                "outgoing": {
                    "kind": "smtp",
                    "host": sink.host,
                    "port": sink.port,
                    "tls": "none",
                    "username": user,
                    "oauth2": section,
                },
            }
        )
        db = Database(f"sqlite:///{tmp_path / 'journal.db'}")
        try:
            row = claimed_outbox_row(db, "someone@example.test")
            sender = SmtpSender(settings.outgoing, SendJournal(db, me()))
            oauth.fail_next(1)
            with pytest.raises(SendError, match=r"outgoing\.oauth2") as info:
                sender.send(row, user, "someone@example.test", b"Subject: t\r\n\r\nhi\r\n")
            assert not info.value.permanent and sender.delivered(row) is False
            time.sleep(2.1)  # the first retry delay
            sender.send(row, user, "someone@example.test", b"Subject: t\r\n\r\nhi\r\n")
            assert len(sink.wait_for(1)) == 1 and sender.delivered(row) is True
        finally:
            db.dispose()
