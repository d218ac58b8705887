"""The `mailbox-ingest` command line (Typer): run, poll, organisations, export, db.

Settings are loaded once from --config (or $MAILBOX_INGEST_CONFIG) and passed down; a bad
setting ends the command with one line naming the key and exit code 2.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from mailbox_ingest import cli_archive, cli_check, cli_queue, cli_web
from mailbox_ingest.config import Settings, load_settings
from mailbox_ingest.domain.enums import RefusalReason
from mailbox_ingest.domain.errors import ConfigError, MailboxIngestError, SourceError
from mailbox_ingest.logs import setup_logging

app = typer.Typer(
    help="Intake and accountability for enclave contracts sent by e-mail.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
organisations_app = typer.Typer(help="The organisation registry.", no_args_is_help=True)
export_app = typer.Typer(help="Export contracts or messages.", no_args_is_help=True)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
app.add_typer(organisations_app, name="organisations")
app.add_typer(export_app, name="export")
app.add_typer(db_app, name="db")
app.command("web")(cli_web.web)
app.add_typer(cli_web.users_app, name="users")


@dataclass(slots=True)
class CliState:
    """What the global options chose, kept on the command's context (`ctx.obj`), no global."""

    config: Path | None
    settings: Settings | None = None


def settings(ctx: typer.Context) -> Settings:
    """The running command's settings, loaded (and logging set up) on first use."""
    state = ctx.find_object(CliState)
    if state is None:  # a command invoked without the main callback: the defaults
        state = CliState(None)
        ctx.obj = state
    if state.settings is None:
        state.settings = load_settings(state.config)
        setup_logging(state.settings.logging.level, state.settings.logging.format)
    return state.settings


@app.callback()
def main_options(
    ctx: typer.Context,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            "-c",
            help="TOML config file (default: $MAILBOX_INGEST_CONFIG, else the "
            "embedded defaults: SQLite, Maildir and .eml files under ./var).",
            envvar="MAILBOX_INGEST_CONFIG",
        ),
    ] = None,
) -> None:
    """Intake and accountability for enclave contracts sent by e-mail."""
    ctx.obj = CliState(config)


@app.command()
def run(ctx: typer.Context) -> None:
    """Run the daemon: scheduled polling (IDLE where offered), the outbox, health/metrics."""
    from mailbox_ingest.app import build_app
    from mailbox_ingest.daemon import Daemon

    Daemon(build_app(settings(ctx))).run()


@app.command()
def poll(
    ctx: typer.Context,
    once: Annotated[bool, typer.Option("--once", help="Process the mailbox now and exit.")] = True,
) -> None:
    """Process everything now in the mailbox, send what is due, and exit 0."""
    from mailbox_ingest.app import build_app
    from mailbox_ingest.intake.ingest import PollReport
    from mailbox_ingest.respond.outbox import send_all_due
    from store import lease
    from store.holders import me

    a = build_app(settings(ctx))
    try:
        hold = lease.JobLease(a.db, "poll", me(), ttl_s=600)
        if hold.acquire():
            try:
                report = a.ingestor.poll(hold)
            finally:
                hold.release()
        else:
            report = PollReport()
            typer.echo(
                f"the mailbox is being polled by {lease.holder_of(a.db, 'poll')}; "
                "it will process the new mail"
            )
        sent = send_all_due(a.db, a.sender, a.settings.outgoing)
    finally:
        a.close()
    classes = ", ".join(f"{k}={v}" for k, v in sorted(report.by_class.items())) or "none"
    typer.echo(
        f"{report.seen} message(s): {report.processed} processed, "
        f"{report.quarantined} quarantined ({classes}); {sent.sent} answer(s) sent, "
        f"{sent.retried} to retry, {sent.failed} failed"
        + (f", {sent.uncertain} uncertain" if sent.uncertain else "")
        + ("; SMTP unavailable, sending paused" if sent.paused else "")
        + (f"; {report.deferred} queued for workers" if report.deferred else "")
    )


@organisations_app.command("import")
def organisations_import(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            help="CSV: enterprise_number,name,kind,email_domains (domains separated by ';'), "
            "optionally postal_address (lines separated by ';').",
            exists=True,
            dir_okay=False,
        ),
    ],
) -> None:
    """Load or update the organisation registry from a CSV file."""
    from store.registry import import_csv, public_domains_listed

    with store_session(ctx) as s:
        added, updated = import_csv(s, file)
        public = public_domains_listed(s)
    typer.echo(f"{added} organisation(s) added, {updated} updated")
    for domain, name in public:
        typer.echo(
            f"note: {domain} ({name}) is a public mail provider: its senders are never "
            "taken for the workplace by domain alone"
        )


class ContractFormat(StrEnum):
    """Formats for contracts."""

    json = "json"
    csv = "csv"
    xlsx = "xlsx"


class MessageFormat(StrEnum):
    """Formats for messages."""

    json = "json"
    csv = "csv"


def _write(data: str | bytes, output: Path | None) -> None:
    if output is not None:
        output.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    elif isinstance(data, bytes):
        sys.stdout.buffer.write(data)
    else:
        typer.echo(data)


@export_app.command("contracts")
def export_contracts(
    ctx: typer.Context,
    format: Annotated[ContractFormat, typer.Option("--format", "-f")] = ContractFormat.json,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (default stdout)")
    ] = None,
) -> None:
    """Export every contract (JSON array, CSV or Excel)."""
    from store import export

    with store_session(ctx) as s:
        records = export.contracts(s)
    if format is ContractFormat.xlsx:
        if output is None and sys.stdout.isatty():
            raise typer.BadParameter("xlsx needs --output FILE", param_hint="--output")
        _write(export.to_xlsx(records), output)
    else:
        _write(
            export.to_json(records) if format is ContractFormat.json else export.to_csv(records),
            output,
        )


@export_app.command("messages")
def export_messages(
    ctx: typer.Context,
    format: Annotated[MessageFormat, typer.Option("--format", "-f")] = MessageFormat.json,
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
) -> None:
    """Export every inbound message with its classification and answer."""
    from store import export

    with store_session(ctx) as s:
        records = export.messages(s)
    _write(
        export.to_json(records) if format is MessageFormat.json else export.to_csv(records), output
    )


@db_app.command("upgrade")
def db_upgrade(ctx: typer.Context) -> None:
    """Apply pending database migrations."""
    from store.db import Database

    db = Database(settings(ctx).database.url, migrate=True)
    if settings(ctx).queue.kind == "procrastinate":
        from mailbox_ingest.jobqueue import init_schema

        init_schema(settings(ctx), db)
    db.dispose()
    typer.echo("database is up to date")


app.command("import-archive")(cli_archive.import_archive)
app.command("check-config")(cli_check.check_config)
app.command("worker")(cli_queue.worker)
app.add_typer(cli_queue.queue_app, name="queue")


def main() -> None:
    """Console entry point with one-line errors for what a user can fix."""
    try:
        app(standalone_mode=True)
    except ConfigError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise SystemExit(2) from None
    except SourceError as exc:
        typer.echo(f"error: mailbox unavailable: {exc}", err=True)
        raise SystemExit(3) from None
    except MailboxIngestError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise SystemExit(1) from None


contracts_app = typer.Typer(help="Staff decisions on contracts.", no_args_is_help=True)
outbox_app = typer.Typer(help="Automatic answers waiting for staff.", no_args_is_help=True)
app.add_typer(contracts_app, name="contracts")
app.add_typer(outbox_app, name="outbox")
from mailbox_ingest.cli_review import messages_app, terminations_app  # noqa: E402

app.add_typer(terminations_app, name="terminations")
app.add_typer(messages_app, name="messages")


@contextmanager
def store_session(ctx: typer.Context) -> Iterator[Any]:
    """One transaction on the configured database; the engine is closed afterwards."""
    from store.db import Database

    db = Database(settings(ctx).database.url)
    try:
        with db.session() as s:
            yield s
    finally:
        db.dispose()


@contracts_app.command("accept")
def contracts_accept(
    ctx: typer.Context,
    contract_id: Annotated[int, typer.Argument(help="Contract id (see export contracts).")],
    by: Annotated[str, typer.Option("--by", help="Your name, for the audit trail and letter.")],
) -> None:
    """Accept a contract; under the old regime this writes the approval letter PDF."""
    from mailbox_ingest.review import accept

    with store_session(ctx) as s:
        path = accept(s, contract_id, by, settings(ctx))
    typer.echo(f"contract {contract_id} accepted" + (f"; letter: {path}" if path else ""))


@contracts_app.command("refuse")
def contracts_refuse(
    ctx: typer.Context,
    contract_id: Annotated[int, typer.Argument(help="Contract id.")],
    reason: Annotated[RefusalReason, typer.Option("--reason", help="Refusal reason.")],
    by: Annotated[str, typer.Option("--by", help="Your name.")],
    text: Annotated[
        str | None, typer.Option("--text", help="Explanation (required for 'other').")
    ] = None,
) -> None:
    """Refuse a contract with a reason; under the old regime this writes the refusal letter."""
    from mailbox_ingest.review import refuse

    with store_session(ctx) as s:
        path = refuse(s, contract_id, by, reason, text, settings(ctx))
    typer.echo(f"contract {contract_id} refused" + (f"; letter: {path}" if path else ""))


@outbox_app.command("release")
def outbox_release(
    ctx: typer.Context,
    outbox_id: Annotated[int, typer.Argument(help="Outbox entry id.")],
    by: Annotated[str, typer.Option("--by", help="Your name.")],
) -> None:
    """Send a held (or uncertain, or failed) acknowledgement after all."""
    from mailbox_ingest.review import release_answer

    with store_session(ctx) as s:
        release_answer(s, outbox_id, by)
    typer.echo(f"outbox entry {outbox_id} queued")


@outbox_app.command("mark-sent")
def outbox_mark_sent(
    ctx: typer.Context,
    outbox_id: Annotated[int, typer.Argument(help="Outbox entry id.")],
    by: Annotated[str, typer.Option("--by", help="Your name.")],
) -> None:
    """Record that an uncertain acknowledgement did arrive (never resend it)."""
    from mailbox_ingest.review import mark_sent

    with store_session(ctx) as s:
        mark_sent(s, outbox_id, by)
    typer.echo(f"outbox entry {outbox_id} marked sent")


@outbox_app.command("list")
def outbox_list(ctx: typer.Context) -> None:
    """List answers that wait for staff (held, uncertain, failed)."""
    from sqlalchemy import select

    from store.models import Outbox

    with store_session(ctx) as s:
        rows = (
            s.execute(
                select(Outbox)
                .where(Outbox.state.in_(["held", "uncertain", "failed"]))
                .order_by(Outbox.id)
            )
            .scalars()
            .all()
        )
        for r in rows:
            typer.echo(f"{r.id}\t{r.state}\t{r.reason or r.last_error or ''}\t{r.to_addr}")


from mailbox_ingest.cli_report import report  # noqa: E402 - registered after the app exists

app.command("report")(report)
