"""A secret kept in a file of its own: read it, and replace it atomically with mode 0600.

Used for the refresh token, which some providers rotate on every use: the new one must be on
disk before the old one stops working, and never half-written. Hand-written because it is
the standard write + fsync + rename sequence (ten lines) and no library adds anything to it.
"""

from __future__ import annotations

import os
from pathlib import Path


def read_secret(path: Path) -> str:
    """The file's content without surrounding whitespace (OSError when unreadable)."""
    return path.read_text(encoding="utf-8").strip()


def write_secret(path: Path, value: str) -> None:
    """Replace the file with `value`: a 0600 temp file, fsync, rename, fsync of the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)  # an older temp file may have had other bits
        os.write(fd, value.encode("utf-8") + b"\n")
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)  # noqa: PTH105 - kept beside the os.open/fsync of the directory
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
