"""`import-archive`: past mail from an mbox, a Maildir or .eml files, stored with its original
received date through the ordinary pipeline, resumable, and never answered."""

from __future__ import annotations

import datetime as dt
import mailbox
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from mailbox_ingest.config import Settings
from mailbox_ingest.domain.enums import ResponseKind, ResponseState, SuppressReason
from mailbox_ingest.domain.errors import SourceError
from mailbox_ingest.faults import CRASH_ENV
from mailbox_ingest.intake.archive import ArchiveSource
from mailbox_ingest.intake.base import MailSource
from mailbox_ingest.intake.ingest import Ingestor
from store.db import Database
from store.models import Contract, Letter, Message, Outbox
from testkit.servers import ServerUnavailable
from testkit.servers.fixtures import require_server
from testkit.servers.postgres import temporary_database
from tests.e2e_helpers import (
    checked,
    cli_env,
    distinct_contract,
    exported_contracts,
    exported_messages,
    import_registry,
    run_cli,
    write_config,
)
from tests.queue_helpers import stable, worker

BRUSSELS = dt.timezone(dt.timedelta(hours=1))
LEGACY = dt.datetime(2017, 3, 1, 9, 0, tzinfo=BRUSSELS)  # old regime: would get a letter
MAATWERK = dt.datetime(2020, 5, 4, 9, 0, tzinfo=BRUSSELS)  # would get an acknowledgement
NO_RECEIVED = (
    b"From: Iemand <iemand@deploeg.be>\r\nTo: enclaves@wse.test\r\n"
    b"Subject: Oude vraag\r\nDate: Tue, 12 Jan 2016 08:30:00 +0100\r\n"
    b"Message-ID: <old-question@deploeg.be>\r\n\r\nEen vraag van vroeger.\r\n"
)
BARE = b"From: x@y.test\r\nSubject: no date at all\r\n\r\nbody\r\n"


def history() -> list[bytes]:
    """Two contracts (old regime, maatwerk), a question with only a Date:, a bare mail."""
    return [
        distinct_contract(1, date=LEGACY, received=LEGACY, message_id="<arch-1@deploeg.be>"),
        distinct_contract(2, date=MAATWERK, received=MAATWERK, message_id="<arch-2@deploeg.be>"),
        NO_RECEIVED,
        BARE,
    ]


def write_archive(kind: str, root: Path, mails: list[bytes]) -> Path:
    """The mails as an mbox file, a Maildir, or a folder tree of .eml files."""
    if kind == "mbox":
        box = mailbox.mbox(root / "archive.mbox")
        for raw in mails:
            box.add(raw)
        box.flush()
        box.close()
        return root / "archive.mbox"
    if kind == "maildir":
        md = mailbox.Maildir(root / "Maildir")
        for raw in mails:
            md.add(raw)
        return root / "Maildir"
    folder = root / "eml"
    for i, raw in enumerate(mails):
        sub = folder / str(2016 + i % 2)
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"mail-{i}.eml").write_bytes(raw)
        (sub / f"notes-{i}.txt").write_text("not a mail")
    os.utime(sub / f"mail-{len(mails) - 1}.eml", (1_300_000_000, 1_300_000_000))
    return folder


def counts(db: Database) -> dict[str, int]:
    """Messages, contracts, outbox rows and letters in the store."""
    with db.session() as s:
        return {
            m.__name__: s.execute(select(func.count()).select_from(m)).scalar_one()
            for m in (Message, Contract, Outbox, Letter)
        }


@pytest.mark.parametrize("kind", ["mbox", "maildir", "eml"])
def test_archive_source_lists_every_mail_with_its_original_date(kind: str, tmp_path: Path) -> None:
    """Each archive kind yields all mails; received = newest Received, else Date, else mtime."""
    path = write_archive(kind, tmp_path, history())
    source = ArchiveSource(path)
    assert source.kind == kind and isinstance(source, MailSource)
    source.connect()
    refs = source.list_waiting()
    dates = sorted(r.received_at for r in refs)
    assert len(refs) == 4 and len({r.key for r in refs}) == 4
    assert dt.datetime(2016, 1, 12, 7, 30, tzinfo=dt.UTC) in dates  # the Date: header
    assert LEGACY.astimezone(dt.UTC) + dt.timedelta(seconds=1) in dates  # top Received hop
    assert MAATWERK.astimezone(dt.UTC) + dt.timedelta(seconds=1) in dates
    fetched = source.fetch(refs, max_bytes=10_000_000)
    assert sorted(m.raw or b"" for m in fetched) == sorted(history())
    if kind == "eml":
        assert min(dates) == dt.datetime.fromtimestamp(1_300_000_000, dt.UTC)
    source.move(refs[0].key, "Verwerkt")  # does nothing: the archive is left as it was
    source.close()
    again = ArchiveSource(path)
    try:
        assert len(again.list_waiting()) == 4
    finally:
        again.close()


def test_missing_archive_is_a_source_error(tmp_path: Path) -> None:
    """A path that is neither file nor folder is refused with its name."""
    with pytest.raises(SourceError, match=r"no archive at .*nothing-here"):
        ArchiveSource(tmp_path / "nothing-here")


def test_import_stores_history_and_never_answers(
    make_settings: Settings, db_url: str, tmp_path: Path
) -> None:
    """Contracts are stored with their received dates and regimes; no outbox row, no letter."""
    import_registry(db_url, tmp_path)
    settings = make_settings()  # type: ignore[operator]
    db = Database(db_url)
    try:
        source = ArchiveSource(write_archive("mbox", tmp_path, history()))
        report = Ingestor(settings, db, source, answering=False).poll()
        assert (report.seen, report.errors) == (4, 0)
        assert counts(db) == {"Message": 4, "Contract": 2, "Outbox": 0, "Letter": 0}
        with db.session() as s:
            contracts = s.execute(select(Contract).order_by(Contract.received_at)).scalars().all()
            assert [c.regime for c in contracts] == ["legacy", "maatwerk"]
            assert {(c.response_kind, c.response_state) for c in contracts} == {
                (ResponseKind.NONE.value, ResponseState.SUPPRESSED.value)
            }
            assert contracts[0].received_at.replace(tzinfo=dt.UTC) == LEGACY.astimezone(
                dt.UTC
            ) + dt.timedelta(seconds=1)
            decisions = s.execute(
                select(Message.decisions).where(Message.message_id == "<arch-2@deploeg.be>")
            ).scalar_one()
            assert {
                "stage": "answer",
                "rule": SuppressReason.HISTORY_IMPORT.value,
                "hit": True,
                "detail": "imported from an archive: 1 contract(s) not answered "
                "(no acknowledgement, no letter)",
            } in decisions
        source.close()
        second = ArchiveSource(source.path)
        again = Ingestor(settings, db, second, answering=False).poll()
        second.close()
        assert (again.seen, again.processed, again.quarantined) == (4, 0, 0)
        assert counts(db)["Message"] == 4
    finally:
        db.dispose()


@pytest.mark.slow
def test_cli_import_resumes_after_a_crash(tmp_path: Path) -> None:
    """Killed after the first stored mail, the command picks up where it stopped."""
    db_url = f"sqlite:///{tmp_path}/store.sqlite3"
    import_registry(db_url, tmp_path)
    config = write_config(
        tmp_path / "config.toml",
        {
            "database": {"url": db_url},
            "outgoing": {"kind": "directory", "path": str(tmp_path / "outbox")},
            "answers": {"letter_dir": str(tmp_path / "letters")},
            "web": {"enabled": False},
        },
    )
    archive = write_archive("eml", tmp_path, history())
    crashed = run_cli(
        config, "import-archive", str(archive), env=cli_env(**{CRASH_ENV: "after_commit"})
    )
    assert crashed.returncode == -signal.SIGKILL
    db = Database(db_url, migrate=False)
    try:
        assert counts(db)["Message"] == 1
        done = checked(run_cli(config, "import-archive", "--progress", str(archive)))
        assert "importing" in done.stderr and "4/4" in done.stderr  # the progress bar
        assert done.stdout.strip() == (
            "4 message(s) in the archive: 3 imported, 0 quarantined, 1 already stored, "
            "0 failed (contract=2, other=2); nothing was answered"
        )
        assert counts(db) == {"Message": 4, "Contract": 2, "Outbox": 0, "Letter": 0}
    finally:
        db.dispose()
    assert not (tmp_path / "outbox").exists() or not any((tmp_path / "outbox").iterdir())
    missing = run_cli(config, "import-archive", str(tmp_path / "nope.mbox"))
    assert missing.returncode != 0 and "nope.mbox" in missing.stderr


def _import_config(tmp: Path, db_url: str, queue: str) -> Path:
    """A config for importing into `db_url`, reading in-process or on procrastinate workers."""
    tmp.mkdir()
    import_registry(db_url, tmp)
    return write_config(
        tmp / "config.toml",
        {
            "database": {"url": db_url},
            "outgoing": {"kind": "directory", "path": str(tmp / "outbox")},
            "answers": {"letter_dir": str(tmp / "letters")},
            "web": {"enabled": False},
            "queue": {"kind": queue, "queue_name": f"archive-{tmp.name}"},
        },
    )


def _exports(db_url: str) -> tuple[list[Any], list[Any]]:
    """Exported messages and contracts, sorted and stripped of row ids."""
    messages = sorted(
        exported_messages(db_url), key=lambda m: (m["message_id"] or "", m["subject"] or "")
    )
    contracts = sorted(exported_contracts(db_url), key=lambda c: c["message_id"] or "")
    return stable(messages), stable(contracts)


@pytest.fixture
def pg_pair() -> Iterator[tuple[str, str]]:
    """Two fresh PostgreSQL databases."""
    try:
        with temporary_database(prefix="mi_t") as a, temporary_database(prefix="mi_t") as b:
            yield a, b
    except ServerUnavailable as exc:  # fails in CI, skips on a laptop
        require_server("postgresql", str(exc))


@pytest.mark.slow
def test_import_on_queue_workers_gives_the_in_process_rows(
    tmp_path: Path, pg_pair: tuple[str, str]
) -> None:
    """PostgreSQL: one archive imported in-process and through a procrastinate worker gives the
    same messages and contracts, answers nothing, and a second run queues nothing twice."""
    inproc, queued = pg_pair
    archive = write_archive("mbox", tmp_path, history())
    plain = _import_config(tmp_path / "inprocess", inproc, "inprocess")
    checked(run_cli(plain, "import-archive", str(archive)))
    config = _import_config(tmp_path / "procrastinate", queued, "procrastinate")
    first = checked(run_cli(config, "import-archive", "--no-wait", str(archive)))
    assert first.stdout.strip() == (
        "4 message(s) in the archive: 4 queued for the workers, 0 imported, "
        "0 quarantined, 0 already stored, 0 failed (none); nothing was answered"
    )
    assert _counts(queued) == {"Message": 4, "Contract": 0, "Outbox": 0, "Letter": 0}
    again = checked(run_cli(config, "import-archive", "--no-wait", str(archive)))
    assert "queued" not in again.stdout and "4 already stored" in again.stdout, again.stdout
    with worker(config, None, tmp_path / "worker.log"):
        done = checked(run_cli(config, "import-archive", "--progress", str(archive)))
    assert "read by workers" in done.stderr and "4/4" in done.stderr, done.stderr
    assert done.stdout.strip().endswith("read by the workers: 4 of 4 (contract=2, other=2)"), (
        done.stdout
    )
    assert _exports(queued) == _exports(inproc)
    for url in (inproc, queued):
        assert _counts(url) == {"Message": 4, "Contract": 2, "Outbox": 0, "Letter": 0}


def _counts(db_url: str) -> dict[str, int]:
    """`counts` of the database at `db_url`."""
    db = Database(db_url, migrate=False)
    try:
        return counts(db)
    finally:
        db.dispose()
