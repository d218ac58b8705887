"""The web UI wired to recovery, termination proposals and the yearly report: retry a
quarantined mail (one, or every one of a reason), confirm or reject a termination proposal,
and the `/rapport` page with its stylesheet, chart and downloads."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

import pytest
from sqlalchemy import select

from mailbox_ingest.config import Settings
from samples.corpus import mails
from store.models import AuditEntry, Contract, Message, TerminationProposal
from tests.e2e_helpers import distinct_contract
from tests.web.conftest import ADMIN, REVIEWER, World, login

TIGHT = {"max_attachments": 1}
LOOSE = {"max_attachments": 40}
MAATWERK = dt.datetime(2023, 3, 1, 9, 0, tzinfo=dt.UTC)
LATER = dt.datetime(2023, 6, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """HTTP behaviour does not depend on the database: SQLite (the store tests run on both)."""
    return f"sqlite:///{tmp_path}/store.sqlite3"


def notice_of(answer_location: str) -> str:
    """The notice a redirect carries in its query string."""
    found = re.search(r"notice=([^&]*)", answer_location)
    assert found is not None, answer_location
    return unquote(found.group(1).replace("+", " "))


def raise_limits(world: World, make_settings: Callable[..., Settings]) -> None:
    """The operator raised the attachment limit and restarted the web server."""
    world.app.state.ctx.settings = make_settings(review={"min_confidence": 0.9}, limits=LOOSE)


def test_retry_shows_the_new_outcome_and_keeps_the_history(
    make_world: Callable[..., World], make_settings: Callable[..., Settings]
) -> None:
    """A retry under the same limit quarantines again; after the limit is raised the mail
    becomes a contract; both earlier outcomes stay listed, each retry audited by its user."""
    world = make_world([distinct_contract(1)], limits=TIGHT)
    client = world.client()
    csrf = login(client, REVIEWER)
    page = client.get("/messages/1").text
    assert 'action="/messages/1/retry"' in page and "disabled" not in page
    assert "meteen opnieuw door de verwerking" in page and "volgende ronde" in page
    again = client.post("/messages/1/retry", data={"csrf": csrf})
    assert (
        notice_of(again.headers["location"])
        == "Opnieuw verwerkt: nu quarantined (reden: too_many_attachments)."
    )
    raise_limits(world, make_settings)
    done = client.post("/messages/1/retry", data={"csrf": csrf})
    assert notice_of(done.headers["location"]) == "Opnieuw verwerkt: nu contract."
    page = client.get(done.headers["location"]).text
    assert "Opnieuw verwerkt: nu contract." in page and 'id="retry-form"' not in page
    history = page[page.index('id="history"') : page.index("<h2>Audit</h2>")]
    assert history.count("too_many_attachments") == 2 and history.count("rita") == 2
    with world.harness.app.db.session() as s:
        audit = s.execute(
            select(AuditEntry.actor, AuditEntry.action).where(AuditEntry.message_id == 1)
        ).all()
        assert [tuple(a) for a in audit] == [("rita", "retry_message")] * 2
        assert s.execute(select(Contract.message_id)).scalars().all() == [1]
    refused = client.post("/messages/1/retry", data={"csrf": csrf})
    assert "not quarantined" in notice_of(refused.headers["location"])
    unknown = client.post("/messages/99/retry", data={"csrf": csrf})
    assert notice_of(unknown.headers["location"]) == "Niet opnieuw verwerkt: no message 99"


def test_retry_every_mail_of_a_reason(
    make_world: Callable[..., World], make_settings: Callable[..., Settings]
) -> None:
    """ "Retry all with this reason" re-runs every quarantined mail of that reason only."""
    world = make_world([distinct_contract(1), distinct_contract(2)], limits=TIGHT)
    client = world.client()
    csrf = login(client, ADMIN)
    assert 'action="/messages/1/retry-reason"' in client.get("/messages/1").text
    raise_limits(world, make_settings)
    answer = client.post("/messages/1/retry-reason", data={"csrf": csrf})
    assert notice_of(answer.headers["location"]) == (
        "2 bericht(en) met reden too_many_attachments opnieuw verwerkt: 2× contract."
    )
    with world.harness.app.db.session() as s:
        rows = s.execute(select(Message.classification, Message.history)).all()
    assert [r.classification for r in rows] == ["contract", "contract"]
    assert [len(r.history or []) for r in rows] == [1, 1]
    none_left = client.post("/messages/1/retry-reason", data={"csrf": csrf})
    assert "no quarantine reason" in notice_of(none_left.headers["location"])


def proposals_world(make_world: Callable[..., World]) -> World:
    """A Bakkerij Peeters contract (maatwerk) and two notices that may not end it alone."""
    contract = mails.contract_mail(
        date=MAATWERK,
        received=MAATWERK,
        attachments=[("c.pdf", mails.unique_pdf("Bakkerij Peeters NV"), "application/pdf")],
    )
    unverified = mails.termination_mail(end=dt.date(2023, 9, 1), date=LATER, auth="fail")
    freemail = mails.termination_mail(
        end=dt.date(2023, 10, 1), date=LATER, sender="jan.peeters1970@gmail.com", sender_name="Jan"
    )
    return make_world([contract, unverified, freemail])


def active_figures(html: str) -> tuple[str, str]:
    """(active, ended by termination) from the report fragment."""
    section = html[html.index('id="active"') : html.index('id="per-month"')]
    cells = re.findall(r'<td class="num">([^<]*)</td>', section)
    return cells[0], cells[2]


def test_confirmed_termination_counts_in_the_active_figures(
    make_world: Callable[..., World],
) -> None:
    """The active-enclave figures of /rapport move once a proposal is confirmed."""
    world = proposals_world(make_world)
    client = world.client()
    csrf = login(client, REVIEWER)
    url = "/rapport?year=2023&active_on=2023-12-31"
    assert active_figures(client.get(url).text) == ("1", "0")
    with world.harness.app.db.session() as s:
        first = s.execute(select(TerminationProposal.id)).scalars().first()
    client.post(f"/terminations/proposals/{first}/confirm", data={"csrf": csrf})
    assert active_figures(client.get(url).text) == ("0", "1")
    assert active_figures(client.get("/rapport?year=2023&active_on=2023-08-31").text) == ("1", "0")


def test_report_page_embeds_no_inline_style_or_data(make_world: Callable[..., World]) -> None:
    """Reviewer and admin see /rapport; the stylesheet and chart come from routes, not inline."""
    world = make_world()
    for who in (REVIEWER, ADMIN):
        client = world.client()
        login(client, who)
        answer = client.get("/rapport?year=2017")
        assert answer.status_code == 200, who
    page = answer.text
    assert '<a href="/rapport">' in page and "Enclave contracts 2017" in page
    assert "data:" not in page and "<style" not in page and " style=" not in page
    assert '<link rel="stylesheet" href="/rapport/report.css">' in page
    assert 'src="/rapport/2017/plot.png"' in page
    css = client.get("/rapport/report.css")
    assert css.headers["content-type"].startswith("text/css") and ".enclave-report" in css.text
    plot = client.get("/rapport/2017/plot.png")
    assert plot.headers["content-type"] == "image/png"
    assert plot.content.startswith(b"\x89PNG\r\n\x1a\n")
    this_year = client.get("/rapport")
    assert f"Enclave contracts {dt.date.today().year}" in this_year.text
    assert client.get(f"/rapport/{dt.date.today().year}/plot.png").status_code == 200
    assert (
        client.get("/rapport?year=2017&active_on=2017-06-30").text.count(
            'src="/rapport/2017/plot.png?active_on=2017-06-30"'
        )
        == 1
    )


def test_report_downloads_are_attachments(make_world: Callable[..., World]) -> None:
    """Each format downloads as an attachment named for the year, with the right content."""
    world = make_world()
    client = world.client()
    login(client, REVIEWER)
    page = client.get("/rapport?year=2017").text
    for fmt in ("md", "json", "xlsx", "pdf"):
        assert f'id="download-{fmt}" href="/rapport/2017/download/{fmt}"' in page
    got = {
        fmt: client.get(f"/rapport/2017/download/{fmt}?active_on=2017-12-31")
        for fmt in ("md", "json", "xlsx", "pdf")
    }
    for fmt, answer in got.items():
        assert answer.status_code == 200, fmt
        assert (
            answer.headers["content-disposition"]
            == f'attachment; filename="enclave-contracts-2017.{fmt}"'
        )
    assert json.loads(got["json"].content)["year"] == 2017
    assert got["md"].text.startswith("#")
    assert "xl/workbook.xml" in zipfile.ZipFile(io.BytesIO(got["xlsx"].content)).namelist()
    assert got["pdf"].content.startswith(b"%PDF-")


def test_report_page_refuses_bad_input(make_world: Callable[..., World]) -> None:
    """A day that is no date is one clear line; years outside 1900-9998 and unknown formats
    are refused."""
    world = make_world()
    client = world.client()
    login(client, REVIEWER)
    bad_day = client.get("/rapport?year=2017&active_on=31-12-2017")
    assert bad_day.status_code == 422 and "Geen geldige datum: 31-12-2017" in bad_day.text
    assert client.get("/rapport/2017/plot.png?active_on=x").status_code == 422
    assert client.get("/rapport/2017/download/pdf?active_on=x").status_code == 422
    assert client.get("/rapport?year=12").status_code == 422
    assert client.get("/rapport/12/plot.png").status_code == 422
    assert client.get("/rapport/2017/download/docx").status_code == 422
