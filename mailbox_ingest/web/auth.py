"""Sessions, the signed-in user, CSRF tokens and the login/logout pages.

Server-side sessions: the cookie holds a random token, the `web_sessions` table its SHA-256,
so a logout or an expiry really ends the session and a stolen database holds no live cookie.
The cookie is HttpOnly and SameSite=Lax, Secure over https (or when a trusted proxy says the
request was https). Every state-changing request carries the session's CSRF token, as a form
field or the `X-CSRF-Token` header that htmx sends; the login form uses a double-submit cookie.
Written here rather than taken from starlette-csrf because the token must be tied to the
server-side session (one table lookup does both).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import delete, select
from starlette.concurrency import run_in_threadpool

from mailbox_ingest.accounts import LoginResult, check_login
from mailbox_ingest.domain.enums import UserRole
from mailbox_ingest.web.context import ctx
from store.models import User, WebSession, utcnow

COOKIE = "mi_session"
LOGIN_COOKIE = "mi_login"


class NotSignedIn(Exception):
    """The request has no valid session."""


class Forbidden(Exception):
    """The user may not do this (role, or a missing CSRF token)."""


@dataclass(frozen=True, slots=True)
class Staff:
    """The signed-in user of a request."""

    id: int
    name: str
    role: UserRole
    csrf: str

    @property
    def is_admin(self) -> bool:
        """Whether the user manages users and the registry."""
        return self.role is UserRole.ADMIN


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def is_https(request: Request) -> bool:
    """Whether the browser talks https to us (directly, or per a trusted proxy)."""
    web = ctx(request).settings.web
    if web.secure_cookies != "auto":
        return web.secure_cookies == "always"
    if web.trust_proxy_headers:
        return request.headers.get("x-forwarded-proto", "").lower() == "https"
    return request.url.scheme == "https"


def current_user(request: Request) -> Staff:
    """The signed-in user; NotSignedIn when the cookie is missing, unknown or expired."""
    token = request.cookies.get(COOKIE)
    if not token:
        raise NotSignedIn
    with ctx(request).db.session() as s:
        row = s.execute(
            select(WebSession.csrf_token, User.id, User.name, User.role)
            .join(User, User.id == WebSession.user_id)
            .where(
                WebSession.token_sha256 == _digest(token),
                WebSession.expires_at > utcnow(),
                User.active.is_(True),
            )
        ).one_or_none()
    if row is None:
        raise NotSignedIn
    return Staff(row.id, row.name, UserRole(row.role), row.csrf_token)


async def signed_in_with_csrf(request: Request) -> Staff:
    """The signed-in user of a state-changing request whose CSRF token matches."""
    staff = await run_in_threadpool(current_user, request)
    sent = request.headers.get("x-csrf-token", "")
    if not sent:
        form = await request.form()
        value = form.get("csrf")
        sent = value if isinstance(value, str) else ""
    if not hmac.compare_digest(sent.encode(), staff.csrf.encode()):
        raise Forbidden("missing or wrong CSRF token")
    return staff


def admin(staff: Annotated[Staff, Depends(current_user)]) -> Staff:
    """The signed-in user, who must be an admin."""
    if not staff.is_admin:
        raise Forbidden("admins only")
    return staff


async def admin_with_csrf(staff: Annotated[Staff, Depends(signed_in_with_csrf)]) -> Staff:
    """A state-changing admin request."""
    if not staff.is_admin:
        raise Forbidden("admins only")
    return staff


router = APIRouter()


def _login_page(request: Request, error: str = "", status: int = 200) -> Response:
    token = secrets.token_urlsafe(24)
    response = ctx(request).templates.TemplateResponse(
        request, "login.html", {"login_csrf": token, "error": error}, status_code=status
    )
    response.set_cookie(
        LOGIN_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=is_https(request),
        max_age=3600,
    )
    return response


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> Response:
    """The login page."""
    return _login_page(request)


def _check_and_open(request: Request, name: str, password: str, token: str) -> LoginResult:
    """Check the password (argon2: slow, so off the event loop) and open a session."""
    c = ctx(request)
    web = c.settings.web
    with c.db.session() as s:
        result = check_login(
            s, name, password, lock_after=web.login_lock_after, lock_minutes=web.login_lock_minutes
        )
        if result.user is not None:
            s.execute(delete(WebSession).where(WebSession.expires_at <= utcnow()))
            s.add(
                WebSession(
                    token_sha256=_digest(token),
                    user_id=result.user.id,
                    csrf_token=secrets.token_urlsafe(32),
                    expires_at=utcnow() + dt.timedelta(hours=web.session_hours),
                )
            )
    return result


@router.post("/login")
async def login(
    request: Request,
    name: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
) -> Response:
    """Check the password; on success start a session and go to the queue."""
    cookie = request.cookies.get(LOGIN_COOKIE, "")
    if not cookie or not hmac.compare_digest(cookie.encode(), csrf.encode()):
        return _login_page(request, "Formulier verlopen, probeer opnieuw.", 403)
    web = ctx(request).settings.web
    token = secrets.token_urlsafe(32)
    result = await run_in_threadpool(_check_and_open, request, name, password, token)
    if result.user is None:
        await asyncio.sleep(result.delay_s)
        message = (
            "Account tijdelijk geblokkeerd na te veel mislukte pogingen."
            if result.locked
            else "Naam of wachtwoord klopt niet."
        )
        return _login_page(request, message, 401)
    response = RedirectResponse("/queue", status_code=303)
    response.set_cookie(
        COOKIE,
        token,
        httponly=True,
        samesite="lax",
        secure=is_https(request),
        max_age=int(web.session_hours * 3600),
        path="/",
    )
    response.delete_cookie(LOGIN_COOKIE)
    return response


def _close(request: Request, token: str) -> None:
    with ctx(request).db.session() as s:
        s.execute(delete(WebSession).where(WebSession.token_sha256 == _digest(token)))


@router.post("/logout")
async def logout(
    request: Request, staff: Annotated[Staff, Depends(signed_in_with_csrf)]
) -> Response:
    """End the session (server side too) and go back to the login page."""
    await run_in_threadpool(_close, request, request.cookies.get(COOKIE, ""))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response
