"""Readiness: can this daemon do its work right now? One typed report, built on demand.

`/healthz` says the process is alive; readiness says whether its servers answer: the
database (checked live with one `SELECT 1`), the mailbox (as the poller and the IDLE watcher
last found it: opening an IMAP login per probe would load the server), the SMTP server (the
outbox's pause after an outage), the OAuth2 tokens, the age of the last successful poll, and
how much waits in the outbox and the quarantine. `readiness()` returns a plain typed dict so
that any HTTP layer (the health server, a web app) can serve it as JSON.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypedDict

from sqlalchemy import func, select, text
from sqlalchemy.exc import SQLAlchemyError

from mailbox_ingest.auth.tokens import TokenStatus
from mailbox_ingest.domain.enums import Dependency, MessageState, OutboxState
from mailbox_ingest.respond.pause import OutboxPause
from store.db import Database
from store.models import Message, Outbox


class CheckReport(TypedDict):
    """One dependency: reachable or not, since when, and the last error."""

    ok: bool
    error: str | None
    since: float | None  # Unix time of the last change of `ok` (None: never contacted)
    consecutive_failures: int


class Readiness(TypedDict):
    """The whole report; `ok` is False when any check fails or the poll is stale."""

    ok: bool
    checks: dict[str, CheckReport]
    tokens: list[dict[str, object]]
    polling: bool  # this daemon holds the poll lease (a standby waits)
    last_poll_age_s: float | None
    poll_stale: bool
    outbox: dict[str, int]
    quarantine: int | None


@dataclass(slots=True)
class Probe:
    """What the daemon last learnt about one server; thread-safe, cheap to update."""

    ok: bool | None = None
    error: str | None = None
    since: float | None = None
    failures: int = 0
    clock: Callable[[], float] = field(default=time.time)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def success(self) -> None:
        """The server answered."""
        with self._lock:
            if self.ok is not True:
                self.since = self.clock()
            self.ok, self.error, self.failures = True, None, 0

    def failure(self, error: str) -> None:
        """The server could not be used."""
        with self._lock:
            if self.ok is not False:
                self.since = self.clock()
            self.ok, self.error = False, error[:500]
            self.failures += 1

    def report(self) -> CheckReport:
        """As a check line; never contacted counts as reachable (the first poll will tell)."""
        with self._lock:
            return CheckReport(
                ok=self.ok is not False,
                error=self.error,
                since=self.since,
                consecutive_failures=self.failures,
            )


def database_check(db: Database, probe: Probe) -> CheckReport:
    """`SELECT 1` now; the probe remembers the outcome (so a failure is dated)."""
    try:
        with db.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        probe.failure(f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
    else:
        probe.success()
    return probe.report()


def queue_sizes(db: Database) -> tuple[dict[str, int], int | None]:
    """Outbox rows per state (every state listed) and quarantined messages."""
    counts = {state.value: 0 for state in OutboxState}
    try:
        with db.session() as s:
            for state, n in s.execute(select(Outbox.state, func.count()).group_by(Outbox.state)):
                counts[str(state)] = int(n)
            quarantined = s.execute(
                select(func.count())
                .select_from(Message)
                .where(Message.state == MessageState.QUARANTINED)
            ).scalar_one()
    except SQLAlchemyError:
        return counts, None
    return counts, int(quarantined)


def smtp_check(pause: OutboxPause) -> CheckReport:
    """Reachable unless the outbox waits out an outage (a send that reaches the server ends it)."""
    state = pause.state()
    failing = bool(state["consecutive_outages"])
    return CheckReport(
        ok=not failing,
        error=state["last_error"] if failing else None,
        since=None,
        consecutive_failures=int(state["consecutive_outages"]),
    )


def readiness(
    db: Database,
    probes: dict[Dependency, Probe],
    pause: OutboxPause,
    tokens: Sequence[TokenStatus],
    *,
    polling: bool,
    last_poll: float | None,
    stale_after_s: float,
    now: float | None = None,
) -> Readiness:
    """Build the readiness report (one database round trip when the database answers)."""
    now = time.time() if now is None else now
    checks = {
        Dependency.DATABASE.value: database_check(db, probes[Dependency.DATABASE]),
        Dependency.MAILBOX.value: probes[Dependency.MAILBOX].report(),
        Dependency.SMTP.value: smtp_check(pause),
    }
    outbox, quarantine = (
        queue_sizes(db)
        if checks[Dependency.DATABASE.value]["ok"]
        else ({s.value: 0 for s in OutboxState}, None)
    )
    age = None if last_poll is None else round(now - last_poll, 1)
    stale = polling and age is not None and age > stale_after_s
    ok = all(c["ok"] for c in checks.values()) and all(t.ok for t in tokens) and not stale
    return Readiness(
        ok=ok,
        checks=checks,
        tokens=[t.as_dict() for t in tokens],
        polling=polling,
        last_poll_age_s=age,
        poll_stale=stale,
        outbox=outbox,
        quarantine=quarantine,
    )
