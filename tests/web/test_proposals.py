"""Termination proposals over HTTP on SQLite and PostgreSQL: the pending list (a store query
with its contract and message), confirm on another date, reject, the audit trail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import select

from store.models import AuditEntry, Contract, TerminationProposal
from tests.web.conftest import REVIEWER, World, login
from tests.web.test_followups import notice_of, proposals_world


def test_confirm_a_proposal_with_another_date_and_reject_one(
    make_world: Callable[..., World],
) -> None:
    """Pending proposals are listed with date, sender and Dutch reason; one is confirmed on
    another day (the contract page shows it), the other rejected; decided ones drop off."""
    world = proposals_world(make_world)
    client = world.client()
    csrf = login(client, REVIEWER)
    page = client.get("/terminations").text
    table = page[page.index('id="termination-proposals"') : page.index("<h2>Meldingen</h2>")]
    assert "01/09/2023" in table and "01/10/2023" in table
    assert "afzender niet geverifieerd" in table and "afzender is geen erkende werkplaats" in table
    assert "jan.peeters1970@gmail.com" in table and "Bakkerij Peeters NV" in table
    with world.harness.app.db.session() as s:
        first, second = (
            s.execute(select(TerminationProposal.id).order_by(TerminationProposal.id))
            .scalars()
            .all()
        )
        contract_id = s.execute(select(Contract.id)).scalar_one()
    bad = client.post(
        f"/terminations/proposals/{first}/confirm", data={"csrf": csrf, "on": "31/08/2023"}
    )
    assert notice_of(bad.headers["location"]).startswith("Niet bevestigd: geen geldige datum")
    done = client.post(
        f"/terminations/proposals/{first}/confirm", data={"csrf": csrf, "on": "2023-08-15"}
    )
    assert (
        notice_of(done.headers["location"])
        == f"Stopzetting bevestigd: contract {contract_id} eindigt op 15/08/2023."
    )
    assert 'value="2023-08-15"' in client.get(f"/contracts/{contract_id}").text
    twice = client.post(f"/terminations/proposals/{first}/confirm", data={"csrf": csrf})
    assert "not pending" in notice_of(twice.headers["location"])
    rejected = client.post(f"/terminations/proposals/{second}/reject", data={"csrf": csrf})
    assert (
        notice_of(rejected.headers["location"])
        == f"Voorstel {second} afgewezen; het contract blijft lopen."
    )
    assert "Geen voorstellen." in client.get("/terminations").text
    unknown = client.post("/terminations/proposals/99/reject", data={"csrf": csrf})
    assert notice_of(unknown.headers["location"]) == "Niet afgewezen: no termination proposal 99"
    with world.harness.app.db.session() as s:
        ended = s.execute(select(Contract.terminated_on)).scalar_one()
        assert ended == dt.date(2023, 8, 15)
        audit = s.execute(
            select(AuditEntry.actor, AuditEntry.action).where(
                AuditEntry.action.like("%termination")
            )
        ).all()
    assert [tuple(a) for a in audit] == [
        ("rita", "confirm_termination"),
        ("rita", "reject_termination"),
    ]
