"""Giving freed memory back to the system after each mail (glibc's `malloc_trim`).

A large mail (a scan, a hostile mail with megabytes of parts) leaves the C heap with free
space that the allocator keeps for later; the daemon's resident memory then stays at its
high-water mark for good. Trimming after each mail returns that space, so the daemon's memory
follows the mail in hand rather than the largest mail ever seen. Elsewhere than glibc this is
a no-op.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
from collections.abc import Callable


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's `malloc_trim`, or None when the C library has none."""
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        trim: Callable[[int], int] = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return None
    return trim


def trim() -> bool:
    """Return free heap memory to the system; True when the C library could."""
    function = _malloc_trim()
    return function is not None and bool(function(0))
