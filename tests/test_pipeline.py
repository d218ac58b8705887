"""The pipeline end to end on a Maildir inbox and a folder outbox (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from mailbox_ingest.config import Settings
from mailbox_ingest.domain.enums import Classification
from samples.corpus import mails
from store.models import AuditEntry, Message, Outbox
from tests.pipeline_helpers import Harness, harness, write_registry

MAATWERK = dt.datetime(2023, 3, 1, 9, 0, tzinfo=dt.UTC)
LEGACY = dt.datetime(2017, 3, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def make_h(
    make_settings: Callable[..., Settings], tmp_path: Path
) -> Iterator[Callable[..., Harness]]:
    """Build harnesses (default registry loaded) from settings overrides; closed after."""
    made: list[Harness] = []

    def build(**sections: dict[str, object]) -> Harness:
        out = harness(make_settings(**sections), write_registry(tmp_path / "registry.csv"))
        made.append(out)
        return out

    yield build
    for out in made:
        out.app.close()


@pytest.fixture
def h(make_h: Callable[..., Harness]) -> Harness:
    """A harness with the default settings and registry."""
    return make_h()


def contract(
    counterpart: str = "Bakkerij Peeters NV", when: dt.datetime = MAATWERK, **kw: object
) -> bytes:
    """A contract mail from De Ploeg with its own PDF (distinct bytes per counterpart)."""
    kw.setdefault(
        "attachments", [("contract.pdf", mails.unique_pdf(counterpart), "application/pdf")]
    )
    return mails.contract_mail(date=when, received=when, **kw)  # type: ignore[arg-type]


def test_realistic_corpus_is_classified_as_expected(h: Harness) -> None:
    """Every kind of real mail gets its expected classification, in order."""
    corpus = mails.realistic_corpus()
    for item in corpus:
        h.deliver(item.raw)
        h.poll()
    wrong = []
    by_order = [m["classification"] for m in h.messages()]
    for item, klass in zip(corpus, by_order, strict=True):
        if klass != item.expect.value:
            wrong.append((item.name, klass, item.expect.value))
    assert wrong == []


def test_maatwerk_contract_from_verified_sender_is_acknowledged_once(h: Harness) -> None:
    """A verified maatwerk contract gets one threaded acknowledgement, auto-submitted."""
    raw = contract(message_id="<c1@deploeg.be>")
    h.deliver(raw)
    report, sent = h.poll()
    assert (report.processed, sent.sent) == (1, 1)
    [ack] = h.sent()
    assert ack["Auto-Submitted"] == "auto-replied"
    assert ack["In-Reply-To"] == "<c1@deploeg.be>"
    assert "<c1@deploeg.be>" in ack["References"]
    assert ack["To"] == "secretariaat@deploeg.be"
    assert ack["Subject"].startswith("Ontvangstbevestiging")
    body = ack.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Bakkerij Peeters" in body
    [c] = h.contracts()
    assert c["regime"] == "maatwerk"
    assert c["response"] == {"kind": "email_acknowledgement", "state": "sent"}
    h.deliver(raw)  # the very same mail again
    h.poll()
    assert len(h.sent()) == 1


def test_legacy_contract_queues_a_letter_and_sends_no_mail(h: Harness) -> None:
    """Under the old regime the answer is a pending letter, never an e-mail."""
    h.deliver(contract(when=LEGACY))
    h.poll()
    assert h.sent() == []
    [c] = h.contracts()
    assert c["regime"] == "legacy"
    assert c["response"] == {"kind": "letter", "state": "pending"}
    assert c["status"] == "needs_review"


@pytest.mark.parametrize(
    "build",
    [
        lambda: mails.out_of_office(),
        lambda: mails.bounce(),
        lambda: mails.newsletter(),
        lambda: mails.spoofed(),
    ],
)
def test_automatic_and_spoofed_mail_is_never_answered(
    h: Harness, build: Callable[[], bytes]
) -> None:
    """Out-of-office, bounce, newsletter and spoofed mails get no answer."""
    h.deliver(build())
    h.poll()
    assert h.sent() == []
    with h.app.db.session() as s:
        queued = s.execute(select(Outbox).where(Outbox.state == "queued")).scalars().all()
    assert queued == []


def test_auto_submitted_contract_is_stored_but_not_answered(h: Harness) -> None:
    """A contract sent by a script with Auto-Submitted is recorded, never auto-answered."""
    h.deliver(contract(extra_headers=[("Auto-Submitted", "auto-generated")]))
    h.poll()
    assert h.sent() == []
    [c] = h.contracts()
    assert c["response"]["state"] == "suppressed"


def test_unregistered_sender_is_held_for_staff(h: Harness) -> None:
    """A contract from a domain not in the registry waits for staff instead of an answer."""
    h.deliver(contract(sender="info@onbekend.test", sender_name="Onbekend"))
    h.poll()
    assert h.sent() == []
    [m] = h.messages()
    assert m["response"]["state"] == "held"
    assert m["response"]["reason"] == "unverified_sender"
    [c] = h.contracts()
    assert "sender_not_workplace" in c["review_reasons"]


def test_daily_limit_holds_further_answers(make_h: Callable[..., Harness]) -> None:
    """Past the configured number of answers per sender per day, answers are held."""
    h = make_h(answers={"max_per_sender_per_day": 2})
    for name in ("Aa NV", "Bb NV", "Cc NV"):
        h.deliver(contract(name, message_id=f"<{name[:2]}@deploeg.be>"))
    h.poll()
    assert len(h.sent()) == 2
    states = sorted(m["response"]["state"] for m in h.messages())
    assert states == ["held", "sent", "sent"]


def test_second_poll_changes_nothing(h: Harness) -> None:
    """Polling again after everything was handled adds nothing and sends nothing."""
    for item in mails.realistic_corpus()[:6]:
        h.deliver(item.raw)
    h.poll()
    before = (h.messages(), h.contracts(), len(h.sent()))
    report, sent = h.poll()
    assert (report.seen, sent.sent) == (0, 0)
    assert (h.messages(), h.contracts(), len(h.sent())) == before
    assert h.folder_count("INBOX") == 0


def test_termination_in_body_ends_the_contract(h: Harness) -> None:
    """A stopzetting mail sets terminated_on on the contract it names."""
    h.deliver(contract())
    h.poll()
    h.deliver(mails.termination_mail(end=dt.date(2024, 3, 1)))
    h.poll()
    [_m1, m2] = h.messages()
    assert m2["classification"] == "termination"
    [c] = h.contracts()
    assert c["terminated_on"] == "2024-03-01"


def test_oversized_mail_is_quarantined_unread(make_h: Callable[..., Harness]) -> None:
    """A mail over max_message_bytes is quarantined with the reason and left in quarantine."""
    h = make_h(limits={"max_message_bytes": 2048})
    h.deliver(contract())
    report, _ = h.poll()
    assert report.quarantined == 1
    [m] = h.messages()
    assert (m["classification"], m["reason"]) == ("quarantined", "too_large")
    assert h.folder_count("Quarantaine") == 1


def test_processing_failure_is_retried_then_quarantined(
    h: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A message whose processing keeps failing is retried, then quarantined with traceback."""
    import mailbox_ingest.intake.ingest as ingest

    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("extractor exploded")

    monkeypatch.setattr(ingest, "process_message", boom)
    h.deliver(contract())
    for _ in range(h.settings.limits.max_attempts):
        h.poll()
        assert h.folder_count("INBOX") in (0, 1)
    [m] = h.messages()
    assert m["classification"] == Classification.QUARANTINED.value
    assert m["reason"] == "processing_error"
    assert "extractor exploded" in (m["reason_detail"] or "")
    with h.app.db.session() as s:
        row = s.execute(select(Message)).scalar_one()
        assert "RuntimeError" in (row.error_traceback or "")
    assert h.folder_count("Quarantaine") == 1
    _ = AuditEntry


def test_same_contract_in_another_file_is_a_duplicate(h: Harness) -> None:
    """The same contract sent again as a different file (e.g. rescanned) is not stored twice."""
    from samples.corpus.minipdf import DEFAULT_LINES, contract_pdf

    first = contract_pdf(DEFAULT_LINES, title="origineel")
    again = contract_pdf(DEFAULT_LINES, title="opnieuw ingescand")
    assert first != again
    h.deliver(
        contract(attachments=[("a.pdf", first, "application/pdf")], message_id="<one@deploeg.be>")
    )
    h.poll()
    h.deliver(
        contract(
            attachments=[("b.pdf", again, "application/pdf")],
            message_id="<two@deploeg.be>",
            when=MAATWERK.replace(day=2),
        )
    )
    h.poll()
    assert [m["classification"] for m in h.messages()] == ["contract", "duplicate"]
    assert len(h.contracts()) == 1
    assert len(h.sent()) == 1


def test_other_counterpart_with_same_fields_is_not_a_duplicate(h: Harness) -> None:
    """Two contracts alike but for the counterpart are two contracts."""
    h.deliver(contract("Jacobs NV", message_id="<j@deploeg.be>"))
    h.deliver(contract("Mertens BV", message_id="<m@deploeg.be>"))
    h.poll()
    assert [m["classification"] for m in h.messages()] == ["contract", "contract"]


def test_termination_as_an_attached_letter_ends_the_contract(h: Harness) -> None:
    """A stopzetting sent as a PDF letter instead of in the body is recognised too."""
    from samples.corpus.minipdf import contract_pdf

    h.deliver(contract())
    h.poll()
    letter = contract_pdf(
        [
            "De Ploeg vzw",
            "Betreft: stopzetting enclave",
            "Hierbij melden wij de stopzetting van de enclave bij Bakkerij Peeters "
            "NV (0123.456.749)",
            "met ingang van 1 april 2024.",
            "Met vriendelijke groeten",
        ],
        title="stopzetting",
    )
    june = MAATWERK.replace(month=6)
    h.deliver(
        mails.contract_mail(
            subject="Stopzetting enclave",
            body="Zie bijlage.",
            attachments=[("stopzetting.pdf", letter, "application/pdf")],
            date=june,
            received=june,
        )
    )
    h.poll()
    assert [m["classification"] for m in h.messages()] == ["contract", "termination"]
    [c] = h.contracts()
    assert c["terminated_on"] == "2024-04-01"
