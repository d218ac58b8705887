"""Threading headers: ids read from any legal form, written never encoded, folded between ids."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from email.parser import BytesParser
from email.policy import default as default_policy

import pytest
from sqlalchemy import select

from mailbox_ingest.config import Settings
from mailbox_ingest.respond.compose import with_threading
from parsers.msgid import MAX_LINE, id_header, msg_ids
from store.db import Database
from store.models import Message, utcnow
from testkit.servers.fixtures import ImapAccount
from testkit.servers.smtp_sink import SmtpSink
from tests.e2e_helpers import distinct_contract, exported_messages, ingest_once
from tests.test_e2e_smtp import deliver, smtp_settings  # noqa: F401 - the fixture

EXCHANGE = (
    "<DB7PR0206MB32444A52C1C23E5B0E8A1F3FC9D60AB12@DB7PR0206MB3244.eurprd02.prod.outlook.com>"
)
EXCHANGE_PARENT = (
    "<AM6PR07MB5621B3F09A8D1C4E7F2B6D93A1C58E4F0@AM6PR07MB5621.eurprd07.prod.outlook.com>"
)
GMAIL = "<CAKx8Vb3j7q+Xn2=FZ_cW0yDk4RkPq1b-7eXs9TQm8k1dZg_A@mail.gmail.com>"
OUTLOOK_COM = (
    "<VI1PR10MB3439C2D1A0B9E8F7D6C5B4A3928170F6E5D4C@VI1PR10MB3439.EURPRD10.PROD.OUTLOOK.COM>"
)
HOTMAIL = "<DUB123-W45A1B2C3D4E5F6A7B8C9D0E1F2A3B4C5@phx.gbl>"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("<a@b.example>", ["<a@b.example>"]),
        ("<a@b.example>\r\n (sent by Exchange)", ["<a@b.example>"]),
        ("(comment) <a@b.example> (another)", ["<a@b.example>"]),
        (f"{GMAIL}\r\n {EXCHANGE}\r\n\t{GMAIL}", [GMAIL, EXCHANGE]),
        ("a@b.example", ["<a@b.example>"]),
        ("a@b.example (bare, with a comment)", ["<a@b.example>"]),
        ("<" + "x" * 990 + "@b>", []),
        ("<truncated@exam", []),
        ("", []),
        ("just words", []),
        ("=?utf-8?q?=3Ca@b=3E?=", []),
    ],
)
def test_msg_ids_are_read_from_every_legal_form(value: str, expected: list[str]) -> None:
    """Folded values, comments, several ids and bare ids give the ids; garbage gives none."""
    assert msg_ids(value) == expected


def test_id_headers_are_folded_only_between_ids_and_never_encoded() -> None:
    """Long ids stay whole; a fold is whitespace between two ids; no line is too long."""
    ids = [EXCHANGE_PARENT, GMAIL, OUTLOOK_COM, HOTMAIL, EXCHANGE]
    text = id_header("References", ids, "\r\n")
    assert "=?" not in text and all(len(line) <= MAX_LINE for line in text.split("\r\n"))
    assert text.split() == ["References:", *ids]
    assert all(line.startswith((" ", "References:")) for line in text.rstrip().split("\r\n"))


def _raw_header(raw: bytes, name: str) -> bytes:
    """A header's raw bytes, folding included."""
    m = re.search(rb"(?im)^" + name.encode() + rb":(.*(?:\r?\n[ \t].*)*)", raw)
    assert m is not None, f"no {name} header"
    return m.group(1)


def test_acknowledgements_thread_to_microsoft_365_gmail_and_outlook_com_senders(
    imap_account: ImapAccount,
    smtp_sink: SmtpSink,
    smtp_settings: Callable[..., Settings],  # noqa: F811
) -> None:
    """The sink receives In-Reply-To/References with the senders' ids byte for byte."""
    exchange = distinct_contract(
        301,
        message_id=EXCHANGE,
        extra_headers=[
            ("In-Reply-To", EXCHANGE_PARENT),
            ("References", f"{GMAIL}\r\n {OUTLOOK_COM}\r\n {EXCHANGE_PARENT}"),
        ],
    )
    gmail = distinct_contract(302, message_id=GMAIL)
    folded = distinct_contract(303, message_id=f"{OUTLOOK_COM}\r\n (Outlook.com)")
    deliver(imap_account, exchange, gmail, folded)
    report, sent = ingest_once(smtp_settings())
    assert (report.processed, report.quarantined, sent.sent) == (3, 0, 3)
    received = {str(m.message["In-Reply-To"]): m.raw for m in smtp_sink.wait_for(3)}
    assert set(received) == {EXCHANGE, GMAIL, OUTLOOK_COM}
    for parent, raw in received.items():
        head = raw.split(b"\r\n\r\n", 1)[0]
        assert b"=?" not in _raw_header(head, "In-Reply-To")
        assert b"=?" not in _raw_header(head, "References")
        assert _raw_header(head, "In-Reply-To").split() == [parent.encode()]
        assert all(len(line) <= MAX_LINE for line in head.split(b"\r\n"))
    refs = _raw_header(received[EXCHANGE].split(b"\r\n\r\n", 1)[0], "References")
    assert refs.split() == [
        GMAIL.encode(),
        OUTLOOK_COM.encode(),
        EXCHANGE_PARENT.encode(),
        EXCHANGE.encode(),
    ]
    assert all(re.fullmatch(rb"( <[^<> ]+>)+", line) for line in refs.split(b"\r\n")), refs
    parsed = BytesParser(policy=default_policy).parsebytes(received[EXCHANGE])
    assert str(parsed["References"]).split()[-1] == EXCHANGE
    time.sleep(0.2)
    assert len(smtp_sink.messages) == 3


def test_over_long_address_and_message_id_are_stored_safely(
    imap_account: ImapAccount,
    smtp_sink: SmtpSink,
    smtp_settings: Callable[..., Settings],  # noqa: F811
) -> None:
    """Over-long From and Message-ID: mail and contract stored, no answer to a cut address."""
    long_from = "a" * 300 + "@deploeg.be"
    long_id = "<" + "b" * 1200 + "@deploeg.be>"
    mail = distinct_contract(304, message_id=long_id, sender=long_from)
    deliver(imap_account, mail)
    report, sent = ingest_once(smtp_settings())
    assert (report.processed, report.quarantined, report.errors, sent.sent) == (1, 0, 0, 0)
    [record] = exported_messages(smtp_settings().database.url)
    assert record["classification"] == "contract" and record["from"] in (None, "")
    assert record["message_id"] is None or len(record["message_id"]) <= 998
    assert smtp_sink.messages == []


def test_text_longer_than_its_column_is_cut_not_fatal(database: Database) -> None:
    """PostgreSQL refuses over-long text: the store cuts it to the column instead of failing."""
    with database.session() as s:
        s.add(
            Message(
                account="a",
                folder="INBOX",
                uidvalidity=1,
                uid="u" * 400,
                reply_to="r" * 400,
                received_at=utcnow(),
                state="received",
                decisions=[],
            )
        )
    with database.session() as s:
        row = s.execute(select(Message)).scalar_one()
        assert (len(row.uid), len(row.reply_to or "")) == (255, 320)


def test_a_long_thread_keeps_its_root_and_latest_references() -> None:
    """Of a long References list the root and the latest nine ids are kept, then the parent."""
    ids = [f"<m{n}@example.org>" for n in range(30)]
    raw = with_threading(b"Subject: x\n\nbody\n", "<ack.1@wse.test>", ids[-1], " ".join(ids[:-1]))
    head = raw.split(b"\n\n", 1)[0].decode()
    refs = head.split("References:", 1)[1].split()
    assert refs == [ids[0], *ids[-10:]] and "In-Reply-To: <m29@example.org>" in head
    assert head.startswith("Subject: x\nMessage-ID: <ack.1@wse.test>\n")
