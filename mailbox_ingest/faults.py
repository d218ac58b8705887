"""Named crash points for the crash-safety tests (like fail points in storage engines).

When the environment variable MAILBOX_INGEST_CRASH_AT names a point, the process kills itself
with SIGKILL on reaching it: no cleanup, no flush, exactly like a power cut. When
MAILBOX_INGEST_DELAY_AT is `point:seconds`, the process sleeps there instead (a slow document,
a slow server). Unset in production, a checkpoint costs one dictionary lookup.
"""

from __future__ import annotations

import os
import signal
import time

CRASH_ENV = "MAILBOX_INGEST_CRASH_AT"
DELAY_ENV = "MAILBOX_INGEST_DELAY_AT"


def checkpoint(name: str) -> None:
    """Die here, hard, if the environment asks for it."""
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def delay_point(name: str) -> None:
    """Sleep here if the environment asks for it (`name:seconds`)."""
    point, _, seconds = os.environ.get(DELAY_ENV, "").partition(":")
    if point == name:
        time.sleep(float(seconds or 1))
