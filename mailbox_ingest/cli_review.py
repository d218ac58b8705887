"""Command line for the review queue: termination proposals and quarantined-mail retries.

`mailbox-ingest terminations list|confirm ID|reject ID --by NAME` and
`mailbox-ingest messages retry ID|--reason R --by NAME`. The commands only call the functions
the web UI calls too (`review.py`, `recovery.py`); an error is one line and a non-zero exit.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from mailbox_ingest.domain.enums import ProposalState, QuarantineReason
from mailbox_ingest.domain.errors import MailboxIngestError

terminations_app = typer.Typer(
    help="Termination notices waiting for staff (proposals).", no_args_is_help=True
)
messages_app = typer.Typer(help="Inbound messages: re-run quarantined mail.", no_args_is_help=True)


@terminations_app.command("list")
def terminations_list(
    ctx: typer.Context,
    all_: Annotated[bool, typer.Option("--all", help="Also confirmed and rejected ones.")] = False,
) -> None:
    """List termination proposals: id, state, contract, proposed date, reason, sender."""
    from sqlalchemy import select

    from mailbox_ingest.cli import store_session
    from store.models import TerminationProposal

    with store_session(ctx) as s:
        query = select(TerminationProposal).order_by(TerminationProposal.id)
        if not all_:
            query = query.where(TerminationProposal.state == ProposalState.PENDING)
        for p in s.execute(query).scalars():
            typer.echo(
                f"{p.id}\t{p.state}\tcontract {p.contract_id}\t{p.proposed_date or '-'}\t"
                f"{p.reason}\t{p.message.from_addr or ''}"
            )


@terminations_app.command("confirm")
def terminations_confirm(
    ctx: typer.Context,
    proposal_id: Annotated[int, typer.Argument(help="Proposal id (see terminations list).")],
    by: Annotated[str, typer.Option("--by", help="Your name, for the audit trail.")],
    on: Annotated[
        str | None, typer.Option("--on", help="End date YYYY-MM-DD (default: the proposed one).")
    ] = None,
) -> None:
    """Confirm a proposal: the contract ends on the proposed date (or --on)."""
    from mailbox_ingest.cli import store_session
    from mailbox_ingest.review import confirm_termination

    try:
        day = dt.date.fromisoformat(on) if on else None
    except ValueError as exc:
        raise MailboxIngestError(f"--on {on!r} is not a date YYYY-MM-DD") from exc
    with store_session(ctx) as s:
        c = confirm_termination(s, proposal_id, by, day)
        typer.echo(f"proposal {proposal_id} confirmed: contract {c.id} ends on {c.terminated_on}")


@terminations_app.command("reject")
def terminations_reject(
    ctx: typer.Context,
    proposal_id: Annotated[int, typer.Argument(help="Proposal id.")],
    by: Annotated[str, typer.Option("--by", help="Your name, for the audit trail.")],
) -> None:
    """Reject a proposal: the contract is left as it is."""
    from mailbox_ingest.cli import store_session
    from mailbox_ingest.review import reject_termination

    with store_session(ctx) as s:
        reject_termination(s, proposal_id, by)
    typer.echo(f"proposal {proposal_id} rejected")


@messages_app.command("retry")
def messages_retry(
    ctx: typer.Context,
    message_id: Annotated[
        int | None, typer.Argument(help="Message id (see export messages).")
    ] = None,
    reason: Annotated[
        QuarantineReason | None,
        typer.Option("--reason", help="Retry every quarantined message with this reason."),
    ] = None,
    by: Annotated[str, typer.Option("--by", help="Your name, for the audit trail.")] = "cli",
) -> None:
    """Re-run quarantined mail through the pipeline with the current code and templates."""
    from mailbox_ingest.cli import settings, store_session
    from mailbox_ingest.recovery import retry_by_reason, retry_message

    if (message_id is None) == (reason is None):
        raise MailboxIngestError("give a message id or --reason, not both and not neither")
    with store_session(ctx) as s:
        if message_id is not None:
            rows = [retry_message(s, message_id, by, settings(ctx))]
        else:
            assert reason is not None
            rows = list(retry_by_reason(s, reason.value, by, settings(ctx)))
        lines = [
            f"message {r.id}: {r.classification}" + (f" ({r.reason})" if r.reason else "")
            for r in rows
        ]
    for line in lines:
        typer.echo(line)
    typer.echo(f"{len(lines)} message(s) retried")
