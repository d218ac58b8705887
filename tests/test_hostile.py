"""Broken and hostile mails through `poll --once`: exit 0, all accounted for, bounded memory."""

from __future__ import annotations

import json
import mailbox
import os
import re
import resource
import subprocess
import sys
import threading
from pathlib import Path

import psutil
import pytest

from samples.corpus.hostile import Expect, MiB, hostile_corpus

CONFIG = """\
[database]
url = "{db}"
[mailbox]
kind = "maildir"
path = "maildir"
[outgoing]
kind = "directory"
path = "outbox"
[answers]
authserv_id = "mx.wse.test"
[limits]
ocr_timeout_s = 20
"""


def message_id(raw: bytes) -> str | None:
    """The Message-ID header of raw bytes (first 64 KiB), or None."""
    m = re.search(rb"(?im)^message-id:[ \t]*(<[^>\r\n]+>)", raw[:65536])
    return m.group(1).decode() if m else None


def cli(
    config: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the command line in a child process."""
    return subprocess.run(
        [sys.executable, "-m", "mailbox_ingest", "--config", str(config), *args],
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, **(env or {})},
    )


def cli_with_peak_rss(
    config: Path, *args: str
) -> tuple[subprocess.CompletedProcess[str], int, int]:
    """Run the command line; also the peak memory of it and its children together (PSS, so
    pages a forked child shares with its parent count once) and the highest peak RSS of any
    one of them (the kernel's VmHWM), sampled every 50 ms."""
    with subprocess.Popen(
        [sys.executable, "-m", "mailbox_ingest", "--config", str(config), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    ) as proc:
        peak = one = 0
        tree = psutil.Process(proc.pid)
        stop = threading.Event()

        def sample() -> None:
            nonlocal peak, one
            while not stop.wait(0.05):
                try:
                    procs = [tree, *tree.children(recursive=True)]
                    peak = max(peak, sum(p.memory_full_info().pss for p in procs))
                    one = max(one, *(_high_water(p.pid) for p in procs))
                except psutil.Error:
                    continue

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        out, err = proc.communicate(timeout=900)
        stop.set()
        sampler.join()
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err), peak, one


def _high_water(pid: int) -> int:
    """A process's peak resident set size so far (VmHWM), in bytes."""
    status = Path(f"/proc/{pid}/status").read_text()
    match = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(match.group(1)) * 1024 if match else 0


@pytest.mark.slow
def test_hostile_corpus_is_accounted_for_in_bounded_memory(tmp_path: Path, db_url: str) -> None:
    """Every hostile mail is stored or quarantined with a reason; the run exits 0 in bounded RSS."""
    cases = hostile_corpus()
    box = mailbox.Maildir(tmp_path / "maildir", create=True)
    for case in cases:
        box.add(case.raw)
    config = tmp_path / "config.toml"
    config.write_text(CONFIG.format(db=db_url))
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    run, tree_peak, one_peak = cli_with_peak_rss(config, "poll", "--once")
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr
    print(
        f"poll of {len(cases)} hostile mails: peak RSS of the largest process "
        f"{one_peak / MiB:.0f} MiB, daemon and readers together (PSS) {tree_peak / MiB:.0f} "
        f"MiB; getrusage(RUSAGE_CHILDREN) {peak_kib / 1024:.0f} MiB (before the poll "
        f"{before / 1024:.0f} MiB: it also covers this session's earlier subprocesses)"
    )
    assert one_peak < 400 * MiB, f"peak RSS {one_peak / MiB:.0f} MiB"
    assert tree_peak < 400 * MiB, f"peak RSS with children {tree_peak / MiB:.0f} MiB"
    if before == 0:  # nothing ran before: getrusage sees only this poll
        assert peak_kib < 400 * 1024, f"peak RSS {peak_kib / 1024:.0f} MiB"
    listed = json.loads(cli(config, "export", "messages").stdout)
    assert len(listed) == len(cases)
    assert len(box) == 0, "every mail left the inbox"
    quarantined = [m for m in listed if m["classification"] == "quarantined"]
    assert all(m["reason"] for m in quarantined), "every quarantine names its reason"
    ids = [message_id(c.raw) for c in cases]
    wrong = []
    for case, mid in zip(cases, ids, strict=True):
        if mid is None or ids.count(mid) > 1 or case.expect is Expect.ANY:
            continue
        found = [m for m in listed if m["message_id"] == mid]
        assert len(found) == 1, (case.name, mid)
        [record] = found
        got_q = record["classification"] == "quarantined"
        if (case.expect is Expect.QUARANTINED) != got_q:
            wrong.append((case.name, record["classification"], record["reason"]))
        elif got_q and case.reasons and record["reason"] not in case.reasons:
            wrong.append((case.name, "reason", record["reason"]))
    assert wrong == []
    again = cli(config, "poll", "--once")
    assert again.returncode == 0
    assert json.loads(cli(config, "export", "messages").stdout) == listed
