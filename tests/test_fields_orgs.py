"""Parties from organisation names and role words, as guesses a reviewer confirms."""

from __future__ import annotations

from parsers.fields import extract_contracts
from parsers.fields.labels import Party
from parsers.fields.orgs import GUESS, find_orgs
from parsers.fields.testing import lines_document
from parsers.types import TextSource


def test_names_are_found_by_their_legal_form_or_public_body() -> None:
    """Legal forms end a name; public bodies start one; role words give the party."""
    text = (
        "De opdrachtgever, Bakkerij Peeters NV (KBO 0123.456.749), en De Ploeg vzw, "
        "maatwerkbedrijf, komen overeen. Het Agentschap Wegen en Verkeer, intern "
        "verzelfstandigd agentschap, is geen partij."
    )
    found = [(o.name, o.role) for o in find_orgs(text)]
    assert found == [
        ("Bakkerij Peeters NV", Party.COUNTERPART),
        ("De Ploeg vzw", Party.WORKPLACE),
        ("Agentschap Wegen en Verkeer", Party.COUNTERPART),
    ]


def test_a_letter_names_the_parties_as_guesses() -> None:
    """A confirmation letter: the letterhead is the workplace, the client the counterpart."""
    doc = lines_document(
        [
            [
                "De Ploeg vzw",
                "Kerkstraat 4, 9000 Gent",
                "",
                "Garage Vermeulen BV",
                "t.a.v. de zaakvoerder",
                "Gent, 15 februari 2024",
                "Betreft: bevestiging van de enclave",
                "Hierbij bevestigen wij dat vanaf 1 maart 2024 vier (4) doelgroepwerknemers ter",
                "beschikking worden gesteld voor het poetsen van wagens, uit te voeren op de site",
                "Industrieweg 7, 8500 Kortrijk, voor onbepaalde duur.",
            ]
        ],
        TextSource.DOCX,
        boxes=False,
    )
    (contract,) = extract_contracts(doc)
    assert contract.value("workplace_name") == "De Ploeg vzw"
    assert contract.value("counterpart_name") == "Garage Vermeulen BV"
    assert contract.fields["workplace_name"].confidence <= GUESS
    assert contract.fields["counterpart_name"].confidence < 0.8
    assert contract.value("workers") == 4


def test_numbers_follow_their_name() -> None:
    """An enterprise number written right after a known name is that party's."""
    doc = lines_document(
        [
            [
                "Tussen enerzijds De Ploeg vzw 0456.789.034, hierna 'de werkplaats', en anderzijds",
                "Bakkerij Peeters NV 0123.456.749, hierna 'de onderneming', is overeengekomen dat",
                "zes (6) doelgroepwerknemers vanaf 1 maart 2024 groenonderhoud uitvoeren.",
            ]
        ],
        TextSource.DOCX,
        boxes=False,
    )
    (contract,) = extract_contracts(doc)
    assert contract.value("workplace_enterprise_number") == "0456.789.034"
    assert contract.value("counterpart_enterprise_number") == "0123.456.749"


def test_a_role_word_inside_another_name_gives_no_role() -> None:
    """ "Werkplaats" in the other party's name does not make this one the workplace."""
    text = (
        "Tussen Beschutte Werkplaats De Brugge Werkt VZW, met ondernemingsnummer BE0476189529, "
        "en Agro Vlaeminck nv, met ondernemingsnummer 0496.252.493, partijen bij de "
        "raamovereenkomst enclavewerk."
    )
    roles = {o.name: o.role for o in find_orgs(text)}
    assert roles["Beschutte Werkplaats De Brugge Werkt VZW"] is Party.WORKPLACE
    assert roles["Agro Vlaeminck nv"] is None
