"""The outbox's pause after an SMTP outage: exponential backoff, shown on /healthz.

A connection or login failure says nothing about the queued mails, so it is not charged to
them: the outbox stops sending until the backoff ends, then tries one mail again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class OutboxPause:
    """Consecutive outages and when the next attempt may be made (monotonic seconds)."""

    base_s: float = 5.0
    max_s: float = 900.0
    clock: Callable[[], float] = field(default=time.monotonic)
    failures: int = 0
    until: float = 0.0
    last_error: str | None = None

    def active(self) -> bool:
        """True while the outbox should not try the server."""
        return self.clock() < self.until

    def outage(self, error: str) -> float:
        """Record an outage; returns the delay before the next try."""
        self.failures += 1
        delay: float = min(self.base_s * 2 ** (self.failures - 1), self.max_s)
        self.until = self.clock() + delay
        self.last_error = error
        return delay

    def reached(self) -> None:
        """The server took a command from us again: end the pause."""
        self.failures, self.until, self.last_error = 0, 0.0, None

    def state(self) -> dict[str, Any]:
        """For /healthz."""
        return {
            "paused": self.active(),
            "consecutive_outages": self.failures,
            "resumes_in_s": round(max(self.until - self.clock(), 0.0), 1),
            "last_error": self.last_error,
        }
