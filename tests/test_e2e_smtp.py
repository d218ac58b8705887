"""End to end from Dovecot to the SMTP sink: acknowledgements, loop protection, retries.

Mails are APPENDed to Dovecot and ingested in this process (what `poll --once` does); the
outbox job then hands the acknowledgements to the SMTP sink, whose failures the tests script.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from email.utils import getaddresses, parseaddr
from pathlib import Path

import pytest

from mailbox_ingest.config import Settings
from mailbox_ingest.domain.enums import OutboxState, SuppressReason
from samples.corpus.mails import (
    DEFAULT_PDF_NAME,
    Spoof,
    bounce,
    contract_mail,
    newsletter,
    out_of_office,
    spoofed,
    unique_pdf,
)
from testkit.servers.fixtures import ImapAccount
from testkit.servers.smtp_sink import SmtpSink
from tests.e2e_helpers import (
    LEGACY_TIME,
    MAATWERK_TIME,
    PASSWORD_ENV,
    acks_by_reply,
    distinct_contract,
    exported_messages,
    import_registry,
    ingest_once,
    mailbox_section,
    message_id_of,
    outbox_states,
    send_due,
)

PDF = "application/pdf"


@pytest.fixture
def smtp_settings(
    imap_account: ImapAccount,
    smtp_sink: SmtpSink,
    make_settings: Callable[..., Settings],
    monkeypatch: pytest.MonkeyPatch,
    db_url: str,
    tmp_path: Path,
) -> Callable[..., Settings]:
    """Settings builder for Dovecot in and the SMTP sink out, with De Ploeg registered."""
    monkeypatch.setenv(PASSWORD_ENV, imap_account.password)
    import_registry(db_url, tmp_path)

    def build(**answers: object) -> Settings:
        return make_settings(
            mailbox=mailbox_section(imap_account),
            outgoing={"kind": "smtp", "host": "127.0.0.1", "port": smtp_sink.port, "tls": "none"},
            answers=answers,
        )

    return build


def deliver(account: ImapAccount, *mails: bytes, when: dt.datetime = MAATWERK_TIME) -> None:
    """APPEND the mails to INBOX with the given received date."""
    for raw in mails:
        account.server.append(account.user, "INBOX", raw, msg_time=when)


def test_acknowledgement_per_contract_mail_reaches_the_sink(
    imap_account: ImapAccount, smtp_sink: SmtpSink, smtp_settings: Callable[..., Settings]
) -> None:
    """Each verified maatwerk contract mail gets exactly one threaded Dutch acknowledgement."""
    mails = [distinct_contract(n) for n in range(40, 42)]
    deliver(imap_account, *mails)
    report, sent = ingest_once(smtp_settings())
    assert (report.processed, sent.sent, sent.failed) == (2, 2, 0)

    received = smtp_sink.wait_for(2)
    assert len(received) == 2
    assert acks_by_reply(received) == {message_id_of(m): 1 for m in mails}
    for got in received:
        msg = got.message
        original = message_id_of(next(m for m in mails if message_id_of(m) == msg["In-Reply-To"]))
        assert msg["Auto-Submitted"] == "auto-replied"
        assert original in str(msg["References"]).split()
        assert [a for _, a in getaddresses([str(msg["To"])])] == ["secretariaat@deploeg.be"]
        assert got.rcpt_tos == ("secretariaat@deploeg.be",)
        assert parseaddr(str(msg["From"]))[1] == "enclaves@wse.test"
        assert str(msg["Subject"]).startswith("Ontvangstbevestiging")
        body = msg.get_body(("plain",))
        assert body is not None
        text = body.get_content()
        assert "Geachte" in text and "ontvangst" in text.lower()
    assert outbox_states(smtp_settings().database.url) == [OutboxState.SENT] * 2


def test_machine_mail_spoofs_strangers_and_legacy_get_no_email(
    imap_account: ImapAccount, smtp_sink: SmtpSink, smtp_settings: Callable[..., Settings]
) -> None:
    """Out-of-office, bounce, newsletter, spoofed, unregistered and legacy mail get no e-mail."""
    control = distinct_contract(50)
    quiet = [
        out_of_office(),
        bounce(),
        newsletter(),
        spoofed(variant=Spoof.AUTH_FAIL, attachments=[("c.pdf", unique_pdf("Vals NV"), PDF)]),
        contract_mail(
            sender="info@onbekend.test",
            message_id="<stranger-1@onbekend.test>",
            attachments=[(DEFAULT_PDF_NAME, unique_pdf("Vreemd BV"), PDF)],
        ),
    ]
    deliver(imap_account, control, *quiet)
    deliver(imap_account, distinct_contract(51), when=LEGACY_TIME)
    report, sent = ingest_once(smtp_settings())
    assert report.seen == 7 and report.errors == 0
    time.sleep(0.5)  # give a wrongly sent mail time to arrive
    assert acks_by_reply(smtp_sink.messages) == {message_id_of(control): 1}
    assert sent.sent == 1

    records = {r["message_id"]: r for r in exported_messages(smtp_settings().database.url)}
    legacy = records[message_id_of(distinct_contract(51))]
    assert legacy["response"]["kind"] == "letter"
    stranger = records["<stranger-1@onbekend.test>"]
    assert stranger["response"]["state"] == OutboxState.HELD
    assert stranger["response"]["reason"] == SuppressReason.UNVERIFIED_SENDER


def test_daily_limit_per_sender_holds_the_third(
    imap_account: ImapAccount, smtp_sink: SmtpSink, smtp_settings: Callable[..., Settings]
) -> None:
    """With a limit of 2 per sender per day, 3 contract mails give 2 acks and 1 held."""
    mails = [distinct_contract(n) for n in range(60, 63)]
    deliver(imap_account, *mails)
    settings = smtp_settings(max_per_sender_per_day=2)
    report, sent = ingest_once(settings)
    assert report.processed == 3 and sent.sent == 2
    time.sleep(0.3)
    assert acks_by_reply(smtp_sink.messages) == {message_id_of(m): 1 for m in mails[:2]}
    records = {r["message_id"]: r for r in exported_messages(settings.database.url)}
    held = records[message_id_of(mails[2])]["response"]
    assert (held["state"], held["reason"]) == (OutboxState.HELD, SuppressReason.DAILY_LIMIT)
    assert send_due(settings).sent == 0


def _run_outbox_until_settled(settings: Settings, rounds: int = 20) -> None:
    """Run the outbox job repeatedly (the retry delays are tiny) until nothing is queued."""
    for _ in range(rounds):
        send_due(settings)
        if OutboxState.QUEUED not in outbox_states(settings.database.url):
            return
        time.sleep(0.1)


def test_temporary_failure_is_retried_and_sent_once(
    imap_account: ImapAccount, smtp_sink: SmtpSink, smtp_settings: Callable[..., Settings]
) -> None:
    """Two 451 replies are retried with backoff; the acknowledgement then arrives exactly once."""
    mail = distinct_contract(70)
    deliver(imap_account, mail)
    settings = smtp_settings()
    smtp_sink.fail_next(2, 451)
    report, sent = ingest_once(settings)
    assert report.processed == 1 and (sent.sent, sent.retried) == (0, 1)
    assert outbox_states(settings.database.url) == [OutboxState.QUEUED]
    _run_outbox_until_settled(settings)
    assert outbox_states(settings.database.url) == [OutboxState.SENT]
    send_due(settings)
    time.sleep(0.3)
    assert acks_by_reply(smtp_sink.messages) == {message_id_of(mail): 1}


def test_permanent_failure_is_not_retried(
    imap_account: ImapAccount, smtp_sink: SmtpSink, smtp_settings: Callable[..., Settings]
) -> None:
    """A 550 reply marks the acknowledgement failed at once; later runs do not resend it."""
    deliver(imap_account, distinct_contract(80))
    settings = smtp_settings()
    smtp_sink.fail_next(1, 550)
    _, sent = ingest_once(settings)
    assert (sent.sent, sent.failed, sent.retried) == (0, 1, 0)
    for _ in range(3):
        assert send_due(settings).sent == 0
    assert outbox_states(settings.database.url) == [OutboxState.FAILED]
    time.sleep(0.3)
    assert smtp_sink.messages == []


def test_smtp_server_down_is_retried_until_back(
    imap_account: ImapAccount, smtp_sink: SmtpSink, smtp_settings: Callable[..., Settings]
) -> None:
    """With the SMTP server down the ack stays queued (the outage is no failed attempt of
    it); once the server is back it is sent once."""
    mail = distinct_contract(90)
    deliver(imap_account, mail)
    settings = smtp_settings()
    smtp_sink.stop()
    _, sent = ingest_once(settings)
    assert (sent.sent, sent.retried, sent.failed, sent.paused) == (0, 0, 0, True)
    time.sleep(0.05)
    assert send_due(settings).paused
    assert outbox_states(settings.database.url) == [OutboxState.QUEUED]
    smtp_sink.start()
    _run_outbox_until_settled(settings)
    assert outbox_states(settings.database.url) == [OutboxState.SENT]
    smtp_sink.wait_for(1)
    assert acks_by_reply(smtp_sink.messages) == {message_id_of(mail): 1}
