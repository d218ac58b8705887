"""`mailbox-ingest import-archive PATH`: bring past years' mail into the store, unanswered.

The archive (mbox, Maildir or a folder of .eml files) is read as a mailbox source by the same
ingest driver as the daemon's inbox, with answering switched off: contracts are extracted,
verified and stored with their original received dates, and nothing is queued to be sent.
Known messages (same key or same bytes) are skipped, so an interrupted import is resumed by
running the command again. A progress bar (rich) shows on a terminal. Heavy modules are
imported inside the command so that other commands start fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


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
) -> None:
    """Import past mail with its original received dates; history is never answered."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from mailbox_ingest.cli import settings
    from mailbox_ingest.intake.archive import ArchiveIngestor, ArchiveSource
    from store.db import Database

    s = settings(ctx)
    source = ArchiveSource(path)
    console = Console(stderr=True)
    show = console.is_terminal if progress_bar is None else progress_bar
    db = Database(s.database.url, migrate=True)
    with Progress(
        TextColumn("importing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        disable=not show,
    ) as progress:
        task = progress.add_task("archive", total=None)
        source.on_listed = lambda n: progress.update(task, total=n)
        ingestor = ArchiveIngestor(s, db, source, on_handled=lambda: progress.advance(task))
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
        raise typer.Exit(1)
