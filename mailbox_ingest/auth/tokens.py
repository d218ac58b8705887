"""Access tokens that stay valid: cached, renewed before expiry, retried with backoff.

One `TokenManager` per token source, shared by every connection that logs in with it (the
IMAP poller, the IDLE watcher and the SMTP sender use the same token when their settings
match). A failed renewal is logged once per attempt in one line, retried with exponential
backoff, and visible in `status()` for health checks; a token that is still valid keeps
being used while renewal fails. Token values never reach a log line or a status.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from mailbox_ingest.domain.errors import TokenError

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class AccessToken:
    """A bearer token and when it expires (Unix time; None when unknown)."""

    value: str
    expires_at: float | None


class TokenProvider(Protocol):
    """Obtains a new access token from somewhere (environment, msal, a token endpoint)."""

    def acquire(self) -> AccessToken:
        """A fresh token, or TokenError with a one-line reason."""


@dataclass(frozen=True, slots=True)
class TokenStatus:
    """What health and readiness checks need to know about one token source."""

    name: str
    ok: bool
    last_success: float | None
    last_error: str | None
    last_error_at: float | None
    expires_at: float | None
    consecutive_failures: int

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form (no token value in it)."""
        return {
            "name": self.name,
            "ok": self.ok,
            "last_success": self.last_success,
            "last_error": self.last_error,
            "last_error_at": self.last_error_at,
            "expires_at": self.expires_at,
            "consecutive_failures": self.consecutive_failures,
        }


class TokenManager:
    """Hands out a valid token, renewing it `margin_s` before it expires."""

    def __init__(
        self,
        name: str,
        provider: TokenProvider,
        *,
        margin_s: float = 300,
        retry_base_s: float = 2,
        retry_max_s: float = 300,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.name = name
        self.provider = provider
        self.margin_s = margin_s
        self.retry_base_s = retry_base_s
        self.retry_max_s = retry_max_s
        self.clock = clock
        self._lock = threading.Lock()  # guards the fields below; never held during a request
        self._renewing = threading.Lock()
        self._token: AccessToken | None = None
        self._next_try = 0.0
        self._failures = 0
        self._last_success: float | None = None
        self._last_error: str | None = None
        self._last_error_at: float | None = None

    def _fresh(self, now: float) -> bool:
        t = self._token
        return t is not None and t.expires_at is not None and t.expires_at - self.margin_s > now

    def _valid(self, now: float) -> bool:
        t = self._token
        return t is not None and (t.expires_at is None or t.expires_at > now)

    def token(self) -> str:
        """A token valid now; renewed first when it is within the margin of its expiry."""
        ready = self._ready()
        if ready is not None:
            return ready
        with self._renewing:  # one renewal at a time; status() stays readable meanwhile
            ready = self._ready()  # another thread may have renewed while we waited
            if ready is not None:
                return ready
            try:
                token = self.provider.acquire()
            except TokenError as exc:
                return self._failed(exc)
            with self._lock:
                if self._failures:
                    log.info(
                        "OAuth2 token for %s renewed after %d failure(s)", self.name, self._failures
                    )
                self._token, self._failures, self._next_try = token, 0, 0.0
                self._last_success = self.clock()
            return token.value

    def _ready(self) -> str | None:
        """The cached token when no renewal is due; TokenError while backing off without one."""
        with self._lock:
            now = self.clock()
            if self._fresh(now):
                assert self._token is not None
                return self._token.value
            if now < self._next_try:
                if self._valid(now):
                    assert self._token is not None
                    return self._token.value
                raise TokenError(
                    self.name,
                    f"renewal failing ({self._last_error}); next try in "
                    f"{math.ceil(self._next_try - now)} s",
                )
            return None

    def _failed(self, exc: TokenError) -> str:
        """Record a failed renewal and schedule the retry; the old token while it is valid."""
        with self._lock:
            now = self.clock()
            self._failures += 1
            delay = min(self.retry_base_s * 2 ** (self._failures - 1), self.retry_max_s)
            self._next_try = now + delay
            self._last_error, self._last_error_at = exc.problem, now
            log.warning(
                "OAuth2 token for %s could not be renewed: %s; next try in %d s",
                self.name,
                exc.problem,
                math.ceil(delay),
            )
            if self._valid(now):
                assert self._token is not None
                return self._token.value
        raise exc

    def renew_if_due(self) -> None:
        """Renew now when the token is missing or within the margin (for a background loop)."""
        try:  # noqa: SIM105 - the comment below says why the error is dropped
            self.token()
        except TokenError:
            pass  # logged and recorded by token()

    def seconds_until_due(self) -> float:
        """How long a background loop may sleep before the next renewal or retry."""
        with self._lock:
            now = self.clock()
            if now < self._next_try:
                return self._next_try - now
            t = self._token
            if t is None:
                return 0.0
            if t.expires_at is None:
                return math.inf
            return max(t.expires_at - self.margin_s - now, 0.0)

    def run_renewal(self, stop: threading.Event, max_sleep_s: float = 60) -> None:
        """Keep the token renewed until `stop` is set (run in a daemon thread)."""
        while not stop.is_set():
            self.renew_if_due()
            stop.wait(min(max(self.seconds_until_due(), 1.0), max_sleep_s))

    def status(self) -> TokenStatus:
        """Last success, last error and expiry; `ok` when a token is valid and renewal works."""
        with self._lock:
            now = self.clock()
            renewing_ok = self._failures == 0
            return TokenStatus(
                name=self.name,
                ok=renewing_ok and (self._token is None or self._valid(now)),
                last_success=self._last_success,
                last_error=self._last_error,
                last_error_at=self._last_error_at,
                expires_at=self._token.expires_at if self._token else None,
                consecutive_failures=self._failures,
            )
