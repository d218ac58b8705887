"""The web UI over HTTP beside the contract page: the queue, letters, messages and the
quarantine, terminations, and the admin pages for users and the registry."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from sqlalchemy import select

from samples.corpus.mails import termination_mail
from store.models import AuditEntry, Letter, Organisation
from tests.e2e_helpers import distinct_contract
from tests.web.conftest import ADMIN, REVIEWER, World, login


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """HTTP behaviour does not depend on the database: SQLite (the store tests run on both)."""
    return f"sqlite:///{tmp_path}/store.sqlite3"


def _version(html: str) -> str:
    found = re.search(r'name="version" value="(\d+)"', html)
    assert found is not None
    return found.group(1)


def test_batch_of_letters_prints_as_one_pdf(make_world: Callable[..., World]) -> None:
    """Two accepted legacy contracts give two letters; the batch is one PDF with both."""
    world = make_world()
    client = world.client()
    csrf = login(client, REVIEWER)
    client.post("/queue/accept", data={"csrf": csrf, "ids": ["1", "2"]})
    with world.harness.app.db.session() as s:
        ids = [
            str(i)
            for i in s.execute(select(Letter.id).order_by(Letter.id)).scalars()
            if i is not None
        ]
        pages_each = [
            len(pdfium.PdfDocument(io.BytesIO(client.get(f"/letters/{i}.pdf").content)))
            for i in ids[:2]
        ]
    letters = client.get("/letters")
    assert "geen postadres" in letters.text
    batch = client.post("/letters/batch.pdf", data={"csrf": csrf, "ids": ids[:2]})
    assert batch.headers["content-disposition"].startswith("attachment;")
    assert len(pdfium.PdfDocument(batch.content)) == sum(pages_each)
    posted = client.post(f"/letters/{ids[0]}/posted", data={"csrf": csrf, "on": "2017-03-20"})
    assert "verstuurd op 20/03/2017" in client.get(posted.headers["location"]).text


def test_admin_imports_postal_addresses(make_world: Callable[..., World], tmp_path: Path) -> None:
    """An admin uploads the registry with postal_address; letters stop being flagged."""
    world = make_world()
    client = world.client()
    csrf = login(client, ADMIN)
    csv_text = (
        "enterprise_number,name,kind,email_domains,postal_address\n"
        "0456.789.034,De Ploeg vzw,maatwerkbedrijf,deploeg.be,"
        "Nijverheidsstraat 5;9000 Gent\n"
    )
    answer = client.post(
        "/admin/organisations/import",
        data={"csrf": csrf},
        files={"file": ("registry.csv", csv_text.encode(), "text/csv")},
    )
    assert "0 toegevoegd, 1 bijgewerkt" in client.get(answer.headers["location"]).text
    with world.harness.app.db.session() as s:
        org = s.execute(
            select(Organisation).where(Organisation.name == "De Ploeg vzw")
        ).scalar_one()
        assert org.postal_address == "Nijverheidsstraat 5\n9000 Gent"
        assert (
            s.execute(select(AuditEntry.action).order_by(AuditEntry.id.desc())).scalars().first()
            == "registry_imported"
        )
    assert "geen postadres" not in client.get("/queue").text
    bad = client.post(
        "/admin/organisations/import",
        data={"csrf": csrf},
        files={"file": ("r.csv", b"name\nx\n", "text/csv")},
    )
    assert "missing column" in client.get(bad.headers["location"]).text


def test_admin_adds_a_user_who_can_log_in(make_world: Callable[..., World]) -> None:
    """A user added on the admin page logs in; a short password is refused."""
    world = make_world()
    boss = world.client()
    csrf = login(boss, ADMIN)
    short = boss.post(
        "/admin/users",
        data={
            "csrf": csrf,
            "name": "nina",
            "role": "reviewer",
            "password": "kort",
            "active": "true",
        },
    )
    assert "at least 10" in boss.get(short.headers["location"]).text
    boss.post(
        "/admin/users",
        data={
            "csrf": csrf,
            "name": "nina",
            "role": "reviewer",
            "password": "nina-wachtwoord",
            "active": "true",
        },
    )
    login(world.client(), ("nina", "nina-wachtwoord"))


def test_own_action_shows_in_the_counts_at_once(make_world: Callable[..., World]) -> None:
    """Queue counts are cached, but a change made in the UI clears them."""
    world = make_world(web={"counts_ttl_s": 600})
    client = world.client()
    csrf = login(client, REVIEWER)
    count = re.compile(r'class="active">Na te kijken <span class="count">(\d+)</span>')
    found = count.search(client.get("/queue").text)
    assert found is not None and found.group(1) == "3"
    client.post("/queue/accept", data={"csrf": csrf, "ids": ["2"]})
    found = count.search(client.get("/queue").text)
    assert found is not None and found.group(1) == "2"


def test_queue_pages_keep_the_filters(make_world: Callable[..., World]) -> None:
    """The next-page link carries the filters; a reviewer sees only what matches."""
    world = make_world([distinct_contract(n) for n in range(6)], web={"page_size": 5})
    client = world.client()
    login(client, REVIEWER)
    assert "(0 contracten)" in client.get("/queue?workplace=Ploeg&mine=true").text
    html = client.get("/queue?workplace=Ploeg&regime=legacy").text
    assert "(6 contracten)" in html and "Pagina 1 van 2" in html
    assert '<a href="/queue?tab=to_review&amp;workplace=Ploeg&amp;regime=legacy&amp;p=2">' in html
    second = client.get("/queue?tab=to_review&workplace=Ploeg&regime=legacy&p=2").text
    assert second.count('class="open"') == 1
    assert client.get("/queue?tab=bogus").status_code == 422


def test_messages_terminations_and_decisions(make_world: Callable[..., World]) -> None:
    """A termination notice is listed with its linking decision; a message shows its rules."""
    world = make_world([distinct_contract(1), termination_mail()])
    client = world.client()
    login(client, REVIEWER)
    page = client.get("/terminations").text
    assert "Geen meldingen." not in page and 'id="termination-proposals"' in page
    detail = client.get("/messages/2").text
    assert "<td>termination</td>" in detail
    assert "Geen contract" not in detail  # only quarantined mail can be settled that way
    assert client.get("/messages?quarantine=true").status_code == 200


def test_quarantined_mail_marked_not_a_contract(make_world: Callable[..., World]) -> None:
    """A mail over the size limit sits in the quarantine until staff settle it."""
    world = make_world([distinct_contract(1)], limits={"max_message_bytes": 1024})
    client = world.client()
    csrf = login(client, REVIEWER)
    listed = client.get("/messages?quarantine=true").text
    assert "too_large" in listed
    page = client.get("/messages/1").text
    assert 'id="not-a-contract-form"' in page and 'id="retry-form"' in page
    unread = client.post("/messages/1/retry", data={"csrf": csrf})
    assert "has no stored bytes" in client.get(unread.headers["location"]).text
    done = client.post("/messages/1/not-a-contract", data={"csrf": csrf, "note": "nieuwsbrief"})
    page = client.get(done.headers["location"]).text
    assert "Gemarkeerd als geen contract." in page and "not_a_contract" in page
    assert "too_large" not in client.get("/messages?quarantine=true").text
    again = client.post("/messages/1/not-a-contract", data={"csrf": csrf})
    assert "not in the quarantine" in client.get(again.headers["location"]).text


def test_new_password_signs_the_user_out(make_world: Callable[..., World]) -> None:
    """An admin resetting a password (or deactivating) ends that user's open sessions."""
    world = make_world()
    rita, boss = world.client(), world.client()
    login(rita, REVIEWER)
    csrf = login(boss, ADMIN)
    boss.post(
        "/admin/users",
        data={
            "csrf": csrf,
            "name": REVIEWER[0],
            "role": "reviewer",
            "password": "een-nieuw-wachtwoord",
            "active": "true",
        },
    )
    assert rita.get("/queue").headers.get("location") == "/login"
    login(rita, (REVIEWER[0], "een-nieuw-wachtwoord"))
    boss.post("/admin/users", data={"csrf": csrf, "name": REVIEWER[0], "role": "reviewer"})
    assert rita.get("/queue").headers.get("location") == "/login"
