"""The project's exception tree: one root, each error carrying the context a person needs."""

from __future__ import annotations


class MailboxIngestError(Exception):
    """Root of every error this project raises on purpose (the parsers' too).

    `message_key` is the key of the inbound message concerned (account, folder, UIDVALIDITY,
    UID) when there is one, so a handler can say which mail failed.
    """

    message_key: str | None = None

    def __init__(self, *args: object, message_key: str | None = None) -> None:
        super().__init__(*args)
        if message_key is not None:
            self.message_key = message_key


class ConfigError(MailboxIngestError):
    """The configuration is missing, unreadable or invalid; `key` names the bad setting."""

    def __init__(self, key: str, problem: str) -> None:
        self.key = key
        self.problem = problem
        super().__init__(f"config error at {key}: {problem}")


class SourceError(MailboxIngestError):
    """The mailbox could not be reached or answered unexpectedly (retry later)."""


class MessageRefused(MailboxIngestError):
    """The mailbox server refused an operation on one message (IMAP NO); the connection is
    fine and the other messages go on. The message stays where it is for the next poll."""


class MessageClaimLost(MailboxIngestError):
    """Another daemon holds (or took over) the claim on a message being processed: this
    process's work on it is rolled back, the other's counts."""


class SendError(MailboxIngestError):
    """An outgoing mail could not be handed over; `permanent` tells whether to retry.

    `uncertain` is set when the failure came after the data may have reached the server
    (after the journal's begin): the mail may be delivered, so it is never sent again.
    """

    def __init__(self, message: str, *, permanent: bool = False, uncertain: bool = False) -> None:
        self.permanent = permanent
        self.uncertain = uncertain
        super().__init__(message)


class SmtpUnavailable(SendError):
    """The SMTP server cannot be reached or refuses our login: the outbox pauses, no row
    is charged an attempt."""


class ClaimLost(SendError):
    """The outbox row is no longer claimed by this process (settled by another): not sent."""


class TokenError(MailboxIngestError):
    """An OAuth2 access token could not be obtained; `name` says for which login."""

    def __init__(self, name: str, problem: str) -> None:
        self.name = name
        self.problem = problem
        super().__init__(f"OAuth2 token for {name}: {problem}")


class StoreUnavailable(MailboxIngestError):
    """The database cannot be reached or dropped the connection mid-transaction: the work
    in hand is rolled back and retried after a backoff, and no message is charged for it."""


class ProcessingStopped(MailboxIngestError):
    """The daemon is stopping and cut the work on a message short (its document reader was
    stopped): the message is given back untouched, with no attempt or interruption counted,
    and processed on the next start."""
