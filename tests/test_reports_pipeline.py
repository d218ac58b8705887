"""The report over contracts that came in through the real pipeline (duplicates, new year)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from mailbox_ingest.config import Settings
from mailbox_ingest.reports import build_report, to_dict
from samples.corpus import mails
from tests.pipeline_helpers import Harness, harness, write_registry

MARCH = dt.datetime(2023, 3, 1, 9, 0, tzinfo=dt.UTC)
NEW_YEAR_EVE = dt.datetime(2023, 12, 31, 23, 30, tzinfo=dt.UTC)  # 00:30 on 1/1/2024 in Brussels


@pytest.fixture
def h(make_settings: Callable[..., Settings], tmp_path: Path) -> Iterator[Harness]:
    """A Maildir pipeline with the default registry, on SQLite and PostgreSQL."""
    out = harness(make_settings(), write_registry(tmp_path / "registry.csv"))
    yield out
    out.app.close()


def contract(counterpart: str, when: dt.datetime, message_id: str, pdf: bytes) -> bytes:
    """A contract mail from De Ploeg carrying `pdf`."""
    return mails.contract_mail(
        date=when,
        received=when,
        message_id=message_id,
        attachments=[("contract.pdf", pdf, "application/pdf")],
    )


def test_duplicates_and_new_year_through_the_pipeline(h: Harness) -> None:
    """A contract sent twice counts once; a mail at 23:30 UTC on 31/12 counts next year."""
    peeters = mails.unique_pdf("Bakkerij Peeters NV")
    h.deliver(contract("Bakkerij Peeters NV", MARCH, "<a@deploeg.be>", peeters))
    h.deliver(contract("Bakkerij Peeters NV", MARCH.replace(day=2), "<b@deploeg.be>", peeters))
    h.deliver(contract("Jacobs NV", NEW_YEAR_EVE, "<c@deploeg.be>", mails.unique_pdf("Jacobs NV")))
    h.poll()
    assert sorted(m["classification"] for m in h.messages()) == [
        "contract",
        "contract",
        "duplicate",
    ]
    with h.app.db.session() as s:
        y2023 = to_dict(build_report(s, 2023, h.settings.regimes))
        y2024 = to_dict(build_report(s, 2024, h.settings.regimes))
    assert y2023["new_contracts"]["total"] == 1
    assert y2023["new_contracts"]["by_counterpart_kind"]["regular_company"] == 1
    assert [c["name"] for c in y2023["regular_companies"]] == ["Bakkerij Peeters NV"]
    assert y2023["new_contracts"]["by_regime"] == {"maatwerk": 1, "legacy": 0}
    assert y2024["new_contracts"]["total"] == 1
    months = {m["month"]: m["count"] for m in y2024["per_month"]}
    assert months == {f"2023-{m:02d}": int(m == 3) for m in range(3, 13)} | {"2024-01": 1}
