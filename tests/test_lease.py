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


def test_lease_of_a_killed_process_on_this_host_is_taken_over(database: Database) -> None:
    """A holder that died without releasing (SIGKILL) does not block the next process."""
    import socket
    import subprocess

    proc = subprocess.Popen(["true"])
    proc.wait()
    assert lease.acquire(database, "poll", f"{socket.gethostname()}:{proc.pid}", ttl_s=300)
    assert lease.holder_of(database, "poll") is None
    assert lease.acquire(database, "poll", "b", ttl_s=300)
    assert lease.holder_of(database, "poll") == "b"
