"""Responses that hand bytes from mail to the browser without letting it interpret them.

Always `Content-Disposition: attachment` with an ASCII fallback name and an RFC 5987 UTF-8
name (the sender's file name is only ever a header value, never a path), a content type
from a short allow-list (else application/octet-stream), `nosniff` and a sandboxing CSP.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from fastapi.responses import Response

SAFE_TYPES = frozenset(
    {
        "application/pdf",
        "image/png",
        "image/jpeg",
        "image/tiff",
        "application/zip",
        "message/rfc822",
    }
)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def safe_filename(name: str, default: str = "bestand") -> str:
    """A file name with no path, control characters or quotes, at most 120 characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    base = base.replace('"', "").strip(" .")
    return base[:120] or default


def attachment(data: bytes, filename: str, media_type: str) -> Response:
    """A download of untrusted bytes."""
    name = safe_filename(filename)
    ascii_name = name.encode("ascii", "replace").decode().replace("?", "_")
    kind = (
        media_type.lower()
        if media_type.lower() in SAFE_TYPES | {DOCX}
        else "application/octet-stream"
    )
    return Response(
        data,
        media_type=kind,
        headers={
            "Content-Disposition": f'attachment; filename="{ascii_name}"; '
            f"filename*=UTF-8''{quote(name)}",
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; sandbox",
            "Cache-Control": "no-store",
        },
    )
