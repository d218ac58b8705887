"""Helpers for the outage tests: the daemon with extra environment, /readyz, exact counts.

An outage test runs the real daemon (`mailbox-ingest run` in a subprocess) against the real
servers, breaks one of them, watches `/readyz` report it, repairs it and then checks the
outcome with `assert_exactly_once`: every mail stored once and moved out of the inbox, every
acknowledgement received by the sink exactly once.
"""

from __future__ import annotations

import json
import subprocess
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from testkit.servers.fixtures import ImapAccount
from testkit.servers.smtp_sink import SmtpSink
from tests.e2e_helpers import (
    CLI,
    acks_by_reply,
    cli_env,
    exported_messages,
    inbox_and_done,
    log_text,
    message_id_of,
    store_counts,
    wait_until,
)


def readyz(port: int) -> dict[str, Any]:
    """The daemon's /readyz answer (also for a 503), with the HTTP status under `status`."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5) as resp:
            data: dict[str, Any] = json.load(resp)
            data["status"] = resp.status
    except urllib.error.HTTPError as exc:
        data = json.load(exc)
        data["status"] = exc.code
    except OSError as exc:  # the health server itself does not answer
        return {"status": 0, "ok": False, "error": str(exc), "checks": {}}
    return data


def check_ok(port: int, name: str) -> bool | None:
    """Whether /readyz says the named server is reachable (None: no answer)."""
    check = readyz(port).get("checks", {}).get(name)
    return None if check is None else bool(check["ok"])


@contextmanager
def running_daemon(
    config: Path, account: ImapAccount, log: Path, **env: str
) -> Iterator[subprocess.Popen[bytes]]:
    """`mailbox-ingest run` with `env` added (a delay point, say); killed if left running."""
    with log.open("wb") as sink:
        proc = subprocess.Popen(
            [*CLI, "--config", str(config), "run"],
            env=cli_env(account, **env),
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    try:
        started = wait_until(
            lambda: "daemon started" in log_text(log) or proc.poll() is not None, 60
        )
        assert started and proc.poll() is None, log_text(log)
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)


def assert_exactly_once(
    db_url: str, mails: list[bytes], account: ImapAccount, sink: SmtpSink, log: Path
) -> None:
    """Each mail stored once and moved to the done folder, each answered exactly once."""
    expected = {message_id_of(m): 1 for m in mails}
    assert wait_until(lambda: len(sink.messages) >= len(mails), 60), log_text(log)[-3000:]
    assert wait_until(lambda: inbox_and_done(account) == (0, len(mails), 0), 30), (
        inbox_and_done(account),
        log_text(log)[-3000:],
    )
    time.sleep(1.5)  # a second acknowledgement of any mail would arrive by now
    stored = Counter(r["message_id"] for r in exported_messages(db_url))
    assert stored == expected
    counts = store_counts(db_url)
    assert (counts["Message"], counts["Contract"], counts["Outbox"]) == (len(mails),) * 3
    assert acks_by_reply(sink.messages) == expected, log_text(log)[-3000:]
