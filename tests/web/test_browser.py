"""The review UI in a real browser (Playwright, Debian's Chromium): the keyboard flow from the
queue to a decision, undo, a letter download, the audit trail, the conflict between two
reviewers, and hostile mail content that must never run as script."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.corpus.mails import contract_mail, unique_pdf
from tests.web.browser import ARTIFACTS, Watch, at, chromium, live, shot, sign_in
from tests.web.conftest import OTHER_REVIEWER, REVIEWER, World

pytestmark = pytest.mark.slow


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """Browser tests are about the UI: SQLite (the store tests run on both databases)."""
    return f"sqlite:///{tmp_path}/store.sqlite3"


def test_keyboard_review_flow(make_world: Callable[..., World]) -> None:
    """Log in, open the queue, Tab to an unsure field, correct it with Enter, accept with
    `a`, refuse another with a reason, undo, download the letter, read the audit trail."""
    world = make_world()
    watch = Watch()
    with live(world) as base, chromium() as browser:
        page = watch.attach(browser.new_page(viewport={"width": 1400, "height": 900},
                                             accept_downloads=True))
        sign_in(page, base, REVIEWER)
        assert page.locator(".tabs a.active .count").inner_text() == "3"
        shot(page, "queue")
        page.click("a.open >> text='1'")
        at(page, "/contracts/1")
        page.locator("h1").click()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "in-workplace_name"
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "in-counterpart_name"
        assert "focus" in (page.get_attribute("#box-counterpart_name", "class") or "")
        shot(page, "contract")
        page.keyboard.press("Shift+Tab")
        assert page.evaluate("document.activeElement.id") == "in-workplace_enterprise_number"
        page.keyboard.press("Tab")
        page.fill("#in-counterpart_name", "Klant 001 BV")
        page.keyboard.press("Enter")
        page.wait_for_selector("text=Veld verbeterd.")
        assert page.input_value("#in-counterpart_name") == "Klant 001 BV"
        page.locator("h1").click()
        page.keyboard.press("a")
        page.wait_for_selector("text=Aanvaard.")
        with page.expect_download() as download:
            page.click("#letter-download")
        letter = ARTIFACTS / "approval-letter.pdf"
        download.value.save_as(str(letter))
        assert letter.read_bytes().startswith(b"%PDF-")
        page.goto(f"{base}/letters")
        assert page.locator("table.letters tbody tr, table.letters tr").count() >= 2
        shot(page, "letters")
        page.goto(f"{base}/contracts/2")
        page.locator("h1").click()
        page.keyboard.press("r")
        assert page.evaluate("document.activeElement.id") == "refuse-reason"
        page.select_option("#refuse-reason", "no_permanent_supervision")
        page.fill("#refuse-text", "Geen begeleider ter plaatse.")
        page.click("#refuse-form button[type=submit]")
        page.wait_for_selector("text=Geweigerd.")
        page.click("#undo-form button")
        page.wait_for_selector("text=Beslissing ongedaan gemaakt.")
        audit = page.locator("#audit").inner_text()
        assert "refuse" in audit and "undo_decision" in audit
        page.locator("#audit").scroll_into_view_if_needed()
        shot(page, "audit")
        page.click("#box-work_location")  # a box on the page focuses its field
        assert page.evaluate("document.activeElement.id") == "in-work_location"
        page.locator("h1").click()
        page.keyboard.press("?")
        assert page.locator("#shortcuts").is_visible()
        shot(page, "shortcuts")
        page.keyboard.press("Escape")
        page.keyboard.press("j")
        at(page, "/contracts/3")
        page.keyboard.press("k")
        at(page, "/contracts/2")
    assert watch.errors == [] and watch.dialogs == []


def test_two_reviewers_conflict_in_the_browser(make_world: Callable[..., World]) -> None:
    """Two browser contexts open one contract; the second to decide sees who changed it."""
    world = make_world()
    watch = Watch()
    with live(world) as base, chromium() as browser:
        first = watch.attach(browser.new_context().new_page())
        second = watch.attach(browser.new_context().new_page())
        sign_in(first, base, REVIEWER)
        sign_in(second, base, OTHER_REVIEWER)
        first.goto(f"{base}/contracts/3")
        second.goto(f"{base}/contracts/3")
        assert "Wordt nagekeken door rita" in second.locator(".lock").inner_text()
        first.click("#accept-form button")
        first.wait_for_selector("text=Aanvaard.")
        second.click("#postpone-form button")
        second.wait_for_selector("#error")
        assert "Gewijzigd door rita sinds u het opende" in second.locator("#error").inner_text()
        shot(second, "conflict")
    assert [e for e in watch.errors if "409 (Conflict)" not in e] == [] and watch.dialogs == []


def test_hostile_mail_never_runs_script(make_world: Callable[..., World]) -> None:
    """Markup in subject, sender, file name and extracted values is shown, never run."""
    evil = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    mail = contract_mail(subject=evil, sender_name=evil,
                         attachments=[(f"{evil}.pdf", unique_pdf(f"{evil} NV"),
                                       "application/pdf")])
    world = make_world([mail])
    watch = Watch()
    with live(world) as base, chromium() as browser:
        page = watch.attach(browser.new_page())
        sign_in(page, base, REVIEWER)
        for path in ("/queue", "/contracts/1", "/messages", "/messages/1"):
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            assert page.locator("img[src=x]").count() == 0, path
        assert "<script>alert(2)</script>" in page.locator("main").inner_text()
    assert watch.dialogs == []
    assert not [e for e in watch.errors if "alert" in e]
