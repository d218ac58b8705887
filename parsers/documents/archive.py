"""Zip archives: safe expansion of members within count, size and nesting limits.

Declared sizes are checked before anything is inflated, and the bytes actually produced are
counted while reading in chunks, so a header that lies about its size gains nothing.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass

from parsers.documents.errors import (
    CorruptDocument,
    DocumentErrorReason,
    EncryptedDocument,
    LimitExceeded,
    UnsupportedDocument,
)
from parsers.documents.limits import DocumentLimits

ZIP_MAGIC = b"PK\x03\x04"
_CHUNK = 1 << 16
_JUNK_NAMES = frozenset({".ds_store", "thumbs.db", "desktop.ini"})


@dataclass(slots=True)
class ZipBudget:
    """Members and inflated bytes still allowed, shared by an archive and the zips inside it."""

    members: int
    bytes: int

    @classmethod
    def from_limits(cls, limits: DocumentLimits) -> ZipBudget:
        """A fresh budget for one attachment."""
        return cls(limits.max_zip_members, limits.max_decompressed_bytes)


def expand_zip(
    data: bytes,
    filename: str,
    limits: DocumentLimits,
    depth: int = 0,
    budget: ZipBudget | None = None,
) -> list[tuple[str, bytes]]:
    """The files in a zip (nested zips expanded) as (safe base name, bytes) pairs."""
    if depth >= limits.max_zip_depth:
        raise LimitExceeded(
            filename,
            f"zips nested deeper than {limits.max_zip_depth}",
            DocumentErrorReason.DECOMPRESSION_LIMIT,
        )
    budget = budget if budget is not None else ZipBudget.from_limits(limits)
    out: list[tuple[str, bytes]] = []
    used: set[str] = set()
    with open_zip(data, filename) as zf:
        infos = [i for i in zf.infolist() if not i.is_dir() and not _is_junk(i.filename)]
        check_declared(infos, filename, budget)
        for info in infos:
            content = read_member(zf, info, filename, budget)
            name = _unique(safe_name(info.filename, len(out) + 1), used)
            if content.startswith(ZIP_MAGIC) and name.lower().endswith(".zip"):
                out.extend(expand_zip(content, name, limits, depth + 1, budget))
            else:
                out.append((name, content))
    return out


def open_zip(data: bytes, filename: str) -> zipfile.ZipFile:
    """Open zip bytes, turning a bad archive into CorruptDocument."""
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise CorruptDocument(filename, f"not a readable zip: {exc}") from exc


def check_declared(infos: list[zipfile.ZipInfo], filename: str, budget: ZipBudget) -> None:
    """Refuse an archive whose member count or declared sizes already exceed the budget."""
    if len(infos) > budget.members:
        raise LimitExceeded(
            filename,
            f"{len(infos)} members, {budget.members} allowed",
            DocumentErrorReason.DECOMPRESSION_LIMIT,
        )
    declared = sum(i.file_size for i in infos)
    if declared > budget.bytes:
        raise LimitExceeded(
            filename,
            f"members declare {declared} bytes, {budget.bytes} allowed",
            DocumentErrorReason.DECOMPRESSION_LIMIT,
        )


def read_member(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, filename: str, budget: ZipBudget
) -> bytes:
    """Inflate one member in chunks, charging members and bytes to the budget as they come."""
    if info.flag_bits & 0x1:
        raise EncryptedDocument(filename, f"member {info.filename!r} is password-protected")
    budget.members -= 1
    if budget.members < 0:
        raise LimitExceeded(filename, "too many members", DocumentErrorReason.DECOMPRESSION_LIMIT)
    parts: list[bytes] = []
    try:
        with zf.open(info) as member:
            while chunk := member.read(_CHUNK):
                budget.bytes -= len(chunk)
                if budget.bytes < 0:
                    raise LimitExceeded(
                        filename,
                        f"member {info.filename!r} inflates past the byte budget",
                        DocumentErrorReason.DECOMPRESSION_LIMIT,
                    )
                parts.append(chunk)
    except NotImplementedError as exc:  # e.g. Deflate64 or an unknown method
        raise UnsupportedDocument(filename, f"member {info.filename!r}: {exc}") from exc
    except RuntimeError as exc:  # zipfile's "encrypted, password required"
        raise EncryptedDocument(filename, f"member {info.filename!r}: {exc}") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise CorruptDocument(filename, f"member {info.filename!r}: {exc}") from exc
    return b"".join(parts)


def safe_name(name: str, index: int) -> str:
    """A member's base name with any directories, drive letters and '..' removed."""
    base = posixpath.basename(name.replace("\\", "/")).strip()
    base = base.split(":")[-1].strip()
    if base in ("", ".", "..") or base.startswith("."):
        base = f"member-{index}" + (base if base not in ("", ".", "..") else "")
    return base


def _unique(name: str, used: set[str]) -> str:
    """The name, suffixed when an earlier member already took it."""
    candidate, n = name, 1
    while candidate.lower() in used:
        n += 1
        stem, dot, ext = name.rpartition(".")
        candidate = f"{stem} ({n}).{ext}" if dot and stem else f"{name} ({n})"
    used.add(candidate.lower())
    return candidate


def _is_junk(name: str) -> bool:
    """Whether a member is operating-system clutter (resource forks, thumbnails)."""
    norm = name.replace("\\", "/")
    return norm.startswith("__MACOSX/") or posixpath.basename(norm).lower() in _JUNK_NAMES
