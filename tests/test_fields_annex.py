"""A framework agreement whose enclave facts stand in its annex ("Bijlage 1")."""

from __future__ import annotations

import datetime as dt

from parsers.fields import extract_contracts
from parsers.fields.testing import lines_document
from parsers.types import TextSource

AGREEMENT = [
    "RAAMOVEREENKOMST ENCLAVEWERK",
    "De ondergetekenden,",
    "De Ploeg vzw, met zetel te Kerkstraat 4, 9000 Gent, hierna 'het maatwerkbedrijf',",
    "en",
    "Bakkerij Peeters NV, met zetel te Rijksweg 149, 2500 Lier, hierna 'de afnemer',",
    "komen het volgende overeen.",
    "Artikel 1 – Voorwerp",
    "De concrete opdracht (plaats, aard van de werkzaamheden, aantal werknemers en duur)",
    "wordt beschreven in Bijlage 1, die integraal deel uitmaakt van deze overeenkomst.",
    "Gedaan te Gent, 21.10.2020, in twee originele exemplaren.",
]
ANNEX = [
    "Bijlage 1 – Beschrijving van de opdracht",
    "Onderdeel | Afspraak",
    "Plaats van tewerkstelling | te 3630 Maasmechelen, Mechelsesteenweg 3",
    "Aard van de werkzaamheden | sorteren en herstellen van textiel",
    "Aantal doelgroepwerknemers | drie (3)",
    "Duur | Voor een periode van 12 maanden, ingaand op 28.11.2020",
    "Werkrooster | 4/5, ma–do",
]


def test_the_facts_of_the_annex_complete_the_agreement() -> None:
    """Parties from the agreement, place, work, team and term from the annex table."""
    doc = lines_document([AGREEMENT, ANNEX], TextSource.DOCX, boxes=False)
    (contract,) = extract_contracts(doc)
    assert contract.value("workplace_name") == "De Ploeg vzw"
    assert contract.value("counterpart_name") == "Bakkerij Peeters NV"
    assert contract.value("work_location") == "Mechelsesteenweg 3, 3630 Maasmechelen"
    assert contract.value("nature_of_work") == "sorteren en herstellen van textiel"
    assert contract.value("workers") == 3


def test_a_term_starting_on_a_date_gives_start_and_end() -> None:
    """ "12 maanden, ingaand op 28.11.2020": the start, and the end a year later."""
    doc = lines_document([AGREEMENT, ANNEX], TextSource.DOCX, boxes=False)
    (contract,) = extract_contracts(doc)
    assert contract.value("start_date") == dt.date(2020, 11, 28)
    assert contract.value("end_date") == dt.date(2021, 11, 27)


def test_a_term_starting_on_a_date_in_a_sentence() -> None:
    """ "voor een periode van twaalf (12) maanden, ingaand op 19.5.2023" in a mail's prose."""
    body = [
        "Hierbij melden wij, De Ploeg vzw (KBO 0403.170.701), een nieuwe enclave.",
        "Wij sloten een enclaveovereenkomst met Bakkerij Peeters NV. Een ploeg van 6",
        "medewerkers zal er instaan voor het verpakken van koekjes, voor een periode van",
        "twaalf (12) maanden, ingaand op 19.5.2023. De werkplek is Industrieweg 7, 8500 Kortrijk.",
    ]
    (contract,) = extract_contracts(lines_document([body], TextSource.PLAIN, boxes=False))
    assert contract.value("start_date") == dt.date(2023, 5, 19)
    assert contract.value("end_date") == dt.date(2024, 5, 18)
