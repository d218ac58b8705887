"""Terminations: only a verified workplace ends its own contracts; the rest waits for staff."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from mailbox_ingest.config import Settings
from mailbox_ingest.review import ReviewError, confirm_termination, reject_termination
from samples.corpus import mails
from store.models import AuditEntry, Contract, TerminationProposal
from tests.e2e_helpers import run_cli, write_config
from tests.pipeline_helpers import REGISTRY, Harness, harness, write_registry

MAATWERK = dt.datetime(2023, 3, 1, 9, 0, tzinfo=dt.UTC)
LATER = dt.datetime(2023, 6, 1, 9, 0, tzinfo=dt.UTC)
OTHER_WORKPLACE = ("0411.223.382", "Het Ateljee vzw", "maatwerkbedrijf", "ateljee.be")


@pytest.fixture
def h(make_settings: Callable[..., Settings], tmp_path: Path) -> Iterator[Harness]:
    """A harness whose registry has two workplaces; De Ploeg's contract already stored."""
    out = harness(
        make_settings(), write_registry(tmp_path / "registry.csv", [*REGISTRY, OTHER_WORKPLACE])
    )
    out.deliver(
        mails.contract_mail(
            date=MAATWERK,
            received=MAATWERK,
            attachments=[("c.pdf", mails.unique_pdf("Bakkerij Peeters NV"), "application/pdf")],
        )
    )
    out.poll()
    yield out
    out.app.close()


def notice(**kw: object) -> bytes:
    """A termination of the Bakkerij Peeters enclave on 1 September 2023."""
    return mails.termination_mail(end=dt.date(2023, 9, 1), date=LATER, **kw)  # type: ignore[arg-type]


def proposals(h: Harness) -> list[TerminationProposal]:
    """Every proposal, oldest first."""
    with h.app.db.session() as s:
        rows = list(
            s.execute(select(TerminationProposal).order_by(TerminationProposal.id)).scalars()
        )
        s.expunge_all()
        return rows


def test_verified_workplace_ends_its_own_contract(h: Harness) -> None:
    """The workplace holding the contract, authenticated, ends it without staff."""
    h.deliver(notice())
    h.poll()
    [c] = h.contracts()
    assert c["terminated_on"] == "2023-09-01"
    assert proposals(h) == []


@pytest.mark.parametrize(
    ("kw", "reason"),
    [
        ({"sender": "jan.peeters1970@gmail.com", "sender_name": "Jan"}, "sender_not_workplace"),
        ({"auth": "fail"}, "sender_unverified"),
        ({"auth": "none"}, "sender_unverified"),
        ({"auth": None}, "sender_unverified"),
        ({"sender": "directie@ateljee.be", "sender_name": "Het Ateljee"}, "not_own_contract"),
    ],
)
def test_other_notices_become_proposals_that_change_nothing(
    h: Harness, kw: dict[str, object], reason: str
) -> None:
    """Free-mail, unauthenticated or another workplace's notice: a pending proposal only."""
    h.deliver(notice(**kw))
    h.poll()
    [c] = h.contracts()
    assert c["terminated_on"] is None
    [p] = proposals(h)
    assert (p.contract_id, p.proposed_date, p.reason, p.state) == (
        c["id"],
        dt.date(2023, 9, 1),
        reason,
        "pending",
    )
    [_, m] = h.messages()
    assert m["classification"] == "termination"
    assert m["termination_proposals"] == [
        {
            "id": p.id,
            "contract_id": c["id"],
            "proposed_date": "2023-09-01",
            "reason": reason,
            "state": "pending",
        }
    ]


def test_confirming_a_proposal_ends_the_contract_with_an_audit_entry(h: Harness) -> None:
    """Staff confirm: the contract ends on the proposed date; a second decision is refused."""
    h.deliver(notice(auth="fail"))
    h.poll()
    [p] = proposals(h)
    with h.app.db.session() as s:
        confirm_termination(s, p.id, "Ann")
    with h.app.db.session() as s:
        c = s.execute(select(Contract)).scalar_one()
        assert (c.terminated_on, c.termination_message_id) == (dt.date(2023, 9, 1), p.message_id)
        audit = s.execute(select(AuditEntry)).scalars().all()
        assert [(a.actor, a.action, a.contract_id) for a in audit] == [
            ("Ann", "confirm_termination", c.id)
        ]
    with h.app.db.session() as s, pytest.raises(ReviewError, match="not pending"):
        reject_termination(s, p.id, "Bert")


def test_rejecting_a_proposal_leaves_the_contract(h: Harness) -> None:
    """Staff reject: the contract keeps running; the decision is audited."""
    h.deliver(notice(sender="x@hotmail.com"))
    h.poll()
    [p] = proposals(h)
    with h.app.db.session() as s:
        reject_termination(s, p.id, "Ann")
    [c] = h.contracts()
    assert c["terminated_on"] is None
    assert [q.state for q in proposals(h)] == ["rejected"]
    with h.app.db.session() as s, pytest.raises(ReviewError, match="no termination proposal"):
        confirm_termination(s, 999, "Ann")


def test_terminations_cli_lists_confirms_and_rejects(h: Harness, tmp_path: Path) -> None:
    """`terminations list|confirm|reject` work on the store; errors are one line, exit 1."""
    h.deliver(notice(auth="fail"), notice(sender="y@gmail.com", message_id="<y@gmail.com>"))
    h.poll()
    first, second = proposals(h)
    config = write_config(
        tmp_path / "cli.toml",
        {
            "database": {"url": h.settings.database.url},
            "mailbox": {"kind": "maildir", "path": str(tmp_path / "maildir")},
        },
    )
    listed = run_cli(config, "terminations", "list")
    assert listed.returncode == 0, listed.stderr
    assert [line.split("\t")[:2] for line in listed.stdout.splitlines()] == [
        [str(first.id), "pending"],
        [str(second.id), "pending"],
    ]
    done = run_cli(
        config, "terminations", "confirm", str(first.id), "--by", "Ann", "--on", "2023-08-31"
    )
    assert done.returncode == 0, done.stderr
    assert "ends on 2023-08-31" in done.stdout
    again = run_cli(config, "terminations", "reject", str(first.id), "--by", "Ann")
    assert again.returncode == 1
    assert again.stderr.strip().splitlines() == [
        f"error: termination proposal {first.id} is confirmed, not pending"
    ]


def test_notice_without_a_date_waits_for_staff_to_give_one(h: Harness) -> None:
    """The workplace's own notice with no date: a proposal that needs a date to confirm."""
    h.deliver(
        mails.contract_mail(
            subject="Stopzetting enclave",
            date=LATER,
            received=LATER,
            attachments=[],
            body="Geachte,\n\nHierbij melden wij de stopzetting van de enclave bij Bakkerij "
            "Peeters NV (0123.456.749).\n\nMet vriendelijke groeten",
        )
    )
    h.poll()
    [p] = proposals(h)
    assert (p.reason, p.proposed_date) == ("date_missing", None)
    with h.app.db.session() as s, pytest.raises(ReviewError, match="no date"):
        confirm_termination(s, p.id, "Ann")
    with h.app.db.session() as s:
        confirm_termination(s, p.id, "Ann", dt.date(2023, 7, 1))
    [c] = h.contracts()
    assert c["terminated_on"] == "2023-07-01"
