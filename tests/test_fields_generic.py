"""Generic detectors: activity phrases, party names in headings, documents titled as non-contracts."""

from __future__ import annotations

import pytest

from parsers.fields import extract_contracts
from parsers.fields.acceptance import acceptable, same_party
from parsers.fields.activity import find_activities
from parsers.fields.contractlike import titled_as_other
from parsers.fields.names import clean_name
from parsers.fields.testing import lines_document
from parsers.fields.values import judge_location

ACTIVITIES = [
    (
        "De partner voert in enclave het bestukken van printplaten uit voor de organisatie.",
        "bestukken van printplaten",
    ),
    (
        "De dienstverlener verbindt zich ertoe vijftien doelgroepwerknemers in te zetten voor het vouwen en kuverteren van drukwerk.",
        "vouwen en kuverteren van drukwerk",
    ),
    (
        "De leverancier levert diensten aan de klant, met name het kweken en oppotten van sierplanten, uitgevoerd door 6 werknemers.",
        "kweken en oppotten van sierplanten",
    ),
    (
        "Het Agentschap doet een beroep op het maatwerkbedrijf voor de was- en strijkdienst voor bewonerskledij.",
        "was- en strijkdienst voor bewonerskledij",
    ),
    (
        "De werkplaats voert met een ploeg van drie (3) doelgroepwerknemers de assemblage van elektrische componenten uit.",
        "assemblage van elektrische componenten",
    ),
    (
        "De opdracht bestaat uit het snijden en verpakken van groenten.",
        "snijden en verpakken van groenten",
    ),
    (
        "Het maatwerkbedrijf staat in voor het kweken en oppotten van sierplanten met 3 werknemers.",
        "kweken en oppotten van sierplanten",
    ),
]


@pytest.mark.parametrize(("sentence", "activity"), ACTIVITIES)
def test_activity_in_a_sentence_about_the_work(sentence: str, activity: str) -> None:
    """The activity is found wherever the sentence puts it, without who, where or how."""
    found = find_activities(sentence)
    assert found and found[0].text == activity


@pytest.mark.parametrize(
    "sentence",
    [
        "Gelet op de beslissing van het college van burgemeester en schepenen van 29 juli 2019.",
        "De samenwerking loopt met ingang van 1-4-2014 voor een onbepaalde duur.",
        "Het maatwerkbedrijf is de werkgever van de maatwerkbedrijven in de regio.",
        "De refter biedt plaats aan het personeel van de onderneming.",
    ],
)
def test_no_activity_without_one(sentence: str) -> None:
    """Recitals, durations and party nouns are not activities."""
    assert find_activities(sentence) == []


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        (
            "ENCLAVEOVEREENKOMST Tussen Woonzorgcentrum Ter Linde vzw",
            "Woonzorgcentrum Ter Linde vzw",
        ),
        (
            "Overeenkomst enclavewerk Tussen het Agentschap Infrastructuur Waterwegen",
            "Agentschap Infrastructuur Waterwegen",
        ),
        ("Tussen Het Weefsel vzw", "Het Weefsel vzw"),
        ("Art. 6. Beëindiging 1. Mosaïek vzw", "Mosaïek vzw"),
        ("DE DIENSTVERLENER De Brugge Werkt VZW", "De Brugge Werkt VZW"),
        ("Jeugdherberg De Blauwput vzw (KBO", "Jeugdherberg De Blauwput vzw"),
        ("Labo Aerts NV Doorniksesteenweg 3 2850 Boom", "Labo Aerts NV"),
        ("Sociale Werkplaats Het Spoor cvba-so", "Sociale Werkplaats Het Spoor cvba-so"),
        ("vzw De Ploeg", "vzw De Ploeg"),
    ],
)
def test_party_name_without_heading_or_tail(raw: str, name: str) -> None:
    """A party's name loses the title, numbering, role word or address around it, never its own article."""
    assert clean_name(raw) == name


def test_documents_titled_as_other() -> None:
    """An invoice, offer or minutes heading marks a non-contract; an agreement title keeps a contract."""
    assert titled_as_other(
        "PRIJSOFFERTE – SAMENWERKING IN ENCLAVE\nAan: X NV\nDeze offerte is geen overeenkomst: na uw akkoord volgt er een."
    )
    assert titled_as_other(
        "De Dijk vzw\nEuropalaan 76, 3500 Hasselt\nTARIEVEN 2025\nGeldig vanaf 1 januari 2025."
    )
    assert titled_as_other("VERSLAG OPVOLGINGSOVERLEG ENCLAVE\nDatum: 11 mei 2022")
    assert not titled_as_other("Offerte en overeenkomst enclavewerk\nTussen X vzw en Y NV")
    assert not titled_as_other("ENCLAVEOVEREENKOMST\nTussen de ondergetekenden")


@pytest.mark.parametrize(
    ("value", "expected", "sure"),
    [
        ("Brugsesteenweg 385, 8800 Roeselare", "Brugsesteenweg 385, 8800 Roeselare", True),
        ("8800 Roeselare – Brugsesteenweg 385", "Brugsesteenweg 385, 8800 Roeselare", True),
        ("Roeselare", "Roeselare", False),
        (
            "Site 1 Aard van de werkzaamheden: schoonmaak Aantal: 6 Begindatum: 01/09/2025",
            None,
            False,
        ),
        ("(indien verschillend van de zetel)", None, False),
    ],
)
def test_labelled_work_location_judged(value: str, expected: str | None, sure: bool) -> None:
    """A labelled work location is an address (sure), a town (unsure) or no location at all."""
    judged = judge_location(value)
    if expected is None:
        assert judged is None
    else:
        assert judged is not None and judged[0] == expected and (judged[1] == 1.0) is sure


LETTERHEAD_CONTRACT = [
    "Het Weefsel cv",
    "Zuidring 20 bus 257 te 9080 Lochristi",
    "KBO-nr. BE 0611.234.315",
    "ENCLAVEOVEREENKOMST",
    "• Keukens Verbruggen BV, Ter Heidelaan 148, 3200 Aarschot, ondernemingsnr. 0753.283.093,",
    "hierna genoemd “de gebruiker”,",
    "• Het Weefsel cv, met maatschappelijke zetel te 9080 Lochristi, Zuidring 20 bus 257,",
    "ondernemingsnummer 0611.234.315, hierna genoemd “de opdrachtnemer”,",
    "1. De opdrachtnemer voert in opdracht van de gebruiker de assemblage van elektrische componenten uit.",
    "2. De opdracht wordt uitgevoerd door vier (4) personen.",
    "3. Plaats van uitvoering: 3300 Tienen, Scheldekaai 166.",
    "4. De overeenkomst loopt van 01/11/2023 tot 31/12/2023.",
    "Opgemaakt te Lochristi op 12/10/2023.",
]


def test_letterhead_is_not_a_party_and_roles_come_from_hierna() -> None:
    """The letterhead above the title is not a party; 'opdrachtnemer' is the workplace, 'gebruiker' the client."""
    (contract,) = extract_contracts(lines_document([LETTERHEAD_CONTRACT]))
    assert contract.value("counterpart_name") == "Keukens Verbruggen BV"
    assert contract.value("workplace_name") == "Het Weefsel cv"
    assert contract.value("nature_of_work") == "assemblage van elektrische componenten"
    assert str(contract.value("start_date")) == "2023-11-01"
    assert str(contract.value("end_date")) == "2023-12-31"
    assert contract.value("work_location") == "Scheldekaai 166, 3300 Tienen"


def test_one_party_on_both_sides_is_never_accepted() -> None:
    """A contract whose workplace and counterpart read the same goes to review."""
    lines = [
        line.replace("Keukens Verbruggen BV", "Het Weefsel cv") for line in LETTERHEAD_CONTRACT
    ]
    (contract,) = extract_contracts(lines_document([lines]))
    assert same_party(contract)
    assert not acceptable(contract)


def test_numbered_question_takes_the_answer_below() -> None:
    """A numbered question of a form is a label whose answer is on the next line."""
    form = [
        "Aanvraag enclave",
        "1. Wie is het maatwerkbedrijf?",
        "De Kering vzw",
        "2. Wie is de opdrachtgever?",
        "Bakkerij Peeters NV",
        "3. Waar worden de werkzaamheden uitgevoerd?",
        "Expressweg 171 – 8820 Torhout",
        "4. Welke werkzaamheden worden uitgevoerd?",
        "Vouwen en kuverteren van drukwerk",
        "5. Hoeveel doelgroepwerknemers worden ingezet?",
        "12",
    ]
    (contract,) = extract_contracts(lines_document([form]))
    assert contract.value("work_location") == "Expressweg 171, 8820 Torhout"
    assert contract.value("nature_of_work") == "Vouwen en kuverteren van drukwerk"
    assert contract.value("workers") == 12


def test_a_location_beside_a_town_it_did_not_take_is_unsure() -> None:
    """An address followed by "te <Town>" the finder left out is kept, but unsure."""
    judged = judge_location("Kerkstraat 4 (achteringang) te Mol")
    assert judged is not None and judged[1] < 1.0
