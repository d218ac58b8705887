"""Playwright with Debian's Chromium for the browser tests: a live server, a browser, and
the evidence that no script ran that should not have (console CSP errors, dialogs)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, sync_playwright

from mailbox_ingest.web.server import RunningServer, serve_in_thread
from testkit.servers.fixtures import require_server
from tests.web.conftest import World

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


@dataclass
class Watch:
    """What a page did that a test must see: console errors, dialogs (alerts) opened."""

    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> Page:
        """Record this page's console errors, page errors and dialogs."""

        def on_console(msg: ConsoleMessage) -> None:
            if msg.type == "error":
                self.errors.append(msg.text)

        def on_dialog(dialog: Dialog) -> None:
            self.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("console", on_console)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("dialog", on_dialog)
        return page


@contextmanager
def live(world: World) -> Iterator[str]:
    """Serve the world's app on a free loopback port; yields the base URL."""
    server: RunningServer = serve_in_thread(world.app, "127.0.0.1", 0)
    try:
        yield f"http://127.0.0.1:{server.port}"
    finally:
        server.stop()


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    if shutil.which(CHROMIUM) is None:
        require_server("chromium", f"{CHROMIUM} not installed")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def sign_in(page: Page, base: str, who: tuple[str, str]) -> None:
    """Log in through the form."""
    page.goto(f"{base}/login")
    page.fill("input[name=name]", who[0])
    page.fill("input[name=password]", who[1])
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/queue")


def at(page: Page, path: str) -> None:
    """Wait until the page shows `path` (htmx-boosted links change the URL without a load)."""
    page.wait_for_function("p => window.location.pathname === p", arg=path)
    page.wait_for_load_state("networkidle")


def shot(page: Page, name: str) -> Path:
    """Save a screenshot under tests/artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path
