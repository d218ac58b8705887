"""Who holds a claim or lease: `host:pid`, and whether that process is gone."""

from __future__ import annotations

import os
import socket


def me() -> str:
    """This process, as written in claims and leases."""
    return f"{socket.gethostname()}:{os.getpid()}"


def is_dead(holder: str | None) -> bool:
    """True when the holder ran on this host and its process no longer exists."""
    if not holder or ":" not in holder:
        return False
    host, _, pid = holder.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False
