"""Read `Authentication-Results` (RFC 8601) written by the department's own mail server.

Only headers whose authserv-id equals the configured one count: anyone can write such a
header, so the ones from elsewhere are ignored. Hand-written because the header grammar we
need is small (method=result pairs) and no well-kept library parses just this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_METHOD = re.compile(r"\b(spf|dkim|dmarc|arc)\s*=\s*([a-z]+)", re.I)


@dataclass(frozen=True, slots=True)
class AuthVerdict:
    """What our server said: `failed` True when it says the sender is not authentic."""

    present: bool
    failed: bool
    detail: str


def _authserv_id(value: str) -> str:
    head = re.sub(r"\([^)]*\)", " ", value).split(";", 1)[0]
    parts = head.split()
    return parts[0].lower() if parts else ""


def verdict(headers: list[str], authserv_id: str) -> AuthVerdict:
    """Judge the sender from our server's Authentication-Results (the topmost one counts)."""
    wanted = authserv_id.lower()
    for value in headers:
        flat = " ".join(value.split())
        if _authserv_id(flat) != wanted:
            continue
        results: dict[str, str] = {}
        for method, result in _METHOD.findall(flat.split(";", 1)[1] if ";" in flat else ""):
            results.setdefault(method.lower(), result.lower())
        dmarc = results.get("dmarc")
        spf = results.get("spf")
        dkim = results.get("dkim")
        if dmarc is not None:
            failed = dmarc == "fail"
        else:
            failed = (
                spf in ("fail", "softfail") and dkim != "pass" or (dkim == "fail" and spf != "pass")
            )
        detail = ", ".join(f"{k}={v}" for k, v in sorted(results.items())) or "no results"
        return AuthVerdict(True, failed, detail)
    return AuthVerdict(False, False, f"no Authentication-Results from {authserv_id}")
