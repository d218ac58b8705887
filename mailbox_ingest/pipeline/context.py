"""The unit of work of the pipeline: one stored message and what the stages learn about it.

Every stage takes a `MessageContext` and either fills in its part (returns None) or settles
the mail (returns an `Outcome`); see `pipeline/process.py` for the order. The fields below are
listed in the order the stages fill them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from mailbox_ingest.config import Settings
from mailbox_ingest.domain.enums import Regime
from mailbox_ingest.pipeline.decisions import Decisions
from mailbox_ingest.pipeline.documents import DocResult
from mailbox_ingest.pipeline.readers import DocumentReader
from mailbox_ingest.pipeline.verify import SenderFacts, Verified
from parsers.mail import ParsedMail
from parsers.types import ExtractedContract
from store.models import Attachment, Contract, Message
from store.registry import Registry


@dataclass(slots=True)
class Found:
    """One contract extracted from one document, with its place in that document."""

    doc: DocResult
    index: int
    contract: ExtractedContract
    verified: Verified | None = None


@dataclass(slots=True)
class MessageContext:
    """One message in flight: its key and bytes, the services, and what is known so far."""

    # given
    session: Session
    row: Message  # the stored message; its key is (account, folder, UIDVALIDITY, UID)
    raw: bytes
    settings: Settings
    shared_registry: Registry | None  # read-only, may serve every message of one poll
    reader: DocumentReader | None
    answering: bool = True
    decisions: Decisions = field(default_factory=Decisions)
    # learnt, in stage order
    mail: ParsedMail | None = None  # parse
    sender: SenderFacts | None = None  # authenticate
    docs: list[DocResult] = field(default_factory=list)  # read documents
    attachments: dict[int, Attachment] = field(default_factory=dict)  # id(doc) -> stored row
    found: list[Found] = field(default_factory=list)  # extract
    new: list[Found] = field(default_factory=list)  # deduplicate: not seen before
    regime: Regime | None = None  # verify
    contracts: list[Contract] = field(default_factory=list)  # persist

    @property
    def registry(self) -> Registry:
        """The registry, loaded on first use (an unparseable mail never needs it)."""
        if self.shared_registry is None:
            self.shared_registry = Registry(self.session)
        return self.shared_registry

    @property
    def parsed(self) -> ParsedMail:
        """The parsed mail (only after the parse stage)."""
        if self.mail is None:
            raise RuntimeError("the parse stage has not run")
        return self.mail

    @property
    def facts(self) -> SenderFacts:
        """What is known of the sender (only after the authenticate stage)."""
        if self.sender is None:
            raise RuntimeError("the authenticate stage has not run")
        return self.sender
