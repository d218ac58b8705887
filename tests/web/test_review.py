"""Review commands behind the web UI, on SQLite and PostgreSQL: every change audited, stale
forms refused, decisions undone only while nothing went out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import func, select, update

from mailbox_ingest.domain.enums import (
    AuditAction,
    ContractStatus,
    LetterState,
    QueueTab,
    RefusalReason,
)
from mailbox_ingest.review import (
    ConflictError,
    ReviewError,
    accept,
    bulk_accept,
    postpone,
    refuse,
    undo_decision,
)
from mailbox_ingest.review_edits import (
    correct_field,
    mark_letter_posted,
    mark_not_a_contract,
    parse_field,
    set_end_date,
    take_soft_lock,
)
from store.models import AuditEntry, Contract, Letter
from store.queue import QueueFilter, queue
from tests.e2e_helpers import distinct_contract
from tests.web.conftest import World


def _audits(world: World, contract_id: int) -> list[AuditEntry]:
    with world.harness.app.db.session() as s:
        return list(
            s.execute(
                select(AuditEntry)
                .where(AuditEntry.contract_id == contract_id)
                .order_by(AuditEntry.id)
            ).scalars()
        )


def test_correct_field_records_old_and_new(make_world: Callable[..., World]) -> None:
    """A correction sets the column and the stored field, and audits from-what-to-what."""
    world = make_world()
    with world.harness.app.db.session() as s:
        correct_field(s, 1, "rita", "workers", "acht (8)")
        correct_field(s, 1, "rita", "start_date", "02/04/2017")
    with world.harness.app.db.session() as s:
        c = s.get(Contract, 1)
        assert c is not None
        assert (c.workers, c.start_date) == (8, dt.date(2017, 4, 2))
        assert c.fields["workers"]["value"] == 8 and c.fields["workers"]["checked_by"] == "rita"
        assert c.fields["workers"]["evidence"]["page"] == 1  # the evidence stays
    entries = _audits(world, 1)
    assert [
        (e.action, e.details["field"], e.details["old"], e.details["new"]) for e in entries
    ] == [
        ("correct_field", "workers", "6", "8"),
        ("correct_field", "start_date", "2017-03-01", "2017-04-02"),
    ]


@pytest.mark.parametrize(
    ("name", "raw", "problem"),
    [
        ("start_date", "de 40ste", "not a date"),
        ("counterpart_enterprise_number", "0123.456.789", "not a valid enterprise number"),
        ("workers", "veel", "not a number of workers"),
        ("password", "x", "unknown field"),
    ],
)
def test_bad_corrections_are_refused(name: str, raw: str, problem: str) -> None:
    """A value that is not one of the field's kind is refused with the reason."""
    with pytest.raises(ReviewError, match=problem):
        parse_field(name, raw)


def test_stale_version_is_a_conflict_naming_who(make_world: Callable[..., World]) -> None:
    """A form opened before someone else's change is refused, naming that someone."""
    world = make_world()
    with world.harness.app.db.session() as s:
        seen = s.get(Contract, 1)
        assert seen is not None
        version = seen.version
        correct_field(s, 1, "rob", "work_location", "Elders 1, 9000 Gent", expected_version=version)
    with world.harness.app.db.session() as s, pytest.raises(ConflictError) as caught:
        accept(s, 1, "rita", world.settings, expected_version=version)
    assert caught.value.by == "rob"
    with world.harness.app.db.session() as s:
        c = s.get(Contract, 1)
        assert c is not None and c.status == ContractStatus.NEEDS_REVIEW


def test_soft_lock_is_shown_without_changing_the_version(make_world: Callable[..., World]) -> None:
    """Opening a contract marks it for others but never makes their form stale."""
    world = make_world()
    with world.harness.app.db.session() as s:
        before = s.get(Contract, 2)
        assert before is not None
        version = before.version
        assert take_soft_lock(s, 2, "rita", 10) is None
    with world.harness.app.db.session() as s:
        assert take_soft_lock(s, 2, "rob", 10) == "rita"
        after = s.get(Contract, 2)
        assert after is not None and after.version == version and after.locked_by == "rita"
    with world.harness.app.db.session() as s:  # rita's lock expires: rob may take it
        s.execute(
            update(Contract)
            .where(Contract.id == 2)
            .values(locked_until=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1))
        )
    with world.harness.app.db.session() as s:
        assert take_soft_lock(s, 2, "rob", 10) is None
        taken = s.get(Contract, 2)
        assert taken is not None and taken.locked_by == "rob"


def test_postpone_moves_to_its_tab_and_assigns(make_world: Callable[..., World]) -> None:
    """A postponed contract leaves "to review", shows under "postponed" and "assigned to me"."""
    world = make_world()
    with world.harness.app.db.session() as s:
        postpone(s, 3, "rita")
    with world.harness.app.db.session() as s:
        page = queue(s, QueueFilter(tab=QueueTab.POSTPONED, assigned_to="rita"), 50)
        assert [r.contract.id for r in page.rows] == [3]
        assert page.tab_counts[QueueTab.TO_REVIEW] == 2
        assert queue(s, QueueFilter(tab=QueueTab.POSTPONED, assigned_to="rob"), 50).rows == []


def test_bulk_accept_audits_each_contract(make_world: Callable[..., World]) -> None:
    """Accepting three at once writes three letters and three audit entries."""
    world = make_world()
    with world.harness.app.db.session() as s:
        assert bulk_accept(s, [3, 1, 2], "rita", world.settings) == [1, 2, 3]
    with world.harness.app.db.session() as s:
        n = s.execute(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == AuditAction.ACCEPT)
        ).scalar_one()
        ready = s.execute(
            select(func.count()).select_from(Letter).where(Letter.state == LetterState.READY)
        ).scalar_one()
    assert (n, ready) == (3, 3)
    with world.harness.app.db.session() as s, pytest.raises(ReviewError, match="already"):
        bulk_accept(s, [1], "rita", world.settings)


def test_undo_until_the_letter_is_posted(make_world: Callable[..., World]) -> None:
    """A refusal is undone while its letter waits; once posted, undo is refused."""
    world = make_world()
    with world.harness.app.db.session() as s:
        refuse(s, 1, "rita", RefusalReason.NOT_CORE_ACTIVITY, None, world.settings)
    with world.harness.app.db.session() as s:
        undo_decision(s, 1, "rita")
    with world.harness.app.db.session() as s:
        c = s.get(Contract, 1)
        letter = s.execute(select(Letter).where(Letter.contract_id == 1)).scalar_one()
        assert c is not None and c.status == ContractStatus.NEEDS_REVIEW
        assert (letter.state, letter.pdf_sha256) == (LetterState.PENDING, None)
        accept(s, 1, "rita", world.settings)
    with world.harness.app.db.session() as s:
        letter = s.execute(select(Letter).where(Letter.contract_id == 1)).scalar_one()
        mark_letter_posted(s, letter.id, "rita", dt.date(2017, 3, 20))
    with world.harness.app.db.session() as s, pytest.raises(ReviewError, match="posted"):
        undo_decision(s, 1, "rita")
    with world.harness.app.db.session() as s, pytest.raises(ReviewError, match="not ready"):
        mark_letter_posted(s, letter.id, "rita", dt.date(2017, 3, 21))
    assert [e.action for e in _audits(world, 1)] == [
        "refuse",
        "undo_decision",
        "accept",
        "letter_posted",
    ]


def test_end_date_by_hand(make_world: Callable[..., World]) -> None:
    """Staff enter the date a contract ended; one before its start is refused."""
    world = make_world()
    with world.harness.app.db.session() as s:
        set_end_date(s, 2, "rita", dt.date(2018, 6, 30))
    with world.harness.app.db.session() as s, pytest.raises(ReviewError, match="before"):
        set_end_date(s, 2, "rita", dt.date(2016, 1, 1))
    with world.harness.app.db.session() as s:
        c = s.get(Contract, 2)
        assert c is not None and c.terminated_on == dt.date(2018, 6, 30)


def test_not_a_contract_only_for_the_quarantine(make_world: Callable[..., World]) -> None:
    """A processed mail cannot be marked "not a contract": only a quarantined one."""
    world = make_world()
    with world.harness.app.db.session() as s, pytest.raises(ReviewError, match="quarantine"):
        mark_not_a_contract(s, 1, "rita")


def test_queue_filters(make_world: Callable[..., World]) -> None:
    """Workplace, reason and period filters; oldest first; reason counts."""
    world = make_world()
    with world.harness.app.db.session() as s:
        everything = queue(s, QueueFilter(), 2)
        assert (everything.total, everything.pages, len(everything.rows)) == (3, 2, 2)
        assert everything.reason_counts == {"field_unsure": 3, "legacy_decision": 3}
        assert queue(s, QueueFilter(workplace="ploeg"), 50).total == 3
        assert queue(s, QueueFilter(workplace="nobody"), 50).total == 0
        assert queue(s, QueueFilter(reason="same_entity"), 50).total == 0
        assert queue(s, QueueFilter(reason="legacy_decision"), 50).total == 3
        assert queue(s, QueueFilter(received_to=dt.date(2000, 1, 1)), 50).total == 0
        rows = queue(s, QueueFilter(), 50).rows
        assert [r.contract.received_at for r in rows] == sorted(
            r.contract.received_at for r in rows
        )
        assert all(r.no_postal_address for r in rows)  # the test registry has no addresses


def test_undo_refused_once_the_email_is_sent(make_world: Callable[..., World]) -> None:
    """Under maatwerk the acknowledgement went out: the decision can no longer be undone."""
    mail = distinct_contract(
        9,
        date=dt.datetime(2023, 3, 1, 9, tzinfo=dt.UTC),
        received=dt.datetime(2023, 3, 1, 9, 5, tzinfo=dt.UTC),
    )
    world = make_world([mail])
    with world.harness.app.db.session() as s:
        c = s.get(Contract, 1)
        assert c is not None and (c.regime, c.response_state) == ("maatwerk", "sent")
        if c.status == ContractStatus.NEEDS_REVIEW:
            accept(s, 1, "rita", world.settings)
    with world.harness.app.db.session() as s, pytest.raises(ReviewError, match="already sent"):
        undo_decision(s, 1, "rita")
