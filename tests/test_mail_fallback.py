"""mail-parser failures fall back to the standard library; odd headers are read sanely."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import mailparser.core
import pytest
from sqlalchemy import select

import samples.corpus
from mailbox_ingest.config import Settings
from parsers.mail import MailLimits, parse_mail
from samples.corpus import mails
from store.models import Message
from tests.pipeline_helpers import harness, write_registry

DSN = (Path(samples.corpus.__file__).parent / "automatic" / "bounce-postfix-dsn.eml").read_bytes()


def _broken_parse(self: object) -> None:
    """What mail-parser does on some real reports: an AttributeError deep in its parse."""
    raise AttributeError("'NoneType' object has no attribute 'lower'")


def test_parser_error_falls_back_to_the_standard_library(monkeypatch: pytest.MonkeyPatch) -> None:
    """When mail-parser raises, the stdlib reads headers, body and parts; the error is kept."""
    monkeypatch.setattr(mailparser.core.MailParser, "parse", _broken_parse)
    mail = parse_mail(DSN, MailLimits())
    assert mail.subject == "Undelivered Mail Returned to Sender"
    assert mail.from_addr == "mailer-daemon@mx.wse.test"
    assert "could not\nbe delivered" in mail.body_text
    assert "message/delivery-status" in mail.structure
    assert mail.parser_error is not None and "AttributeError" in mail.parser_error


def test_fallback_reads_a_contract_with_its_attachment(monkeypatch: pytest.MonkeyPatch) -> None:
    """A contract mail read by the fallback still has its PDF and its text."""
    monkeypatch.setattr(mailparser.core.MailParser, "parse", _broken_parse)
    mail = parse_mail(mails.contract_mail(), MailLimits())
    assert "application/pdf" in [a.media_type for a in mail.attachments]
    assert "ondernemingscontract" in mail.body_text


def test_two_subject_headers_take_the_first() -> None:
    """Two Subject headers give the first one's text, never a list's repr."""
    raw = mails.contract_mail(extra_headers=[("Subject", "Tweede onderwerp")])
    assert raw.count(b"\nSubject:") == 2
    mail = parse_mail(raw, MailLimits())
    assert mail.subject.startswith("Ondernemingscontract enclave")
    assert "[" not in mail.subject


def test_pipeline_keeps_the_traceback_and_does_not_quarantine(
    make_settings: Callable[..., Settings], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through a poll: the report is a bounce (not quarantined), with mail-parser's traceback."""
    monkeypatch.setattr(mailparser.core.MailParser, "parse", _broken_parse)
    h = harness(make_settings(), write_registry(tmp_path / "registry.csv"))
    try:
        h.deliver(DSN, mails.contract_mail(extra_headers=[("Subject", "Tweede")]))
        report, _ = h.poll()
        assert report.quarantined == 0
        by_class = {m["classification"]: m for m in h.messages()}
        assert sorted(by_class) == ["bounce", "contract"]
        assert by_class["contract"]["subject"].startswith("Ondernemingscontract enclave")
        with h.app.db.session() as s:
            rows = s.execute(select(Message).order_by(Message.id)).scalars().all()
            assert all("AttributeError" in (r.error_traceback or "") for r in rows)
            assert all(
                any(e["rule"] == "standard_library_fallback" and e["hit"] for e in r.decisions)
                for r in rows
            )
    finally:
        h.app.close()


def test_a_multipart_whose_boundary_was_folded_away_still_gives_its_text() -> None:
    """`multipart/alternative;` folded onto a line without indent loses its boundary; the
    text is still read, using the boundary its delimiter lines show."""
    path = Path(samples.corpus.__file__).parent / "automatic"
    raw = (path / "bounce-carrier-post-master-lost-boundary.eml").read_bytes()
    mail = parse_mail(raw, MailLimits())
    assert "no such user here" in mail.body_text
    assert "Content-Type" not in mail.body_text
