"""A short-lived cache of the queue's counts (tabs, reasons, filtered total).

Counting scans every contract, which is the most expensive part of the queue page. Counts
served a few seconds late are fine for badges, so they are kept for `ttl_s` per filter; any
state-changing request made through the web UI clears them at once, so a reviewer always
sees the effect of their own action. Changes made by the pipeline show within `ttl_s`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable

from store.queue import Counts


class CountCache:
    """Counts per filter key, each kept for `ttl_s` seconds or until `clear()`."""

    def __init__(self, ttl_s: float) -> None:
        self.ttl_s = ttl_s
        self._data: dict[Hashable, tuple[float, Counts]] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], Counts]) -> Counts:
        """The cached counts for `key`, or freshly computed ones."""
        now = time.monotonic()
        with self._lock:
            hit = self._data.get(key)
        if hit is not None and now - hit[0] < self.ttl_s:
            return hit[1]
        value = compute()
        with self._lock:
            if len(self._data) > 256:
                self._data.clear()
            self._data[key] = (now, value)
        return value

    def clear(self) -> None:
        """Forget every count (after a change)."""
        with self._lock:
            self._data.clear()
