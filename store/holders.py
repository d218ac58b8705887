"""Who holds a claim or lease: `host:pid:token`, and whether that holder is surely gone.

`host:pid` alone is not unique: a container restarts as PID 1 under the same name, and hosts
may share a name. The token is random per process (drawn again after a fork), so a restarted
process never mistakes the claims of its previous life for its own. A part of a process that
claims on its own (one poller among several threads) appends `#suffix`.
"""

from __future__ import annotations

import functools
import os
import secrets
import socket


@functools.lru_cache(maxsize=8)
def _token(pid: int) -> str:
    """A random token for the process with this pid (a forked child gets its own)."""
    return secrets.token_hex(6)


def me() -> str:
    """This process, as written in claims and leases."""
    pid = os.getpid()
    return f"{socket.gethostname()}:{pid}:{_token(pid)}"


def _parts(holder: str) -> tuple[str, str, str]:
    """Host, pid and token of a holder (token empty for the older `host:pid` form)."""
    parts = holder.split(":")
    parts += [""] * (3 - len(parts))
    return parts[0], parts[1], parts[2].partition("#")[0]


def is_dead(holder: str | None) -> bool:
    """True only when the holder is surely gone: it ran on this host and its process is not
    alive, or it carries this very pid with another token (a previous life of this process).

    A holder on another host, or one whose liveness cannot be told, is never judged dead.
    """
    if not holder or ":" not in holder:
        return False
    if holder == me():
        return False
    host, pid, token = _parts(holder)
    if host != socket.gethostname() or not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return bool(token) and token != _token(os.getpid())  # this pid's previous life
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False
