"""Stage 2, authenticate: who sent the mail, as far as our own server and the registry tell.

Reads our server's Authentication-Results (aligned pass for the From domain) and the registry
entries of the sender's domain into `SenderFacts`; never settles the mail.
"""

from __future__ import annotations

from mailbox_ingest.pipeline.authresults import verdict
from mailbox_ingest.pipeline.context import MessageContext
from mailbox_ingest.pipeline.settle import Outcome
from mailbox_ingest.pipeline.verify import SenderFacts


def authenticate(ctx: MessageContext) -> Outcome | None:
    """Record whether the sender is authenticated and a recognised workplace."""
    mail, d = ctx.parsed, ctx.decisions
    auth = verdict(
        mail.header_all("authentication-results"),
        ctx.settings.answers.authserv_id,
        mail.header_all("from"),
    )
    d.record("sender", "authenticated", auth.verified, auth.detail)
    sender = SenderFacts(
        mail.from_addr, auth.verified, tuple(ctx.registry.by_domain(mail.from_addr))
    )
    d.record(
        "sender",
        "recognised_workplace",
        sender.workplace is not None,
        sender.workplace.name if sender.workplace else (mail.from_addr or ""),
    )
    ctx.sender = sender
    ctx.row.sender_verified = sender.verified
    return None
