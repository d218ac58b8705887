"""Freed heap memory goes back to the system after a mail (glibc `malloc_trim`)."""

from __future__ import annotations

import subprocess
import sys

import pytest

_SCRIPT = """
from pathlib import Path
from mailbox_ingest import heap

def rss_mib():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024

blocks = [bytearray(4000) for _ in range(40000)]  # about 150 MiB of small heap blocks
kept = blocks[::200]  # a few stay alive, so the heap cannot simply shrink from its top
del blocks
before = rss_mib()
trimmed = heap.trim()
print(trimmed, before, rss_mib())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc and /proc: Linux")
def test_trim_returns_freed_heap_to_the_system() -> None:
    """After a large mail's memory is freed, trimming lowers the resident memory."""
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT], capture_output=True, text=True, timeout=120, check=True
    )
    trimmed, before, after = done.stdout.split()
    assert trimmed == "True"
    assert float(before) - float(after) > 50, done.stdout
