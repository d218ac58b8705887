"""Helpers for pipeline tests: a Maildir inbox, a registry, one poll, and what came out."""

from __future__ import annotations

import csv
import email
import email.policy
import mailbox
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from mailbox_ingest.app import App, build_app
from mailbox_ingest.config import Settings
from mailbox_ingest.intake.ingest import PollReport
from mailbox_ingest.respond.outbox import OutboxReport, run_outbox
from store import export
from store.registry import import_csv

REGISTRY = [
    ("0456.789.034", "De Ploeg vzw", "maatwerkbedrijf", "deploeg.be"),
    ("0123.456.749", "Bakkerij Peeters NV", "regular_company", "bakkerijpeeters.be"),
    ("0207.451.227", "Stad Gent", "other_public", "stad.gent"),
]


def write_registry(path: Path, rows: list[tuple[str, str, str, str]] = REGISTRY) -> Path:
    """Write a registry CSV."""
    with path.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["enterprise_number", "name", "kind", "email_domains"])
        w.writerows(rows)
    return path


@dataclass
class Harness:
    """An app over a Maildir inbox and a folder outbox."""

    app: App
    settings: Settings

    @property
    def inbox(self) -> mailbox.Maildir:
        """The Maildir the source reads."""
        return mailbox.Maildir(self.settings.mailbox.path, create=True)

    def deliver(self, *raws: bytes) -> None:
        """Put mails in the inbox."""
        box = self.inbox
        for raw in raws:
            box.add(raw)

    def poll(self) -> tuple[PollReport, OutboxReport]:
        """One poll and one outbox run."""
        return self.app.ingestor.poll(), run_outbox(
            self.app.db, self.app.sender, self.settings.outgoing
        )

    def messages(self) -> list[dict[str, Any]]:
        """`export messages` records."""
        with self.app.db.session() as s:
            return export.messages(s)

    def contracts(self) -> list[dict[str, Any]]:
        """`export contracts` records."""
        with self.app.db.session() as s:
            return export.contracts(s)

    def sent(self) -> list[EmailMessage]:
        """The answers written to the outbox folder."""
        folder = Path(self.settings.outgoing.path)
        if not folder.exists():
            return []
        return [
            email.message_from_bytes(p.read_bytes(), policy=email.policy.default)  # type: ignore[misc]
            for p in sorted(folder.glob("*.eml"))
        ]

    def folder_count(self, name: str) -> int:
        """Messages in a Maildir++ subfolder (or the inbox for INBOX)."""
        box = self.inbox
        if name == "INBOX":
            return len(box)
        try:
            return len(box.get_folder(name))
        except mailbox.NoSuchMailboxError:
            return 0


def harness(settings: Settings, registry_csv: Path | None = None) -> Harness:
    """Build the app and load the registry."""
    app = build_app(settings)
    if registry_csv is not None:
        with app.db.session() as s:
            import_csv(s, registry_csv)
    return Harness(app, settings)
