"""Every mailbox entry has its row; quarantined mail can be re-run after a fix."""

from __future__ import annotations

import datetime as dt
import mailbox
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from mailbox_ingest.config import Settings
from mailbox_ingest.recovery import RetryError, retry_message
from samples.corpus import mails
from store.models import AuditEntry, Message
from tests.e2e_helpers import run_cli, write_config
from tests.pipeline_helpers import Harness, harness, write_registry

WHEN = dt.datetime(2023, 3, 1, 9, 0, tzinfo=dt.UTC)
TIGHT = {"max_attachments": 1}
LOOSE = {"max_attachments": 40}


@pytest.fixture
def make_h(
    make_settings: Callable[..., Settings], tmp_path: Path
) -> Iterator[Callable[..., Harness]]:
    """Harnesses over one database and Maildir, with the given limits."""
    made: list[Harness] = []

    def build(limits: dict[str, int] = LOOSE) -> Harness:
        out = harness(make_settings(limits=limits), write_registry(tmp_path / "registry.csv"))
        made.append(out)
        return out

    yield build
    for out in made:
        out.app.close()


def two_attachments() -> bytes:
    """A verified contract mail with a logo besides the PDF: over a limit of one part."""
    return mails.contract_mail(date=WHEN, received=WHEN, message_id="<two@deploeg.be>")


def rows(h: Harness) -> list[Message]:
    """Every message row, oldest first, detached."""
    with h.app.db.session() as s:
        out = list(s.execute(select(Message).order_by(Message.id)).scalars())
        s.expunge_all()
        return out


def test_byte_identical_twin_gets_its_own_duplicate_row(make_h: Callable[..., Harness]) -> None:
    """The same bytes again: a `duplicate` row pointing at the original, no second answer."""
    h = make_h()
    raw = mails.contract_mail(date=WHEN, received=WHEN)
    h.deliver(raw)
    h.poll()
    h.deliver(raw)
    report, sent = h.poll()
    assert (report.seen, report.processed, report.by_class, sent.sent) == (
        1,
        1,
        {"duplicate": 1},
        0,
    )
    first, twin = h.messages()
    assert (first["classification"], twin["classification"]) == ("contract", "duplicate")
    assert twin["duplicate_of"] == first["id"]
    assert twin["contract_ids"] == [] and twin["subject"] == first["subject"]
    assert len(h.contracts()) == 1 and len(h.sent()) == 1
    assert h.folder_count("INBOX") == 0 and h.folder_count("Verwerkt") == 2


def test_retry_reruns_a_quarantined_mail_and_keeps_its_history(
    make_h: Callable[..., Harness],
) -> None:
    """After the limit is raised, a retry stores the contract; the old outcome is kept."""
    tight = make_h(TIGHT)
    tight.deliver(two_attachments())
    tight.poll()
    [m] = tight.messages()
    assert (m["classification"], m["reason"]) == ("quarantined", "too_many_attachments")
    loose = make_h(LOOSE)
    with loose.app.db.session() as s:
        row = retry_message(s, m["id"], "Ann", loose.settings)
        assert (row.classification, row.state) == ("contract", "done")
    [again] = loose.messages()
    assert again["classification"] == "contract" and again["reason"] is None
    [row] = rows(loose)
    assert [(e["by"], e["reason"]) for e in row.history or []] == [("Ann", "too_many_attachments")]
    assert any(e["rule"] == "too_many_attachments" for e in (row.history or [])[0]["decisions"])
    with loose.app.db.session() as s:
        [audit] = s.execute(select(AuditEntry)).scalars().all()
        assert (audit.actor, audit.action, audit.details["previous_reason"]) == (
            "Ann",
            "retry_message",
            "too_many_attachments",
        )
    _, sent = loose.poll()
    assert sent.sent == 1
    with loose.app.db.session() as s, pytest.raises(RetryError, match="not quarantined"):
        retry_message(s, m["id"], "Ann", loose.settings)
    with loose.app.db.session() as s, pytest.raises(RetryError, match="no message"):
        retry_message(s, 999, "Ann", loose.settings)


def test_mail_moved_back_to_the_inbox_is_retried_not_bounced_back(
    make_h: Callable[..., Harness],
) -> None:
    """A person moves a quarantined mail back: the intake re-runs it instead of re-quarantining."""
    tight = make_h(TIGHT)
    tight.deliver(two_attachments())
    tight.poll()
    box = tight.inbox
    quarantine = box.get_folder("Quarantaine")
    [key] = list(quarantine.keys())
    box.add(quarantine.get_bytes(key))
    quarantine.remove(key)
    loose = make_h(LOOSE)
    report, sent = loose.poll()
    assert (report.seen, report.quarantined, sent.sent) == (1, 0, 1)
    [row] = rows(loose)
    assert (row.classification, row.state, row.moved_to) == ("contract", "done", "Verwerkt")
    assert [(e["by"], e["reason"]) for e in row.history or []] == [
        ("mailbox", "too_many_attachments")
    ]
    assert loose.folder_count("Quarantaine") == 0 and loose.folder_count("Verwerkt") == 1
    assert isinstance(box, mailbox.Maildir)


def test_messages_retry_cli_by_reason_and_errors(
    make_h: Callable[..., Harness], tmp_path: Path
) -> None:
    """`messages retry --reason R` re-runs all of them; a wrong call is one line, exit 1."""
    tight = make_h(TIGHT)
    tight.deliver(two_attachments())
    tight.poll()
    config = write_config(
        tmp_path / "cli.toml",
        {
            "database": {"url": tight.settings.database.url},
            "mailbox": {"kind": "maildir", "path": str(tmp_path / "maildir")},
            "answers": {"authserv_id": "mx.wse.test"},
        },
    )
    done = run_cli(config, "messages", "retry", "--reason", "too_many_attachments", "--by", "Ann")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["message 1: contract", "1 message(s) retried"]
    again = run_cli(config, "messages", "retry", "1")
    assert again.returncode == 1
    assert again.stderr.strip().splitlines() == ["error: message 1 is done, not quarantined"]
    both = run_cli(config, "messages", "retry")
    assert both.returncode == 1 and "not both" in both.stderr
