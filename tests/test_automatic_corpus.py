"""Automatic mail as real servers write it: every corpus mail is recognised, none answered.

The corpus (`samples/corpus/automatic/*.eml`) is our own text modelled on RFC 3464 (DSN),
RFC 5965 (ARF), RFC 8098 (MDN) and on the shapes Postfix, Exim, Sendmail, qmail, Lotus Domino,
Exchange Online, Gmail and Japanese carriers produce. A file's name starts with the
classification it must get.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

import samples.corpus
from mailbox_ingest.config import Settings
from mailbox_ingest.pipeline.automatic import machine_kind, must_not_answer
from mailbox_ingest.pipeline.decisions import Decisions
from parsers.mail import MailLimits, parse_mail
from samples.corpus import mails
from store.models import Message, Outbox
from tests.pipeline_helpers import harness, write_registry

CORPUS = sorted((Path(samples.corpus.__file__).parent / "automatic").glob("*.eml"))


def expected(path: Path) -> str:
    """The classification a corpus file's name announces (`bounce-...`, `auto_reply-...`)."""
    return path.name.split("-", 1)[0]


def test_corpus_is_there() -> None:
    """The corpus holds every shape the issue lists."""
    assert len(CORPUS) >= 20
    assert {expected(p) for p in CORPUS} == {"bounce", "auto_reply"}


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_each_mail_is_recognised_as_machine_written(path: Path) -> None:
    """Parsed alone, each mail is classified as its name says and must never be answered."""
    mail = parse_mail(path.read_bytes(), MailLimits())
    d = Decisions()
    kind = machine_kind(mail, d)
    assert kind is not None and kind.value == expected(path), d.entries
    assert must_not_answer(mail, Decisions())


def test_whole_corpus_through_the_pipeline(
    make_settings: Callable[..., Settings], tmp_path: Path
) -> None:
    """Through a poll: each mail gets its row and class, is flagged automatic, none answered."""
    h = harness(make_settings(), write_registry(tmp_path / "registry.csv"))
    try:
        h.deliver(*(p.read_bytes() for p in CORPUS))
        report, sent = h.poll()
        assert (report.seen, report.quarantined, sent.sent) == (len(CORPUS), 0, 0)
        with h.app.db.session() as s:
            rows = s.execute(select(Message)).scalars().all()
            got = sorted((r.subject or "", r.classification, r.automatic) for r in rows)
            assert s.execute(select(Outbox)).scalars().all() == []
        want = []
        for p in CORPUS:
            subject = parse_mail(p.read_bytes(), MailLimits()).subject
            want.append((subject, expected(p), True))
        assert got == sorted(want)
        assert h.sent() == []
    finally:
        h.app.close()


@pytest.mark.parametrize(
    ("sender", "subject", "body"),
    [
        (
            "postmaster@deploeg.be",
            "Vraag over de enclave bij Bakkerij Peeters",
            "Geachte,\n\nKunt u bevestigen dat ons contract goed ontvangen is?\n\nJan",
        ),
        ("postmaster@deploeg.be", "Nieuw e-mailadres", "Ons secretariaat heeft een nieuw adres."),
    ],
)
def test_a_postmaster_sender_alone_is_not_a_bounce(sender: str, subject: str, body: str) -> None:
    """A person writing from postmaster@ with no bounce structure or wording is no bounce."""
    raw = mails.contract_mail(sender=sender, subject=subject, body=body, attachments=[])
    mail = parse_mail(raw, MailLimits())
    assert machine_kind(mail, Decisions()) is None


def test_a_person_forwarding_a_mail_is_not_a_bounce() -> None:
    """A workplace forwarding an earlier mail (message/rfc822 attached, no server sign, no
    complaint subject) is a person's mail, not a returned message."""
    inner = mails.contract_mail(subject="Ondernemingscontract enclave", attachments=[])
    raw = mails.contract_mail(
        subject="Fwd: Ondernemingscontract enclave",
        body="Geachte,\n\nHierbij stuur ik onze vorige mail nog eens door.\n\nAn",
        attachments=[("vorige-mail.eml", inner, "message/rfc822")],
    )
    mail = parse_mail(raw, MailLimits())
    assert "message/rfc822" in mail.structure
    assert machine_kind(mail, Decisions()) is None
