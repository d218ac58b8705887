"""Intake benchmark: throughput of one full poll against raw IMAP fetching, and IDLE latency.

Run from the repository root: ``python bench/ingest.py [--n 200] [--db sqlite|postgresql]
[--idle-samples 20]``. It starts a private Dovecot and an SMTP sink, fills the inbox with N
contract mails (2-page text PDFs, each with its own counterpart) from a registered workplace,
received in the maatwerk regime so that every mail is acknowledged by e-mail, and measures:

1. baseline: plain IMAP ``FETCH BODY.PEEK[]`` of the N mails in batches of 50;
2. full intake: ``Ingestor.poll()`` plus outbox runs until every acknowledgement is in the
   sink (parse, extract, store, move, send), as mails per second and against the baseline;
3. latency: the daemon runs as a subprocess with a long poll interval, so only IMAP IDLE
   wakes it; one mail at a time is appended and the time to its acknowledgement is taken.

The figures are printed as a table and written as JSON; the exit code is 1 when a count is off.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import math
import os
import platform
import resource
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make the repository importable
    sys.path.insert(0, str(ROOT))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from mailbox_ingest.app import build_app  # noqa: E402
from mailbox_ingest.config import load_settings  # noqa: E402
from mailbox_ingest.respond.outbox import run_outbox  # noqa: E402
from samples.corpus.mails import BRUSSELS, DEPARTMENT_MX, Style, contract_mail, dutch_date  # noqa: E402
from store.db import Database  # noqa: E402
from store.models import Contract, Message  # noqa: E402
from store.registry import import_csv  # noqa: E402
from testkit.servers.dovecot import DovecotServer  # noqa: E402
from testkit.servers.postgres import temporary_database  # noqa: E402
from testkit.servers.smtp_sink import SmtpSink  # noqa: E402

USER, PASSWORD, PASSWORD_ENV = "enclaves", "bench-secret", "BENCH_IMAP_PASSWORD"
DOMAIN, WORKPLACE, WORKPLACE_NUMBER = "deploeg.be", "De Ploeg vzw", "0456.789.034"
FETCH_BATCH = 50
FIRST_RECEIVED = dt.datetime(2023, 1, 2, 9, 0, tzinfo=BRUSSELS)
STYLES = (Style.OUTLOOK, Style.GMAIL, Style.THUNDERBIRD, Style.APPLE)
SURNAMES = "Peeters Janssens Maes Jacobs Mertens Willems Claes Goossens Wouters De Smet".split()
TRADES = "Bakkerij Drukkerij Schrijnwerkerij Brouwerij Transport Tuinaanleg Logistiek".split()
SAMPLE_TIMEOUT_S = 60.0


def enterprise_number(i: int) -> str:
    """A valid Belgian enterprise number (mod-97 check) that differs for every i."""
    base = f"0{(4_000_000 + i * 7_919) % 10_000_000:07d}"
    digits = base + f"{97 - int(base) % 97:02d}"
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"


def counterpart(i: int) -> str:
    """A distinct company name for mail i."""
    name = f"{TRADES[i % len(TRADES)]} {SURNAMES[i // len(TRADES) % len(SURNAMES)]}"
    cycle = i // (len(TRADES) * len(SURNAMES))
    return f"{name}{f' {cycle + 1}' if cycle else ''} NV"


def contract_pdf(i: int, received: dt.date) -> bytes:
    """A 2-page enclave contract form: parties and terms, then clauses and signature date."""
    start = received + dt.timedelta(days=30)
    pages = [
        [
            "ONDERNEMINGSCONTRACT ENCLAVEWERKING",
            "",
            f"Naam maatwerkbedrijf: {WORKPLACE}",
            f"Ondernemingsnummer maatwerkbedrijf: {WORKPLACE_NUMBER}",
            f"Naam onderneming: {counterpart(i)}",
            f"Ondernemingsnummer onderneming: {enterprise_number(i)}",
            f"Plaats van tewerkstelling: Industrieweg {10 + i % 90}, 9000 Gent",
            "Aard van de werkzaamheden: verpakken en etiketteren",
            f"Aantal doelgroepwerknemers: {3 + i % 7}",
            f"Begindatum: {dutch_date(start)}",
            "Einddatum: onbepaalde duur",
        ],
        [
            "Artikel 5 - Begeleiding",
            f"De begeleiding van de doelgroepwerknemers gebeurt door {WORKPLACE}.",
            "Artikel 6 - Vergoeding",
            "De vergoeding wordt maandelijks gefactureerd.",
            f"Opgemaakt te Gent op {received - dt.timedelta(days=3):%d/%m/%Y} in twee exemplaren.",
        ],
    ]
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=True)
    for lines in pages:
        pdf.setFont("Helvetica", 11)
        for row, line in enumerate(lines):
            pdf.drawString(72, A4[1] - 72 - 16 * row, line)
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def sender(i: int) -> str:
    """Mail i's sender: distinct addresses, so the daily answer limit per address never bites."""
    return f"dossier{i:04d}@{DOMAIN}"


def bench_mail(i: int, received: dt.datetime) -> bytes:
    """Contract mail i, as the department's server delivered it at `received`."""
    pdf = contract_pdf(i, received.astimezone(BRUSSELS).date())
    return contract_mail(
        sender=sender(i),
        sender_name=f"Dossierbeheer {i}",
        subject=f"Ondernemingscontract enclave {counterpart(i)}",
        body=f"Geachte,\n\nIn bijlage het contract met {counterpart(i)}.\n\nMet vriendelijke groet",
        attachments=[(f"contract_{i:04d}.pdf", pdf, "application/pdf")],
        date=received - dt.timedelta(seconds=40),
        received=received,
        style=STYLES[i % len(STYLES)],
    )


def write_config(work: Path, db_url: str, imap: DovecotServer, smtp: SmtpSink) -> Path:
    """The daemon's TOML config: Dovecot over STARTTLS, the sink over plain SMTP, IDLE only."""
    text = f"""\
[database]
url = "{db_url}"
[mailbox]
kind = "imap"
host = "{imap.host}"
port = {imap.port}
tls = "starttls"
cafile = "{imap.cafile}"
username = "{USER}"
password_env = "{PASSWORD_ENV}"
idle = true
[outgoing]
kind = "smtp"
host = "{smtp.host}"
port = {smtp.port}
tls = "none"
from = "enclaves@wse.test"
[answers]
authserv_id = "{DEPARTMENT_MX}"
max_per_sender_per_day = 1000000
letter_dir = "{work / "letters"}"
[scheduler]
poll_interval_s = 300
outbox_interval_s = 1
[web]
enabled = false
[logging]
level = "INFO"
format = "text"
"""
    path = work / "config.toml"
    path.write_text(text)
    return path


def register_workplace(db_url: str, work: Path) -> None:
    """Create the schema and put the sending workplace in the registry."""
    csv = work / "registry.csv"
    csv.write_text(
        "enterprise_number,name,kind,email_domains\n"
        f"{WORKPLACE_NUMBER},{WORKPLACE},maatwerkbedrijf,{DOMAIN}\n"
    )
    db = Database(db_url, migrate=True)
    try:
        with db.session() as s:
            import_csv(s, csv)
    finally:
        db.dispose()


def fill_inbox(imap: DovecotServer, n: int) -> int:
    """MULTIAPPEND N mails received from 2023 on; return the bytes appended."""
    total = 0
    with imap.imap_client(USER, starttls=True) as client:
        for first in range(0, n, FETCH_BATCH):
            batch = []
            for i in range(first, min(n, first + FETCH_BATCH)):
                received = FIRST_RECEIVED + dt.timedelta(minutes=37 * i)
                raw = bench_mail(i, received)
                total += len(raw)
                batch.append({"msg": raw, "date": received})
            client.multiappend("INBOX", batch)
    return total


def baseline_fetch(imap: DovecotServer) -> tuple[int, float]:
    """Log in, select and FETCH BODY.PEEK[] every inbox mail in batches; (count, seconds)."""
    start = time.perf_counter()
    count = 0
    with imap.imap_client(USER, starttls=True) as client:
        client.select_folder("INBOX", readonly=True)
        uids = sorted(client.search(["ALL"]))
        for first in range(0, len(uids), FETCH_BATCH):
            data = client.fetch(uids[first : first + FETCH_BATCH], [b"BODY.PEEK[]"])
            count += sum(1 for item in data.values() if item.get(b"BODY[]"))
    return count, time.perf_counter() - start


def full_intake(config: Path) -> dict[str, float | int]:
    """One poll and outbox runs until nothing is due; the timings and what was stored."""
    app = build_app(load_settings(config))
    try:
        start, cpu = time.perf_counter(), time.process_time()
        report = app.ingestor.poll()
        polled = time.perf_counter()
        sent = 0
        while True:
            out = run_outbox(app.db, app.sender, app.settings.outgoing)
            sent += out.sent
            if out.sent == 0 or out.failed:
                break
        done, cpu = time.perf_counter(), time.process_time() - cpu
        with app.db.session() as s:
            contracts = s.execute(select(func.count(Contract.id))).scalar_one()
            moved = s.execute(
                select(func.count(Message.id)).where(Message.moved_to.is_not(None))
            ).scalar_one()
    finally:
        app.close()
    return {
        "seen": report.seen,
        "processed": report.processed,
        "errors": report.errors,
        "contracts": contracts,
        "moved": moved,
        "sent": sent,
        "poll_s": polled - start,
        "outbox_s": done - polled,
        "total_s": done - start,
        "cpu_s": cpu,
    }


@contextlib.contextmanager
def daemon(config: Path, work: Path) -> Iterator[subprocess.Popen[bytes]]:
    """Run `mailbox-ingest --config FILE run` until the block ends, then SIGTERM it."""
    script = Path(sys.executable).with_name("mailbox-ingest")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "mailbox_ingest"]
    log = (work / "daemon.log").open("wb")
    proc = subprocess.Popen(
        [*command, "--config", str(config), "run"], stdout=log, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 60
        while b"daemon started" not in (work / "daemon.log").read_bytes():
            if proc.poll() is not None or time.monotonic() > deadline:
                tail = (work / "daemon.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"the daemon did not start:\n{tail}")
            time.sleep(0.05)
        yield proc
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def idle_latency(
    config: Path, work: Path, imap: DovecotServer, sink: SmtpSink, args: argparse.Namespace
) -> tuple[list[float], int, int | None, float]:
    """APPEND one mail at a time: seconds to each ack, bad acks, daemon exit code and peak RSS."""
    latencies: list[float] = []
    wrong = 0
    with daemon(config, work) as proc:
        time.sleep(2.0)  # the IDLE connection is opened right after the start message
        with imap.imap_client(USER, starttls=True) as client:
            for k in range(args.idle_samples + 1):  # sample 0 is a warm-up, not counted
                i = args.n + k
                expected = len(sink.messages) + 1
                raw = bench_mail(i, dt.datetime.now(dt.UTC))
                start = time.perf_counter()
                client.append("INBOX", raw)
                try:
                    sink.wait_for(expected, timeout=SAMPLE_TIMEOUT_S)
                except TimeoutError:
                    break  # reported as too few samples
                elapsed = time.perf_counter() - start
                if sink.messages[-1].rcpt_tos != (sender(i),):
                    wrong += 1
                if k:
                    latencies.append(elapsed)
        rss = peak_rss_mib(proc.pid)
    return latencies, wrong, proc.returncode, rss


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank) of the values."""
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def peak_rss_mib(pid: int | None = None) -> float:
    """Peak resident set size in MiB of this process, or of a running process by id."""
    if pid is None:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@contextlib.contextmanager
def database_url(kind: str, work: Path) -> Iterator[str]:
    """A fresh SQLite file in the work folder, or a temporary PostgreSQL database."""
    if kind == "sqlite":
        yield f"sqlite:///{work / 'bench.sqlite3'}"
    else:
        with temporary_database(prefix="mi_bench") as url:
            yield url


def measure(
    args: argparse.Namespace, work: Path, imap: DovecotServer, sink: SmtpSink, url: str
) -> dict[str, object]:
    """Fill the inbox, then the three measurements against running servers."""
    load = os.getloadavg()[0]
    register_workplace(url, work)
    config = write_config(work, url, imap, sink)
    size = fill_inbox(imap, args.n)
    fetched, base_s = baseline_fetch(imap)
    rss_before = peak_rss_mib()
    intake = full_intake(config)
    full_rate = args.n / intake["total_s"]
    full: dict[str, object] = {
        k: round(v, 3) if isinstance(v, float) else v for k, v in intake.items()
    }
    full.update(
        acks=len(sink.messages),
        acks_match_senders={m.rcpt_tos for m in sink.messages}
        == {(sender(i),) for i in range(args.n)},
        mails_per_s=round(full_rate, 2),
        ratio_to_baseline=round(full_rate * base_s / fetched, 4) if fetched else None,
        peak_rss_mib_before=round(rss_before, 1),
        peak_rss_mib=round(peak_rss_mib(), 1),
    )
    sink.clear()
    lat, wrong, code, daemon_rss = idle_latency(config, work, imap, sink, args)
    return {
        "command": shlex.join(
            [
                "python",
                "bench/ingest.py",
                "--n",
                str(args.n),
                "--db",
                args.db,
                "--idle-samples",
                str(args.idle_samples),
            ]
        ),
        "n": args.n,
        "database": args.db,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "load_at_start": round(load, 2),
        "inbox_mib": round(size / 2**20, 2),
        "baseline": {
            "fetched": fetched,
            "seconds": round(base_s, 3),
            "mails_per_s": round(fetched / base_s, 1),
        },
        "full": full,
        "idle": {
            "samples": len(lat),
            "wrong_recipient": wrong,
            "daemon_exit": code,
            "median_s": round(statistics.median(lat), 3) if lat else None,
            "p95_s": round(percentile(lat, 95), 3) if lat else None,
            "max_s": round(max(lat), 3) if lat else None,
            "daemon_peak_rss_mib": round(daemon_rss, 1),
        },
    }


def run(args: argparse.Namespace) -> dict[str, object]:
    """Start Dovecot, the SMTP sink and the database, measure, and clean up."""
    os.environ[PASSWORD_ENV] = PASSWORD
    work = Path(tempfile.mkdtemp(prefix="mi-bench-"))
    work.chmod(0o755)  # Dovecot's mail user must reach its folder inside
    imap, sink = DovecotServer(work / "dovecot"), SmtpSink()
    imap.add_user(USER, PASSWORD)
    try:
        imap.start()
        sink.start()
        with database_url(args.db, work) as url:
            return measure(args, work, imap, sink, url)
    finally:
        sink.stop()
        imap.stop()
        if args.keep:
            print(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def problems(fig: dict[str, object], n: int, samples: int) -> list[str]:
    """Every count that is not what the run should have produced."""
    base, full, idle = (fig[k] for k in ("baseline", "full", "idle"))
    assert isinstance(base, dict) and isinstance(full, dict) and isinstance(idle, dict)
    wanted = {
        "baseline fetched": (base["fetched"], n),
        "mails seen": (full["seen"], n),
        "mails processed": (full["processed"], n),
        "processing errors": (full["errors"], 0),
        "contracts stored": (full["contracts"], n),
        "mails moved": (full["moved"], n),
        "acks sent": (full["sent"], n),
        "acks in the sink": (full["acks"], n),
        "acks to the right senders": (full["acks_match_senders"], True),
        "IDLE samples": (idle["samples"], samples),
        "IDLE acks to the wrong sender": (idle["wrong_recipient"], 0),
        "daemon exit code": (idle["daemon_exit"], 0),
    }
    return [
        f"{what}: {got}, expected {want}" for what, (got, want) in wanted.items() if got != want
    ]


def table(fig: dict[str, object]) -> str:
    """The figures as an aligned two-column table."""
    base, full, idle = (fig[k] for k in ("baseline", "full", "idle"))
    assert isinstance(base, dict) and isinstance(full, dict) and isinstance(idle, dict)
    rows = [
        ("command", fig["command"]),
        ("mails (N) / inbox size", f"{fig['n']} / {fig['inbox_mib']} MiB"),
        ("database", fig["database"]),
        (
            "machine",
            f"{fig['cpus']} CPU(s), load {fig['load_at_start']} at start, Python {fig['python']}",
        ),
        ("baseline FETCH BODY.PEEK[]", f"{base['mails_per_s']} mails/s ({base['seconds']} s)"),
        ("full intake (poll + outbox)", f"{full['mails_per_s']} mails/s ({full['total_s']} s)"),
        ("  of which poll / outbox", f"{full['poll_s']} s / {full['outbox_s']} s"),
        ("  CPU time of this process", f"{full['cpu_s']} s"),
        ("  full / baseline", f"{full['ratio_to_baseline']:.2%}"),
        ("  stored / moved / acks", f"{full['contracts']} / {full['moved']} / {full['acks']}"),
        (
            "  peak RSS before / after",
            f"{full['peak_rss_mib_before']} / {full['peak_rss_mib']} MiB",
        ),
        (
            "IDLE latency APPEND -> ack",
            f"median {idle['median_s']} s, p95 {idle['p95_s']} s, "
            f"max {idle['max_s']} s ({idle['samples']} samples)",
        ),
        ("  daemon peak RSS", f"{idle['daemon_peak_rss_mib']} MiB"),
    ]
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k.ljust(width)}  {v}" for k, v in rows)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the table, write the JSON; 1 when a count is off."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200, help="mails in the bulk run")
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--idle-samples", type=int, default=20, help="mails for the IDLE latency")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "ingest.json")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (logs, db)")
    args = parser.parse_args(argv)
    if args.n < 1 or args.idle_samples < 1:
        parser.error("--n and --idle-samples must be at least 1")
    fig = run(args)
    bad = problems(fig, args.n, args.idle_samples)
    fig["problems"] = bad
    print(table(fig))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(fig, indent=2) + "\n")
    print(f"figures written to {args.out}")
    for line in bad:
        print(f"WRONG: {line}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
