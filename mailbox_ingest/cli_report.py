"""`mailbox-ingest report`: the yearly overview in markdown, JSON, XLSX or PDF.

Markdown goes to the terminal by default; `--output` writes any format to a file, and the
binary formats need it. Every mistake a user can make is one line on stderr and exit code 2.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

from mailbox_ingest.domain.enums import ReportFormat

BINARY = (ReportFormat.XLSX, ReportFormat.PDF)


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(2)


def report(
    ctx: typer.Context,
    year: Annotated[int, typer.Option("--year", "-y", help="Calendar year received (Brussels).")],
    format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="md, json, xlsx or pdf.")
    ] = ReportFormat.MD,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File to write (needed for xlsx and pdf)."),
    ] = None,
    active_on: Annotated[
        str | None,
        typer.Option(
            "--active-on",
            help="Day for the active count, YYYY-MM-DD (default: 31 December of the year).",
        ),
    ] = None,
) -> None:
    """The yearly report for the minister: new, refused and active contracts, per month."""
    if not 1900 <= year <= 9998:
        raise _fail(f"--year must be a year between 1900 and 9998, not {year}")
    day = None
    if active_on is not None:
        try:
            day = dt.date.fromisoformat(active_on)
        except ValueError:
            raise _fail(f"--active-on must be a date like 2017-12-31, not {active_on!r}") from None
    if format in BINARY and output is None:
        raise _fail(f"--format {format.value} writes a file: give --output FILE")
    if output is not None and not output.parent.is_dir():
        raise _fail(f"cannot write {output}: folder {output.parent} does not exist")
    from mailbox_ingest import reports  # imported late: --help and mistakes answer at once
    from mailbox_ingest.cli import settings, store_session

    cfg = settings(ctx)
    with store_session(ctx) as session:
        r = reports.build_report(session, year, cfg.regimes, active_on=day)
    out = reports.render(r, format)
    if output is None:
        sys.stdout.write(out.data.decode("utf-8"))
        return
    try:
        output.write_bytes(out.data)
    except OSError as exc:
        raise _fail(f"cannot write {output}: {exc.strerror}") from exc
    typer.echo(f"report {year} ({format.value}) written to {output}", err=True)
