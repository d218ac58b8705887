"""The daemon: APScheduler runs the poll and outbox jobs; IDLE wakes the poll at once.

Each job runs one instance at a time (max_instances=1, coalesce). The poll job holds a
database lease (`store/lease.py`; on PostgreSQL an advisory lock that a dead holder releases
at once) so that of several daemons on one database only one polls; the others stand by and
take over. The lease is renewed between messages, and each message is claimed besides
(`store/claims.py`), so a second daemon never processes the same message. A failing server
only delays the next poll (backoff): the mailbox and the database alike, and what each server
last did is kept in a `Probe` that readiness (`/readyz`) reports. When the IDLE connection
comes back after an outage the server is back: the backoff ends and the poll runs at once.
Each committed message wakes the outbox at once, so its answer does not wait for the next
tick.

SIGTERM and SIGINT stop the daemon within `[scheduler] stop_timeout_s`: the signal handler
only records the signal (it takes no lock: the main thread may hold the one it would need);
the main thread then stops the scheduler, kills a document read in progress (its mail is
given back untouched, see `intake/ingest.py`), lets the poll end before its next message and
the outbox after the mail it is sending, and closes the web server, the lease and the
connections. Should anything still block, a watchdog prints every thread's stack and exits
with code 1 instead of hanging; a clean stop exits 0.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import faulthandler
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from types import FrameType
from typing import TYPE_CHECKING, Any

from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy.exc import DBAPIError

from mailbox_ingest import metrics
from mailbox_ingest.app import App, make_source
from mailbox_ingest.domain.enums import Dependency
from mailbox_ingest.domain.errors import ConfigError, SourceError, StoreUnavailable
from mailbox_ingest.intake.imap import ImapSource
from mailbox_ingest.readiness import Probe, Readiness, readiness
from mailbox_ingest.respond.outbox import run_outbox
from mailbox_ingest.respond.pause import OutboxPause
from store import lease
from store.db import is_outage
from store.holders import me

if TYPE_CHECKING:
    from mailbox_ingest.web.server import RunningServer

log = logging.getLogger(__name__)


class Daemon:
    """Owns the scheduler, the IDLE watcher and the health server."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.holder = me()
        self.stop_event = threading.Event()
        self.woken = threading.Event()  # new mail announced; a running poll must look again
        self.scheduler = BackgroundScheduler(timezone=dt.UTC)
        self.failures = 0
        self.next_poll_after = 0.0
        self.last_ok: float | None = None
        self._poll_lock = threading.Lock()
        self.outbox_pause = OutboxPause()
        ttl = max(app.settings.scheduler.poll_interval_s * 3, 60)
        self.poll_lease = lease.JobLease(app.db, "poll", self.holder, ttl)
        self.polling = False  # holds the poll lease (a standby does not)
        self.probes = {Dependency.DATABASE: Probe(), Dependency.MAILBOX: Probe()}
        self.ingestor = app.ingestor  # one per daemon: its claims keep one holder id
        self.ingestor.on_committed = self.outbox_wake
        self._outbox_state = threading.Lock()
        self._outbox_running = False
        self._outbox_again = False
        self.ingestor.stopping = self.stop_event  # the poll ends before its next message
        self._signalled: int | None = None
        self._jobs = threading.Condition()
        self._running_jobs = 0

    # jobs ------------------------------------------------------------------------------
    @contextlib.contextmanager
    def _job(self) -> Iterator[bool]:
        """Count a running job (the stop waits for it); yields False once stopping."""
        with self._jobs:
            self._running_jobs += 1
        try:
            yield not self.stop_event.is_set()
        finally:
            with self._jobs:
                self._running_jobs -= 1
                self._jobs.notify_all()

    def poll_job(self) -> None:
        """Poll, and poll again while IDLE announced new mail during the poll."""
        with self._job() as go:
            if not go:
                return
            self._poll_once()
            while self.woken.is_set() and not self.stop_event.is_set():
                self._poll_once()

    def _poll_once(self) -> None:
        """Poll once if we hold the lease and are not backing off."""
        self.woken.clear()
        backing_off = time.monotonic() + 0.5 < self.next_poll_after  # the retry is scheduled
        if backing_off or not self._poll_lock.acquire(blocking=False):
            return
        try:
            self.polling = self.poll_lease.acquire()
            self.probes[Dependency.DATABASE].success()
            if not self.polling:
                log.debug("another daemon holds the poll lease; standing by")
                return
            with metrics.POLL_SECONDS.time():
                report = self.ingestor.poll(self.poll_lease)
            self.probes[Dependency.MAILBOX].success()
            for klass, n in report.by_class.items():
                metrics.MESSAGES.labels(klass).inc(n)
            if report.seen:
                log.info(
                    "poll: %d seen, %d processed, %d quarantined, %d moved",
                    report.seen,
                    report.processed,
                    report.quarantined,
                    report.moved,
                )
            self.failures = 0
            self.last_ok = time.time()
            metrics.LAST_POLL.set(self.last_ok)
        except SourceError as exc:
            self.probes[Dependency.MAILBOX].failure(str(exc))
            self._back_off("mailbox", exc)
            self.app.source.close()
        except (StoreUnavailable, DBAPIError) as exc:
            if isinstance(exc, DBAPIError) and not is_outage(exc):
                metrics.POLL_ERRORS.inc()
                log.exception("poll failed")
                return
            self.probes[Dependency.DATABASE].failure(str(exc))
            self._back_off("database", exc)
        except Exception:
            metrics.POLL_ERRORS.inc()
            log.exception("poll failed")
        finally:
            self._poll_lock.release()

    def _back_off(self, what: str, exc: BaseException) -> None:
        """A server failed: wait 5 s, 10 s, ... up to 10 min before the next poll."""
        self.failures += 1
        delay = min(5 * 2 ** (self.failures - 1), 600)
        self.next_poll_after = time.monotonic() + delay
        # retry when the backoff ends, however long the poll interval; no such job when a
        # test drives the daemon without its scheduler
        with contextlib.suppress(JobLookupError):
            self.scheduler.modify_job(
                "poll", next_run_time=dt.datetime.now(dt.UTC) + dt.timedelta(seconds=delay)
            )
        metrics.POLL_ERRORS.inc()
        log.warning(
            "%s unavailable (%s); next try in %d s",
            what,
            str(exc).splitlines()[0] if str(exc) else type(exc).__name__,
            delay,
        )

    def outbox_job(self) -> None:
        """Send what is due; again at once when woken during the run."""
        with self._job() as go:
            if not go:
                return
            with self._outbox_state:
                self._outbox_running, self._outbox_again = True, False
            while True:
                self._outbox_once()
                with self._outbox_state:
                    if not self._outbox_again or self.stop_event.is_set():
                        self._outbox_running = False
                        return
                    self._outbox_again = False

    def _outbox_once(self) -> None:
        """One run of the outbox."""
        try:
            report = run_outbox(
                self.app.db,
                self.app.sender,
                self.app.settings.outgoing,
                pause=self.outbox_pause,
                holder=self.holder,
                stop=self.stop_event,
            )
            metrics.OUTBOX_PAUSED.set(1 if report.paused else 0)
            metrics.OUTBOX_SENT.inc(report.sent)
            metrics.OUTBOX_FAILED.inc(report.failed)
        except DBAPIError as exc:
            if not is_outage(exc):
                log.exception("outbox run failed")
                return
            self.probes[Dependency.DATABASE].failure(str(exc))
            log.warning("outbox waits for the database: %s", str(exc).splitlines()[0])
        except Exception:
            log.exception("outbox run failed")

    def wake_poll(self) -> None:
        """Run the poll job now (from IDLE); a poll running now repeats itself instead."""
        self.woken.set()
        if self.stop_event.is_set():
            return  # the scheduler is stopping or stopped
        self.scheduler.modify_job("poll", next_run_time=dt.datetime.now(dt.UTC))

    def idle_loop(self) -> None:
        """Hold a second IMAP connection in IDLE and wake the poll on new mail.

        A lost connection is retried after 1, 2, 4 ... 60 s; once it is back, the mailbox is
        reachable again, so the poll's backoff ends and it runs at once (mail delivered during
        the outage is announced to nobody).
        """
        settings = self.app.settings.mailbox
        watcher = make_source(self.app.settings, self.app.tokens)
        if not isinstance(watcher, ImapSource):  # only an IMAP mailbox has IDLE
            return
        failures = 0
        while not self.stop_event.is_set():
            try:
                if not watcher.supports_idle():
                    log.info("server has no IDLE; relying on the scheduled poll")
                    return
                if failures:
                    log.info("IDLE connection back after %d failed attempt(s)", failures)
                    failures = 0
                    self.probes[Dependency.MAILBOX].success()
                    self.next_poll_after = 0.0
                    self.wake_poll()
                if watcher.idle_wait(min(settings.idle_timeout_s, 25 * 60)):
                    self.wake_poll()
            except (SourceError, ConfigError) as exc:
                failures += 1
                self.probes[Dependency.MAILBOX].failure(f"IDLE: {exc}")
                watcher.close()
                log.debug("IDLE connection lost: %s", exc)
                self.stop_event.wait(min(2 ** (failures - 1), 60))
        watcher.close()

    def outbox_wake(self) -> None:
        """Run the outbox job now (a message was committed); a running one goes again."""
        with self._outbox_state:
            if self._outbox_running:
                self._outbox_again = True
                return
        try:
            self.scheduler.modify_job("outbox", next_run_time=dt.datetime.now(dt.UTC))
        except Exception:  # noqa: BLE001 - not scheduled (poll --once, shutting down)
            log.debug("outbox not woken: no scheduled job")

    def readiness(self) -> Readiness:
        """Database, mailbox and SMTP reachable, tokens valid, poll age, queue sizes."""
        interval = self.app.settings.scheduler.poll_interval_s
        return readiness(
            self.app.db,
            self.probes,
            self.outbox_pause,
            self.app.tokens.statuses(),
            polling=self.polling,
            last_poll=self.last_ok,
            stale_after_s=max(interval * 5, 300),
        )

    def health(self) -> dict[str, Any]:
        """Liveness and the age of the last successful poll."""
        interval = self.app.settings.scheduler.poll_interval_s
        stale = self.last_ok is not None and time.time() - self.last_ok > max(interval * 5, 300)
        tokens = self.app.tokens.statuses()
        return {
            "ok": self.scheduler.running and not stale and all(t.ok for t in tokens),
            "last_poll": self.last_ok,
            "consecutive_failures": self.failures,
            "outbox": self.outbox_pause.state(),
            "tokens": [t.as_dict() for t in tokens],
            **{dep.value: probe.report() for dep, probe in self.probes.items()},
        }

    def _start_token_renewal(self) -> None:
        """Keep OAuth2 tokens renewed before expiry, even between logins."""
        s = self.app.settings
        if s.mailbox.kind == "imap" and s.mailbox.oauth2 is not None:
            self.app.tokens.manager(s.mailbox.oauth2, "mailbox.oauth2")
        if s.outgoing.kind == "smtp" and s.outgoing.oauth2 is not None:
            self.app.tokens.manager(s.outgoing.oauth2, "outgoing.oauth2")
        self.app.tokens.start_renewal(self.stop_event)

    # life ---------------------------------------------------------------------------
    def run(self) -> None:
        """Run until SIGTERM or SIGINT, then stop within `stop_timeout_s`."""
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, self._on_signal)
        s = self.app.settings
        self._schedule_jobs()
        server = None
        if s.web.enabled:
            from mailbox_ingest.web.app import create_app
            from mailbox_ingest.web.server import serve_in_thread

            server = serve_in_thread(
                create_app(s, self.app.db, self.health, readiness=self.readiness),
                s.web.host,
                s.web.port,
            )
            log.info("review UI, health and metrics on http://%s:%d/", s.web.host, server.port)
        self.scheduler.start()
        self._start_token_renewal()
        if s.mailbox.kind == "imap" and s.mailbox.idle:
            threading.Thread(target=self.idle_loop, name="idle", daemon=True).start()
        log.info(
            "daemon started (%s, poll every %d s)", s.mailbox.kind, s.scheduler.poll_interval_s
        )
        self._wait_for_stop()
        self.stop(server)

    def _schedule_jobs(self) -> None:
        """The poll job (at once, then every poll interval) and the outbox job."""
        s = self.app.settings.scheduler
        now = dt.datetime.now(dt.UTC)
        self.scheduler.add_job(
            self.poll_job,
            "interval",
            id="poll",
            max_instances=1,
            coalesce=True,
            seconds=s.poll_interval_s,
            next_run_time=now,
        )
        self.scheduler.add_job(
            self.outbox_job,
            "interval",
            id="outbox",
            max_instances=1,
            coalesce=True,
            seconds=s.outbox_interval_s,
            next_run_time=now + dt.timedelta(seconds=1),
        )

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        """Record the signal, nothing more: setting an Event here could wait forever on a
        lock the interrupted main thread holds itself."""
        self._signalled = signum

    def _wait_for_stop(self) -> None:
        """Block until a signal arrives or `stop_event` is set by the caller."""
        while self._signalled is None and not self.stop_event.is_set():
            time.sleep(0.1)
        self.stop_event.set()

    def stop(self, server: RunningServer | None = None) -> None:
        """Stop everything, bounded by `stop_timeout_s` (past it: stacks, exit code 1)."""
        timeout = self.app.settings.scheduler.stop_timeout_s
        log.info("stopping")
        watchdog = threading.Timer(timeout, self._stop_overran, args=(timeout,))
        watchdog.daemon = True
        watchdog.start()
        self.stop_event.set()
        self.app.reader.abort()  # a document being read: its mail is given back, not waited for
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        with self._jobs:
            self._jobs.wait_for(lambda: self._running_jobs == 0)
        if server is not None:
            server.stop()
        self.poll_lease.release()
        self.app.close()
        watchdog.cancel()
        log.info("stopped")

    @staticmethod
    def _stop_overran(timeout: float) -> None:
        """The watchdog: the stop blocked somewhere; show where, and exit anyway."""
        log.error("the stop took over %.0f s; exiting anyway (thread stacks follow)", timeout)
        faulthandler.dump_traceback(all_threads=True)
        sys.stderr.flush()
        os._exit(1)
