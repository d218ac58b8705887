"""Terminations announced in mail bodies."""

from __future__ import annotations

import datetime as dt

import pytest

from parsers.fields import find_terminations


@pytest.mark.parametrize(
    ("body", "name", "number", "date"),
    [
        (
            "Geachte,\n\nGraag melden wij de stopzetting van de enclave bij Bakkerij Peeters NV "
            "met ingang van 1 maart 2018.\n\nMet vriendelijke groeten",
            "Bakkerij Peeters NV",
            None,
            dt.date(2018, 3, 1),
        ),
        (
            "Hierbij melden wij de beëindiging van het ondernemingscontract met Schoonmaak "
            "Janssens BV (0123.456.749) vanaf 01/03/2018.",
            "Schoonmaak Janssens BV",
            "0123.456.749",
            dt.date(2018, 3, 1),
        ),
        (
            "Het contract met Garage Vermeulen wordt stopgezet op 15/06/2019. Dank u.",
            "Garage Vermeulen",
            None,
            dt.date(2019, 6, 15),
        ),
        (
            "Betreft: einde enclave Drukkerij Claes per 1/3/2018",
            "Drukkerij Claes",
            None,
            dt.date(2018, 3, 1),
        ),
        (
            "De enclave bij Van Hool NV wordt beëindigd op 1 april 2019.",
            "Van Hool NV",
            None,
            dt.date(2019, 4, 1),
        ),
    ],
)
def test_termination_wordings(body: str, name: str, number: str | None, date: dt.date) -> None:
    """Each wording gives the counterpart, its number and the termination date."""
    (notice,) = find_terminations(body)
    assert notice.counterpart_name == name
    assert notice.counterpart_enterprise_number == number
    assert notice.terminated_on == date
    assert notice.evidence.text in " ".join(body.split())
    assert 0.8 <= notice.confidence <= 1.0


def test_no_termination_in_an_ordinary_mail() -> None:
    """Notice periods and questions are no termination."""
    body = (
        "Beste,\n\nDe opzegtermijn bedraagt 3 maanden. Kunnen jullie het contract van "
        "1 maart 2018 bevestigen?\n\nGroeten"
    )
    assert find_terminations(body) == []


def test_two_terminations_in_one_mail() -> None:
    """Every announced termination is found."""
    body = (
        "Wij melden de stopzetting van de enclave bij Stad Gent met ingang van 1/1/2019.\n"
        "Ook de enclave bij Garage Peeters BV wordt stopgezet per 1 februari 2019."
    )
    notices = find_terminations(body)
    assert [(n.counterpart_name, n.terminated_on) for n in notices] == [
        ("Stad Gent", dt.date(2019, 1, 1)),
        ("Garage Peeters BV", dt.date(2019, 2, 1)),
    ]


def test_a_date_without_its_phrase_is_less_sure() -> None:
    """A date not introduced by "met ingang van" or the like lowers the confidence."""
    (sure,) = find_terminations("Stopzetting enclave bij Stad Gent met ingang van 1/1/2019.")
    (unsure,) = find_terminations("Stopzetting enclave bij Stad Gent, brief van 1/1/2019.")
    assert unsure.confidence < sure.confidence


@pytest.mark.parametrize("wording", range(5))
def test_corpus_termination_mails(wording: int) -> None:
    """Every termination wording of the mail corpus gives the company and the date."""
    from samples.corpus.mails import TERMINATION_WORDINGS, dutch_date

    end = dt.date(2019, 7, 1)
    body = TERMINATION_WORDINGS[wording].format(
        company="Van Hool & Zonen BV",
        number="0123.456.749",
        long=dutch_date(end),
        slash="01/07/2019",
        dash="1-7-2019",
        dot="01.07.2019",
    )
    (notice,) = find_terminations(body)
    assert (notice.counterpart_name, notice.terminated_on) == ("Van Hool & Zonen BV", end)
    if "{number}" in TERMINATION_WORDINGS[wording]:
        assert notice.counterpart_enterprise_number == "0123.456.749"


def test_an_extension_is_no_termination() -> None:
    """ "... eindigt op 1 maart 2013 en komen overeen ze te verlengen" announces no end."""
    body = (
        "Partijen bij de enclaveovereenkomst met Meubelfabriek Schepens NV stellen vast dat die "
        "overeenkomst eindigt op 1 maart 2013 en komen overeen ze te verlengen als volgt."
    )
    assert find_terminations(body) == []
