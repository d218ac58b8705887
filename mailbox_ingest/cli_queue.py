"""The `worker` and `queue init` commands: processing as procrastinate jobs (`[queue]`).

Both need `[queue] kind = "procrastinate"` and a PostgreSQL database; see `jobqueue.py`.
"""

from __future__ import annotations

from typing import Annotated

import typer

from mailbox_ingest.config import Settings
from mailbox_ingest.domain.errors import ConfigError

queue_app = typer.Typer(
    help='The job queue of `[queue] kind = "procrastinate"`.', no_args_is_help=True
)


def _settings(ctx: typer.Context) -> Settings:
    from mailbox_ingest.cli import settings

    s = settings(ctx)
    if s.queue.kind != "procrastinate":
        raise ConfigError("queue.kind", 'is "inprocess"; workers need "procrastinate"')
    return s


def worker(
    ctx: typer.Context,
    concurrency: Annotated[
        int | None,
        typer.Option(
            "--concurrency",
            min=1,
            max=64,
            help="Jobs at once in this process (default: queue.concurrency).",
        ),
    ] = None,
) -> None:
    """Run a worker: process the messages the poll queued, until SIGINT or SIGTERM."""
    from mailbox_ingest.jobqueue import init_schema, run_worker
    from store.db import Database

    s = _settings(ctx)
    db = Database(s.database.url, migrate=False)
    try:
        init_schema(s, db)
        run_worker(s, db, concurrency or s.queue.concurrency)
    finally:
        db.dispose()


@queue_app.command("init")
def queue_init(ctx: typer.Context) -> None:
    """Create the job queue's tables (procrastinate's schema) unless they exist."""
    from mailbox_ingest.jobqueue import init_schema
    from store.db import Database

    s = _settings(ctx)
    db = Database(s.database.url, migrate=False)
    try:
        applied = init_schema(s, db)
    finally:
        db.dispose()
    typer.echo("job queue schema applied" if applied else "job queue schema already present")
