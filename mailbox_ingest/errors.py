"""The project's exception tree: one root, each error carrying the context a person needs."""

from __future__ import annotations


class MailboxIngestError(Exception):
    """Root of every error this project raises on purpose."""


class ConfigError(MailboxIngestError):
    """The configuration is missing, unreadable or invalid; `key` names the bad setting."""

    def __init__(self, key: str, problem: str) -> None:
        self.key = key
        self.problem = problem
        super().__init__(f"config error at {key}: {problem}")


class SourceError(MailboxIngestError):
    """The mailbox could not be reached or answered unexpectedly (retry later)."""


class SendError(MailboxIngestError):
    """An outgoing mail could not be handed over; `permanent` tells whether to retry."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        self.permanent = permanent
        super().__init__(message)


class TokenError(MailboxIngestError):
    """An OAuth2 access token could not be obtained; `name` says for which login."""

    def __init__(self, name: str, problem: str) -> None:
        self.name = name
        self.problem = problem
        super().__init__(f"OAuth2 token for {name}: {problem}")
