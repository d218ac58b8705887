"""The contract page over HTTP: decisions through forms, conflicts, page images, Word text,
downloads, hostile mail content escaped."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from mailbox_ingest.domain.enums import ContractStatus
from mailbox_ingest.web.downloads import DOCX
from samples.corpus.mails import contract_mail, unique_pdf
from samples.corpus.minipdf import DEFAULT_LINES
from store.models import Contract
from tests.docfactory import docx_bytes
from tests.web.conftest import OTHER_REVIEWER, REVIEWER, World, login

HOSTILE = "<script>alert(1)</script>"


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """HTTP behaviour does not depend on the database: SQLite (the store tests run on both)."""
    return f"sqlite:///{tmp_path}/store.sqlite3"


def _version(html: str) -> str:
    found = re.search(r'name="version" value="(\d+)"', html)
    assert found is not None
    return found.group(1)


def test_correct_then_accept_through_the_forms(make_world: Callable[..., World]) -> None:
    """A reviewer confirms one field, corrects another, accepts; the audit shows all three."""
    world = make_world()
    client = world.client()
    csrf = login(client, REVIEWER)
    page = client.get("/contracts/1")
    assert page.status_code == 200 and 'data-state="needs_look"' in page.text
    v = _version(page.text)
    ok = client.post(
        "/contracts/1/field",
        data={
            "csrf": csrf,
            "version": v,
            "name": "workplace_name",
            "value": "De Ploeg vzw",
            "shown": "De Ploeg vzw",
        },
    )
    assert ok.status_code == 303
    page = client.get(ok.headers["location"])
    assert "Veld bevestigd" in page.text and "nagekeken door rita" in page.text
    v = _version(page.text)
    client.post(
        "/contracts/1/field",
        data={"csrf": csrf, "version": v, "name": "workers", "value": "7", "shown": "6"},
    )
    v = _version(client.get("/contracts/1").text)
    assert client.post("/contracts/1/accept", data={"csrf": csrf, "version": v}).status_code == 303
    page = client.get("/contracts/1")
    assert "aanvaard" in page.text and "letter-download" in page.text
    actions = re.findall(r"<td>rita</td><td>(\w+)</td>", page.text)
    assert actions == ["confirm_field", "correct_field", "accept"]


def test_second_reviewer_gets_the_conflict(make_world: Callable[..., World]) -> None:
    """Two reviewers open one contract; the one who saves second is told who changed it."""
    world = make_world()
    rita, rob = world.client(), world.client()
    rita_csrf, rob_csrf = login(rita, REVIEWER), login(rob, OTHER_REVIEWER)
    v = _version(rita.get("/contracts/2").text)
    rob_page = rob.get("/contracts/2").text
    assert "Wordt nagekeken door rita" in rob_page
    assert (
        rita.post(
            "/contracts/2/refuse",
            data={"csrf": rita_csrf, "version": v, "reason": "no_written_agreement"},
        ).status_code
        == 303
    )
    late = rob.post("/contracts/2/accept", data={"csrf": rob_csrf, "version": v})
    assert late.status_code == 409
    assert "Gewijzigd door rita sinds u het opende" in late.text
    with world.harness.app.db.session() as s:
        c = s.get(Contract, 2)
        assert c is not None and c.status == ContractStatus.REJECTED


def test_refuse_other_needs_text(make_world: Callable[..., World]) -> None:
    """Refusing with reason "other" and no explanation is refused with a message."""
    world = make_world()
    client = world.client()
    csrf = login(client, REVIEWER)
    v = _version(client.get("/contracts/1").text)
    answer = client.post(
        "/contracts/1/refuse", data={"csrf": csrf, "version": v, "reason": "other"}
    )
    assert answer.status_code == 400 and "needs an explanation" in answer.text


def test_page_image_is_rendered_once_then_cached(make_world: Callable[..., World]) -> None:
    """The first request renders the page in the child; the next one reads the cache."""
    world = make_world()
    client = world.client()
    login(client, REVIEWER)
    first = client.get("/contracts/3/page/1.png")
    assert first.status_code == 200 and first.content.startswith(b"\x89PNG")
    renderer = world.app.state.ctx.renderer
    with world.harness.app.db.session() as s:
        c = s.get(Contract, 3)
        assert c is not None and c.attachment is not None
        sha = c.attachment.sha256
    cached = renderer.cached(sha, 1, world.settings.web.image_dpi)
    assert cached is not None and round(cached.width) == 595
    stamp = cached.path.stat().st_mtime_ns
    assert client.get("/contracts/3/page/1.png").content == first.content
    assert cached.path.stat().st_mtime_ns == stamp
    assert client.get("/contracts/3/page/9.png").status_code == 422


def test_downloads_are_attachments_with_safe_names(make_world: Callable[..., World]) -> None:
    """A sender's file name with a path and markup only becomes a sanitized header value."""
    mail = contract_mail(
        subject="Contract",
        attachments=[
            ("../../etc/<b>passwd</b>.pdf", unique_pdf("Klant Download NV"), "application/pdf")
        ],
    )
    world = make_world([mail])
    client = world.client()
    login(client, REVIEWER)
    answer = client.get("/contracts/1/attachment")
    disposition = answer.headers["content-disposition"]
    assert disposition.startswith("attachment;") and "/" not in disposition.split(";")[1]
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["content-type"] == "application/pdf"
    raw = client.get("/contracts/1/raw")
    assert raw.headers["content-type"] == "message/rfc822"
    assert "sandbox" in raw.headers["content-security-policy"]


def test_hostile_content_is_escaped(make_world: Callable[..., World]) -> None:
    """Subject, sender name, file name and extracted values with markup come out escaped."""
    mail = contract_mail(
        subject=HOSTILE,
        sender_name='"><img src=x onerror=alert(2)>',
        attachments=[(f"{HOSTILE}.pdf", unique_pdf(f"{HOSTILE} NV"), "application/pdf")],
    )
    world = make_world([mail])
    client = world.client()
    login(client, REVIEWER)
    for path in ("/contracts/1", "/queue", "/messages", "/messages/1"):
        html = client.get(path).text
        assert "<script>alert" not in html and "<img src=x" not in html, path
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get("/contracts/1").text


def test_word_contract_shows_text_with_evidence_marked(make_world: Callable[..., World]) -> None:
    """A DOCX has no pages to render: its text is shown with each field's evidence marked."""
    word = docx_bytes(
        [line.replace("Bakkerij Peeters NV", "Klant Woord NV") for line in DEFAULT_LINES]
    )
    mail = contract_mail(subject="Contract in Word", attachments=[("contract.docx", word, DOCX)])
    world = make_world([mail])
    client = world.client()
    login(client, REVIEWER)
    html = client.get("/contracts/1").text
    assert 'class="doctext"' in html and "<img src=" not in html
    marks = dict(re.findall(r'<mark id="box-(\w+)" data-field="\w+">([^<]*)</mark>', html))
    assert marks["work_location"] == "Industrieweg 12, 9000 Gent"
    assert len(marks) >= 6
