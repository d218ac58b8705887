"""`mailbox-ingest import-archive PATH`: bring past years' mail into the store, unanswered.

The archive (mbox, Maildir or a folder of .eml files) is read as a mailbox source by the same
ingest driver as the daemon's inbox, with answering switched off: contracts are extracted,
verified and stored with their original received dates, and nothing is queued to be sent.
Known messages (same key or same bytes) are skipped, so an interrupted import is resumed by
running the command again. A progress bar (rich) shows on a terminal.

With `[queue] kind = "procrastinate"` the command stores the raw mails and queues their
reading for the workers (`mailbox-ingest worker`, as many as there are machines), like the
poll does; the jobs never answer. By default it then waits, with the progress bar, until the
workers have read every mail of the archive; `--no-wait` returns at once (the jobs stay
queued, and running the command again resumes and waits). Heavy modules are imported inside
the command so that other commands start fast.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from rich.progress import Progress

    from mailbox_ingest.config import Settings
    from mailbox_ingest.intake.archive import ArchiveSource
    from mailbox_ingest.intake.ingest import PollReport
    from mailbox_ingest.jobqueue import Deferrer
    from store.db import Database

WAIT_STEP_S = 0.5


def import_archive(
    ctx: typer.Context,
    path: Annotated[
        Path,
        typer.Argument(help="An mbox file, a Maildir, or a folder of .eml files.", exists=True),
    ],
    progress_bar: Annotated[
        bool | None,
        typer.Option(
            "--progress/--no-progress", help="Show a progress bar (default: on a terminal)."
        ),
    ] = None,
    wait: Annotated[
        bool,
        typer.Option(
            "--wait/--no-wait",
            help="With queue workers: wait until they have read every mail (default).",
        ),
    ] = True,
) -> None:
    """Import past mail with its original received dates; history is never answered."""
    from mailbox_ingest.cli import settings
    from mailbox_ingest.intake.archive import ArchiveSource
    from store.db import Database

    s = settings(ctx)
    source = ArchiveSource(path)
    db = Database(s.database.url, migrate=True)
    defer = _deferrer(s, db)
    waited = ""
    try:
        with _progress(progress_bar) as bar:
            report = _store(s, db, source, bar, defer)
            if defer is not None and wait:
                waited = _wait_for_workers(db, source.account, bar)
                _settle(s, db, source, defer)
    finally:
        source.close()
        if defer is not None:
            defer.close()
        db.dispose()
    typer.echo(_summary(report))
    if waited:
        typer.echo(waited)
    if report.errors:
        raise typer.Exit(1)


def _deferrer(s: Settings, db: Database) -> Deferrer | None:
    """The job queue's deferrer (jobs that never answer) when workers read; else None."""
    if s.queue.kind != "procrastinate":
        return None
    from mailbox_ingest.jobqueue import Deferrer, init_schema

    init_schema(s, db)
    return Deferrer(s, answering=False)


@contextmanager
def _progress(show: bool | None) -> Iterator[Progress]:
    """A progress bar on stderr (shown on a terminal unless told otherwise)."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        disable=not (console.is_terminal if show is None else show),
    ) as bar:
        yield bar


def _store(
    s: Settings,
    db: Database,
    source: ArchiveSource,
    bar: Progress,
    defer: Callable[[int], bool] | None,
) -> PollReport:
    """Every mail of the archive through the ingest driver: read here, or stored and queued."""
    from mailbox_ingest.intake.archive import ArchiveIngestor

    task = bar.add_task("importing", total=None)
    source.on_listed = lambda n: bar.update(task, total=n)
    ingestor = ArchiveIngestor(s, db, source, on_handled=lambda: bar.advance(task), defer=defer)
    return ingestor.poll()


def _settle(s: Settings, db: Database, source: ArchiveSource, defer: Callable[[int], bool]) -> None:
    """One more pass once the workers are done: every mail they read is marked done, as the
    in-process import leaves it (nothing is read or queued again: all are final)."""
    from mailbox_ingest.intake.archive import ArchiveIngestor

    ArchiveIngestor(s, db, source, defer=defer).poll()


def _wait_for_workers(db: Database, account: str, bar: Progress) -> str:
    """Wait until the workers have read every stored mail of the archive (Ctrl-C stops
    waiting; the jobs stay queued); one line saying what they made of them."""
    from mailbox_ingest.intake.archive import archive_progress

    task = bar.add_task("read by workers", total=None)
    while True:
        progress = archive_progress(db, account)
        bar.update(task, total=progress.stored, completed=progress.final)
        if progress.done:
            break
        time.sleep(WAIT_STEP_S)
    classes = ", ".join(f"{k}={v}" for k, v in sorted(progress.by_class.items())) or "none"
    return f"read by the workers: {progress.final} of {progress.stored} ({classes})"


def _summary(report: PollReport) -> str:
    """One line: what the archive held and what became of it in this run."""
    known = report.seen - report.processed - report.quarantined - report.errors - report.deferred
    classes = ", ".join(f"{k}={v}" for k, v in sorted(report.by_class.items())) or "none"
    queued = f"{report.deferred} queued for the workers, " if report.deferred else ""
    return (
        f"{report.seen} message(s) in the archive: {queued}{report.processed} imported, "
        f"{report.quarantined} quarantined, {max(known, 0)} already stored, "
        f"{report.errors} failed ({classes}); nothing was answered"
    )
