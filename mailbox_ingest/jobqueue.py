"""Per-message processing as procrastinate jobs, for more machines than one (`[queue]`).

With `queue.kind = "procrastinate"` (PostgreSQL only) the poll stores each message's raw bytes
and defers one `process_message(message_id, answering)` job per message (an archive import
defers its jobs with `answering=False`: history is never answered), with a queueing lock per
message
so that a second poll does not enqueue it twice while the first job still waits. Any worker
process (`mailbox-ingest worker`, on any machine with the same database) runs the job: it
claims the message (`store/claims.py`), processes it with the same code as the in-process
path (`Ingestor`) and commits; the next poll moves every final message to its folder.

Exactly once comes from the claims, not from the queue: a job whose message is final or
claimed by a live worker does nothing. A worker killed mid-job leaves its job `doing` in
procrastinate's table and its advisory lock released; the next poll defers a fresh job for
the still unfinished message (the queueing lock only covers waiting jobs), and a worker's
start re-queues the jobs of workers whose heartbeat stopped. Either way the claim lets
exactly one of them process the message, and the killed try counts as an interruption.

SIGTERM or SIGINT stops a worker at once: every read in progress is aborted (its reader
process killed), its message given back untouched for the next poll to queue again, and
procrastinate waits at most `[scheduler] stop_timeout_s` for the jobs to end.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import cast

import procrastinate
from procrastinate.exceptions import AlreadyEnqueued
from sqlalchemy import text
from sqlalchemy.engine import make_url

from mailbox_ingest.config import Settings
from mailbox_ingest.domain.errors import MailboxIngestError, ProcessingStopped
from mailbox_ingest.intake.base import MailSource
from mailbox_ingest.intake.ingest import Ingestor
from mailbox_ingest.pipeline.readers import DocumentReader, make_reader
from store.db import Database

log = logging.getLogger(__name__)

TASK_NAME = "mailbox_ingest.process_message"
QUEUE_SCHEMA_LOCK = 0x4D49_0004  # advisory lock namespace: applying the queue's schema
STALLED_AFTER_S = 30.0  # a worker whose heartbeat is this old is dead (procrastinate's default)


def conninfo(database_url: str) -> str:
    """The libpq connection string of a SQLAlchemy PostgreSQL URL."""
    url = make_url(database_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


def queueing_lock(message_id: int) -> str:
    """One waiting job per message at most."""
    return f"mailbox-ingest-message-{message_id}"


class ReaderPool:
    """One document reader per running job: each job reads in its own capped child process."""

    def __init__(self, settings: Settings) -> None:
        self._make: Callable[[], DocumentReader] = lambda: make_reader(
            settings.limits.isolate_readers,
            settings.limits.reader_memory_mib,
            settings.limits.reader_tasks_per_child,
        )
        self._idle: queue.SimpleQueue[DocumentReader] = queue.SimpleQueue()
        self._all: list[DocumentReader] = []

    @contextmanager
    def reader(self) -> Iterator[DocumentReader]:
        """An idle reader (a new one when all are busy), given back afterwards."""
        try:
            r = self._idle.get_nowait()
        except queue.Empty:
            r = self._make()
            self._all.append(r)
        try:
            yield r
        finally:
            self._idle.put(r)

    def abort(self) -> None:
        """Stop every read in progress (the worker is stopping); later reads are refused."""
        for r in list(self._all):
            r.abort()

    def close(self) -> None:
        """Stop every reader's child process."""
        for r in self._all:
            r.close()


def make_queue(
    settings: Settings, db: Database | None = None, readers: ReaderPool | None = None
) -> procrastinate.App:
    """The procrastinate app with the `process_message` task; a worker passes `db`, `readers`."""
    app = procrastinate.App(
        connector=procrastinate.PsycopgConnector(conninfo=conninfo(settings.database.url))
    )

    @app.task(name=TASK_NAME, queue=settings.queue.queue_name)
    def process_message(message_id: int, answering: bool = True) -> str:
        """Claim, process and commit one stored message (nothing when final or taken)."""
        if db is None or readers is None:
            raise MailboxIngestError("this queue app only defers jobs")
        with readers.reader() as reader:
            ingestor = Ingestor(settings, db, _NO_SOURCE, reader, answering=answering)
            try:
                state = ingestor.process_stored(message_id)
            except ProcessingStopped:
                log.info("message %s: given back untouched, the worker is stopping", message_id)
                return "given back"
            finally:
                ingestor.claims.close()
        log.info("message %s: %s", message_id, state or "final or taken by another worker")
        return state or ""

    return app


class _NoSource:
    """A worker never touches the mailbox: the poll moves the messages."""

    def __getattr__(self, name: str) -> object:
        raise MailboxIngestError(f"a queue worker has no mailbox source ({name})")


_NO_SOURCE = cast(MailSource, _NoSource())


class Deferrer:
    """Defers `process_message` jobs from the poll or an archive import (sync, one
    connection); `answering=False` for history, which is never answered."""

    def __init__(self, settings: Settings, *, answering: bool = True) -> None:
        self.app = make_queue(settings)
        self.answering = answering
        self._open = False

    def __call__(self, message_id: int) -> bool:
        """Defer the job of one message; False when one is already waiting."""
        if not self._open:
            self.app.open()
            self._open = True
        task = self.app.tasks[TASK_NAME]
        try:
            task.configure(queueing_lock=queueing_lock(message_id)).defer(
                message_id=message_id, answering=self.answering
            )
        except AlreadyEnqueued:
            return False
        except Exception:
            self.close()  # a fresh connection on the next try
            raise
        return True

    def close(self) -> None:
        """Close the connection."""
        if self._open:
            self.app.close()
            self._open = False


def init_schema(settings: Settings, db: Database) -> bool:
    """Apply procrastinate's schema unless present; True when it was applied now.

    Several processes starting at once wait for each other on an advisory lock, so the
    schema is applied once.
    """
    with db.engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:ns, 0)"), {"ns": QUEUE_SCHEMA_LOCK})
        try:
            if conn.execute(text("SELECT to_regclass('procrastinate_jobs')")).scalar():
                return False
            app = make_queue(settings)
            with app.open():
                app.schema_manager.apply_schema()
            return True
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:ns, 0)"), {"ns": QUEUE_SCHEMA_LOCK})
            conn.commit()


async def requeue_stalled(app: procrastinate.App, queue_name: str) -> int:
    """Put the jobs of dead workers back to waiting; the claims keep them exactly-once."""
    n = 0
    for job in await app.job_manager.get_stalled_jobs(
        queue=queue_name, seconds_since_heartbeat=STALLED_AFTER_S
    ):
        try:
            await app.job_manager.retry_job(job)
            n += 1
        except Exception as exc:  # noqa: BLE001 - a fresh job for the message already waits
            log.info("stalled job %s not re-queued: %s", job.id, exc)
    return n


def _stop_on_signals(work: asyncio.Task[None], readers: ReaderPool) -> None:
    """SIGTERM and SIGINT abort the reads in progress, then stop the worker gracefully."""
    loop = asyncio.get_running_loop()

    def stop(signum: signal.Signals) -> None:
        log.info("%s: stopping; reads in progress are given back", signum.name)
        readers.abort()
        work.cancel()

    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop, signum)


def run_worker(settings: Settings, db: Database, concurrency: int) -> None:
    """Run a worker until SIGINT/SIGTERM."""
    readers = ReaderPool(settings)
    app = make_queue(settings, db, readers)

    async def main() -> None:
        async with app.open_async():
            n = await requeue_stalled(app, settings.queue.queue_name)
            if n:
                log.warning("%d job(s) of stopped workers re-queued", n)
            work = asyncio.create_task(
                app.run_worker_async(
                    queues=[settings.queue.queue_name],
                    concurrency=concurrency,
                    wait=True,
                    install_signal_handlers=False,
                    shutdown_graceful_timeout=settings.scheduler.stop_timeout_s,
                )
            )
            _stop_on_signals(work, readers)
            log.info(
                "worker started (queue %s, concurrency %d)", settings.queue.queue_name, concurrency
            )
            try:
                await work
            except asyncio.CancelledError:
                log.info("worker stopped")

    try:
        asyncio.run(main())
    finally:
        readers.close()
