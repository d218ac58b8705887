"""Documents are read in a capped child process: its death, overrun or hunger quarantines the
mail with a typed reason and the daemon goes on; a mail's documents share one budget."""

from __future__ import annotations

import faulthandler
import os
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from mailbox_ingest.config import LimitSettings, Settings
from mailbox_ingest.domain.enums import Classification, QuarantineReason
from mailbox_ingest.pipeline import readers
from mailbox_ingest.pipeline.documents import process_attachments
from mailbox_ingest.pipeline.readers import (
    ChildReader,
    InProcessReader,
    ReaderFailure,
    ReadResult,
    read_and_extract,
)
from parsers.documents import DocumentLimits
from parsers.mail import MailAttachment, PartRole
from samples.corpus import mails
from store.models import Message
from tests import docfactory as f
from tests.pipeline_helpers import Harness, harness, write_registry

LIMITS = DocumentLimits()


def die(data: bytes, filename: str, media_type: str, limits: DocumentLimits) -> ReadResult:
    """A reader that kills its own process, as a segfaulting library would."""
    faulthandler.disable()  # pytest's fault handler would print a dump for this planned death
    os.kill(os.getpid(), signal.SIGSEGV)
    raise AssertionError("unreachable")


def hang(data: bytes, filename: str, media_type: str, limits: DocumentLimits) -> ReadResult:
    """A reader that never finishes."""
    time.sleep(60)
    raise AssertionError("unreachable")


def hungry(data: bytes, filename: str, media_type: str, limits: DocumentLimits) -> ReadResult:
    """A reader that wants a gigabyte."""
    blob = bytearray(1 << 30)
    raise AssertionError(len(blob))


def bomb_named(data: bytes, filename: str, media_type: str, limits: DocumentLimits) -> ReadResult:
    """Reads normally, except that a file named bomb.pdf kills the reader."""
    if filename == "bomb.pdf":
        os.kill(os.getpid(), signal.SIGKILL)
    return read_and_extract(data, filename, media_type, limits)


@pytest.fixture
def child() -> Iterator[Callable[..., ChildReader]]:
    """Build child readers (closed after the test)."""
    made: list[ChildReader] = []

    def build(
        task: Callable[..., ReadResult] = read_and_extract, memory_mib: int = 1024
    ) -> ChildReader:
        made.append(ChildReader(memory_mib, 5, task))
        return made[-1]

    yield build
    for reader in made:
        reader.close()


def test_child_reads_what_the_parent_would(child: Callable[..., ChildReader]) -> None:
    """A text PDF read in the child gives the same text and contracts as read in-process."""
    pdf = f.contract_pdf()
    here = InProcessReader().read(pdf, "c.pdf", "application/pdf", LIMITS, 60)
    there = child().read(pdf, "c.pdf", "application/pdf", LIMITS, 60)
    assert there.document is not None and here.document is not None
    assert there.document.text == here.document.text
    assert [c.fields.keys() for c in there.contracts] == [c.fields.keys() for c in here.contracts]


def test_refusal_crosses_the_process_boundary_typed(child: Callable[..., ChildReader]) -> None:
    """A reader's own refusal (a broken PDF) comes back as its reason, not as a crash."""
    result = child().read(b"%PDF-1.4 broken", "c.pdf", "application/pdf", LIMITS, 60)
    assert result.document is None and result.reason is not None
    assert result.reason.value == "corrupt"


@pytest.mark.parametrize(
    ("task", "reason", "words"),
    [
        (die, QuarantineReason.READER_CRASHED, "SIGSEGV"),
        (hang, QuarantineReason.READER_TIMEOUT, "over 2 s"),
        (hungry, QuarantineReason.READER_MEMORY, "512 MiB"),
    ],
    ids=["signal", "timeout", "memory"],
)
def test_reader_failure_is_typed_and_the_next_read_works(
    child: Callable[..., ChildReader],
    task: Callable[..., ReadResult],
    reason: QuarantineReason,
    words: str,
) -> None:
    """A dying, overrunning or greedy reader gives its reason; the pool reads on afterwards."""
    reader = child(task, memory_mib=512)  # room for the readers' imports
    start = time.monotonic()
    with pytest.raises(ReaderFailure) as info:
        reader.read(b"x", "c.pdf", "application/pdf", LIMITS, 2)
    assert time.monotonic() - start < 20
    assert info.value.reason is reason and words in info.value.detail
    reader.task = read_and_extract
    again = reader.read(f.contract_pdf(), "c.pdf", "application/pdf", LIMITS, 60)
    assert again.document is not None


def test_describe_exit_names_the_signal() -> None:
    """A negative exit code is reported as the signal's name."""
    assert readers.describe_exit(-9) == "killed by SIGKILL"
    assert readers.describe_exit(3) == "exit code 3"


def _pdf(name: str, data: bytes) -> MailAttachment:
    return MailAttachment(name, "application/pdf", data, 0, PartRole.ATTACHMENT)


def test_mail_page_budget_spans_its_documents() -> None:
    """Two three-page PDFs fit the per-document page limit but not a four-page mail budget."""
    limits = LimitSettings(mail_max_pages=4)
    three = f.blank_pdf(3)
    docs = process_attachments([_pdf("a.pdf", three), _pdf("b.pdf", three)], limits)
    assert [(d.filename, d.error, d.fatal) for d in docs] == [
        ("a.pdf", None, False),
        ("b.pdf", QuarantineReason.TOO_MANY_PAGES, True),
    ]


def test_mail_reading_time_budget_stops_a_slow_mail(child: Callable[..., ChildReader]) -> None:
    """A reader still busy when the mail's reading seconds run out is stopped: ocr_budget."""
    limits = LimitSettings(mail_max_read_s=2, reader_timeout_s=60)
    start = time.monotonic()
    [doc] = process_attachments([_pdf("a.pdf", b"%PDF-")], limits, child(hang))
    assert time.monotonic() - start < 20
    assert (doc.error, doc.fatal) == (QuarantineReason.OCR_BUDGET, True)


@pytest.fixture
def h(
    make_settings: Callable[..., Settings], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Harness]:
    """A harness whose child reader dies on any file named bomb.pdf."""
    monkeypatch.setattr(readers, "read_and_extract", bomb_named)
    built = harness(make_settings(), write_registry(tmp_path / "registry.csv"))
    assert isinstance(built.app.reader, ChildReader)
    built.app.reader.task = bomb_named
    yield built
    built.app.close()


def test_mail_that_kills_its_reader_is_quarantined_and_the_next_is_read(h: Harness) -> None:
    """The mail whose document kills the reader is quarantined with the signal; the next mail
    in the same poll is stored as a contract."""
    pdf = mails.unique_pdf("Bakkerij Peeters NV")
    bad = mails.contract_mail(
        attachments=[("bomb.pdf", pdf, "application/pdf")], message_id="<bomb@deploeg.be>"
    )
    good = mails.contract_mail(message_id="<good@deploeg.be>")
    h.deliver(bad, good)
    report, _ = h.poll()
    assert report.errors == 0
    by_id = {m["message_id"]: m for m in h.messages()}
    assert by_id["<bomb@deploeg.be>"]["classification"] == Classification.QUARANTINED.value
    assert by_id["<bomb@deploeg.be>"]["reason"] == QuarantineReason.READER_CRASHED.value
    assert "SIGKILL" in by_id["<bomb@deploeg.be>"]["reason_detail"]
    assert by_id["<good@deploeg.be>"]["classification"] == Classification.CONTRACT.value
    assert h.folder_count("INBOX") == 0


def test_quarantine_after_repeated_failures_names_the_mail(
    h: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A mail quarantined after failing max_attempts times keeps its Message-ID, From, Subject."""
    import mailbox_ingest.intake.ingest as ingest

    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("extractor exploded")

    monkeypatch.setattr(ingest, "process_message", boom)
    h.deliver(mails.contract_mail(message_id="<fails@deploeg.be>", subject="Contract Peeters"))
    for _ in range(h.settings.limits.max_attempts):
        h.poll()
    [m] = h.messages()
    assert (m["classification"], m["reason"]) == ("quarantined", "processing_error")
    assert m["message_id"] == "<fails@deploeg.be>"
    assert m["from"] == mails.DEFAULT_SENDER and m["subject"] == "Contract Peeters"


class Died(BaseException):
    """The daemon's sudden death in the middle of a try (nothing after it runs)."""


def _claims_of_the_dead_are_free(monkeypatch: pytest.MonkeyPatch) -> None:
    """Judge every claim holder dead, as a claim left by a killed daemon is."""
    import store.claims

    monkeypatch.setattr(store.claims, "is_dead", lambda holder: holder is not None)


def _die_while_processing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the ingestor 'die' at its while_processing checkpoint; the dead daemon's claim
    on the message is then judged dead, as a real death's would be."""
    import mailbox_ingest.intake.ingest as ingest

    _claims_of_the_dead_are_free(monkeypatch)

    def checkpoint(name: str) -> None:
        if name == "while_processing":
            raise Died(name)

    monkeypatch.setattr(ingest, "checkpoint", checkpoint)


def test_interrupted_tries_do_not_count_against_the_mail(
    h: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tries cut short by the daemon's death are interruptions, never attempts: the mail is
    stored as a contract afterwards, not quarantined as 'processing did not finish'."""
    h.deliver(mails.contract_mail(message_id="<late@deploeg.be>"))
    tries = h.settings.limits.max_attempts + 2
    with monkeypatch.context() as m:
        _die_while_processing(m)
        for _ in range(tries):
            with pytest.raises(Died):
                h.poll()
    _claims_of_the_dead_are_free(monkeypatch)  # the restarted daemon sees the old one gone
    h.poll()
    [msg] = h.messages()
    assert msg["classification"] == Classification.CONTRACT.value
    with h.app.db.session() as s:
        row = s.execute(select(Message)).scalar_one()
        assert (row.attempts, row.interruptions, row.attempt_started_at) == (0, tries, None)


def test_endless_interruptions_are_quarantined_with_the_mails_headers(
    make_settings: Callable[..., Settings], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A mail the daemon keeps dying on is set aside after max_interruptions, named by its
    Message-ID, From and Subject."""
    built = harness(make_settings(limits={"max_interruptions": 2}))
    try:
        built.deliver(mails.contract_mail(message_id="<loop@deploeg.be>", subject="Lus"))
        with monkeypatch.context() as m:
            _die_while_processing(m)
            for _ in range(2):
                with pytest.raises(Died):
                    built.poll()
            built.poll()
        [msg] = built.messages()
        assert (msg["classification"], msg["reason"]) == ("quarantined", "daemon_interrupted")
        assert (msg["message_id"], msg["from"], msg["subject"]) == (
            "<loop@deploeg.be>",
            mails.DEFAULT_SENDER,
            "Lus",
        )
    finally:
        built.app.close()


def test_mail_byte_budget_spans_its_documents() -> None:
    """Two PDFs whose streams each fit the mail's byte budget but not together: the second
    condemns the mail (decompression_limit), the first is read."""
    from samples.corpus.bombs import pdf_runlength_bomb

    limits = LimitSettings(mail_max_decompressed_bytes=1 << 20)
    pdf = pdf_runlength_bomb(600_000)
    docs = process_attachments([_pdf("a.pdf", pdf), _pdf("b.pdf", pdf)], limits)
    assert docs[0].error is None and docs[0].document is not None
    assert docs[0].document.inflated_bytes >= 590_000
    assert (docs[1].error, docs[1].fatal) == (QuarantineReason.DECOMPRESSION_LIMIT, True)


_DAEMON_SCRIPT = """
import json, sys
from mailbox_ingest.cli import app
try:
    app(["--config", sys.argv[1], "poll", "--once"], standalone_mode=False)
    code = 0
except SystemExit as exc:
    code = exc.code
heavy = ("pdfplumber", "pdfminer", "pypdfium2", "PIL", "docx", "numpy")
print(json.dumps({"code": code, "loaded": [m for m in heavy if m in sys.modules]}))
"""


def test_the_daemon_process_never_loads_a_document_library(tmp_path: Path) -> None:
    """A poll that reads a PDF in the reader process leaves the daemon's own process without
    pdfplumber, PDFium, Pillow, python-docx or numpy (they live in the reader processes)."""
    import json
    import mailbox as mailboxes
    import subprocess
    import sys

    maildir = mailboxes.Maildir(tmp_path / "maildir")
    maildir.add(mails.contract_mail())
    config = tmp_path / "config.toml"
    config.write_text(
        f'[database]\nurl = "sqlite:///{tmp_path / "db.sqlite"}"\n'
        f'[mailbox]\nkind = "maildir"\npath = "{tmp_path / "maildir"}"\n'
        f'[outgoing]\nkind = "directory"\npath = "{tmp_path / "outbox"}"\n'
        'from = "enclaves@wse.test"\n'
        f'[answers]\nauthserv_id = "mx.wse.test"\nletter_dir = "{tmp_path / "letters"}"\n'
        "[web]\nenabled = false\n[limits]\nisolate_readers = true\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-c", _DAEMON_SCRIPT, str(config)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"code": 0, "loaded": []}
    from sqlalchemy import create_engine, func

    from store.models import Contract

    engine = create_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Contract)).scalar_one() == 1
    engine.dispose()
