"""IMAP against Dovecot: a refused move, a server without UIDPLUS, an oversized header."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import imapclient
import pytest
from sqlalchemy import func, select

from mailbox_ingest.config import Settings
from mailbox_ingest.intake.imap import HEAD_LIMIT, ImapSource
from mailbox_ingest.intake.ingest import Ingestor
from store.db import Database
from store.models import Message
from testkit.servers.dovecot import DovecotServer
from testkit.servers.fixtures import ImapAccount, _scratch_dir, require_server
from tests.e2e_helpers import PASSWORD_ENV, mailbox_section


def note(n: int, extra: str = "") -> bytes:
    """A small plain mail (classified `other`), distinct per n."""
    return (
        f"From: Someone <someone{n}@example.org>\r\nTo: enclaves@wse.test\r\n"
        f"Subject: Vraag {n}\r\nMessage-ID: <note-{n}-{uuid.uuid4().hex}@example.org>\r\n"
        f"{extra}\r\nHoe gaat het?\r\n"
    ).encode()


class RefusingSource(ImapSource):
    """A test seam: one UID's MOVE is sent to a folder that does not exist, so the server
    itself answers NO [TRYCREATE] for that message only."""

    refuse_uid = 0

    def _new_client(self) -> imapclient.IMAPClient:
        """The real client, its move() redirected for the refused UID."""
        client = super()._new_client()
        real_move = client.move

        def move(messages: list[int], folder: str) -> Any:
            if self.refuse_uid in messages:
                folder = "No/Such/Folder"
            return real_move(messages, folder)

        client.move = move  # type: ignore[method-assign]
        return client


@pytest.fixture
def imap_settings(
    make_settings: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch
) -> Callable[[ImapAccount], Settings]:
    """Settings reading the account's INBOX over IMAP."""

    def build(account: ImapAccount, **limits: Any) -> Settings:
        monkeypatch.setenv(PASSWORD_ENV, account.password)
        return make_settings(mailbox=mailbox_section(account), limits=limits)

    return build


def counted(db: Database) -> int:
    """Message rows."""
    with db.session() as s:
        return s.execute(select(func.count(Message.id))).scalar_one()


def test_a_refused_move_leaves_that_message_and_the_poll_goes_on(
    imap_account: ImapAccount, imap_settings: Callable[..., Settings], database: Database
) -> None:
    """A NO on one MOVE is logged, the others are moved; next poll moves it, nothing twice."""
    server, user = imap_account.server, imap_account.user
    uids = [server.append(user, "INBOX", note(n)) for n in range(3)]
    settings = imap_settings(imap_account)
    source = RefusingSource(settings.mailbox)
    source.refuse_uid = int(uids[1] or 0)
    report = Ingestor(settings, database, source).poll()
    source.close()
    assert (report.seen, report.processed, report.moved, report.errors) == (3, 3, 2, 1)
    assert len(server.list_messages(user, "INBOX")) == 1
    plain = ImapSource(settings.mailbox)
    again = Ingestor(settings, database, plain).poll()
    plain.close()
    assert (again.seen, again.processed, again.moved) == (1, 0, 1)
    assert server.list_messages(user, "INBOX") == [] and counted(database) == 3
    assert len(server.list_messages(user, settings.mailbox.done_folder)) == 3


@pytest.fixture
def bare_dovecot() -> Iterator[DovecotServer]:
    """A Dovecot that announces neither MOVE nor UIDPLUS."""
    directory = _scratch_dir("mi-dovecot-bare-")
    server = DovecotServer(directory, imap_capability="IMAP4rev1 SASL-IR ID ENABLE IDLE LITERAL+")
    try:
        server.start()
    except Exception as exc:  # noqa: BLE001 - fails in CI, skips on a laptop
        shutil.rmtree(directory, ignore_errors=True)
        require_server("Dovecot", str(exc))
    yield server
    server.stop()
    shutil.rmtree(directory, ignore_errors=True)


def test_without_uidplus_no_bare_expunge_takes_other_clients_deleted_mail(
    bare_dovecot: DovecotServer, imap_settings: Callable[..., Settings], database: Database
) -> None:
    """No EXPUNGE: other clients' \\Deleted mail survives; ours is flagged, skipped next poll."""
    account = ImapAccount(bare_dovecot, f"bare-{uuid.uuid4().hex[:8]}@example.test", "pw-bare")
    bare_dovecot.add_user(account.user, account.password)
    bare_dovecot.append(account.user, "INBOX", note(1), flags=[b"\\Deleted"])
    bare_dovecot.append(account.user, "INBOX", note(2))
    settings = imap_settings(account)
    for expected_seen in (1, 0):
        source = ImapSource(settings.mailbox)
        report = Ingestor(settings, database, source).poll()
        with source._client or bare_dovecot.imap_client(account.user) as client:
            assert not client.has_capability("UIDPLUS") and not client.has_capability("MOVE")
        source.close()
        assert report.seen == expected_seen
        assert len(bare_dovecot.list_messages(account.user, "INBOX")) == 2
        assert len(bare_dovecot.list_messages(account.user, settings.mailbox.done_folder)) == 1
    assert counted(database) == 1


def test_the_header_of_an_oversized_mail_is_fetched_bounded(
    imap_account: ImapAccount, imap_settings: Callable[..., Settings], database: Database
) -> None:
    """A 600 KiB header of an oversized mail is read up to HEAD_LIMIT; ids still recorded."""
    filler = "".join(f"X-Filler-{i}: {'y' * 90}\r\n" for i in range(6000))
    raw = note(9, filler) + b"z" * 4096
    imap_account.server.append(imap_account.user, "INBOX", raw)
    settings = imap_settings(imap_account, max_message_bytes=64 * 1024)
    source = ImapSource(settings.mailbox)
    refs = source.list_waiting()
    [msg] = source.fetch(refs, settings.limits.max_message_bytes)
    assert msg.raw is None and msg.head is not None
    assert 0 < len(msg.head) <= HEAD_LIMIT < len(filler)
    report = Ingestor(settings, database, source).poll()
    source.close()
    assert report.quarantined == 1
    with database.session() as s:
        row = s.execute(select(Message)).scalar_one()
        assert row.subject == "Vraag 9" and (row.message_id or "").startswith("<note-9-")
        assert row.reason == "too_large"
