"""A known set of contracts for the report tests, stored through the store's own models.

Every figure the tests expect is worked out by hand from this list (see the comments). UTC
instants are chosen around the Brussels calendar: 23:30 UTC on 31 December is already the
next year in Brussels; 2016-02-07 22:59 UTC is the last maatwerk minute before the suspension.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from sqlalchemy.orm import Session

from store.models import Contract, Message

A = ("Werkplaats A", "0400.000.101")
B = ("Werkplaats B", "0400.000.202")
C = ("Werkplaats C", "0400.000.303")


def utc(*parts: int) -> dt.datetime:
    """An aware UTC instant."""
    return dt.datetime(*parts, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Row:
    """One contract to store (or, with `duplicate`, a contract under a duplicate message)."""

    key: str
    received: dt.datetime
    status: str
    kind: str
    counterpart: str
    number: str | None
    workplace: tuple[str, str]
    workers: int | None
    start: dt.date | None
    end: dt.date | None = None
    indefinite: bool = False
    location: str | None = None
    nature: str | None = None
    regime: str = "legacy"
    terminated: dt.date | None = None
    reason: str | None = None
    duplicate: bool = False


D = dt.date
ROWS = [
    # --- received in 2017 (Brussels), counted ---
    Row(
        "C1",
        utc(2017, 1, 10, 9),
        "accepted",
        "regular_company",
        "Alfa NV",
        "0411.111.111",
        A,
        5,
        D(2017, 2, 1),
        D(2017, 12, 31),
        location="Industrieweg 1, 9000 Gent",
        nature="Verpakken",
    ),
    Row(
        "C2",
        utc(2017, 3, 15, 10),
        "needs_review",
        "regular_company",
        "Alfa NV",
        "0411.111.111",
        B,
        3,
        D(2017, 4, 1),
        indefinite=True,
        location="Kaai 2, 2000 Antwerpen",
        nature="Schoonmaak",
        terminated=D(2017, 9, 30),
    ),
    Row(
        "C3",
        utc(2017, 5, 2, 8),
        "accepted",
        "regular_company",
        "Beta BV",
        "0422.222.222",
        A,
        4,
        D(2017, 6, 1),
        indefinite=True,
        location="Markt 3, 2070 Zwijndrecht",
        nature="Montage",
    ),
    Row(
        "C4",
        utc(2017, 6, 20, 12),
        "accepted",
        "maatwerkbedrijf",
        "Gamma MWB",
        "0433.333.333",
        B,
        2,
        D(2017, 7, 1),
        D(2018, 6, 30),
        location="Rue Neuve 5, 1000 Bruxelles",
        nature="Groenonderhoud",
    ),
    Row(
        "C5",
        utc(2017, 7, 7, 7),
        "accepted",
        "beschutte_werkplaats",
        "Delta BW",
        "0444.444.444",
        A,
        6,
        D(2017, 8, 1),
        nature="Sorteren",
    ),
    Row(
        "C6",
        utc(2017, 8, 8, 8),
        "needs_review",
        "flemish_government",
        "Agentschap Wegen en Verkeer",
        "0455.555.555",
        B,
        1,
        D(2017, 9, 1),
        D(2017, 11, 30),
        location="Koningin Maria Hendrikaplein 70, 9000 Gent",
        nature="Archivering",
    ),
    Row(
        "C7",
        utc(2017, 12, 31, 22, 30),
        "accepted",
        "sociale_werkplaats",
        "Epsilon SW",
        "0466.666.666",
        C,
        None,
        D(2018, 1, 15),
        indefinite=True,
        location="Hasselt",
        nature="Catering",
    ),
    Row(
        "C9",
        utc(2016, 12, 31, 23, 30),
        "accepted",
        "regular_company",
        "Eta CV",
        "0477.777.777",
        A,
        2,
        D(2016, 12, 1),
        D(2018, 12, 31),
        location="Stationsstraat 1, 3000 Leuven",
        nature="Logistiek",
    ),
    # --- 23:30 UTC on 31 December 2017 is 2018 in Brussels ---
    Row(
        "C8",
        utc(2017, 12, 31, 23, 30),
        "accepted",
        "regular_company",
        "Zeta NV",
        "0488.888.888",
        C,
        10,
        D(2018, 2, 1),
        indefinite=True,
        location="3500 Hasselt",
        nature="Inpak",
    ),
    # --- refused: only in the refusal section, never active ---
    Row(
        "R1",
        utc(2017, 4, 4, 9),
        "rejected",
        "regular_company",
        "Theta NV",
        "0499.999.999",
        A,
        2,
        D(2017, 5, 1),
        indefinite=True,
        reason="not_core_activity",
    ),
    Row(
        "R2",
        utc(2017, 10, 10, 9),
        "rejected",
        "regular_company",
        "Kappa NV",
        None,
        B,
        3,
        D(2017, 5, 1),
        indefinite=True,
        reason="late_notification",
    ),
    Row(
        "R3",
        utc(2017, 11, 11, 9),
        "rejected",
        "nonprofit",
        "Lambda vzw",
        None,
        C,
        1,
        D(2017, 5, 1),
        indefinite=True,
        reason="not_core_activity",
    ),
    Row(
        "R4",
        utc(2018, 1, 5, 9),
        "rejected",
        "regular_company",
        "Mu NV",
        None,
        C,
        1,
        D(2018, 2, 1),
        indefinite=True,
        reason="other",
    ),
    # --- a contract under a message classified duplicate: never counted ---
    Row(
        "D2",
        utc(2017, 5, 5, 9),
        "accepted",
        "regular_company",
        "Alfa NV",
        "0411.111.111",
        A,
        5,
        D(2017, 5, 1),
        indefinite=True,
        location="9000 Gent",
        duplicate=True,
    ),
    # --- older contracts, for the active count and the regime boundary ---
    Row(
        "O1",
        utc(2015, 6, 10, 9),
        "accepted",
        "regular_company",
        "Iota NV",
        None,
        A,
        3,
        D(2015, 7, 1),
        indefinite=True,
        location="8000 Brugge",
        regime="maatwerk",
    ),
    Row(
        "O2",
        utc(2015, 9, 1, 9),
        "accepted",
        "regular_company",
        "Iota NV",
        None,
        B,
        3,
        D(2015, 10, 1),
        indefinite=True,
        regime="maatwerk",
        terminated=D(2016, 12, 31),
    ),
    Row(
        "O3",
        utc(2016, 2, 7, 22, 59),
        "accepted",
        "regular_company",
        "Nu NV",
        None,
        A,
        2,
        D(2016, 3, 1),
        D(2017, 12, 31),
        regime="maatwerk",
    ),
    Row(
        "O4",
        utc(2016, 2, 7, 23, 0),
        "accepted",
        "regular_company",
        "Xi NV",
        None,
        B,
        2,
        D(2016, 3, 1),
        D(2017, 12, 30),
    ),
    Row(
        "O5",
        utc(2016, 5, 5, 9),
        "rejected",
        "regular_company",
        "Omikron NV",
        None,
        B,
        2,
        D(2016, 1, 1),
        indefinite=True,
        reason="no_written_agreement",
    ),
    # --- postcode 2070 before and after the 2025 merger ---
    Row(
        "P1",
        utc(2024, 6, 1, 9),
        "accepted",
        "regular_company",
        "Pi NV",
        None,
        A,
        2,
        D(2024, 7, 1),
        indefinite=True,
        location="Kerkstraat 1, 2070 Burcht",
        regime="maatwerk",
    ),
    Row(
        "P3",
        utc(2024, 12, 31, 23, 30),
        "accepted",
        "regular_company",
        "Rho NV",
        None,
        A,
        2,
        D(2025, 2, 1),
        indefinite=True,
        location="2070 Zwijndrecht",
        regime="maatwerk",
    ),
    Row(
        "P2",
        utc(2025, 3, 1, 9),
        "accepted",
        "regular_company",
        "Sigma NV",
        None,
        B,
        2,
        D(2025, 4, 1),
        indefinite=True,
        location="Industrieweg 12, 2070 Zwijndrecht",
        regime="maatwerk",
    ),
]


def store_rows(session: Session, rows: list[Row] = ROWS) -> None:
    """One message per contract, classified `contract` (or `duplicate`), and the contract."""
    uids = itertools.count(1)
    for row in rows:
        message = Message(
            account="reports",
            folder="INBOX",
            uidvalidity=1,
            uid=str(next(uids)),
            received_at=row.received,
            message_id=f"<{row.key}@test>",
            state="done",
            classification="duplicate" if row.duplicate else "contract",
        )
        session.add(message)
        session.flush()
        session.add(
            Contract(
                message_id=message.id,
                workplace_name=row.workplace[0],
                workplace_enterprise_number=row.workplace[1],
                workplace_kind="beschutte_werkplaats",
                counterpart_name=row.counterpart,
                counterpart_enterprise_number=row.number,
                counterpart_kind=row.kind,
                work_location=row.location,
                nature_of_work=row.nature,
                workers=row.workers,
                start_date=row.start,
                end_date=row.end,
                indefinite_duration=row.indefinite,
                received_at=row.received,
                regime=row.regime,
                response_kind="letter",
                response_state="pending",
                status=row.status,
                rejection_reason=row.reason,
                terminated_on=row.terminated,
            )
        )
    # A duplicate mail as the pipeline stores it: the message, no contract row.
    session.add(
        Message(
            account="reports",
            folder="INBOX",
            uidvalidity=1,
            uid=str(next(uids)),
            received_at=utc(2017, 2, 2, 9),
            message_id="<dup@test>",
            state="done",
            classification="duplicate",
        )
    )
