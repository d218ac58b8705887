"""Contracts that are not in a readable attachment: kept as contracts, never "other".

A mail whose body holds the contract (no attachment gave one) is read like a document: its
contracts are stored without an attachment; a body that reads as a contract but states too
little of one goes to review (what was read, else an empty `not_extracted` contract). Termination notices in a body are left to the
termination rules.

A mail from a registered workplace, or one that speaks of an enclave, whose attachment reads
like a contract (`parsers.fields.contractlike`) but yielded no usable contract gets one empty
contract per such document, with the review reason `not_extracted`, so staff see the
document; under maatwerk a verified sender still gets the acknowledgement of receipt.
"""

from __future__ import annotations

import hashlib

from mailbox_ingest.domain.enums import DocOutcome
from mailbox_ingest.pipeline.documents import DocResult
from mailbox_ingest.pipeline.verify import SenderFacts
from parsers.documents.limits import DocumentLimits
from parsers.documents.read import read_text
from parsers.fields.contractlike import looks_like_contract, mentions_enclave
from parsers.fields.extract import GUESS_MAX, extract_contracts
from parsers.fields.termination import find_terminations
from parsers.mail import ParsedMail
from parsers.types import REQUIRED_FIELDS, ExtractedContract

NOT_EXTRACTED = "not_extracted"  # the problem (and layout) of such a placeholder
BODY_MIN_STATED = 3  # required fields a body must state itself to be the contract


def unextracted_documents(
    docs: list[DocResult], mail: ParsedMail, sender: SenderFacts
) -> list[DocResult]:
    """The read documents that look like contracts but gave none, when the mail is a workplace's."""
    lost = [
        doc
        for doc in docs
        if doc.document is not None and not doc.contracts and looks_like_contract(doc.document.text)
    ]
    if not lost:
        return []
    if (
        sender.workplace is None
        and not mentions_enclave(f"{mail.subject}\n{mail.body_text}")
        and not any(mentions_enclave(doc.document.text) for doc in lost if doc.document)
    ):
        return []
    return lost


def placeholder() -> ExtractedContract:
    """An empty contract that sends its document to review as `not_extracted`."""
    return ExtractedContract({}, NOT_EXTRACTED, [NOT_EXTRACTED])


def _states_a_contract(contract: ExtractedContract) -> bool:
    """Whether a body states the contract itself (not a covering note naming it)."""
    sure = [
        n
        for n in REQUIRED_FIELDS
        if n in contract.fields and contract.fields[n].confidence > GUESS_MAX
    ]
    return len(sure) >= BODY_MIN_STATED


def _reads_as_contract(text: str, docs: list[DocResult]) -> bool:
    """Whether a body that states too little to be accepted still reads as the contract
    itself, and no attached document does (that one goes to review instead)."""
    if not looks_like_contract(text):
        return False
    return not any(
        doc.document is not None and looks_like_contract(doc.document.text) for doc in docs
    )


def body_document(mail: ParsedMail, sender: SenderFacts, docs: list[DocResult]) -> DocResult | None:
    """The mail body as a document with its contracts, for a workplace's or an enclave mail.

    Only when no attachment gave a contract or failed to read (that stays a quarantine). A
    body that states too little of a contract but reads as one (agreement words, roles, the
    team, a start) gives what was read, or an empty `not_extracted` contract, for review:
    never "other".
    """
    text = mail.body_text.strip()
    if not text or find_terminations(text) or any(doc.contracts or doc.error for doc in docs):
        return None
    if sender.workplace is None and not mentions_enclave(f"{mail.subject}\n{text}"):
        return None
    data = text.encode("utf-8")
    doc = read_text(data, "body.txt", DocumentLimits())
    found = extract_contracts(doc)
    contracts = [c for c in found if _states_a_contract(c)]
    if not contracts and _reads_as_contract(text, docs):
        contracts = found or [placeholder()]  # to review: what was read, or the body itself
    if not contracts:
        return None
    return DocResult(
        "body.txt",
        "text/plain",
        data,
        hashlib.sha256(data).hexdigest(),
        doc,
        contracts,
        DocOutcome.CONTRACT,
    )
