"""Calibrated confidence of worker counts, activities and wrapped names, and the fixes behind it."""

from __future__ import annotations

import datetime as dt

from parsers.fields.activity import find_activities
from parsers.fields.extract import extract_contracts
from parsers.fields.numbers import find_counts
from parsers.fields.orgs import find_orgs
from parsers.fields.testing import lines_document
from parsers.types import ExtractedContract

PARTIES = [
    "ENCLAVEOVEREENKOMST",
    "Tussen enerzijds:",
    "De Ploeg vzw, met zetel te Nijverheidsstraat 4, 9000 Gent,",
    "ondernemingsnummer 0403.170.701, hierna 'de werkplaats' genoemd,",
    "en anderzijds:",
    "Bakkerij Peeters NV, met maatschappelijke zetel te Kerkstraat 1, 2000 Antwerpen,",
    "ondernemingsnummer BE 0202.239.951, hierna 'de onderneming' genoemd,",
    "wordt overeengekomen wat volgt:",
]


def only(lines: list[str]) -> ExtractedContract:
    """The one contract in a one-page document of these lines."""
    contracts = extract_contracts(lines_document([lines]))
    assert len(contracts) == 1
    return contracts[0]


def test_a_year_is_not_read_as_a_count() -> None:
    """ "sinds 1976" gives no count "197": a number's digits are never cut short."""
    assert [c.value for c in find_counts("sinds 1976 doelgroepwerknemers")] == []


def test_an_estimate_of_the_staff_is_no_team_size() -> None:
    """ "ongeveer 300 werknemers" describes the company; the team is the sure count."""
    contract = only(
        [
            *PARTIES,
            "De onderneming is een bedrijf met ongeveer 300 werknemers.",
            "De werkplaats zet daartoe maximaal twaalf doelgroepwerknemers in.",
        ]
    )
    assert contract.value("workers") == 12
    assert contract.fields["workers"].confidence >= 0.8


def test_a_single_team_size_is_sure() -> None:
    """One count beside a worker word, even in a weak context, is sure."""
    contract = only([*PARTIES, "De opdracht wordt uitgevoerd door een ploeg van 15 medewerkers."])
    assert contract.value("workers") == 15
    assert contract.fields["workers"].confidence >= 0.8


def test_two_team_sizes_make_a_guess() -> None:
    """Two different counts beside worker words: the pick is left to a reviewer."""
    contract = only(
        [
            *PARTIES,
            "De opdracht wordt uitgevoerd door een ploeg van 15 medewerkers.",
            "De refter van de werkplaats telt 4 medewerkers.",
        ]
    )
    assert contract.fields["workers"].confidence < 0.8


def test_an_activity_cut_at_a_place_word_is_unsure() -> None:
    """ "... in de enclave uit te voeren" may say where or what: flagged."""
    found = find_activities(
        "Het maatwerkbedrijf verbindt zich ertoe de bediening van de vaatwasstraat in de "
        "enclave uit te voeren."
    )
    assert [(a.text, a.sure) for a in found] == [("bediening van de vaatwasstraat", False)]


def test_an_activity_cut_at_its_verb_is_sure() -> None:
    """An activity ending at the sentence's verb particle is sure."""
    found = find_activities("De partner voert in enclave het snijden van groenten uit.")
    assert [(a.text, a.sure) for a in found] == [("snijden van groenten", True)]


def test_no_activity_in_a_recital() -> None:
    """A "Gelet op" clause names a decision, not the work, wherever the sentence starts."""
    text = "27.10.2024 - gelet op de beslissing van het college van burgemeester en schepenen."
    assert find_activities(text) == []


def test_a_name_wrapped_before_its_legal_form_is_joined() -> None:
    """A labelled name whose legal form wrapped onto the next row of its cell is kept whole."""
    doc = lines_document(
        [
            [
                "Maatwerkbedrijf\tMaatwerkbedrijf De Brugge Werkt",
                "\tVZW (KBO 0403.170.701)",
                "Opdrachtgever\tBakkerij Peeters NV (KBO BE 0202.239.951)",
                "Adres van de werkplek\tKerkstraat 1, 2000 Antwerpen",
                "Aard van de werkzaamheden\tverpakken van koekjes",
                "Aantal doelgroepwerknemers\t4",
                "Startdatum\t2 februari 2023",
            ]
        ]
    )
    contract = extract_contracts(doc)[0]
    assert contract.value("workplace_name") == "Maatwerkbedrijf De Brugge Werkt VZW"


def test_a_title_line_above_a_party_is_not_its_name() -> None:
    """ "Enclavecontract" alone on the line above a party's block is no part of its name."""
    contract = only(
        [
            "Enclavecontract",
            "Drukkerij Ter Beke BV, met zetel te Europalaan 7, 3000 Leuven, hierna genoemd "
            "“de afnemer”,",
            "Kempenwerk vzw, met zetel te Kouter 9, 2300 Turnhout, hierna genoemd "
            "“de opdrachtnemer”,",
            "De opdracht wordt uitgevoerd door twee werknemers.",
        ]
    )
    assert contract.value("counterpart_name") == "Drukkerij Ter Beke BV"


def test_start_date_after_ingaand_op() -> None:
    """ "voor twaalf maanden, ingaand op 01.12.2025" gives the start date."""
    contract = only(
        [
            *PARTIES,
            "De overeenkomst wordt aangegaan voor een periode van twaalf (12) maanden, "
            "ingaand op 01.12.2025.",
        ]
    )
    assert contract.value("start_date") == dt.date(2025, 12, 1)


def test_a_number_follows_the_name_s_later_mention() -> None:
    """A letterhead names the party bare; its number follows its mention in the text."""
    contract = only(
        [
            "Gemeente Kortenberg",
            "OVEREENKOMST ENCLAVEWERK",
            "Gemeente Kortenberg, Kerkstraat 99 - 3070 Kortenberg, BTW-nr. 0249.568.825,",
            "hierna “de gemeente”, en",
            "Het Weefsel vzw, Bosstraat 115 te 3200 Aarschot, BTW BE 0567.801.178,",
            "hierna genoemd “het maatwerkbedrijf”,",
            "Het maatwerkbedrijf voert met vijf arbeiders het demonteren van toestellen uit.",
        ]
    )
    assert contract.value("counterpart_enterprise_number") == "0249.568.825"


def test_comm_v_is_a_legal_form() -> None:
    """ "comm.v." ends an organisation's name like "NV" does."""
    assert [o.name for o in find_orgs("en Keukens Verbruggen comm.v., met zetel")] == [
        "Keukens Verbruggen comm.v"
    ]


def test_a_party_is_never_the_nature_of_work() -> None:
    """A question "Welk maatwerkbedrijf voert de opdracht uit?" answered with a party gives no work."""
    doc = lines_document(
        [
            [
                "1. Welk maatwerkbedrijf voert de opdracht uit?",
                "De Kering vzw – KBO-nummer 0585 352 042",
                "2. Wie is de opdrachtgever?",
                "Fietsen Stevens BV, Molenstraat 11 – 9050 Gentbrugge",
                "3. Welke werkzaamheden worden uitgevoerd?",
                "Assemblage van elektrische componenten",
                "4. Hoeveel doelgroepwerknemers?",
                "4",
            ]
        ]
    )
    (contract,) = extract_contracts(doc)
    assert contract.value("nature_of_work") == "Assemblage van elektrische componenten"


def test_one_dateline_dates_the_signing() -> None:
    """A letter's one dateline ("Gent, 15 februari 2024") is its signing date, fairly sure."""
    contract = only([*PARTIES, "Gent, 15 februari 2024", "De ploeg telt vier werknemers."])
    assert contract.value("signed_date") == dt.date(2024, 2, 15)
    assert contract.fields["signed_date"].confidence >= 0.8


def test_two_datelines_leave_the_signing_date_a_guess() -> None:
    """Two datelines that disagree: the first is taken, as a guess."""
    contract = only(
        [
            *PARTIES,
            "Gent, 15 februari 2024",
            "Brugge, 1 maart 2024",
            "De ploeg telt vier werknemers.",
        ]
    )
    assert contract.fields["signed_date"].confidence < 0.8


def test_an_activity_cut_before_the_client_s_premises_is_sure() -> None:
    """ "... in de lokalen van de klant" only says where: the activity before it is sure."""
    found = find_activities(
        "De partner voert het snijden van groenten in de lokalen van de klant uit."
    )
    assert [(a.text, a.sure) for a in found] == [("snijden van groenten", True)]


def test_a_team_put_together_for_an_activity() -> None:
    """ "stelt een enclave ... samen voor het onderhoud van ..." names the work."""
    found = find_activities(
        "De B.W. stelt een enclave van drie (3) werknemers samen voor het onderhoud van "
        "groenzones en wandelpaden in de onderneming."
    )
    assert [(a.text, a.sure) for a in found] == [("onderhoud van groenzones en wandelpaden", True)]


def test_the_work_after_de_volgende_werkzaamheden_and_a_colon() -> None:
    """ "de volgende werkzaamheden uit te voeren in de lokalen van de klant: X" gives X."""
    contract = only(
        [
            *PARTIES,
            "De werkplaats verbindt zich ertoe met vijf (5) arbeiders de volgende werkzaamheden",
            "uit te voeren in de lokalen van de klant: ontbramen en schuren van metalen onderdelen.",
        ]
    )
    assert contract.value("nature_of_work") == "ontbramen en schuren van metalen onderdelen"


def test_filled_and_empty_squares_are_ticked_and_unticked_boxes() -> None:
    """ "Duur: ■ bepaalde duur, tot 03.06.2012 □ onbepaalde duur" is a fixed term."""
    doc = lines_document(
        [
            [
                "Omschrijving van de werkzaamheden: orderpicken",
                "Aantal werknemers in de enclave: 2",
                "Begindatum: 04.06.2011",
                "Duur: ■ bepaalde duur, tot 03.06.2012 □ onbepaalde duur",
            ]
        ]
    )
    (contract,) = extract_contracts(doc)
    assert contract.value("end_date") == dt.date(2012, 6, 3)
    assert contract.value("indefinite_duration") is False
