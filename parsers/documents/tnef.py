"""Outlook's winmail.dat (TNEF): the real attachments of a mail sent as RTF, unwrapped.

A container beside `archive.py` (zip): its files are returned within the attachment's
decompression and member limits, with safe names, for the caller to read like attachments.
`tnefparse` does the parsing; only the limits are ours.
"""

from __future__ import annotations

from parsers.documents.errors import CorruptDocument, DocumentErrorReason, LimitExceeded
from parsers.documents.limits import DocumentLimits
from parsers.mail import safe_filename

TNEF_MAGIC = b"\x78\x9f\x3e\x22"


def is_tnef(data: bytes, filename: str, media_type: str) -> bool:
    """Outlook's winmail.dat (TNEF), which wraps the real attachments of RTF mail."""
    return (
        data[:4] == TNEF_MAGIC
        or media_type == "application/ms-tnef"
        or (filename.lower() == "winmail.dat")
    )


def expand_tnef(data: bytes, filename: str, limits: DocumentLimits) -> list[tuple[str, bytes]]:
    """The files inside a TNEF blob, within the attachment and decompression limits."""
    import tnefparse

    try:
        parsed = tnefparse.TNEF(data)
    except Exception as exc:
        raise CorruptDocument(filename, f"not a readable TNEF (winmail.dat): {exc}") from exc
    out: list[tuple[str, bytes]] = []
    total = 0
    for index, att in enumerate(parsed.attachments, start=1):
        payload = bytes(att.data or b"")
        total += len(payload)
        if total > limits.max_decompressed_bytes or len(out) >= limits.max_zip_members:
            raise LimitExceeded(
                filename, "winmail.dat holds too much", DocumentErrorReason.DECOMPRESSION_LIMIT
            )
        name = safe_filename(
            att.long_filename() or att.name or "", index, "application/octet-stream"
        )
        out.append((name, payload))
    return out
