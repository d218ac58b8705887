"""Whole documents: how many contracts, split where, with which layout and problems."""

from __future__ import annotations

import datetime as dt

from parsers.fields import extract_contracts
from parsers.fields.testing import lines_document
from parsers.types import REQUIRED_FIELDS, TextSource


def form(workplace: str, counterpart: str, workers: int, start: str, title: str) -> list[str]:
    """A small labelled form."""
    return [
        title,
        "Gegevens van de werkplaats",
        f"Naam werkplaats:\t{workplace}",
        "Gegevens van de onderneming",
        f"Naam:\t{counterpart}",
        "Aard van de werkzaamheden:\tgroenonderhoud",
        "Plaats van tewerkstelling:\tIndustrieweg 12, 9000 Gent",
        f"Aantal doelgroepwerknemers:\t{workers}",
        f"Begindatum:\t{start}",
        "Duur:\tonbepaalde duur",
    ]


def test_repeated_titles_split_contracts_on_pages() -> None:
    """Two forms on two pages under the same title are two contracts."""
    doc = lines_document(
        [
            form(
                "Maatwerkbedrijf De Ploeg vzw",
                "Garage Vermeulen BV",
                4,
                "01/03/2019",
                "Melding van een enclave",
            ),
            form(
                "Maatwerkbedrijf De Ploeg vzw",
                "Bakkerij Peeters NV",
                6,
                "01/04/2019",
                "Melding van een enclave",
            ),
        ]
    )
    contracts = extract_contracts(doc)
    assert [c.value("counterpart_name") for c in contracts] == [
        "Garage Vermeulen BV",
        "Bakkerij Peeters NV",
    ]
    assert [c.value("workers") for c in contracts] == [4, 6]
    assert contracts[1].fields["start_date"].evidence.page == 2  # type: ignore[union-attr]


def test_repeated_workplace_blocks_split_without_titles() -> None:
    """Without titles a second "Gegevens van de werkplaats" block starts a new contract."""
    first = form("Sociale Werkplaats Kempen vzw", "Garage Vermeulen BV", 4, "1-3-2019", "")
    second = form("Sociale Werkplaats Kempen vzw", "Stad Gent", 2, "1-5-2019", "")
    doc = lines_document([first[1:] + second[1:]])
    contracts = extract_contracts(doc)
    assert [c.value("counterpart_name") for c in contracts] == ["Garage Vermeulen BV", "Stad Gent"]
    assert contracts[1].value("start_date") == dt.date(2019, 5, 1)


def test_running_title_in_a_footer_does_not_split() -> None:
    """A title repeated as page furniture keeps a two-page contract whole."""
    page1 = [
        *form(
            "Maatwerkbedrijf De Ploeg vzw",
            "Garage Vermeulen BV",
            4,
            "01/03/2019",
            "Ondernemingscontract",
        )[:6],
        "Ondernemingscontract enclave Pagina 1",
    ]
    page2 = [
        "Aantal doelgroepwerknemers:\t4",
        "Begindatum:\t01/03/2019",
        "Ondernemingscontract enclave Pagina 2",
    ]
    contracts = extract_contracts(lines_document([page1, page2]))
    assert len(contracts) == 1
    assert contracts[0].value("workers") == 4


def test_no_contract_in_a_letter() -> None:
    """A covering letter holds no contract."""
    letter = [
        "Geachte,",
        "In bijlage vindt u het contract van 1 maart 2017.",
        "Met vriendelijke groeten,",
        "Jan Peeters",
    ]
    assert extract_contracts(lines_document([letter], TextSource.DOCX, boxes=False)) == []


def test_missing_required_fields_are_problems() -> None:
    """Each missing required field is named in the problems and lowers the confidence to 0."""
    rows = form("Maatwerkbedrijf De Ploeg vzw", "Garage Vermeulen BV", 4, "....", "Melding")
    (contract,) = extract_contracts(lines_document([rows]))
    assert "start_date" not in contract.fields
    assert contract.problems == ["missing:start_date"]
    assert contract.confidence() == 0.0
    assert set(REQUIRED_FIELDS) - set(contract.fields) == {"start_date"}


def test_a_missing_work_location_is_a_problem() -> None:
    """The work location is required: without it the contract names it as missing."""
    rows = [
        r
        for r in form(
            "Maatwerkbedrijf De Ploeg vzw", "Garage Vermeulen BV", 4, "01/03/2019", "Melding"
        )
        if not r.startswith("Plaats")
    ]
    (contract,) = extract_contracts(lines_document([rows]))
    assert contract.problems == ["missing:work_location"]
    assert contract.confidence() == 0.0


def test_end_date_means_not_indefinite() -> None:
    """An end date sets the indefinite flag to False, from the same evidence."""
    rows = form("Maatwerkbedrijf De Ploeg vzw", "Garage Vermeulen BV", 4, "01/03/2019", "Melding")
    rows[-1] = "Einddatum:\t29/02/2020"
    (contract,) = extract_contracts(lines_document([rows]))
    assert contract.value("end_date") == dt.date(2020, 2, 29)
    assert contract.value("indefinite_duration") is False
    assert contract.fields["indefinite_duration"].evidence == contract.fields["end_date"].evidence


def test_fields_follow_the_shared_order() -> None:
    """Fields come in the order of CONTRACT_FIELDS, with confidences in [0, 1]."""
    rows = form("Maatwerkbedrijf De Ploeg vzw", "Garage Vermeulen BV", 4, "01/03/2019", "Melding")
    (contract,) = extract_contracts(lines_document([rows]))
    names = list(contract.fields)
    assert names == [
        "workplace_name",
        "counterpart_name",
        "work_location",
        "nature_of_work",
        "workers",
        "start_date",
        "indefinite_duration",
    ]
    assert all(0.0 <= fv.confidence <= 1.0 for fv in contract.fields.values())
    assert contract.confidence() >= 0.9
