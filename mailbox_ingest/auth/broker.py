"""One token manager per distinct OAuth2 setting, shared by IMAP and SMTP, with their status.

The broker is built once per process (in `build_app`) and passed to the IMAP source, the
IDLE watcher and the SMTP sender: equal `[mailbox.oauth2]` and `[outgoing.oauth2]` sections
share one token, so one renewal serves every login. `statuses()` is what health reads.
"""

from __future__ import annotations

import threading

from mailbox_ingest.auth.providers import StaticProvider, make_provider
from mailbox_ingest.auth.tokens import TokenManager, TokenStatus
from mailbox_ingest.config import OAuth2Settings


class TokenBroker:
    """Token managers keyed by their settings."""

    def __init__(self, *, retry_base_s: float = 2) -> None:
        self.retry_base_s = retry_base_s
        self._managers: dict[OAuth2Settings, TokenManager] = {}
        self._lock = threading.Lock()

    def manager(self, settings: OAuth2Settings, key: str) -> TokenManager:
        """The manager for these settings (created on first use, named by `key`)."""
        with self._lock:
            found = self._managers.get(settings)
            if found is None:
                found = TokenManager(
                    key,
                    make_provider(settings, key),
                    margin_s=settings.renew_margin_s,
                    retry_base_s=self.retry_base_s,
                    retry_max_s=settings.retry_max_s,
                )
                self._managers[settings] = found
            return found

    def managers(self) -> list[TokenManager]:
        """Every manager created so far."""
        with self._lock:
            return list(self._managers.values())

    def statuses(self) -> list[TokenStatus]:
        """The status of every token source (empty when no login uses OAuth2)."""
        return [m.status() for m in self.managers()]

    def start_renewal(self, stop: threading.Event) -> list[threading.Thread]:
        """Renew every renewable token in the background until `stop` is set."""
        threads = []
        for m in self.managers():
            if isinstance(m.provider, StaticProvider):
                continue  # nothing to renew: the environment does not change
            t = threading.Thread(
                target=m.run_renewal, args=(stop,), name=f"token:{m.name}", daemon=True
            )
            t.start()
            threads.append(t)
        return threads
