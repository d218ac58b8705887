"""A local OAuth2 authorisation server for tests: token endpoint, OIDC discovery, introspection.

It issues random access tokens with a chosen lifetime for two grants: `client_credentials`
(the Microsoft identity platform's flow, found by msal through
`/{tenant}/v2.0/.well-known/openid-configuration`) and `refresh_token` (rotating the refresh
token on every use, as Google and Microsoft may). Dovecot's `oauth2` passdb asks
`/introspect` (POST `token=...`) whether a token is active and whose it is. The token
endpoints are served over TLS (msal requires https) and introspection over plain HTTP on a
second port. A test can make the next token requests fail and read what was issued.
"""

from __future__ import annotations

import json
import secrets
import ssl
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jwt
from cryptography import x509

from testkit.servers import LOOPBACK, make_certificate

JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"


@dataclass
class Issued:
    """One access token handed out: for whom and until when."""

    token: str
    subject: str
    expires_at: float


@dataclass
class OAuthState:
    """What the server knows: clients, refresh tokens, issued tokens, pending failures."""

    tenant: str = "test-tenant"
    clients: dict[str, str] = field(default_factory=dict)  # client_id -> secret
    cert_clients: dict[str, Any] = field(default_factory=dict)  # client_id -> public key
    refresh_tokens: dict[str, str] = field(default_factory=dict)  # refresh token -> subject
    app_subject: str = ""  # the mailbox a client-credentials token may open
    lifetime_s: float = 3600
    issued: list[Issued] = field(default_factory=list)
    introspected: list[str] = field(default_factory=list)
    failures: list[int] = field(default_factory=list)  # HTTP codes for the next token requests
    token_requests: int = 0
    token_forms: list[dict[str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        """No access log on stderr."""

    def _reply(self, code: int, payload: dict[str, Any], retry_after: int | None = None) -> None:
        body = json.dumps(payload).encode()
        self.send_response(code)
        if retry_after is not None:
            self.send_header("Retry-After", str(retry_after))
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        """OIDC discovery for the tenant."""
        st = self.server.state
        base = self.server.owner.https_base
        if self.path == f"/{st.tenant}/v2.0/.well-known/openid-configuration":
            self._reply(
                200,
                {
                    "issuer": f"{base}/{st.tenant}/v2.0",
                    "authorization_endpoint": f"{base}/{st.tenant}/oauth2/v2.0/authorize",
                    "token_endpoint": f"{base}/{st.tenant}/oauth2/v2.0/token",
                },
            )
            return
        self._reply(404, {"error": "not_found"})

    def do_POST(self) -> None:
        """Token requests and introspection."""
        length = int(self.headers.get("Content-Length") or 0)
        form = {k: v[0] for k, v in urllib.parse.parse_qs(self.rfile.read(length).decode()).items()}
        if self.path == "/introspect":
            self._introspect(form)
        elif self.path in ("/token", f"/{self.server.state.tenant}/oauth2/v2.0/token"):
            self._token(form)
        else:
            self._reply(404, {"error": "not_found"})

    def _introspect(self, form: dict[str, str]) -> None:
        st = self.server.state
        token = form.get("token", "")
        now = time.time()
        with st.lock:
            st.introspected.append(token)
            found = next((i for i in st.issued if i.token == token), None)
        if found is None or found.expires_at <= now:
            self._reply(200, {"active": False})
            return
        self._reply(200, {"active": True, "username": found.subject})

    def _token(self, form: dict[str, str]) -> None:
        st = self.server.state
        with st.lock:
            st.token_requests += 1
            st.token_forms.append(form)
            failure = st.failures.pop(0) if st.failures else None
        if failure is not None:
            self._reply(
                failure,
                {"error": "temporarily_unavailable", "error_description": "simulated outage"},
                retry_after=1,
            )
            return
        client_id = form.get("client_id", "")
        if form.get("client_assertion_type") == JWT_BEARER:
            if not self._assertion_ok(client_id, form.get("client_assertion", "")):
                self._reply(
                    401,
                    {
                        "error": "invalid_client",
                        "error_description": "AADSTS700027: Client assertion failed "
                        "signature validation.",
                    },
                )
                return
        elif client_id not in st.clients or (
            st.clients[client_id] and form.get("client_secret") != st.clients[client_id]
        ):
            self._reply(
                401,
                {
                    "error": "invalid_client",
                    "error_description": "AADSTS7000215: Invalid client secret.",
                },
            )
            return
        grant = form.get("grant_type")
        payload: dict[str, Any] = {"token_type": "Bearer", "expires_in": int(st.lifetime_s)}
        with st.lock:
            if grant == "client_credentials":
                subject = st.app_subject
            elif grant == "refresh_token" and form.get("refresh_token") in st.refresh_tokens:
                subject = st.refresh_tokens.pop(form["refresh_token"])
                rotated = "rt-" + secrets.token_urlsafe(16)
                st.refresh_tokens[rotated] = subject
                payload["refresh_token"] = rotated
            else:
                subject = ""
            if not subject:
                self._reply(
                    400,
                    {
                        "error": "invalid_grant",
                        "error_description": "Token has been expired or revoked.",
                    },
                )
                return
            token = "at-" + secrets.token_urlsafe(24)
            st.issued.append(Issued(token, subject, time.time() + st.lifetime_s))
        payload["access_token"] = token
        payload["ext_expires_in"] = payload["expires_in"]
        self._reply(200, payload)

    def _assertion_ok(self, client_id: str, assertion: str) -> bool:
        """The client assertion is a JWT by this client, signed with its certificate's key."""
        key = self.server.state.cert_clients.get(client_id)
        if key is None:
            return False
        try:
            claims = jwt.decode(
                assertion, key=key, algorithms=["PS256", "RS256"], options={"verify_aud": False}
            )
        except jwt.PyJWTError:
            return False
        return bool(claims.get("iss") == claims.get("sub") == client_id)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, owner: OAuthServer, state: OAuthState) -> None:
        super().__init__((LOOPBACK, 0), _Handler)
        self.owner = owner
        self.state = state


class OAuthServer:
    """The token endpoints on https://127.0.0.1:port, introspection on http://127.0.0.1:port2."""

    def __init__(self, directory: Path) -> None:
        """Create the certificate and bind both ports (not yet serving)."""
        self.state = OAuthState()
        Path(directory).mkdir(parents=True, exist_ok=True)
        self.cafile, keyfile = make_certificate(Path(directory))
        self._https = _Server(self, self.state)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(self.cafile, keyfile)
        self._https.socket = ctx.wrap_socket(self._https.socket, server_side=True)
        self._http = _Server(self, self.state)
        self.https_base = f"https://{LOOPBACK}:{self._https.server_address[1]}"
        self.introspection_url = f"http://{LOOPBACK}:{self._http.server_address[1]}/introspect"
        self.token_url = f"{self.https_base}/token"

    def start(self) -> None:
        """Serve both ports in daemon threads."""
        for server in (self._https, self._http):
            threading.Thread(target=server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        """Stop serving and close the sockets."""
        for server in (self._https, self._http):
            server.shutdown()
            server.server_close()

    def add_client(self, client_id: str, secret: str = "") -> None:
        """Register a client (an empty secret means a public client)."""
        self.state.clients[client_id] = secret

    def add_certificate_client(self, client_id: str, certificate_pem: bytes) -> None:
        """Register a client that proves itself with a JWT signed by this certificate's key."""
        cert = x509.load_pem_x509_certificate(certificate_pem)
        self.state.cert_clients[client_id] = cert.public_key()

    def add_refresh_token(self, subject: str) -> str:
        """A new refresh token that yields access tokens for `subject`."""
        token = "rt-" + secrets.token_urlsafe(16)
        self.state.refresh_tokens[token] = subject
        return token

    def fail_next(self, count: int, code: int = 503) -> None:
        """Answer the next `count` token requests with HTTP `code`."""
        with self.state.lock:
            self.state.failures.extend([code] * count)

    def reset(self) -> None:
        """Forget pending failures and go back to one-hour tokens (between tests)."""
        with self.state.lock:
            self.state.failures.clear()
            self.state.lifetime_s = 3600

    def tokens_for(self, subject: str) -> list[str]:
        """The access tokens issued for `subject`, oldest first."""
        with self.state.lock:
            return [i.token for i in self.state.issued if i.subject == subject]
