"""Helpers for the job-queue tests: a `mailbox-ingest worker` subprocess, and export records
made comparable between two databases."""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from testkit.servers.fixtures import ImapAccount
from tests.e2e_helpers import CLI, cli_env, log_text, wait_until

# row ids differ between two databases; what they point at is compared by count or presence
IDS = {"id", "key", "contract_id"}


def stable(value: Any) -> Any:
    """An export record with its row ids replaced by what they say (how many, whether any)."""
    if isinstance(value, dict):
        out = {k: stable(v) for k, v in value.items() if k not in IDS}
        if "contract_ids" in out:
            out["contract_ids"] = len(out["contract_ids"])
        if "duplicate_of" in out:
            out["duplicate_of"] = out["duplicate_of"] is not None
        return out
    if isinstance(value, list):
        return [stable(v) for v in value]
    return value


@contextmanager
def worker(
    config: Path, account: ImapAccount | None, log: Path, **env: str
) -> Iterator[subprocess.Popen[bytes]]:
    """`mailbox-ingest worker` in a subprocess logging to `log`; stopped when the block ends."""
    with log.open("ab") as sink:
        proc = subprocess.Popen(
            [*CLI, "--config", str(config), "worker", "--concurrency", "2"],
            env=cli_env(account, **env),
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    try:
        assert wait_until(
            lambda: "worker started" in log_text(log) or proc.poll() is not None, 30
        ), log_text(log)
        assert proc.poll() is None, log_text(log)
        yield proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)
