"""Contract documents the extractor could not fill: kept as contracts to review, never "other".

A mail from a registered workplace, or one that speaks of an enclave, whose attachment reads
like a contract (`parsers.fields.contractlike`) but yielded no usable contract gets one empty
contract per such document, with the review reason `not_extracted`, so staff see the
document; under maatwerk a verified sender still gets the acknowledgement of receipt.
"""

from __future__ import annotations

from mailbox_ingest.pipeline.documents import DocResult
from mailbox_ingest.pipeline.verify import SenderFacts
from parsers.fields.contractlike import looks_like_contract, mentions_enclave
from parsers.mail import ParsedMail
from parsers.types import ExtractedContract

NOT_EXTRACTED = "not_extracted"  # the problem (and layout) of such a placeholder


def unextracted_documents(docs: list[DocResult], mail: ParsedMail,
                          sender: SenderFacts) -> list[DocResult]:
    """The read documents that look like contracts but gave none, when the mail is a workplace's."""
    lost = [doc for doc in docs if doc.document is not None and not doc.contracts
            and looks_like_contract(doc.document.text)]
    if not lost:
        return []
    if sender.workplace is None and not mentions_enclave(f"{mail.subject}\n{mail.body_text}") \
            and not any(mentions_enclave(doc.document.text) for doc in lost if doc.document):
        return []
    return lost


def placeholder() -> ExtractedContract:
    """An empty contract that sends its document to review as `not_extracted`."""
    return ExtractedContract({}, NOT_EXTRACTED, [NOT_EXTRACTED])
