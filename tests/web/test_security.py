"""Web UI safety: every route needs a session, admin pages need an admin, every form needs
the CSRF token, cookies are locked down, sessions end, logins slow down and lock."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import update

from mailbox_ingest.web.app import PUBLIC_PATHS, route_table
from mailbox_ingest.web.auth import COOKIE
from store.models import WebSession
from tests.web.conftest import ADMIN, REVIEWER, World, login

PARAMS = re.compile(r"\{[^}]+\}")


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """These checks are about HTTP, not the database: SQLite only (store tests run on both)."""
    return f"sqlite:///{tmp_path}/store.sqlite3"


def _routes(world: World) -> list[tuple[str, str]]:
    """Every (method, concrete path) of the app, path parameters filled with 1."""
    return [(method, PARAMS.sub("1", path)) for method, path in route_table(world.app)]


def _public(path: str) -> bool:
    return path.startswith(PUBLIC_PATHS)


def test_every_route_refuses_anonymous(make_world: Callable[..., World]) -> None:
    """Without a session every route but login, health and metrics sends to the login page."""
    world = make_world()
    client = world.client()
    routes = [r for r in _routes(world) if not _public(r[1])]
    assert len(routes) >= 25
    for method, path in routes:
        answer = client.request(method, path)
        if method == "GET":
            assert (answer.status_code, answer.headers.get("location")) == (303, "/login"), path
        else:
            assert answer.status_code == 401, (method, path)


def test_reviewer_cannot_reach_admin_pages(make_world: Callable[..., World]) -> None:
    """A reviewer gets 403 on every admin route; an admin gets in."""
    world = make_world()
    reviewer, boss = world.client(), world.client()
    csrf = login(reviewer, REVIEWER)
    admin_csrf = login(boss, ADMIN)
    admin_routes = [r for r in _routes(world) if r[1].startswith("/admin/")]
    assert len(admin_routes) >= 5
    for method, path in admin_routes:
        answer = reviewer.request(method, path, headers={"X-CSRF-Token": csrf})
        assert answer.status_code == 403, (method, path)
    assert boss.get("/admin/users").status_code == 200
    assert boss.get("/admin/organisations").status_code == 200
    assert admin_csrf


def test_every_form_needs_the_csrf_token(make_world: Callable[..., World]) -> None:
    """Each state-changing route refuses a request without, or with a wrong, CSRF token."""
    world = make_world()
    client = world.client()
    csrf = login(client, ADMIN)
    posts = [path for method, path in _routes(world) if method == "POST" and path != "/login"]
    assert len(posts) >= 14
    for path in posts:
        assert client.post(path, data={"version": "1"}).status_code == 403, path
        assert client.post(path, data={"csrf": "x" + csrf}).status_code == 403, path
        assert client.post(path, headers={"X-CSRF-Token": csrf[:-1]}).status_code == 403, path
    assert client.get("/queue").status_code == 200  # still signed in: nothing was changed


def test_login_form_needs_its_token(make_world: Callable[..., World]) -> None:
    """A login posted from elsewhere (no double-submit cookie) is refused."""
    world = make_world()
    answer = world.client().post(
        "/login", data={"name": REVIEWER[0], "password": REVIEWER[1], "csrf": "forged"}
    )
    assert answer.status_code == 403
    assert COOKIE not in answer.cookies


def test_session_cookie_flags(make_world: Callable[..., World]) -> None:
    """HttpOnly and SameSite=Lax always; Secure when a trusted proxy says https."""
    world = make_world(web={"trust_proxy_headers": True})
    client = world.client("https://testserver")
    page = client.get("/login", headers={"X-Forwarded-Proto": "https"})
    token = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert token is not None
    answer = client.post(
        "/login",
        headers={"X-Forwarded-Proto": "https"},
        data={"name": REVIEWER[0], "password": REVIEWER[1], "csrf": token.group(1)},
    )
    cookie = next(h for h in answer.headers.get_list("set-cookie") if h.startswith(COOKIE))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" in cookie
    plain = world.client()
    login(plain, REVIEWER)
    assert plain.cookies.get(COOKIE)


def test_headers_forbid_inline_script_and_framing(make_world: Callable[..., World]) -> None:
    """Pages carry a CSP without 'unsafe-inline' or other origins, nosniff and DENY."""
    world = make_world()
    client = world.client()
    login(client, REVIEWER)
    answer = client.get("/contracts/1")
    csp = answer.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe" not in csp and "http" not in csp
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["x-frame-options"] == "DENY"
    assert "<script>" not in answer.text and " on" + "click=" not in answer.text


def test_logout_and_expiry_end_the_session(make_world: Callable[..., World]) -> None:
    """After logout the old cookie is worthless; an expired session sends to the login page."""
    world = make_world()
    client = world.client()
    csrf = login(client, REVIEWER)
    old = client.cookies.get(COOKIE)
    assert client.post("/logout", data={"csrf": csrf}).status_code == 303
    stale = world.client()
    stale.cookies.set(COOKIE, old or "")
    assert stale.get("/queue").headers.get("location") == "/login"
    other = world.client()
    login(other, REVIEWER)
    with world.harness.app.db.session() as s:
        s.execute(
            update(WebSession).values(expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1))
        )
    assert other.get("/queue").headers.get("location") == "/login"


def test_failed_logins_lock_the_account(make_world: Callable[..., World]) -> None:
    """Wrong passwords are refused; after `login_lock_after` even the right one is, for now."""
    world = make_world(web={"login_lock_after": 3})
    client = world.client()
    for _ in range(3):
        page = client.get("/login")
        token = re.search(r'name="csrf" value="([^"]+)"', page.text)
        assert token is not None
        answer = client.post(
            "/login", data={"name": REVIEWER[0], "password": "wrong-guess", "csrf": token.group(1)}
        )
        assert answer.status_code == 401
    assert "geblokkeerd" in answer.text
    page = client.get("/login")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert token is not None
    locked = client.post(
        "/login", data={"name": REVIEWER[0], "password": REVIEWER[1], "csrf": token.group(1)}
    )
    assert locked.status_code == 401 and "geblokkeerd" in locked.text


def test_unknown_user_is_refused_like_a_wrong_password(make_world: Callable[..., World]) -> None:
    """A name that does not exist gets the same answer as a wrong password."""
    world = make_world()
    client = world.client()
    page = client.get("/login")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert token is not None
    answer = client.post(
        "/login", data={"name": "nobody", "password": "whatever-it-is", "csrf": token.group(1)}
    )
    assert answer.status_code == 401 and "klopt niet" in answer.text


@pytest.mark.parametrize("path", ["/healthz", "/metrics"])
def test_health_and_metrics_stay_public(make_world: Callable[..., World], path: str) -> None:
    """/healthz and /metrics answer without a session, with the daemon's metric names."""
    world = make_world()
    answer = world.client().get(path)
    assert answer.status_code == 200
    if path == "/metrics":
        assert "mailbox_ingest_messages_total" in answer.text
    else:
        assert answer.json()["ok"] is True
