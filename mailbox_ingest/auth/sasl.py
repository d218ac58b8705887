"""Log in to IMAP and SMTP with an OAuth2 access token: XOAUTH2, or OAUTHBEARER (RFC 7628).

`mechanism = "auto"` takes OAUTHBEARER when the server announces it and XOAUTH2 otherwise
(Exchange Online offers XOAUTH2 only). The token comes from a TokenManager at each login, so
a connection opened after a renewal uses the new token. A token that cannot be obtained is a
SourceError for IMAP (the poll backs off) and a temporary SendError for SMTP (retried).
"""

from __future__ import annotations

import base64
import smtplib
from typing import Literal

import imapclient

from mailbox_ingest.auth.tokens import TokenManager
from mailbox_ingest.domain.errors import SendError, SourceError, TokenError

Mechanism = Literal["xoauth2", "oauthbearer"]


def xoauth2_string(user: str, token: str) -> str:
    """The XOAUTH2 initial client response (before base64)."""
    return f"user={user}\x01auth=Bearer {token}\x01\x01"


def oauthbearer_string(user: str, token: str, host: str, port: int) -> str:
    """The OAUTHBEARER initial client response (RFC 7628 section 3.1, before base64)."""
    authzid = user.replace("=", "=3D").replace(",", "=2C")
    return f"n,a={authzid},\x01host={host}\x01port={port}\x01auth=Bearer {token}\x01\x01"


def choose(configured: str, offered: set[str]) -> Mechanism:
    """The mechanism to use given the setting and the server's AUTH= capabilities."""
    if configured == "oauthbearer":
        return "oauthbearer"
    if configured == "xoauth2":
        return "xoauth2"
    return "oauthbearer" if "OAUTHBEARER" in offered else "xoauth2"


def imap_token(tokens: TokenManager) -> str:
    """The token for an IMAP login (taken before connecting); SourceError when unavailable."""
    try:
        return tokens.token()
    except TokenError as exc:
        raise SourceError(str(exc)) from exc


def smtp_token(tokens: TokenManager) -> str:
    """The token for an SMTP login (taken before connecting); SendError when unavailable."""
    try:
        return tokens.token()
    except TokenError as exc:
        raise SendError(str(exc)) from exc


def imap_login(client: imapclient.IMAPClient, user: str, token: str, configured: str) -> Mechanism:
    """Authenticate an IMAP connection; returns the mechanism used."""
    offered = {
        c.decode("ascii", "replace")[5:].upper()
        for c in client.capabilities()
        if c.upper().startswith(b"AUTH=")
    }
    mech = choose(configured, offered)
    if mech == "oauthbearer":
        client.oauthbearer_login(user, token)
    else:
        client.oauth2_login(user, token)
    return mech


def smtp_login(
    conn: smtplib.SMTP, user: str, token: str, configured: str, host: str, port: int
) -> Mechanism:
    """Authenticate an SMTP connection (after EHLO); returns the mechanism used."""
    offered = {m.upper() for m in conn.esmtp_features.get("auth", "").split()}
    mech = choose(configured, offered)
    text = (
        oauthbearer_string(user, token, host, port)
        if mech == "oauthbearer"
        else xoauth2_string(user, token)
    )
    answers = iter([text, ""])  # an error challenge is answered with an empty line

    def respond(challenge: bytes | None = None) -> str:
        return next(answers, "")

    conn.auth(mech.upper(), respond, initial_response_ok=True)
    return mech


def b64(text: str) -> bytes:
    """Base64 of a SASL string, as it goes over the wire (for tests and servers)."""
    return base64.b64encode(text.encode("utf-8"))
