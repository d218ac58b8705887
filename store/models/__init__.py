"""SQLAlchemy 2 models: the whole schema of the store (created by the Alembic migrations).

One row per inbound message (its key, raw bytes by hash, classification and the reasons for
every automatic decision), per contract (fields with confidence and evidence), per outgoing
mail (the outbox), per letter, per organisation of the registry, and an audit trail. The
models live in one module per topic; this package imports them all (so `Base.metadata` holds
every table) and names them, so callers import from `store.models`.
"""

from __future__ import annotations

from store.models.base import NAMING, Base, UTCDateTime, clip, clip_on_set, enum_type, utcnow
from store.models.contracts import Contract, TerminationProposal
from store.models.messages import Attachment, Blob, MailboxFolder, Message
from store.models.organisations import Organisation
from store.models.outgoing import Letter, Outbox, SendJournalEntry
from store.models.staff import AuditEntry, Lease, User, WebSession

__all__ = [
    "NAMING",
    "Attachment",
    "AuditEntry",
    "Base",
    "Blob",
    "Contract",
    "Lease",
    "Letter",
    "MailboxFolder",
    "Message",
    "Organisation",
    "Outbox",
    "SendJournalEntry",
    "TerminationProposal",
    "UTCDateTime",
    "User",
    "WebSession",
    "clip",
    "enum_type",
    "utcnow",
]

clip_on_set()
