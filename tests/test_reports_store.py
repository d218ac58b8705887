"""The yearly report's figures, on SQLite and PostgreSQL, against values worked out by hand."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from mailbox_ingest.config import RegimeSettings
from mailbox_ingest.reports import build_report, to_dict
from store.db import Database
from tests.report_data import store_rows

NOW = dt.datetime(2026, 1, 15, 8, 0, tzinfo=dt.UTC)
KINDS0 = {
    k: 0
    for k in (
        "regular_company",
        "maatwerkbedrijf",
        "beschutte_werkplaats",
        "sociale_werkplaats",
        "flemish_government",
        "other_public",
        "nonprofit",
        "unknown",
    )
}
PROV0 = {
    k: 0
    for k in (
        "antwerpen",
        "limburg",
        "oost_vlaanderen",
        "vlaams_brabant",
        "west_vlaanderen",
        "brussels",
        "brabant_wallon",
        "hainaut",
        "liege",
        "luxembourg",
        "namur",
        "unknown",
    )
}
REASONS0 = {
    k: 0
    for k in (
        "not_core_activity",
        "no_permanent_supervision",
        "sender_not_workplace",
        "same_legal_entity",
        "no_written_agreement",
        "late_notification",
        "other",
    )
}


@pytest.fixture
def loaded(database: Database) -> Database:
    """The known contracts of `tests.report_data` in a fresh store."""
    with database.session() as s:
        store_rows(s)
    return database


def report(db: Database, year: int, active_on: dt.date | None = None) -> dict[str, Any]:
    """The report for a year as JSON-ready data."""
    with db.session() as s:
        return to_dict(build_report(s, year, RegimeSettings(), active_on=active_on, now=NOW))


def test_new_contracts_2017(loaded: Database) -> None:
    """C1-C7 and C9 (received 2017-01-01 00:30 Brussels) count; C8, refusals, D2 do not."""
    new = report(loaded, 2017)["new_contracts"]
    assert new == {
        "total": 8,
        "by_counterpart_kind": KINDS0
        | {
            "regular_company": 4,
            "maatwerkbedrijf": 1,
            "beschutte_werkplaats": 1,
            "sociale_werkplaats": 1,
            "flemish_government": 1,
        },
        "workers": {"sum": 23, "mean": 3.29},  # 5+3+4+2+6+1+2 over the 7 that state one
        "fixed_term": 4,  # C1, C4, C6, C9; C5 states neither
        "indefinite": 3,  # C2, C3, C7
        "by_regime": {"maatwerk": 0, "legacy": 8},
        "by_workplace": [
            {"name": "Werkplaats A", "enterprise_number": "0400.000.101", "count": 4},
            {"name": "Werkplaats B", "enterprise_number": "0400.000.202", "count": 3},
            {"name": "Werkplaats C", "enterprise_number": "0400.000.303", "count": 1},
        ],
    }


def test_annex_partners_and_refusals_2017(loaded: Database) -> None:
    """The annex groups per company; partner sections list names; refusals by every reason."""
    r = report(loaded, 2017)
    assert r["regular_companies"] == [
        {
            "name": "Alfa NV",
            "enterprise_number": "0411.111.111",
            "contracts": [
                {
                    "workplace": "Werkplaats A",
                    "start_date": "2017-02-01",
                    "workers": 5,
                    "nature_of_work": "Verpakken",
                },
                {
                    "workplace": "Werkplaats B",
                    "start_date": "2017-04-01",
                    "workers": 3,
                    "nature_of_work": "Schoonmaak",
                },
            ],
        },
        {
            "name": "Beta BV",
            "enterprise_number": "0422.222.222",
            "contracts": [
                {
                    "workplace": "Werkplaats A",
                    "start_date": "2017-06-01",
                    "workers": 4,
                    "nature_of_work": "Montage",
                }
            ],
        },
        {
            "name": "Eta CV",
            "enterprise_number": "0477.777.777",
            "contracts": [
                {
                    "workplace": "Werkplaats A",
                    "start_date": "2016-12-01",
                    "workers": 2,
                    "nature_of_work": "Logistiek",
                }
            ],
        },
    ]
    assert r["with_workplaces"]["total"] == 3
    assert [
        (c["counterpart"], c["counterpart_kind"]) for c in r["with_workplaces"]["contracts"]
    ] == [
        ("Delta BW", "beschutte_werkplaats"),
        ("Epsilon SW", "sociale_werkplaats"),
        ("Gamma MWB", "maatwerkbedrijf"),
    ]
    assert r["flemish_government"] == {
        "total": 1,
        "contracts": [
            {
                "counterpart": "Agentschap Wegen en Verkeer",
                "counterpart_kind": "flemish_government",
                "enterprise_number": "0455.555.555",
                "workplace": "Werkplaats B",
                "nature_of_work": "Archivering",
            }
        ],
    }
    assert r["refused"] == {
        "total": 3,
        "by_reason": REASONS0 | {"not_core_activity": 2, "late_notification": 1},
    }


def test_by_province_2017(loaded: Database) -> None:
    """Postcodes map to provinces; 2070 is Antwerpen before 2025; no postcode is unknown."""
    assert report(loaded, 2017)["by_province"] == PROV0 | {
        "oost_vlaanderen": 2,
        "antwerpen": 2,
        "brussels": 1,
        "vlaams_brabant": 1,
        "unknown": 2,
    }


def test_postcode_2070_before_and_after_the_merger(loaded: Database) -> None:
    """P1 (2024) is Antwerpen; P3 (23:30 UTC on 31/12/2024) and P2 are Oost-Vlaanderen in 2025."""
    assert report(loaded, 2024)["by_province"] == PROV0 | {"antwerpen": 1}
    r2025 = report(loaded, 2025)
    assert r2025["by_province"] == PROV0 | {"oost_vlaanderen": 2}
    assert r2025["new_contracts"]["total"] == 2


def test_active_on_year_end(loaded: Database) -> None:
    """31/12/2017: C1, C3, C4, C5, C9, O1, O3 run; C2 and O2 were ended by termination."""
    assert report(loaded, 2017)["active"] == {
        "on": "2017-12-31",
        "total": 7,
        "without_known_end": 3,
        "ended_by_termination": 2,
    }


@pytest.mark.parametrize(
    ("day", "total", "open_ended", "terminated"),
    [
        (dt.date(2017, 6, 30), 7, 2, 1),  # C1 C2 C3 C9 O1 O3 O4; open: C3 O1; cut: O2
        # C1-C6 C9 O1 O3 O4: C2 still runs on its termination day; open: C3 C5 O1
        (dt.date(2017, 9, 30), 10, 3, 1),
        (dt.date(2017, 10, 1), 9, 3, 2),  # the day after, C2 is cut
        (dt.date(2015, 6, 30), 0, 0, 0),  # before every start
    ],
)
def test_active_on_other_days(
    loaded: Database, day: dt.date, total: int, open_ended: int, terminated: int
) -> None:
    """--active-on: start, end and termination dates are all inclusive days."""
    active = report(loaded, 2017, active_on=day)["active"]
    assert active == {
        "on": day.isoformat(),
        "total": total,
        "without_known_end": open_ended,
        "ended_by_termination": terminated,
    }


def test_regime_boundary_and_new_year(loaded: Database) -> None:
    """2016: O3 (22:59 UTC on 7/2) is maatwerk, O4 (23:00 UTC) legacy; 2018 has C8 and R4."""
    r2016 = report(loaded, 2016)
    assert r2016["new_contracts"]["total"] == 2
    assert r2016["new_contracts"]["by_regime"] == {"maatwerk": 1, "legacy": 1}
    assert r2016["refused"]["by_reason"]["no_written_agreement"] == 1
    r2018 = report(loaded, 2018)
    assert r2018["new_contracts"]["total"] == 1
    assert r2018["by_province"]["limburg"] == 1
    assert r2018["refused"] == {"total": 1, "by_reason": REASONS0 | {"other": 1}}


def test_per_month_covers_every_month_with_its_regime(loaded: Database) -> None:
    """June 2015 to March 2025 is 118 months; counts by Brussels month; regime of most days."""
    months = {m["month"]: m for m in report(loaded, 2017)["per_month"]}
    assert len(months) == 118
    assert next(iter(months)) == "2015-06" and list(months)[-1] == "2025-03"
    assert sum(m["count"] for m in months.values()) == 16  # C1-C9, O1-O4, P1-P3
    assert months["2017-01"]["count"] == 2  # C1 and C9 (00:30 on 1 January)
    assert months["2017-12"]["count"] == 1  # C7; C8 is January 2018
    assert months["2018-01"]["count"] == 1  # C8; R4 is refused
    assert months["2016-02"] == {"month": "2016-02", "count": 2, "regime": "legacy"}
    assert months["2015-06"]["regime"] == "maatwerk"
    assert months["2017-06"] == {"month": "2017-06", "count": 1, "regime": "legacy"}
    assert months["2019-01"] == {"month": "2019-01", "count": 0, "regime": "maatwerk"}
    assert months["2025-01"]["count"] == 1  # P3


def test_empty_store(database: Database) -> None:
    """No contracts: every figure is zero, every kind and province still listed, no months."""
    r = report(database, 2017)
    assert r["new_contracts"]["total"] == 0
    assert r["new_contracts"]["workers"] == {"sum": 0, "mean": None}
    assert r["new_contracts"]["by_counterpart_kind"] == KINDS0
    assert r["by_province"] == PROV0
    assert r["per_month"] == []
    assert r["active"]["total"] == 0
