"""The work location found in any prose sentence about the place of work, never a seat."""

from __future__ import annotations

import pytest

from parsers.fields import extract_contracts
from parsers.fields.names import clean_name
from parsers.fields.testing import lines_document

PARTIES = [
    "Tussen enerzijds De Ploeg vzw, met zetel te Kerkstraat 4, 9000 Gent, hierna 'de",
    "werkplaats', en anderzijds Bakkerij Peeters NV, gevestigd te Industrieweg 7, 8500",
    "Kortrijk, hierna 'de onderneming', wordt het volgende overeengekomen.",
    "De werkplaats stelt zes (6) doelgroepwerknemers ter beschikking voor groenonderhoud.",
    "De overeenkomst gaat in op 1 maart 2024 voor onbepaalde duur.",
]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "De enclave gaat door in 8800 Roeselare, Brugsesteenweg 385.",
            "Brugsesteenweg 385, 8800 Roeselare",
        ),
        (
            "De prestaties worden uitgevoerd te 8500 Kortrijk, Kortrijksesteenweg 12.",
            "Kortrijksesteenweg 12, 8500 Kortrijk",
        ),
        (
            "De ploeg wordt ingezet op de site Europalaan 12 bus 101 te 3600 Genk.",
            "Europalaan 12 bus 101, 3600 Genk",
        ),
        ("Plaats van tewerkstelling is de Vaartstraat 58 in Turnhout.", "Vaartstraat 58, Turnhout"),
        (
            "De tewerkstelling vindt plaats in het magazijn, Heirweg 44,\n8400 Oostende.",
            "Heirweg 44, 8400 Oostende",
        ),
    ],
)
def test_a_location_sentence_anywhere(sentence: str, expected: str) -> None:
    """An address in a sentence about where the work is done is the work location."""
    (contract,) = extract_contracts(
        lines_document([[*PARTIES[:3], *sentence.split("\n"), *PARTIES[3:]]])
    )
    assert contract.value("work_location") == expected


def test_seats_and_letterheads_are_not_the_work_location() -> None:
    """Only the seats of the parties: no work location, so the contract goes to review."""
    letterhead = ["De Ploeg vzw - Kerkstraat 4, 9000 Gent - tel. 09 123 45 67"]
    (contract,) = extract_contracts(lines_document([[*letterhead, *PARTIES]]))
    assert "work_location" not in contract.fields
    assert "missing:work_location" in contract.problems


def test_a_site_without_a_strong_cue_is_unsure() -> None:
    """ "de site ..." alone is taken, but below the accept threshold."""
    sentence = "De enclave heeft een eigen site, Heirweg 44, 8400 Oostende."
    (contract,) = extract_contracts(lines_document([[*PARTIES[:3], sentence, *PARTIES[3:]]]))
    assert contract.value("work_location") == "Heirweg 44, 8400 Oostende"
    assert contract.fields["work_location"].confidence < 0.8


@pytest.mark.parametrize(
    "sentence",
    [
        "De enclave werkt op de site Heirweg 44, 8400 Oostende.",
        "De prestaties gebeuren op de campus van de organisatie: Heirweg 44, 8400 Oostende.",
        "De enclave werkt op volgend adres: Heirweg 44, 8400 Oostende.",
    ],
)
def test_where_the_enclave_works_is_sure(sentence: str) -> None:
    """A sentence saying the enclave works or performs at an address gives it with confidence."""
    (contract,) = extract_contracts(lines_document([[*PARTIES[:3], sentence, *PARTIES[3:]]]))
    assert contract.value("work_location") == "Heirweg 44, 8400 Oostende"
    assert contract.fields["work_location"].confidence >= 0.8


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("de opdrachtgever: Bakkerij Peeters NV", "Bakkerij Peeters NV"),
        ("Bakkerij Peeters NV (KBO 0123.456.749)", "Bakkerij Peeters NV"),
        ("Bakkerij Peeters NV, BTW BE 0123.456.749", "Bakkerij Peeters NV"),
        ("Bakkerij Peeters NV (0123.456.749)", "Bakkerij Peeters NV"),
        (
            "het Agentschap Wegen en Verkeer, intern verzelfstandigd agentschap",
            "Agentschap Wegen en Verkeer",
        ),
        ("1° de opdrachtgever: Stad Gent", "Stad Gent"),
        ("Opdrachtgever: Garage Vermeulen BV, met zetel te Gent", "Garage Vermeulen BV"),
        ("Het Anker vzw", "Het Anker vzw"),
        ("De Ploeg vzw", "De Ploeg vzw"),
    ],
)
def test_names_lose_role_words_and_numbers(written: str, name: str) -> None:
    """Role words, enterprise numbers and legal clauses are not part of a name."""
    assert clean_name(written) == name


def test_an_address_under_a_place_heading_is_the_work_location() -> None:
    """An address alone on its line under "2. Plaats" is the work location, and sure."""
    lines = [*PARTIES[:3], "2. Plaats", "Kortrijksesteenweg 9 bus 246 te 2260 Westerlo"]
    (contract,) = extract_contracts(lines_document([[*lines, "3. Duur", *PARTIES[3:]]]))
    assert contract.value("work_location") == "Kortrijksesteenweg 9 bus 246, 2260 Westerlo"
    assert contract.fields["work_location"].confidence >= 0.8


def test_a_party_introduction_is_never_the_work_location() -> None:
    """A party's seat in a sentence with "in uitvoering van" stays a seat."""
    sentence = (
        "Gemeente Kortenberg, Kerkstraat 99 - 3070 Kortenberg, BTW-nr. 0249.568.825, "
        "vertegenwoordigd door het college, in uitvoering van de beslissing van 24 oktober 2024,"
    )
    (contract,) = extract_contracts(lines_document([[sentence, *PARTIES]]))
    assert "work_location" not in contract.fields


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Voor De Sluis VZW", "De Sluis VZW"),
        ("Namens Bakkerij Peeters NV", "Bakkerij Peeters NV"),
    ],
)
def test_a_signature_line_gives_the_name_alone(written: str, name: str) -> None:
    """ "Voor X" under a signature is X."""
    assert clean_name(written) == name


def test_an_address_after_te_under_a_place_heading() -> None:
    """ "te 9120 Beveren, Industriepark Zuid 23" under "2. Plaats" is the work location."""
    lines = [*PARTIES[:3], "2. Plaats", "te 9120 Beveren, Industriepark Zuid 23"]
    (contract,) = extract_contracts(lines_document([[*lines, "3. Duur", *PARTIES[3:]]]))
    assert contract.value("work_location") == "Industriepark Zuid 23, 9120 Beveren"
