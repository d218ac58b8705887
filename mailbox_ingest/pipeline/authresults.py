"""Judge a sender from the `Authentication-Results` (RFC 8601) our own mail server wrote.

The headers are parsed by the `authres` library (comments, quoted strings, properties), never
scanned with a pattern, so a property value such as `smtp.mailfrom=dmarc=pass@x` is only a
property. Rules, all fail-closed:

* only headers whose authserv-id equals ours count, and all of them are combined (the
  receiving MTA must remove copies of our id that arrive from outside, RFC 8601 section 5);
* a result counts only when it is *aligned* with the one From domain (RFC 7489 relaxed
  alignment: the same organisational domain, from the Public Suffix List): `dmarc` by its
  `header.from`, `spf` by its `smtp.mailfrom`, `dkim` by its `header.d` (or `header.i`);
* verified means at least one aligned pass and no aligned fail (`dmarc=none`, `neutral`,
  `temperror`... are neither); a fail whose domain is not stated counts as aligned;
* no result from our server, an unreadable header with our id, no From address, or more than
  one From address (two headers, or a list) all mean unverified.
"""

from __future__ import annotations

import email.utils
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import authres
from publicsuffixlist import PublicSuffixList

FAIL_RESULTS = {
    "dmarc": frozenset({"fail"}),
    "spf": frozenset({"fail", "softfail"}),
    "dkim": frozenset({"fail"}),
}
EXAMPLE_AUTHSERV_ID = "mx.wse.example"


@dataclass(frozen=True, slots=True)
class AuthVerdict:
    """What our server's results say about the From domain.

    `present`: at least one header from our server; `verified`: an aligned pass and no
    aligned fail; `failed`: an aligned fail (the sender is not who the From header says).
    """

    present: bool
    verified: bool
    failed: bool
    detail: str


@cache
def _psl() -> PublicSuffixList:
    return PublicSuffixList()


def organisational_domain(domain: str) -> str:
    """The registrable domain (`mail.deploeg.be` -> `deploeg.be`); the name itself if none."""
    domain = domain.strip().strip(".").lower()
    return _psl().privatesuffix(domain) or domain


def from_addresses(values: Iterable[str]) -> list[str]:
    """Every address in the given From header values (a list in one header counts each)."""
    pairs = email.utils.getaddresses([" ".join(v.split()) for v in values])
    return [addr.lower() for _, addr in pairs if addr]


def _authserv_id(value: str) -> str:
    """The authserv-id of a header that `authres` could not parse (comments removed)."""
    head = re.sub(r"\([^)]*\)", " ", value).split(";", 1)[0].split()
    return head[0].lower() if head else ""


def _domain_of(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip().strip('"').strip("<>")
    return value.rsplit("@", 1)[-1].strip().lower() or None


def _result_domain(result: authres.AuthenticationResult) -> str | None:
    props = {(p.type.lower(), p.name.lower()): str(p.value) for p in result.properties}
    method = result.method.lower()
    if method == "dmarc":
        return _domain_of(props.get(("header", "from")))
    if method == "spf":
        return _domain_of(props.get(("smtp", "mailfrom")))
    if method == "dkim":
        return _domain_of(props.get(("header", "d")) or props.get(("header", "i")))
    return None


def verdict(headers: list[str], authserv_id: str, from_values: list[str]) -> AuthVerdict:
    """Combine every header from `authserv_id` and judge the single From address."""
    wanted = authserv_id.strip().lower()
    passes: list[str] = []
    fails: list[str] = []
    ours = 0
    unreadable = False
    senders = from_addresses(from_values)
    from_org = organisational_domain(senders[0].rsplit("@", 1)[-1]) if len(senders) == 1 else ""
    for value in headers:
        flat = " ".join(value.split())
        try:
            parsed = authres.AuthenticationResultsHeader.parse_value(flat)
        except Exception:  # noqa: BLE001 - authres raises its own SyntaxError and others
            if _authserv_id(flat) == wanted:
                ours += 1
                unreadable = True
            continue
        if (parsed.authserv_id or "").lower() != wanted:
            continue
        ours += 1
        for result in parsed.results:
            method, outcome = result.method.lower(), (result.result or "").lower()
            if method not in FAIL_RESULTS:
                continue
            domain = _result_domain(result)
            aligned = bool(domain) and organisational_domain(domain or "") == from_org
            text = f"{method}={outcome}" + (f" ({domain})" if domain else "")
            if outcome in FAIL_RESULTS[method] and (aligned or domain is None):
                fails.append(text)
            elif outcome == "pass" and aligned and from_org:
                passes.append(text)
    if len(senders) != 1:
        why = "no From address" if not senders else f"{len(senders)} From addresses"
        return AuthVerdict(ours > 0, False, bool(fails), why)
    if ours == 0:
        return AuthVerdict(False, False, False, f"no Authentication-Results from {authserv_id}")
    if unreadable:
        return AuthVerdict(True, False, bool(fails), "an unreadable header from our server")
    if fails:
        return AuthVerdict(True, False, True, "aligned fail: " + ", ".join(fails))
    if passes:
        return AuthVerdict(True, True, False, "aligned pass: " + ", ".join(passes))
    return AuthVerdict(True, False, False, f"no aligned pass for {from_org}")
