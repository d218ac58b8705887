"""The review UI in a real browser (Playwright, Debian's Chromium): the keyboard flow from the
queue to a decision, undo, a letter download, the audit trail, the conflict between two
reviewers, hostile mail content that must never run as script, and the retry, termination
proposal and yearly report pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from mailbox_ingest.config import Settings
from samples.corpus.mails import contract_mail, termination_mail, unique_pdf
from tests.e2e_helpers import distinct_contract
from tests.web.browser import ARTIFACTS, Watch, at, chromium, live, shot, sign_in
from tests.web.conftest import OTHER_REVIEWER, REVIEWER, World

pytestmark = pytest.mark.slow
MAATWERK = dt.datetime(2023, 3, 1, 9, 0, tzinfo=dt.UTC)
LATER = dt.datetime(2023, 6, 1, 9, 0, tzinfo=dt.UTC)


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
        page = watch.attach(
            browser.new_page(viewport={"width": 1400, "height": 900}, accept_downloads=True)
        )
        sign_in(page, base, REVIEWER)
        assert page.locator(".tabs a.active .count").inner_text() == "3"
        shot(page, "queue")
        page.click("a.open >> text='1'")
        at(page, "/contracts/1")
        page.locator("h1").click()
        page.keyboard.press("Tab")  # Tab goes from one field that needs a look to the next
        assert page.evaluate("document.activeElement.id") == "in-workplace_name"
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "in-counterpart_name"
        assert "focus" in (page.get_attribute("#box-counterpart_name", "class") or "")
        shot(page, "contract")
        page.keyboard.press("Shift+Tab")
        assert page.evaluate("document.activeElement.id") == "in-workplace_name"
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
    mail = contract_mail(
        subject=evil,
        sender_name=evil,
        attachments=[(f"{evil}.pdf", unique_pdf(f"{evil} NV"), "application/pdf")],
    )
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


def test_retry_proposal_and_report_flow(
    make_world: Callable[..., World], make_settings: Callable[..., Settings]
) -> None:
    """Retry a quarantined mail after the limit is raised, confirm a termination proposal,
    open the yearly report with its chart and download the xlsx: no console or CSP error."""
    plain = {"style": "plain"}
    world = make_world(
        [
            distinct_contract(1),  # Outlook's inline logo: two parts, over a limit of one
            contract_mail(
                date=MAATWERK,
                received=MAATWERK,
                attachments=[("c.pdf", unique_pdf("Bakkerij Peeters NV"), "application/pdf")],
                **plain,
            ),
            termination_mail(end=dt.date(2023, 9, 1), date=LATER, auth="fail", **plain),
        ],
        limits={"max_attachments": 1},
    )
    world.app.state.ctx.settings = make_settings(
        review={"min_confidence": 0.9}, limits={"max_attachments": 40}
    )
    watch = Watch()
    with live(world) as base, chromium() as browser:
        page = watch.attach(
            browser.new_page(viewport={"width": 1400, "height": 900}, accept_downloads=True)
        )
        sign_in(page, base, REVIEWER)
        page.goto(f"{base}/messages/1")
        page.click("#retry-form button")
        page.wait_for_selector("text=Opnieuw verwerkt: nu contract.")
        assert "too_many_attachments" in page.locator("#history").inner_text()
        shot(page, "retried")
        page.goto(f"{base}/terminations")
        row = page.locator("#termination-proposals tbody tr, #termination-proposals tr").nth(1)
        assert "afzender niet geverifieerd" in row.inner_text()
        row.locator("input[name=on]").fill("2023-08-31")
        shot(page, "proposals")
        row.locator(".confirm-proposal button").click()
        page.wait_for_selector("text=eindigt op 31/08/2023")
        assert "Geen voorstellen." in page.locator("#termination-proposals").inner_text()
        page.click("nav.top >> text=Jaarrapport")
        page.fill("input[name=year]", "2023")
        page.fill("input[name=active_on]", "2023-12-31")
        page.click("#report-form button")
        page.wait_for_selector("#report section#active")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.querySelector('#per-month img').naturalWidth") > 100
        assert (
            page.evaluate(
                "getComputedStyle(document.querySelector('.enclave-report h2')).borderBottomStyle"
            )
            == "solid"
        )  # the report's stylesheet applies
        shot(page, "report")
        with page.expect_download() as download:
            page.click("#download-xlsx")
        assert download.value.suggested_filename == "enclave-contracts-2023.xlsx"
        saved = ARTIFACTS / "report.xlsx"
        download.value.save_as(str(saved))
        assert saved.read_bytes().startswith(b"PK")
    assert watch.errors == [] and watch.dialogs == []
