"""Web UI benchmark: server time of the review pages over a store of 10,000 contracts.

Run from the repository root: ``python bench/web.py [--contracts 10000] [--db sqlite|postgresql]
[--samples 200]``. It fills a fresh database with N contracts (each with all eleven fields and
their evidence boxes, as the pipeline stores them) over `--documents` distinct text PDFs, then
times requests through the app in-process (ASGI, no network, so the figure is server time):

* baseline: a static file (`/static/app.js`) served by the same app;
* queue: the first page of "to review", and a filtered one (workplace, regime, reason), with
  the counts as usually served (cached for a few seconds) and recounted on every request;
* contract: a contract page (fields, evidence, audit, soft lock, page size from the cache);
* page image cold: the first request for a page (rendered in the child process);
* page image cached: the same page again.

Targets (issue 9): queue and contract page p95 < 100 ms, cached image < 20 ms, cold < 400 ms.
Figures are printed and written as JSON to bench/out/web.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make the repository importable
    sys.path.insert(0, str(ROOT))

from fastapi.testclient import TestClient  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from mailbox_ingest.accounts import save_user  # noqa: E402
from mailbox_ingest.config import settings_from_dict  # noqa: E402
from mailbox_ingest.domain.enums import UserRole  # noqa: E402
from mailbox_ingest.web.app import create_app  # noqa: E402
from store.db import Database, put_blob  # noqa: E402
from store.models import Attachment, Contract, Message, Organisation  # noqa: E402

LABELS = [
    ("workplace_name", "Werkplaats", "De Ploeg vzw"),
    ("workplace_enterprise_number", "Ondernemingsnummer", "0456.789.034"),
    ("counterpart_name", "Opdrachtgever", "Klant {n} NV"),
    ("counterpart_enterprise_number", "Ondernemingsnummer", "0123.456.749"),
    ("work_location", "Plaats", "Industrieweg 12, 9000 Gent"),
    ("nature_of_work", "Aard", "verpakken van broodproducten"),
    ("workers", "Aantal doelgroepwerknemers", "6"),
    ("start_date", "Begindatum", "01/03/2017"),
]


def document(n: int) -> tuple[bytes, dict[str, Any]]:
    """A one-page contract PDF and the stored fields with evidence boxes (top-left origin)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    fields: dict[str, Any] = {}
    height = A4[1]
    for i, (name, label, value) in enumerate(LABELS):
        text = value.format(n=n)
        y = 780 - 22 * i
        pdf.drawString(72, y, f"{label}: {text}")
        x0 = 72 + pdf.stringWidth(f"{label}: ", "Helvetica", 12)
        x1 = x0 + pdf.stringWidth(text, "Helvetica", 12)
        fields[name] = {
            "value": text,
            "confidence": 0.7 if i % 3 == 0 else 0.98,
            "evidence": {"page": 1, "box": [x0, height - y - 10, x1, height - y + 2], "text": text},
        }
    pdf.showPage()
    pdf.save()
    return buffer.getvalue(), fields


def fill(db: Database, contracts: int, documents: int) -> list[int]:
    """N contracts over `documents` messages with one PDF each; returns the attachment ids."""
    rng = random.Random(9)
    attachment_ids = []
    with db.session() as s:
        org = Organisation(
            name="De Ploeg vzw",
            enterprise_number="0456.789.034",
            kind="maatwerkbedrijf",
            email_domains=["deploeg.be"],
        )
        s.add(org)
        s.flush()
        docs = []
        for n in range(documents):
            data, fields = document(n)
            msg = Message(
                account="bench",
                folder="INBOX",
                uidvalidity=1,
                uid=str(n),
                received_at=dt.datetime(2017, 3, 1, tzinfo=dt.UTC),
                state="done",
                classification="contract",
                subject=f"Contract {n}",
                from_addr="secretariaat@deploeg.be",
                raw_sha256=put_blob(s, data),
            )
            s.add(msg)
            s.flush()
            att = Attachment(
                message_id=msg.id,
                filename=f"contract-{n}.pdf",
                media_type="application/pdf",
                sha256=put_blob(s, data),
                size=len(data),
                pages=1,
                outcome="read",
            )
            s.add(att)
            s.flush()
            attachment_ids.append(att.id)
            docs.append((msg.id, att.id, fields))
        rows = []
        for i in range(contracts):
            msg_id, att_id, fields = docs[i % documents]
            start = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(1500))
            rows.append(
                {
                    "message_id": msg_id,
                    "attachment_id": att_id,
                    "index_in_document": 0,
                    "workplace_name": "De Ploeg vzw" if i % 4 else f"Werkplaats {i % 97}",
                    "workplace_enterprise_number": "0456.789.034",
                    "workplace_kind": "maatwerkbedrijf",
                    "workplace_org_id": org.id if i % 4 else None,
                    "counterpart_name": f"Klant {i} NV",
                    "counterpart_kind": "regular_company",
                    "work_location": "Industrieweg 12, 9000 Gent",
                    "nature_of_work": "verpakken van broodproducten",
                    "workers": 6,
                    "start_date": start,
                    "indefinite_duration": True,
                    "received_at": dt.datetime.combine(start, dt.time(9), dt.UTC)
                    - dt.timedelta(days=10),
                    "regime": "legacy" if i % 2 else "maatwerk",
                    "response_kind": "letter" if i % 2 else "email_acknowledgement",
                    "response_state": "pending",
                    "status": rng.choice(["needs_review", "needs_review", "accepted", "rejected"]),
                    "review_reasons": rng.sample(
                        [
                            "field_unsure",
                            "legacy_decision",
                            "bad_check_digits",
                            "late_notification",
                        ],
                        2,
                    ),
                    "confidence": 0.7,
                    "fields": {**fields, "_notes": []},
                    "version": 1,
                }
            )
        for chunk in range(0, len(rows), 2000):
            s.execute(insert(Contract), rows[chunk : chunk + 2000])
        save_user(s, "bench", UserRole.REVIEWER, "bench-wachtwoord", "bench")
    return attachment_ids


def timed(fn: Callable[[], Any], samples: int) -> list[float]:
    """Milliseconds of each of `samples` calls."""
    out = []
    for _ in range(samples):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def summary(values: list[float]) -> dict[str, float]:
    """p50, p95 and max in ms."""
    ordered = sorted(values)
    return {
        "n": len(values),
        "p50_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 2),
        "max_ms": round(ordered[-1], 2),
    }


@contextmanager
def database(kind: str, folder: Path) -> Iterator[str]:
    """A fresh database URL (SQLite in the folder, or a throwaway PostgreSQL database)."""
    if kind == "sqlite":
        yield f"sqlite:///{folder}/bench.sqlite3"
        return
    from testkit.servers.postgres import temporary_database

    with temporary_database(prefix="mi_bench_web") as url:
        yield url


def ok(response: Any) -> None:
    """Fail loudly on a non-200 answer (a benchmark of error pages measures nothing)."""
    if response.status_code != 200:
        raise SystemExit(f"{response.request.url}: HTTP {response.status_code}")


def main(argv: list[str] | None = None) -> int:
    """Fill, measure, print, write JSON; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contracts", type=int, default=10_000)
    parser.add_argument("--documents", type=int, default=60)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-web-"))
    try:
        with database(args.db, work) as url:
            settings = settings_from_dict(
                {"database": {"url": url}, "web": {"image_cache_dir": str(work / "cache")}}
            )
            db = Database(url)
            started = time.perf_counter()
            attachments = fill(db, args.contracts, args.documents)
            fill_s = time.perf_counter() - started
            app = create_app(settings, db)
            ctx = app.state.ctx
            ctx.renderer.warm_up()
            client = TestClient(app)
            login = client.get("/login")
            token = login.text.split('name="csrf" value="')[1].split('"')[0]
            client.post(
                "/login",
                data={"name": "bench", "password": "bench-wachtwoord", "csrf": token},
                follow_redirects=False,
            )
            ids = list(range(1, args.contracts + 1))
            rng = random.Random(3)
            figures: dict[str, Any] = {}
            figures["baseline_static"] = summary(
                timed(lambda: ok(client.get("/static/app.js")), args.samples)
            )
            figures["queue_first_page"] = summary(
                timed(lambda: ok(client.get("/queue")), args.samples)
            )
            filtered = "/queue?workplace=Ploeg&regime=legacy&reason=field_unsure"
            figures["queue_filtered"] = summary(
                timed(lambda: ok(client.get(filtered)), args.samples)
            )

            def uncached(path: str) -> Callable[[], None]:
                def run() -> None:
                    ctx.counts.clear()  # as right after a change: the counts are recomputed
                    ok(client.get(path))

                return run

            figures["queue_first_page_recount"] = summary(timed(uncached("/queue"), args.samples))
            figures["queue_filtered_recount"] = summary(timed(uncached(filtered), args.samples))
            cold = []
            for n in range(min(args.documents, 40)):
                contract = n + 1  # contract n+1 uses document n
                started = time.perf_counter()
                ok(client.get(f"/contracts/{contract}/page/1.png"))
                cold.append((time.perf_counter() - started) * 1000)
            figures["page_image_cold"] = summary(cold)
            figures["page_image_cached"] = summary(
                timed(
                    lambda: ok(client.get(f"/contracts/{rng.choice(range(1, 41))}/page/1.png")),
                    args.samples,
                )
            )
            figures["contract_page"] = summary(
                timed(lambda: ok(client.get(f"/contracts/{rng.choice(ids)}")), args.samples)
            )
            ctx.renderer.close()
            db.dispose()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    targets = {
        "queue_first_page": 100,
        "queue_filtered": 100,
        "contract_page": 100,
        "page_image_cached": 20,
        "page_image_cold": 400,
    }
    result = {
        "contracts": args.contracts,
        "documents": len(attachments),
        "db": args.db,
        "fill_s": round(fill_s, 1),
        "load": os.getloadavg(),
        "figures": figures,
        "targets_p95_ms": targets,
    }
    print(
        f"{args.contracts} contracts on {args.db} (filled in {fill_s:.1f} s), "
        f"load {os.getloadavg()[0]:.1f}"
    )
    print(f"{'request':<22}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}{'target':>10}")
    missed = []
    for name, f in figures.items():
        target = targets.get(name)
        print(
            f"{name:<22}{f['p50_ms']:>10}{f['p95_ms']:>10}{f['max_ms']:>10}"
            f"{'' if target is None else f'< {target}':>10}"
        )
        if target is not None and f["p95_ms"] >= target:
            missed.append(name)
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "web.json").write_text(json.dumps(result, indent=2))
    if missed:
        print("missed targets: " + ", ".join(missed), file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
