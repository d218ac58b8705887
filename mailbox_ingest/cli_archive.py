"""`mailbox-ingest import-archive PATH`: bring past years' mail into the store, unanswered.

The archive (mbox, Maildir or a folder of .eml files) is read as a mailbox source by the same
ingest driver as the daemon's inbox, with answering switched off: contracts are extracted,
verified and stored with their original received dates, and nothing is queued to be sent.
Known messages (same key or same bytes) are skipped, so an interrupted import is resumed by
running the command again. A progress bar (rich) shows on a terminal.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)

from mailbox_ingest.intake.archive import ArchiveSource
from mailbox_ingest.intake.base import InboundMessage
from mailbox_ingest.intake.ingest import Ingestor, PollReport


class _ProgressIngestor(Ingestor):
    """The ordinary driver, advancing a progress bar after each message."""

    progress: Progress | None = None
    task: TaskID | None = None

    def handle(self, msg: InboundMessage, report: PollReport) -> None:
        """Handle one message, then count it on the bar."""
        try:
            super().handle(msg, report)
        finally:
            if self.progress is not None and self.task is not None:
                self.progress.advance(self.task)


def import_archive(
    path: Annotated[
        Path,
        typer.Argument(help="An mbox file, a Maildir, or a folder of .eml files.", exists=True),
    ],
    progress_bar: Annotated[
        bool | None,
        typer.Option("--progress/--no-progress", help="Show a progress bar (default: on a "
                     "terminal)."),
    ] = None,
) -> None:
    """Import past mail with its original received dates; history is never answered."""
    from mailbox_ingest.cli import settings
    from store.db import Database

    s = settings()
    source = ArchiveSource(path)
    db = Database(s.database.url, migrate=True)
    ingestor = _ProgressIngestor(s, db, source, answering=False)
    console = Console(stderr=True)
    show = console.is_terminal if progress_bar is None else progress_bar
    with Progress(
        TextColumn("importing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=console, disable=not show, transient=False,
    ) as progress:
        ingestor.progress = progress
        task = progress.add_task("archive", total=None)
        ingestor.task = task
        source.on_listed = lambda n: progress.update(task, total=n)
        try:
            report = ingestor.poll()
        finally:
            source.close()
            db.dispose()
    known = report.seen - report.processed - report.quarantined - report.errors
    classes = ", ".join(f"{k}={v}" for k, v in sorted(report.by_class.items())) or "none"
    typer.echo(
        f"{report.seen} message(s) in the archive: {report.processed} imported, "
        f"{report.quarantined} quarantined, {max(known, 0)} already stored, "
        f"{report.errors} failed ({classes}); nothing was answered"
    )
    if report.errors:
        sys.exit(1)
