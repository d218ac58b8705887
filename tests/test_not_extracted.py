"""A contract is never lost as "other": an unreadable-but-contract-like document goes to review."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from mailbox_ingest.config import Settings
from parsers.fields.contractlike import looks_like_contract, mentions_enclave
from samples.corpus import mails
from store.models import Contract
from tests.docfactory import text_pdf
from tests.pipeline_helpers import Harness, harness, write_registry

MAATWERK = dt.datetime(2023, 3, 1, 9, 0, tzinfo=dt.UTC)
# Contract talk the extractor cannot fill a contract from: no parties, dates or counts it knows.
CONTRACT_TALK = [
    "SAMENWERKINGSOVEREENKOMST",
    "De partijen komen overeen dat de werkplaats een ploeg doelgroepwerknemers",
    "onder eigen begeleiding inzet bij de opdrachtgever, zoals besproken op het",
    "overleg van vorige maand. De werkzaamheden en de duur worden in onderling",
    "overleg vastgelegd. Beide partijen verbinden zich ertoe de afspraken na te",
    "leven en elkaar tijdig te informeren over wijzigingen in de planning.",
    "Aldus opgemaakt in twee exemplaren en door beide partijen ondertekend.",
]
LETTER = [
    "Geachte,",
    "Hierbij onze nieuwe prijslijst voor het komende jaar.",
    "Met vriendelijke groeten,",
    "Jan Peeters",
]


def pdf(lines: list[str]) -> bytes:
    """A one-page text PDF of the lines."""
    return text_pdf([[(60.0, 80.0 + 16 * i, line) for i, line in enumerate(lines)]])


@pytest.fixture
def h(make_settings: Callable[..., Settings], tmp_path: Path) -> Iterator[Harness]:
    """A harness with the default registry."""
    out = harness(make_settings(), write_registry(tmp_path / "registry.csv"))
    yield out
    out.app.close()


def test_contract_talk_reads_as_a_contract() -> None:
    """The detector accepts agreement text and refuses a covering letter or a price list."""
    assert looks_like_contract("\n".join(CONTRACT_TALK))
    assert not looks_like_contract("\n".join(LETTER))
    assert not looks_like_contract("In bijlage vindt u het contract van de enclave.")
    assert mentions_enclave("Nieuw ondernemingscontract")
    assert not mentions_enclave("Prijslijst 2024")


def test_unextracted_contract_from_a_workplace_goes_to_review_and_is_acknowledged(
    h: Harness,
) -> None:
    """A workplace's contract-like PDF with no usable fields: a contract to review, acked."""
    h.deliver(
        mails.contract_mail(
            date=MAATWERK,
            received=MAATWERK,
            body="Zie bijlage.",
            subject="Nieuwe samenwerking",
            attachments=[("overeenkomst.pdf", pdf(CONTRACT_TALK), "application/pdf")],
        )
    )
    _, sent = h.poll()
    [message] = h.messages()
    assert message["classification"] == "contract"
    [contract] = h.contracts()
    assert contract["status"] == "needs_review"
    assert contract["attachment"] == "overeenkomst.pdf"
    with h.app.db.session() as s:
        reasons = s.query(Contract).one().review_reasons
    assert "not_extracted" in reasons
    assert sent.sent == 1
    assert h.sent()[0]["Subject"].startswith("Ontvangstbevestiging")


def test_a_letter_from_a_stranger_stays_other(h: Harness) -> None:
    """Mail from outside the registry with a document that is no contract stays `other`."""
    h.deliver(
        mails.contract_mail(
            date=MAATWERK,
            received=MAATWERK,
            body="Zie bijlage.",
            sender="info@drukkerij.example",
            subject="Prijslijst",
            attachments=[("prijzen.pdf", pdf(LETTER), "application/pdf")],
        )
    )
    h.poll()
    [message] = h.messages()
    assert message["classification"] == "other"
    assert h.contracts() == []


BODY = """Geachte,

Hierbij melden wij een nieuwe enclave. Tussen De Ploeg vzw, hierna 'de werkplaats', en
Bakkerij Peeters NV, hierna 'de onderneming', is overeengekomen dat de werkplaats zes (6)
doelgroepwerknemers ter beschikking stelt voor de volgende werkzaamheden: verpakken van
koekjes. De werkzaamheden worden uitgevoerd op het adres Industrieweg 7, 8500 Kortrijk.
De enclave gaat in op 1 april 2023 voor onbepaalde duur.

Met vriendelijke groeten,
Jan Peeters
"""


def test_a_contract_written_in_the_body_is_a_contract(h: Harness) -> None:
    """No attachment: the body that states the contract is read like a document."""
    h.deliver(
        mails.contract_mail(
            date=MAATWERK, received=MAATWERK, body=BODY, subject="Nieuwe enclave", attachments=[]
        )
    )
    h.poll()
    [message] = h.messages()
    assert message["classification"] == "contract"
    [contract] = h.contracts()
    assert contract["attachment"] is None
    assert contract["workers"] == 6
    assert contract["work_location"] == "Industrieweg 7, 8500 Kortrijk"
    assert contract["start_date"] == "2023-04-01"


def test_a_covering_note_alone_is_no_contract(h: Harness) -> None:
    """A body that only mentions a contract (no attachment) does not become one."""
    h.deliver(mails.contract_mail(date=MAATWERK, received=MAATWERK, attachments=[]))
    h.poll()
    assert h.contracts() == []


def test_a_body_that_reads_as_a_contract_but_states_too_little_goes_to_review(
    h: Harness,
) -> None:
    """No attachment, contract talk in the body and no fields: `not_extracted`, never other."""
    h.deliver(
        mails.contract_mail(
            date=MAATWERK,
            received=MAATWERK,
            body="\n".join(CONTRACT_TALK),
            subject="Nieuwe samenwerking",
            attachments=[],
        )
    )
    _, sent = h.poll()
    [message] = h.messages()
    assert message["classification"] == "contract"
    [contract] = h.contracts()
    assert contract["status"] == "needs_review"
    assert contract["attachment"] is None
    with h.app.db.session() as s:
        reasons = s.query(Contract).one().review_reasons
    assert "not_extracted" in reasons
    assert sent.sent == 1


BODY_TWO = """Beste,

Hieronder de nieuwe enclaves van De Ploeg vzw (0123.456.749).

1) Bakkerij Peeters NV – KBO 0403.170.701
   Werkplek: Industrieweg 7, 8500 Kortrijk
   Werkzaamheden: verpakken van koekjes
   Aantal: 4 medewerkers
   Periode: 1 april 2023 – 31 maart 2024

2) Garage Vermeulen BV – KBO 0404.053.915
   Werkplek: Kerkstraat 4, 2500 Lier
   Werkzaamheden: poetsen van wagens
   Aantal: 2 medewerkers
   Periode: 1 mei 2023 – onbepaalde duur

Met vriendelijke groeten,
Jan Peeters
"""


def test_a_body_listing_two_enclaves_gives_two_contracts(h: Harness) -> None:
    """One block per enclave in the body: one contract each, none accepted unseen."""
    h.deliver(
        mails.contract_mail(
            date=MAATWERK,
            received=MAATWERK,
            body=BODY_TWO,
            subject="Nieuwe enclaves",
            attachments=[],
        )
    )
    h.poll()
    [message] = h.messages()
    assert message["classification"] == "contract"
    contracts = h.contracts()
    assert [c["work_location"] for c in contracts] == [
        "Industrieweg 7, 8500 Kortrijk",
        "Kerkstraat 4, 2500 Lier",
    ]
    assert [c["workers"] for c in contracts] == [4, 2]
    assert [c["start_date"] for c in contracts] == ["2023-04-01", "2023-05-01"]
    assert all(c["attachment"] is None for c in contracts)
