"""Report benchmark: the yearly report in every format against the bare SQL aggregate.

Run from the repository root: ``python bench/report.py [--n 20000] [--db sqlite|postgresql]
[--year 2019] [--repeat 3]``. It fills a fresh store with N contracts received over the ten
years 2015-2024 (statuses, counterpart kinds, terminations, duplicates, work locations with
and without a postcode, drawn from a fixed seed) and times, for one year:

1. baseline: one bare SQL aggregate, new contracts of the year counted per counterpart kind;
2. build: every aggregate query of the report into the typed report object;
3. json, md: build plus rendering; xlsx, pdf: build, plot and rendering.

Each figure is the median of `--repeat` warm runs (the first, cold run is printed apart) and
its ratio to the baseline. Targets: json and md under 1 s, xlsx and pdf under 5 s; the exit
code is 1 when one is missed. Results also go to `bench/out/report.json`.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make the repository importable
    sys.path.insert(0, str(ROOT))

from sqlalchemy import func, insert, select  # noqa: E402

from mailbox_ingest import reports  # noqa: E402
from mailbox_ingest.config import RegimeSettings  # noqa: E402
from store.db import Database  # noqa: E402
from store.models import Contract, Message  # noqa: E402
from testkit.servers.postgres import temporary_database  # noqa: E402

TARGETS = {"json": 1.0, "md": 1.0, "xlsx": 5.0, "pdf": 5.0}
KINDS = [
    ("regular_company", 80),
    ("maatwerkbedrijf", 6),
    ("beschutte_werkplaats", 5),
    ("sociale_werkplaats", 3),
    ("flemish_government", 2),
    ("other_public", 2),
    ("nonprofit", 1),
    ("unknown", 1),
]
PLACES = [
    "9000 Gent",
    "2000 Antwerpen",
    "2070 Zwijndrecht",
    "3500 Hasselt",
    "8000 Brugge",
    "3000 Leuven",
    "1000 Brussel",
    "4000 Liège",
    "9300 Aalst",
    "2800 Mechelen",
    None,
]
REASONS = ["not_core_activity", "no_permanent_supervision", "late_notification", "other"]


def fill(db: Database, n: int, seed: int = 20170101) -> None:
    """N contracts over 2015-2024, one message each, 3 % of them under a duplicate message."""
    rng = random.Random(seed)
    start = dt.datetime(2015, 1, 1, tzinfo=dt.UTC)
    span = (dt.datetime(2025, 1, 1, tzinfo=dt.UTC) - start).total_seconds()
    kinds, weights = zip(*KINDS, strict=True)
    messages, contracts = [], []
    for i in range(1, n + 1):
        received = start + dt.timedelta(seconds=rng.random() * span)
        status = rng.choices(["accepted", "needs_review", "rejected"], [85, 10, 5])[0]
        begin = received.date() + dt.timedelta(days=rng.randint(1, 60))
        indefinite = rng.random() < 0.5
        end = None if indefinite else begin + dt.timedelta(days=rng.randint(30, 900))
        terminated = (
            begin + dt.timedelta(days=rng.randint(30, 1500))
            if indefinite and rng.random() < 0.3
            else None
        )
        messages.append(
            {
                "id": i,
                "account": "bench",
                "folder": "INBOX",
                "uidvalidity": 1,
                "uid": str(i),
                "received_at": received,
                "state": "done",
                "classification": "duplicate" if rng.random() < 0.03 else "contract",
            }
        )
        company = rng.randint(1, 600)
        place = rng.choice(PLACES)
        contracts.append(
            {
                "message_id": i,
                "received_at": received,
                "status": status,
                "workplace_name": f"Werkplaats {rng.randint(1, 60)}",
                "workplace_enterprise_number": None,
                "workplace_kind": "maatwerkbedrijf",
                "counterpart_name": f"Bedrijf {company} NV",
                "counterpart_enterprise_number": f"0{company:03d}.000.000",
                "counterpart_kind": rng.choices(kinds, weights)[0],
                "work_location": f"Straat {rng.randint(1, 99)}, {place}" if place else None,
                "nature_of_work": rng.choice(["Verpakken", "Schoonmaak", "Montage", "Logistiek"]),
                "workers": rng.randint(1, 12),
                "start_date": begin,
                "end_date": end,
                "indefinite_duration": indefinite,
                "terminated_on": terminated,
                "regime": "maatwerk" if received.year >= 2019 else "legacy",
                "response_kind": "letter",
                "response_state": "pending",
                "rejection_reason": rng.choice(REASONS) if status == "rejected" else None,
            }
        )
    with db.session() as s:
        for chunk in range(0, n, 2000):
            s.execute(insert(Message), messages[chunk : chunk + 2000])
            s.execute(insert(Contract), contracts[chunk : chunk + 2000])


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """(cold run, median of `repeat` warm runs) in seconds."""
    t0 = time.perf_counter()
    fn()
    cold = time.perf_counter() - t0
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return cold, statistics.median(runs)


@contextlib.contextmanager
def database(kind: str) -> Iterator[Database]:
    """A fresh migrated store on SQLite (temp folder) or PostgreSQL (throwaway database)."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
            db = Database(f"sqlite:///{tmp}/store.sqlite3")
            yield db
            db.dispose()
    else:
        with temporary_database(prefix="mi_bench") as url:
            db = Database(url)
            yield db
            db.dispose()


def run(db: Database, year: int, repeat: int) -> dict[str, tuple[float, float]]:
    """Time the baseline and every format for one year."""
    regimes = RegimeSettings()
    lo = dt.datetime(year - 1, 12, 31, 23, tzinfo=dt.UTC)
    hi = dt.datetime(year, 12, 31, 23, tzinfo=dt.UTC)

    def baseline() -> Any:
        with db.session() as s:
            return s.execute(
                select(Contract.counterpart_kind, func.count())
                .where(Contract.received_at >= lo, Contract.received_at < hi)
                .group_by(Contract.counterpart_kind)
            ).all()

    def build() -> reports.YearReport:
        with db.session() as s:
            return reports.build_report(s, year, regimes)

    return {
        "baseline": timed(baseline, repeat),
        "build": timed(build, repeat),
        "json": timed(lambda: reports.to_json(build()), repeat),
        "md": timed(lambda: reports.render_markdown(build()), repeat),
        "xlsx": timed(lambda: (r := build(), reports.render_xlsx(r, reports.plot_png(r))), repeat),
        "pdf": timed(lambda: (r := build(), reports.render_pdf(r, reports.plot_png(r))), repeat),
    }


def main() -> int:
    """Fill, time, print the table, write the JSON; 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--year", type=int, default=2019)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with database(args.db) as db:
        t0 = time.perf_counter()
        fill(db, args.n)
        fill_s = time.perf_counter() - t0
        with db.session() as s:
            report = reports.build_report(s, args.year, RegimeSettings())
        results = run(db, args.year, args.repeat)
    base = results["baseline"][1]
    print(
        f"{args.n} contracts on {args.db} (filled in {fill_s:.1f} s); report {args.year}: "
        f"{report.new_contracts.total} new, {len(report.regular_companies)} companies in "
        f"the annex, {len(report.per_month)} months"
    )
    print(f"{'step':<9}{'cold s':>9}{'warm s':>9}{'x baseline':>12}  target")
    failed = False
    for name, (cold, warm) in results.items():
        target = TARGETS.get(name)
        verdict = "" if target is None else ("ok" if warm < target else "MISSED")
        failed |= verdict == "MISSED"
        print(
            f"{name:<9}{cold:>9.3f}{warm:>9.3f}{warm / base:>12.0f}  "
            f"{'' if target is None else f'< {target:.0f} s '}{verdict}"
        )
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(
        json.dumps(
            {
                "n": args.n,
                "db": args.db,
                "year": args.year,
                "fill_s": fill_s,
                "seconds": {
                    k: {"cold": c, "warm": w, "ratio": w / base} for k, (c, w) in results.items()
                },
            },
            indent=2,
        )
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
