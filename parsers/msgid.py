"""Message identifiers (RFC 5322 msg-id) read from headers, and written as threading headers.

Read: a header value may be folded, carry comments (`<id@x> (by Exchange)`), or hold several
ids; only the `<...>` tokens count. Write: Message-ID, In-Reply-To and References are never
RFC 2047-encoded (a client matches ids byte for byte) and are folded only between ids.

Written by hand: the standard library's header folder treats In-Reply-To and References as
unstructured text and encodes any token longer than a line (Exchange Online ids are ~90
characters), and no maintained library writes these headers the way RFC 5322 asks.
"""

from __future__ import annotations

import re

MAX_LINE = 998  # RFC 5322: no line longer than this, folding or not
FOLD_AT = 78  # preferred line length

_ID = re.compile(r"<([!-;=?-~]+)>")  # printable ASCII without '<' and '>', no spaces
_COMMENT = re.compile(r"\([^()]*\)")
_BARE = re.compile(r"^[!-;=?-~]+@[!-;=?-~]+$")


def msg_ids(value: str | None) -> list[str]:
    """The msg-ids in a header value, in order, each as `<...>` (duplicates dropped).

    A value with no angle brackets that is one bare `local@domain` token (some mailers write
    that) counts as that id. Ids too long to fit on a header line are dropped.
    """
    if not value:
        return []
    text = " ".join(value.split())
    found = [f"<{m}>" for m in _ID.findall(text)]
    if not found:
        bare = _COMMENT.sub(" ", text).strip()
        if _BARE.match(bare) and not bare.startswith("=?"):  # not an encoded word
            found = [f"<{bare}>"]
    out: list[str] = []
    for token in found:
        if token not in out and len(token) <= MAX_LINE - len("In-Reply-To: "):
            out.append(token)
    return out


def first_msg_id(value: str | None) -> str | None:
    """The first msg-id of a header value, or None."""
    ids = msg_ids(value)
    return ids[0] if ids else None


def id_header(name: str, ids: list[str], linesep: str = "\n") -> str:
    """`Name: <a> <b> ...` folded between ids at FOLD_AT columns, ending with linesep.

    An id longer than a line stays whole on its own line (never split, never encoded).
    """
    lines = [f"{name}:"]
    for token in ids:
        if len(lines[-1]) + 1 + len(token) > FOLD_AT and lines[-1] != f"{name}:":
            lines.append("")
        lines[-1] += f" {token}"
    return linesep.join(lines) + linesep
