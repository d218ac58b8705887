"""Reading documents in a child process: a memory cap, a wall-clock limit, a reused worker.

Every reader has its own checks against known bombs; this is the defence against the one
nobody foresaw. A document is read and its contracts extracted by a worker process whose
address space is capped (`RLIMIT_AS`) and whose time is limited; when it dies (a signal, the
memory cap) or overruns, the pipeline gets a `ReaderFailure` with a typed reason and the
daemon goes on, while the worker is replaced. The worker is reused for a number of documents,
so the cost per document is a round trip of the bytes, not a new interpreter.

Workers are forked from a forkserver (a clean, single-threaded process that has the readers
imported), never from the daemon itself, whose scheduler and IDLE threads may hold locks at
the moment of a fork. The pool is Pebble's `ProcessPool`: unlike
`concurrent.futures.ProcessPoolExecutor` it stops an overrunning task by killing its worker,
reports a worker's death with its exit code (the signal that killed it) and keeps the pool
usable afterwards.

When the daemon stops, `abort()` kills the worker at once: the read in progress raises
`ProcessingStopped`, which gives the mail back untouched (no attempt, no interruption) instead
of charging it a reader failure.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import resource
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from typing import Protocol

from pebble import ProcessExpired, ProcessFuture, ProcessPool

from mailbox_ingest.domain.enums import QuarantineReason
from mailbox_ingest.domain.errors import MailboxIngestError, ProcessingStopped
from mailbox_ingest.faults import delay_point
from parsers.documents.errors import DocumentError, DocumentErrorReason
from parsers.documents.limits import DocumentLimits
from parsers.documents.read import read_document
from parsers.fields.extract import extract_contracts
from parsers.types import Document, ExtractedContract

log = logging.getLogger(__name__)

MIB = 1024 * 1024
JOIN_TIMEOUT_S = 5.0
ABORT_CHECK_S = 0.2  # how soon a read in progress notices an abort


@dataclass(slots=True)
class ReadResult:
    """A document read and its contracts, or the reader's typed refusal; seconds it took."""

    document: Document | None
    contracts: list[ExtractedContract] = field(default_factory=list)
    reason: DocumentErrorReason | None = None
    detail: str = ""
    seconds: float = 0.0


class ReaderFailure(MailboxIngestError):
    """The process reading a document died, hit its memory cap or overran its time."""

    def __init__(self, reason: QuarantineReason, filename: str, detail: str) -> None:
        self.reason = reason
        self.filename = filename
        self.detail = detail
        super().__init__(f"{filename}: {reason}: {detail}")


class DocumentReader(Protocol):
    """Reads one document; `timeout_s` bounds the time it may take."""

    def read(
        self,
        data: bytes,
        filename: str,
        media_type: str,
        limits: DocumentLimits,
        timeout_s: float,
    ) -> ReadResult:
        """Read and extract one document, or raise ReaderFailure."""
        ...

    def abort(self) -> None:
        """Stop a read in progress (the daemon is stopping); later reads are refused."""
        ...

    def close(self) -> None:
        """Release any worker process."""
        ...


def read_and_extract(
    data: bytes, filename: str, media_type: str, limits: DocumentLimits
) -> ReadResult:
    """Read a document and extract its contracts (in whichever process calls it)."""
    start = time.monotonic()
    delay_point("reader")  # tests: a document that takes long to read
    try:
        document = read_document(data, filename, media_type, limits)
    except DocumentError as exc:
        return ReadResult(None, [], exc.reason, exc.detail, time.monotonic() - start)
    contracts = extract_contracts(document)
    return ReadResult(document, contracts, None, "", time.monotonic() - start)


class InProcessReader:
    """Reads in the calling process, without isolation (tests, benchmarks, `isolate_readers`
    switched off); a read's time is measured but not bounded."""

    def read(
        self,
        data: bytes,
        filename: str,
        media_type: str,
        limits: DocumentLimits,
        timeout_s: float,
    ) -> ReadResult:
        """Read and extract one document here."""
        return read_and_extract(data, filename, media_type, limits)

    def abort(self) -> None:
        """Nothing to stop: a read in this process runs to its end."""

    def close(self) -> None:
        """Nothing to release."""


_PR_SET_PDEATHSIG = 1


def _cap_memory(limit_bytes: int) -> None:
    """Worker initialiser: cap the address space, keep tesseract to one thread, and (Linux)
    die with the daemon, so a daemon killed from outside leaves no reader working on."""
    resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))
    os.environ["OMP_THREAD_LIMIT"] = "1"
    try:  # noqa: SIM105 - the except clause says why nothing is done
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the worker ends when its pipe closes
        pass


def describe_exit(code: int | None) -> str:
    """'killed by SIGKILL' for a negative exit code, else 'exit code N'."""
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


class ChildReader:
    """Reads documents in one reused worker process with a memory cap and a time limit."""

    def __init__(
        self,
        memory_mib: int,
        tasks_per_child: int,
        task: Callable[[bytes, str, str, DocumentLimits], ReadResult] = read_and_extract,
    ) -> None:
        self.memory_bytes = memory_mib * MIB
        self.tasks_per_child = tasks_per_child
        self.task = task  # a module-level function; tests put a misbehaving one here
        self._pool: ProcessPool | None = None
        self._aborted = False
        self._current: ProcessFuture[ReadResult] | None = None  # the read in progress

    def _ensure(self) -> ProcessPool:
        if self._aborted:
            raise ProcessingStopped("the document reader was stopped: the daemon is stopping")
        if self._pool is None or not self._pool.active:
            context = multiprocessing.get_context("forkserver")
            # the workers start with the readers loaded (pages shared with the forkserver);
            # the daemon itself never loads them
            context.set_forkserver_preload([__name__, "parsers.documents.preload"])
            self._pool = ProcessPool(
                max_workers=1,
                max_tasks=self.tasks_per_child,
                initializer=_cap_memory,
                initargs=(self.memory_bytes,),
                context=context,
            )
        return self._pool

    def read(
        self,
        data: bytes,
        filename: str,
        media_type: str,
        limits: DocumentLimits,
        timeout_s: float,
    ) -> ReadResult:
        """Read one document in the worker; ReaderFailure when the worker dies or overruns."""
        future = self._ensure().schedule(
            self.task, args=(data, filename, media_type, limits), timeout=timeout_s
        )
        self._current = future
        try:
            result = self._wait(future)
        except Exception as exc:
            if self._aborted:
                raise ProcessingStopped(
                    f"{filename}: reading stopped, the daemon is stopping"
                ) from exc
            raise self._failure(exc, filename, timeout_s) from exc
        return result

    def _wait(self, future: ProcessFuture[ReadResult]) -> ReadResult:
        """The read's result, waited for in short steps so that an abort ends the wait at
        once (even while the worker is still starting)."""
        while True:
            if self._aborted:
                future.cancel()  # type: ignore[no-untyped-call]  # pebble leaves it unannotated
                raise ProcessingStopped("the document reader was stopped")
            try:
                return future.result(timeout=ABORT_CHECK_S)
            except FutureTimeout:
                if future.done():  # the task's own time limit, or it finished just now
                    return future.result()

    def _failure(self, exc: Exception, filename: str, timeout_s: float) -> Exception:
        """The typed ReaderFailure of a failed read; any other error as it is."""
        if isinstance(exc, FutureTimeout):
            reason = QuarantineReason.READER_TIMEOUT
            detail = f"reading took over {timeout_s:.0f} s; the reader was stopped"
        elif isinstance(exc, ProcessExpired):
            reason = QuarantineReason.READER_CRASHED
            detail = f"the reader process died on it ({describe_exit(exc.exitcode)})"
        elif isinstance(exc, MemoryError):
            reason = QuarantineReason.READER_MEMORY
            detail = f"reading needed more than the {self.memory_bytes // MIB} MiB allowed"
        else:
            return exc
        return ReaderFailure(reason, filename, detail)

    def abort(self) -> None:
        """Kill the worker now (the daemon is stopping): the read in progress and every
        later one raise ProcessingStopped, so no mail is charged for the stop."""
        self._aborted = True
        current = self._current
        if current is not None:
            # pebble terminates the worker running a cancelled task
            current.cancel()  # type: ignore[no-untyped-call]

    def close(self) -> None:
        """Stop the worker, waiting at most JOIN_TIMEOUT_S for the pool to wind down.

        Pebble's join of a stopped pool takes no time limit, and a worker killed while it held
        the pool's channel lock can leave it waiting forever; the join therefore runs in a
        thread of its own. A worker still alive then dies with this process (PDEATHSIG).
        """
        pool, self._pool = self._pool, None
        if pool is None:
            return
        pool.stop()  # type: ignore[no-untyped-call]  # pebble leaves it unannotated
        joiner = threading.Thread(target=pool.join, name="reader-pool-join", daemon=True)
        joiner.start()
        joiner.join(JOIN_TIMEOUT_S)
        if joiner.is_alive():
            log.warning("the document reader pool did not stop within %.0f s", JOIN_TIMEOUT_S)


def make_reader(isolate: bool, memory_mib: int, tasks_per_child: int) -> DocumentReader:
    """The reader the settings ask for."""
    if isolate:
        return ChildReader(memory_mib, tasks_per_child)
    return InProcessReader()
