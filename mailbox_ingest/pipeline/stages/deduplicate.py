"""Stage 6, deduplicate: drop the contracts this department already holds.

An earlier contract counts as the same when it came from the same document bytes, or has
the same key fields (start date, both parties by enterprise number or a close name, workers,
nature of work give or take small slips). For a verified sender only an earlier copy from a
verified mail of the same organisation may stand for it. Fuzzy matching uses rapidfuzz.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz
from sqlalchemy import select
from sqlalchemy.orm import Session

from mailbox_ingest.faults import delay_point
from mailbox_ingest.pipeline.authresults import organisational_domain
from mailbox_ingest.pipeline.context import Found, MessageContext
from mailbox_ingest.pipeline.settle import Outcome
from mailbox_ingest.pipeline.verify import SenderFacts
from store.locks import CONTRACTS_NAMESPACE, serialize_transaction
from store.models import Attachment, Contract, Message
from store.registry import normalise_name


def deduplicate(ctx: MessageContext) -> Outcome | None:
    """Keep in `ctx.new` the extracted contracts not seen before; record each check.

    With parallel workers (PostgreSQL) one mail at a time runs from this check to its
    commit, so two copies read at once cannot both miss each other.
    """
    d = ctx.decisions
    if ctx.found:
        serialize_transaction(ctx.session, CONTRACTS_NAMESPACE)
        delay_point("duplicate_check")  # tests: widen the window up to the commit
    for item in ctx.found:
        original = duplicate_of(ctx.session, ctx.row, item)
        if original is not None and not _copy_may_stand_for(ctx.session, original, ctx.facts):
            d.record("duplicate", "earlier_copy_unverified", True, f"contract {original}")
            original = None
        if not d.record(
            "duplicate",
            "same_content_or_fields",
            original is not None,
            f"{item.doc.filename}#{item.index} = contract {original}"
            if original
            else item.doc.filename,
        ):
            ctx.new.append(item)
    return None


def duplicate_of(session: Session, row: Message, item: Found) -> int | None:
    """The id of an earlier contract with the same document content or the same key fields."""
    same_doc = (
        session.execute(
            select(Contract.id)
            .join(Attachment, Contract.attachment_id == Attachment.id)
            .where(Attachment.sha256 == item.doc.sha256, Contract.message_id != row.id)
            .order_by(Contract.id)
        )
        .scalars()
        .all()
    )
    if same_doc:
        return same_doc[min(item.index, len(same_doc) - 1)]
    c = item.contract
    start = c.value("start_date")
    if start is None or not (
        c.value("counterpart_enterprise_number") or c.value("counterpart_name")
    ):
        return None
    query = select(Contract).where(Contract.start_date == start, Contract.message_id != row.id)
    for other in session.execute(query).scalars():
        if _same_fields(item, other):
            return other.id
    return None


def _same_fields(item: Found, other: Contract) -> bool:
    """Both parties, the workers and the nature of work agree."""
    c = item.contract
    return (
        _same_party(
            c.value("counterpart_enterprise_number"),
            c.value("counterpart_name"),
            other.counterpart_enterprise_number,
            other.counterpart_name,
        )
        and _same_party(
            c.value("workplace_enterprise_number"),
            c.value("workplace_name"),
            other.workplace_enterprise_number,
            other.workplace_name,
        )
        and other.workers == c.value("workers")
        and _similar(c.value("nature_of_work"), other.nature_of_work)
    )


def _copy_may_stand_for(session: Session, contract_id: int, sender: SenderFacts) -> bool:
    """May an earlier contract make this mail a duplicate? Always for an unverified mail;
    for a verified one only when the earlier mail was verified too and came from the same
    organisation's domain (a counterpart forwarding the contract first changes nothing)."""
    if not sender.verified:
        return True
    earlier = session.get(Contract, contract_id)
    msg = earlier.message if earlier is not None else None
    if msg is None or not msg.sender_verified or not msg.from_addr or not sender.address:
        return False
    return organisational_domain(msg.from_addr.rsplit("@", 1)[-1]) == organisational_domain(
        sender.address.rsplit("@", 1)[-1]
    )


def _similar(a: str | None, b: str | None, threshold: float = 85) -> bool:
    """Unknown on either side, or the same text give or take small slips (same digits)."""
    if not a or not b:
        return True
    na, nb = normalise_name(a), normalise_name(b)
    if re.findall(r"\d+", na) != re.findall(r"\d+", nb):
        return False
    return fuzz.token_sort_ratio(na, nb) >= threshold


def _same_party(
    num_a: str | None, name_a: str | None, num_b: str | None, name_b: str | None
) -> bool:
    """Same enterprise number with compatible names, or (without numbers) the same name."""
    if num_a and num_b:
        return num_a == num_b and _similar(name_a, name_b, 92)
    return bool(name_a and name_b) and _similar(name_a, name_b, 92)
