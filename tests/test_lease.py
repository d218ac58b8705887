"""Leases: of several daemons on one database exactly one holds the poll job at a time."""

from __future__ import annotations

import time

from store import lease
from store.db import Database


def test_one_holder_at_a_time_and_takeover_after_expiry(database: Database) -> None:
    """A second daemon stands by until the first one's lease expires, then takes over."""
    assert lease.acquire(database, "poll", "a", ttl_s=0.5)
    assert not lease.acquire(database, "poll", "b", ttl_s=0.5)
    assert lease.acquire(database, "poll", "a", ttl_s=0.5), "the holder renews"
    time.sleep(0.6)
    assert lease.acquire(database, "poll", "b", ttl_s=30)
    assert not lease.acquire(database, "poll", "a", ttl_s=30)


def test_release_hands_over_at_once(database: Database) -> None:
    """A clean shutdown releases the lease so a standby takes over without waiting."""
    assert lease.acquire(database, "poll", "a", ttl_s=300)
    lease.release(database, "poll", "a")
    assert lease.acquire(database, "poll", "b", ttl_s=300)


def test_leases_are_per_name(database: Database) -> None:
    """Different jobs have independent leases."""
    assert lease.acquire(database, "poll", "a", ttl_s=300)
    assert lease.acquire(database, "other", "b", ttl_s=300)
