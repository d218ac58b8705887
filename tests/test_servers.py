"""Proof that the real test servers start and behave as the other tests expect."""

from __future__ import annotations

import datetime as dt
import shutil
import smtplib
import tempfile
from email.message import EmailMessage
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa

from testkit.servers.fixtures import ImapAccount, require_server
from testkit.servers.postgres import ThrowawayCluster, server_binaries, temporary_database
from testkit.servers.smtp_sink import SmtpSink


def _mail(subject: str, body: str = "Inhoud van het bericht.\n") -> EmailMessage:
    """Build a small plain-text message with the given subject."""
    message = EmailMessage()
    message["From"] = "werkplaats@example.test"
    message["To"] = "contracten@example.test"
    message["Subject"] = subject
    message.set_content(body)
    return message


def _raw(subject: str) -> bytes:
    """Render a message with CRLF line endings, as IMAP stores it."""
    return _mail(subject).as_bytes(policy=_mail(subject).policy.clone(linesep="\r\n"))


@pytest.mark.imap
def test_append_and_list_round_trip(imap_account: ImapAccount) -> None:
    """Appended messages come back byte for byte, in order, in a folder created on demand."""
    server, user, _password = imap_account
    first, second = _raw("Enclavecontract 1"), _raw("Enclavecontract 2")
    server.append(user, "INBOX", first)
    server.append(
        user,
        "Verwerkt/2024",
        second,
        flags=[b"\\Seen"],
        msg_time=dt.datetime(2024, 3, 1, 9, 30, tzinfo=dt.UTC),
    )
    assert server.list_messages(user, "INBOX") == [first]
    assert server.list_messages(user, "Verwerkt/2024") == [second]
    assert {"INBOX", "Verwerkt", "Verwerkt/2024"} <= set(server.folders(user))


@pytest.mark.imap
def test_list_messages_leaves_messages_unseen(imap_account: ImapAccount) -> None:
    """Listing uses BODY.PEEK[], so an unread message stays unread."""
    server, user, _password = imap_account
    server.append(user, "INBOX", _raw("Nog niet gelezen"))
    server.list_messages(user, "INBOX")
    with server.imap_client(user) as client:
        client.select_folder("INBOX", readonly=True)
        assert client.search(["UNSEEN"]) != []


@pytest.mark.imap
@pytest.mark.parametrize("mode", ["tls", "starttls"])
def test_tls_login_trusts_the_test_certificate(imap_account: ImapAccount, mode: str) -> None:
    """Implicit TLS and STARTTLS logins succeed with the server's cafile and offer MOVE."""
    server, user, _password = imap_account
    with server.imap_client(user, tls=mode == "tls", starttls=mode == "starttls") as client:
        assert client.has_capability("MOVE")
        assert client.folder_exists("INBOX")


@pytest.mark.imap
def test_tls_without_the_cafile_is_rejected(imap_account: ImapAccount) -> None:
    """A client that does not trust the test certificate cannot connect over TLS."""
    import ssl

    from imapclient import IMAPClient

    server = imap_account.server
    with pytest.raises(ssl.SSLCertVerificationError):
        IMAPClient(
            server.host,
            server.ssl_port,
            ssl=True,
            ssl_context=ssl.create_default_context(cafile=None, cadata=None),
            timeout=5,
        )


@pytest.mark.imap
@pytest.mark.parametrize("folder", ["Archief", "INBOX"])
def test_change_uidvalidity_renumbers_folder(imap_account: ImapAccount, folder: str) -> None:
    """Forcing a UIDVALIDITY change gives a new value and keeps the folder's messages."""
    server, user, _password = imap_account
    raw = _raw(f"Bericht in {folder}")
    server.append(user, folder, raw)
    before = server.uidvalidity(user, folder)
    after = server.change_uidvalidity(user, folder)
    assert after != before
    assert server.uidvalidity(user, folder) == after
    assert server.list_messages(user, folder) == [raw]


@pytest.mark.imap
def test_restart_keeps_ports_and_mail(imap_account: ImapAccount) -> None:
    """A restart straight after a stop works and serves the same mailbox on the same port."""
    server, user, _password = imap_account
    raw = _raw("Voor de herstart")
    server.append(user, "INBOX", raw)
    port = server.port
    server.restart()
    assert server.port == port
    assert server.list_messages(user, "INBOX") == [raw]


@pytest.mark.smtp
def test_smtp_sink_receives_message(smtp_sink: SmtpSink) -> None:
    """A message sent with smtplib arrives with its envelope and parsed headers."""
    with smtplib.SMTP(smtp_sink.host, smtp_sink.port, timeout=5) as client:
        client.send_message(_mail("Ontvangstbevestiging"), to_addrs=["a@example.test"])
    [received] = smtp_sink.wait_for(1, timeout=5)
    assert received.mail_from == "werkplaats@example.test"
    assert received.rcpt_tos == ("a@example.test",)
    assert received.message["Subject"] == "Ontvangstbevestiging"
    assert b"Inhoud van het bericht." in received.raw


@pytest.mark.smtp
def test_smtp_sink_fail_next_gives_temporary_failure(smtp_sink: SmtpSink) -> None:
    """``fail_next`` answers DATA with a 4xx once, then accepts again."""
    smtp_sink.fail_next(1, code=451)
    with smtplib.SMTP(smtp_sink.host, smtp_sink.port, timeout=5) as client:
        with pytest.raises(smtplib.SMTPDataError) as failure:
            client.send_message(_mail("Eerste poging"))
        assert failure.value.smtp_code == 451
        client.send_message(_mail("Tweede poging"))
    assert [m.message["Subject"] for m in smtp_sink.wait_for(1)] == ["Tweede poging"]


@pytest.mark.smtp
def test_smtp_sink_down_refuses_then_recovers(smtp_sink: SmtpSink) -> None:
    """A stopped sink refuses connections; started again it accepts on the same port."""
    smtp_sink.stop()
    with pytest.raises(OSError):
        smtplib.SMTP(smtp_sink.host, smtp_sink.port, timeout=2)
    smtp_sink.start()
    with smtplib.SMTP(smtp_sink.host, smtp_sink.port, timeout=5) as client:
        client.send_message(_mail("Na het herstel"))
    assert len(smtp_sink.wait_for(1)) == 1
    with pytest.raises(TimeoutError):
        smtp_sink.wait_for(2, timeout=0.2)


def test_postgres_url_creates_a_table(postgres_url: str) -> None:
    """The session database accepts DDL and DML through SQLAlchemy with psycopg."""
    engine = sa.create_engine(postgres_url)
    try:
        with engine.begin() as connection:
            connection.execute(sa.text("CREATE TABLE probe (id serial PRIMARY KEY, name text)"))
            connection.execute(sa.text("INSERT INTO probe (name) VALUES ('enclave')"))
            assert connection.execute(sa.text("SELECT name FROM probe")).scalar_one() == "enclave"
            connection.execute(sa.text("DROP TABLE probe"))
    finally:
        engine.dispose()


def test_temporary_database_is_dropped_afterwards(postgres_url: str) -> None:
    """A temporary database exists inside the block and is gone after it."""
    admin = sa.make_url(postgres_url).set(drivername="postgresql", database="postgres")
    admin_dsn = admin.render_as_string(hide_password=False)
    with temporary_database(admin_dsn) as url:
        name = sa.make_url(url).database
        engine = sa.create_engine(url)
        leftover = engine.connect()  # left open on purpose: the drop must still succeed
    with psycopg.connect(admin_dsn) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        assert found.fetchone() is None
    leftover.invalidate()
    engine.dispose()


@pytest.mark.slow
def test_throwaway_cluster_starts_and_stops() -> None:
    """Without a running server, a private cluster can be started from the binaries."""
    if server_binaries() is None:
        require_server("PostgreSQL", "no server binaries for a throwaway cluster")
    directory = Path(tempfile.mkdtemp(prefix="mi-pg-test-"))
    cluster = ThrowawayCluster(directory)
    try:
        with temporary_database(cluster.start()) as url:
            engine = sa.create_engine(url)
            with engine.connect() as connection:
                assert connection.execute(sa.text("SELECT 1")).scalar_one() == 1
            engine.dispose()
    finally:
        cluster.stop()
        shutil.rmtree(directory, ignore_errors=True)


@pytest.mark.parametrize(
    ("ci", "outcome"), [("true", pytest.fail.Exception), ("", pytest.skip.Exception)]
)  # CI empty: not CI
def test_require_server_fails_in_ci_and_skips_elsewhere(
    monkeypatch: pytest.MonkeyPatch, ci: str, outcome: type[BaseException]
) -> None:
    """A missing server fails the test when CI is set and skips it otherwise."""
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="Dovecot test server unavailable: no binary"):
        require_server("Dovecot", "no binary")
