"""Backlog benchmark: 10,000 mails waiting at start, one `poll --once`, memory sampled.

Run from the repository root: ``python bench/backlog.py [--n 10000] [--db sqlite|postgresql]``.
It starts a private Dovecot and an SMTP sink and fills the inbox (MULTIAPPEND) with a mix:
text contracts (each with its own counterpart, acknowledged by e-mail), a few scanned
contracts (OCR), non-contracts (questions, newsletters, out-of-office replies) and one copy of
every hostile mail of the test corpus (bombs, broken MIME, huge parts). Then:

1. baseline: plain IMAP ``FETCH BODY.PEEK[]`` of the whole inbox in batches of 50;
2. backlog: ``mailbox-ingest poll --once`` as a subprocess, which processes everything and
   sends every acknowledgement; the resident memory of that process *and its children* is
   sampled every 0.25 s with the progress (mails moved out of the inbox), so one sees that it
   stays flat while the backlog drains. A progress bar shows on a terminal.

Printed: total time, mails/s against the raw FETCH rate, and the memory of the process tree at
each tenth of the progress: the sum of RSS, the PSS (pages shared between the processes
counted once: the memory the tree really holds) and the poll process's own RSS. Targets: peak
PSS under 300 MiB, and flat: the median PSS of the last tenth at most 10 % above that of the
second tenth. The exit code is 1 when a count is off or a target is missed; the figures also
go to ``bench/out/backlog.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make the repository importable
    sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from bench.ingest import (  # noqa: E402
    FETCH_BATCH,
    FIRST_RECEIVED,
    PASSWORD,
    PASSWORD_ENV,
    USER,
    baseline_fetch,
    bench_mail,
    contract_pdf,
    database_url,
    register_workplace,
    write_config,
)
from samples.corpus.hostile import hostile_corpus  # noqa: E402
from samples.corpus.mails import (  # noqa: E402
    contract_mail,
    newsletter,
    out_of_office,
    question_mail,
)
from samples.corpus.scan import scan_pdf  # noqa: E402
from store.db import Database  # noqa: E402
from store.models import Contract, Message  # noqa: E402
from testkit.servers.dovecot import DovecotServer  # noqa: E402
from testkit.servers.smtp_sink import SmtpSink  # noqa: E402

MiB = 2**20
TARGET_MIB = 300.0  # peak PSS of the poll process and its children
FLAT_GROWTH = 0.10  # the last tenth's median PSS at most this much above the second tenth's
SAMPLE_S = 0.25


@dataclass(slots=True)
class Mix:
    """How many mails of each kind went into the inbox."""

    contracts: int = 0
    scans: int = 0
    others: int = 0
    hostile: int = 0
    inbox_bytes: int = 0

    @property
    def total(self) -> int:
        """Every mail in the inbox."""
        return self.contracts + self.scans + self.others + self.hostile


def tagged(raw: bytes, i: int) -> bytes:
    """The mail with a header of its own, so no two mails of the backlog have equal bytes."""
    return f"X-Backlog-Seq: {i}\r\n".encode() + raw


def build_mail(i: int, kind: str, rng: random.Random, hostile: list[bytes]) -> bytes:
    """Mail number i of the given kind."""
    received = FIRST_RECEIVED + dt.timedelta(minutes=7 * i)
    if kind == "contract":
        return bench_mail(i, received)
    if kind == "scan":
        pdf = scan_pdf(contract_pdf(i, received.date()), rng, ["ONTVANGEN"], received)
        return contract_mail(
            sender=f"scan{i:05d}@deploeg.be",
            subject=f"Gescand contract {i}",
            attachments=[(f"scan_{i:05d}.pdf", pdf, "application/pdf")],
            date=received - dt.timedelta(seconds=40),
            received=received,
        )
    if kind == "hostile":
        return tagged(hostile[i % len(hostile)], i)
    which = i % 3
    if which == 0:
        return question_mail(
            question=i, subject=f"Vraag {i}", message_id=f"<backlog-q-{i}@deploeg.be>"
        )
    if which == 1:
        return tagged(newsletter(subject=f"Nieuwsbrief {i}"), i)
    return tagged(out_of_office(), i)


def plan(n: int, hostile_cases: int) -> list[str]:
    """The kinds of the n mails: a few scans, each hostile case once, 15 % others."""
    hostile = min(hostile_cases, max(1, n // 50))
    scans = max(1, n // 2000)
    others = n * 15 // 100
    contracts = max(0, n - hostile - scans - others)
    kinds = ["contract"] * contracts + ["scan"] * scans + ["other"] * others + ["hostile"] * hostile
    random.Random(n).shuffle(kinds)
    return kinds[:n]


def fill(imap: DovecotServer, n: int) -> Mix:
    """MULTIAPPEND the backlog; returns what went in."""
    hostile = [
        c.raw for c in hostile_corpus(huge_size=2 * MiB, bomb_size=64 * MiB, header_size=256 * 1024)
    ]
    rng, kinds = random.Random(7), plan(n, len(hostile))
    mix = Mix(
        contracts=kinds.count("contract"),
        scans=kinds.count("scan"),
        others=kinds.count("other"),
        hostile=kinds.count("hostile"),
    )
    with imap.imap_client(USER, starttls=True) as client:
        for first in range(0, n, FETCH_BATCH):
            batch = []
            for i in range(first, min(n, first + FETCH_BATCH)):
                raw = build_mail(i, kinds[i], rng, hostile)
                mix.inbox_bytes += len(raw)
                batch.append({"msg": raw, "date": FIRST_RECEIVED + dt.timedelta(minutes=7 * i)})
            client.multiappend("INBOX", batch)
    return mix


@dataclass(slots=True)
class Sample:
    """Memory and progress at one moment of the drain."""

    at_s: float
    rss: float  # MiB, the poll process and all its descendants, summed
    pss: float  # MiB, the same with pages shared between them counted once
    main_rss: float  # MiB, the poll process alone
    done: int  # mails moved out of the inbox


def _status_kib(path: Path, field: str) -> int:
    """A `Field:  N kB` line of a /proc file (0 when the process is gone)."""
    try:
        for line in path.read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_memory_mib(root: int) -> tuple[float, float, float]:
    """(RSS summed, PSS summed, RSS of `root` alone) of a process and all its descendants,
    in MiB. Forked children share pages with their parent (the readers' forkserver and its
    worker), which a sum of RSS counts once per process; PSS divides each shared page among
    the processes that map it."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry.name))
    rss = pss = 0
    todo = [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        rss += _status_kib(Path(f"/proc/{pid}/status"), "VmRSS:")
        pss += _status_kib(Path(f"/proc/{pid}/smaps_rollup"), "Pss:")
    main = _status_kib(Path(f"/proc/{root}/status"), "VmRSS:")
    return rss / 1024, pss / 1024, main / 1024


def moved(db: Database) -> int:
    """Mails handled so far (moved out of the inbox)."""
    try:
        with db.session() as s:
            return int(
                s.execute(
                    select(func.count()).select_from(Message).where(Message.moved_at.is_not(None))
                ).scalar_one()
            )
    except Exception:  # noqa: BLE001 - the schema may not be there in the first instant
        return 0


def drain(config: Path, url: str, n: int, work: Path) -> dict[str, object]:
    """`poll --once` on the backlog, sampling memory and progress until it exits."""
    script = Path(sys.executable).with_name("mailbox-ingest")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "mailbox_ingest"]
    db = Database(url, migrate=False)
    samples: list[Sample] = []
    bar = None
    if sys.stdout.isatty():
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        bar = Progress("backlog", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        bar.start()
        task = bar.add_task("mails", total=n)
    start = time.perf_counter()
    with (work / "poll.log").open("wb") as log:
        proc = subprocess.Popen(
            [*command, "--config", str(config), "poll", "--once"],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        while proc.poll() is None:
            done = moved(db)
            rss, pss, main = tree_memory_mib(proc.pid)
            samples.append(Sample(time.perf_counter() - start, rss, pss, main, done))
            if bar is not None:
                bar.update(task, completed=done)
            time.sleep(SAMPLE_S)
    total = time.perf_counter() - start
    if bar is not None:
        bar.update(task, completed=moved(db))
        bar.stop()
    with db.session() as s:
        stored = s.execute(select(func.count()).select_from(Message)).scalar_one()
        contracts = s.execute(select(func.count()).select_from(Contract)).scalar_one()
    db.dispose()
    return {
        "exit": proc.returncode,
        "seconds": round(total, 2),
        "stored": stored,
        "moved": samples[-1].done if samples else 0,
        "contracts": contracts,
        "samples": samples,
    }


def by_progress(
    samples: list[Sample], n: int, what: str = "rss", pick: Callable[[list[float]], float] = max
) -> list[float]:
    """Memory (`rss`, `pss` or `main_rss`) within each tenth of the progress, its peak or (with
    `pick=statistics.median`) its usual level; flat when memory does not grow with the mails
    handled."""
    tenths: list[float] = []
    for k in range(1, 11):
        lo, hi = n * (k - 1) / 10, n * k / 10
        inside = [
            float(getattr(s, what))
            for s in samples
            if lo <= s.done < hi or (k == 10 and s.done >= hi)
        ]
        tenths.append(round(pick(inside), 1) if inside else float("nan"))
    return tenths


def run(args: argparse.Namespace) -> dict[str, object]:
    """Start the servers, fill the inbox, measure, clean up."""
    os.environ[PASSWORD_ENV] = PASSWORD
    work = Path(tempfile.mkdtemp(prefix="mi-backlog-"))
    work.chmod(0o755)
    imap, sink = DovecotServer(work / "dovecot"), SmtpSink()
    imap.add_user(USER, PASSWORD)
    try:
        imap.start()
        sink.start()
        with database_url(args.db, work) as url:
            register_workplace(url, work)
            config = write_config(work, url, imap, sink)
            t0 = time.perf_counter()
            mix = fill(imap, args.n)
            fill_s = time.perf_counter() - t0
            fetched, base_s = baseline_fetch(imap)
            result = drain(config, url, args.n, work)
            result["acks"] = len(sink.messages)
            result["log_tail"] = (work / "poll.log").read_text(errors="replace")[-1500:]
    finally:
        sink.stop()
        imap.stop()
        if args.keep:
            print(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    samples = result.pop("samples")
    assert isinstance(samples, list)
    seconds = float(result["seconds"])  # type: ignore[arg-type]
    return {
        "command": shlex.join(["python", "bench/backlog.py", "--n", str(args.n), "--db", args.db]),
        "n": args.n,
        "database": args.db,
        "cpus": os.cpu_count(),
        "load_at_start": round(os.getloadavg()[0], 2),
        "mix": {
            "contracts": mix.contracts,
            "scans": mix.scans,
            "others": mix.others,
            "hostile": mix.hostile,
            "inbox_mib": round(mix.inbox_bytes / MiB, 1),
            "fill_s": round(fill_s, 1),
        },
        "baseline": {
            "fetched": fetched,
            "seconds": round(base_s, 2),
            "mails_per_s": round(fetched / base_s, 1),
        },
        "backlog": {
            **result,
            "mails_per_s": round(args.n / seconds, 2),
            "peak_rss_mib": round(max((s.rss for s in samples), default=0.0), 1),
            "rss_by_tenth_mib": by_progress(samples, args.n),
            "peak_pss_mib": round(max((s.pss for s in samples), default=0.0), 1),
            "pss_by_tenth_mib": by_progress(samples, args.n, "pss"),
            "pss_median_by_tenth_mib": by_progress(samples, args.n, "pss", statistics.median),
            "main_rss_by_tenth_mib": by_progress(samples, args.n, "main_rss"),
            "samples": len(samples),
        },
    }


def problems(fig: dict[str, object], n: int) -> list[str]:
    """Every figure that is not what the run should give."""
    mix, backlog = fig["mix"], fig["backlog"]
    assert isinstance(mix, dict) and isinstance(backlog, dict)
    wanted = [
        ("poll --once exit code", backlog["exit"], 0),
        ("mails stored", backlog["stored"], n),
        ("mails moved", backlog["moved"], n),
    ]
    bad = [f"{what}: {got}, expected {want}" for what, got, want in wanted if got != want]
    most = mix["contracts"] + mix["scans"] + mix["hostile"]  # some hostile mails are readable
    if not mix["contracts"] <= backlog["acks"] <= most:
        bad.append(
            f"acknowledgements: {backlog['acks']}, expected one per text contract "
            f"({mix['contracts']}), plus one per scan or hostile mail read as a contract"
        )
    if backlog["peak_pss_mib"] >= TARGET_MIB:
        bad.append(f"peak PSS {backlog['peak_pss_mib']} MiB, target under {TARGET_MIB:.0f}")
    second, last = backlog["pss_median_by_tenth_mib"][1], backlog["pss_median_by_tenth_mib"][-1]
    if last > second * (1 + FLAT_GROWTH):
        bad.append(f"memory grows: median PSS {second} MiB in the second tenth, {last} in the last")
    return bad


def table(fig: dict[str, object]) -> str:
    """The figures as an aligned two-column table."""
    mix, base, backlog = fig["mix"], fig["baseline"], fig["backlog"]
    assert isinstance(mix, dict) and isinstance(base, dict) and isinstance(backlog, dict)
    rows = [
        ("command", fig["command"]),
        ("machine", f"{fig['cpus']} CPU(s), load {fig['load_at_start']} at the end"),
        (
            "backlog",
            f"{fig['n']} mails, {mix['inbox_mib']} MiB: {mix['contracts']} text "
            f"contracts, {mix['scans']} scans, {mix['others']} others, "
            f"{mix['hostile']} hostile",
        ),
        ("baseline FETCH BODY.PEEK[]", f"{base['mails_per_s']} mails/s ({base['seconds']} s)"),
        ("poll --once (all of it)", f"{backlog['mails_per_s']} mails/s ({backlog['seconds']} s)"),
        (
            "  stored / moved / contracts / acks",
            f"{backlog['stored']} / {backlog['moved']} / {backlog['contracts']} / {backlog['acks']}",
        ),
        (
            "  peak PSS, children included",
            f"{backlog['peak_pss_mib']} MiB (target < {TARGET_MIB:.0f}; shared pages once)",
        ),
        ("  peak PSS per tenth", " ".join(str(v) for v in backlog["pss_by_tenth_mib"])),
        (
            "  median PSS per tenth",
            " ".join(str(v) for v in backlog["pss_median_by_tenth_mib"])
            + f" (flat: last <= second + {FLAT_GROWTH:.0%})",
        ),
        ("  peak RSS summed over the processes", f"{backlog['peak_rss_mib']} MiB"),
        (
            "  peak RSS summed, per tenth",
            " ".join(str(v) for v in backlog["rss_by_tenth_mib"]),
        ),
        (
            "  poll process alone, RSS per tenth",
            " ".join(str(v) for v in backlog["main_rss_by_tenth_mib"]),
        ),
    ]
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k.ljust(width)}  {v}" for k, v in rows)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the table, write the JSON; 1 when a count or target is off."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="mails waiting at start")
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "backlog.json")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (logs, db)")
    args = parser.parse_args(argv)
    if args.n < 10:
        parser.error("--n must be at least 10")
    fig = run(args)
    bad = problems(fig, args.n)
    fig["problems"] = bad
    print(table(fig))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(fig, indent=2) + "\n")
    print(f"figures written to {args.out}")
    for line in bad:
        print(f"WRONG: {line}", file=sys.stderr)
    if bad:
        print(fig["backlog"]["log_tail"], file=sys.stderr)  # type: ignore[index]
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
