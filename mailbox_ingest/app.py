"""Wire the components from the settings: database, mailbox source, sender, ingestor."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from mailbox_ingest.auth.broker import TokenBroker
from mailbox_ingest.config import Settings
from mailbox_ingest.intake.base import MailSource
from mailbox_ingest.intake.imap import ImapSource
from mailbox_ingest.intake.ingest import Ingestor
from mailbox_ingest.intake.maildir import MaildirSource
from mailbox_ingest.pipeline.authresults import EXAMPLE_AUTHSERV_ID
from mailbox_ingest.pipeline.readers import DocumentReader, make_reader
from mailbox_ingest.respond.senders import Sender, make_sender
from store.db import Database
from store.holders import me
from store.journal import SendJournal

log = logging.getLogger(__name__)


def make_source(settings: Settings, tokens: TokenBroker | None = None) -> MailSource:
    """The mailbox source the settings ask for."""
    mb = settings.mailbox
    if mb.kind == "imap":
        return ImapSource(mb, tokens)
    return MaildirSource(mb.path, account=mb.key_account, folder=mb.folder)


@dataclass(slots=True)
class App:
    """Everything a command needs, built once from the settings."""

    settings: Settings
    db: Database
    source: MailSource
    sender: Sender
    reader: DocumentReader
    tokens: TokenBroker = field(default_factory=TokenBroker)  # OAuth2 tokens, shared
    defer: Callable[[int], bool] | None = None  # [queue] kind = "procrastinate": jobs, see jobqueue

    @property
    def ingestor(self) -> Ingestor:
        """An ingestor over this app's source and database."""
        return Ingestor(self.settings, self.db, self.source, self.reader, defer=self.defer)

    def close(self) -> None:
        """Close the connections and stop the document reader's worker."""
        self.reader.close()
        if self.defer is not None:
            self.defer.close()  # type: ignore[attr-defined]
        self.source.close()
        self.db.dispose()


def warn_example_authserv_id(settings: Settings) -> bool:
    """Log one warning when answers.authserv_id is still the example value; True if so."""
    if settings.answers.authserv_id.strip().lower() != EXAMPLE_AUTHSERV_ID:
        return False
    log.warning(
        "answers.authserv_id is still the example %r: no sender can be verified until it "
        "names the id in our own mail server's Authentication-Results",
        EXAMPLE_AUTHSERV_ID,
    )
    return True


def build_app(settings: Settings, *, migrate: bool = True) -> App:
    """Build the app; applies pending migrations unless told not to."""
    warn_example_authserv_id(settings)
    db = Database(settings.database.url, migrate=migrate)
    tokens = TokenBroker()
    defer = None
    if settings.queue.kind == "procrastinate":
        from mailbox_ingest.jobqueue import Deferrer, init_schema

        if migrate:
            init_schema(settings, db)
        defer = Deferrer(settings)
    return App(
        settings,
        db,
        make_source(settings, tokens),
        make_sender(settings.outgoing, SendJournal(db, me()), tokens),
        make_reader(
            settings.limits.isolate_readers,
            settings.limits.reader_memory_mib,
            settings.limits.reader_tasks_per_child,
        ),
        tokens,
        defer,
    )
