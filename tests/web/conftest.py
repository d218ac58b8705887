"""Fixtures and helpers of the web UI tests: a store filled by the real pipeline, accounts,
a login, one render child process for the session."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from mailbox_ingest import accounts
from mailbox_ingest.accounts import save_user
from mailbox_ingest.config import Settings
from mailbox_ingest.domain.enums import UserRole
from mailbox_ingest.web.app import create_app
from mailbox_ingest.web.render import Renderer
from tests.e2e_helpers import distinct_contract
from tests.pipeline_helpers import Harness, harness, write_registry

REVIEWER = ("rita", "rita-wachtwoord-1")
OTHER_REVIEWER = ("rob", "rob-wachtwoord-22")
ADMIN = ("adam", "adam-wachtwoord-1")
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@dataclass
class World:
    """A store with contracts, staff accounts and the web app over it."""

    harness: Harness
    app: FastAPI
    settings: Settings

    def client(self, base_url: str = "http://testserver") -> TestClient:
        """A fresh browser-like client (own cookies)."""
        return TestClient(self.app, base_url=base_url, follow_redirects=False)


def fill(h: Harness, mails: list[bytes]) -> None:
    """Deliver mails and run one poll."""
    h.deliver(*mails)
    h.poll()


def add_staff(h: Harness) -> None:
    """Two reviewers and an admin."""
    with h.app.db.session() as s:
        for (name, password), role in (
            (REVIEWER, UserRole.REVIEWER),
            (OTHER_REVIEWER, UserRole.REVIEWER),
            (ADMIN, UserRole.ADMIN),
        ):
            save_user(s, name, role, password, "test")


def login(client: TestClient, who: tuple[str, str]) -> str:
    """Sign in; returns the session's CSRF token."""
    page = client.get("/login")
    token = CSRF.search(page.text)
    assert token is not None
    answer = client.post(
        "/login", data={"name": who[0], "password": who[1], "csrf": token.group(1)}
    )
    assert answer.status_code == 303, answer.text
    queue = client.get("/queue")
    found = CSRF.search(queue.text)
    assert found is not None
    return found.group(1)


@pytest.fixture(scope="session")
def renderer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Renderer]:
    """One render child process for the whole test session."""
    r = Renderer(tmp_path_factory.mktemp("page-cache"), timeout_s=20, memory_mb=1024)
    yield r
    r.close()


@pytest.fixture
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 with test-sized cost (the production cost takes ~0.4 s a hash on this machine)."""
    monkeypatch.setattr(
        accounts,
        "HASHER",
        PasswordHash((Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1),)),
    )


@pytest.fixture
def make_world(
    make_settings: Callable[..., Settings], tmp_path: Path, renderer: Renderer, cheap_hashes: None
) -> Iterator[Callable[..., World]]:
    """Build a world from mails (default: three distinct legacy-regime contracts)."""
    built: list[World] = []

    def build(mails: list[bytes] | None = None, **sections: dict[str, object]) -> World:
        settings = make_settings(review={"min_confidence": 0.9}, **sections)
        h = harness(settings, write_registry(tmp_path / "registry.csv"))
        fill(h, mails if mails is not None else [distinct_contract(n) for n in (1, 2, 3)])
        add_staff(h)
        world = World(h, create_app(settings, h.app.db, renderer=renderer), settings)
        built.append(world)
        return world

    yield build
    for world in built:
        world.harness.app.close()
