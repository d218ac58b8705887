"""Wire the components from the settings: database, mailbox source, sender, ingestor."""

from __future__ import annotations

from dataclasses import dataclass

from mailbox_ingest.config import Settings
from mailbox_ingest.intake.base import MailSource
from mailbox_ingest.intake.imap import ImapSource
from mailbox_ingest.intake.ingest import Ingestor
from mailbox_ingest.intake.maildir import MaildirSource
from mailbox_ingest.pipeline.readers import DocumentReader, make_reader
from mailbox_ingest.respond.senders import Sender, make_sender
from store.db import Database


def make_source(settings: Settings) -> MailSource:
    """The mailbox source the settings ask for."""
    mb = settings.mailbox
    if mb.kind == "imap":
        return ImapSource(mb)
    return MaildirSource(mb.path, account=mb.key_account, folder=mb.folder)


@dataclass(slots=True)
class App:
    """Everything a command needs, built once from the settings."""

    settings: Settings
    db: Database
    source: MailSource
    sender: Sender
    reader: DocumentReader

    @property
    def ingestor(self) -> Ingestor:
        """An ingestor over this app's source and database."""
        return Ingestor(self.settings, self.db, self.source, self.reader)

    def close(self) -> None:
        """Close the connections and stop the document reader's worker."""
        self.reader.close()
        self.source.close()
        self.db.dispose()


def build_app(settings: Settings, *, migrate: bool = True) -> App:
    """Build the app; applies pending migrations unless told not to."""
    db = Database(settings.database.url, migrate=migrate)
    return App(
        settings,
        db,
        make_source(settings),
        make_sender(settings.outgoing, settings.storage.smtp_journal),
        make_reader(
            settings.limits.isolate_readers, settings.limits.reader_memory_mib,
            settings.limits.reader_tasks_per_child,
        ),
    )
