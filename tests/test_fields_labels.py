"""The label vocabulary: many wordings, OCR slips, sections and titles."""

from __future__ import annotations

import pytest

from parsers.fields.labels import LabelKey, Party, is_title, match_label, match_section

K, P = LabelKey, Party


@pytest.mark.parametrize(
    ("text", "key", "party"),
    [
        ("Naam werkplaats", K.NAME, P.WORKPLACE),
        ("Naam van de werkplaats", K.NAME, P.WORKPLACE),
        ("Werkplaats", K.NAME, P.WORKPLACE),
        ("Maatwerkbedrijf", K.NAME, P.WORKPLACE),
        ("Naam maatwerkbedrijf", K.NAME, P.WORKPLACE),
        ("Beschutte werkplaats", K.NAME, P.WORKPLACE),
        ("Naam opdrachtgever", K.NAME, P.COUNTERPART),
        ("Onderneming", K.NAME, P.COUNTERPART),
        ("Naam onderneming", K.NAME, P.COUNTERPART),
        ("Klant", K.NAME, P.COUNTERPART),
        ("Opdrachtgever", K.NAME, P.COUNTERPART),
        ("Ontvangende organisatie", K.NAME, P.COUNTERPART),
        ("Naam onderneming/organisatie", K.NAME, P.COUNTERPART),
        ("Naam", K.NAME, None),
        ("Ondernemingsnummer", K.ENTERPRISE_NUMBER, None),
        ("KBO-nummer", K.ENTERPRISE_NUMBER, None),
        ("Ond.nr.", K.ENTERPRISE_NUMBER, None),
        ("BTW-nummer", K.ENTERPRISE_NUMBER, None),
        ("BTW nr", K.ENTERPRISE_NUMBER, None),
        ("Ondernemingsnummer opdrachtgever", K.ENTERPRISE_NUMBER, P.COUNTERPART),
        ("KBO-nummer van de werkplaats", K.ENTERPRISE_NUMBER, P.WORKPLACE),
        ("Adres van de tewerkstelling", K.WORK_LOCATION, None),
        ("Plaats van tewerkstelling", K.WORK_LOCATION, None),
        ("Adres tewerkstelling", K.WORK_LOCATION, None),
        ("Werkadres", K.WORK_LOCATION, None),
        ("Locatie", K.WORK_LOCATION, None),
        ("Aard van de werkzaamheden", K.NATURE_OF_WORK, None),
        ("Aard van de opdracht", K.NATURE_OF_WORK, None),
        ("Omschrijving van de werkzaamheden", K.NATURE_OF_WORK, None),
        ("Taken", K.NATURE_OF_WORK, None),
        ("Aantal doelgroepwerknemers", K.WORKERS, None),
        ("Aantal werknemers", K.WORKERS, None),
        ("Aantal werknemers in de enclave", K.WORKERS, None),
        ("Begindatum", K.START_DATE, None),
        ("Startdatum", K.START_DATE, None),
        ("Ingangsdatum", K.START_DATE, None),
        ("Aanvangsdatum", K.START_DATE, None),
        ("Datum van ingang", K.START_DATE, None),
        ("Einddatum", K.END_DATE, None),
        ("Datum einde", K.END_DATE, None),
        ("Duur", K.DURATION, None),
        ("Looptijd", K.DURATION, None),
        ("Datum ondertekening", K.SIGNED_DATE, None),
        ("Datum van ondertekening", K.SIGNED_DATE, None),
        ("Adres", K.ADDRESS, None),
        ("Telefoon", K.OTHER, None),
        ("Aantal begeleiders", K.OTHER, None),
        ("AARD VAN DE WERKZAAMHEDEN", K.NATURE_OF_WORK, None),
    ],
)
def test_label_wordings(text: str, key: LabelKey, party: Party | None) -> None:
    """Each wording maps to its field and party, exactly."""
    found = match_label(text)
    assert found is not None
    assert (found.key, found.party, found.score) == (key, party, 100.0)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Naarn werkplaats", K.NAME),
        ("Aard van de werkzaarnheden", K.NATURE_OF_WORK),
        ("0ndernemingsnummer", K.ENTERPRISE_NUMBER),
        ("Aantal doelgroepwerkncmers", K.WORKERS),
        ("Begindaturn", K.START_DATE),
    ],
)
def test_fuzzy_labels(text: str, key: LabelKey) -> None:
    """OCR slips in a long label still match it, with a score below 100."""
    found = match_label(text)
    assert found is not None
    assert found.key is key
    assert 88 <= found.score < 100


@pytest.mark.parametrize(
    "text", ["Bakkerij Peeters NV", "De werkplaats verbindt zich", "Duuur", "Klnt", ""]
)
def test_not_labels(text: str) -> None:
    """Names, sentences and slips in short labels are no labels."""
    assert match_label(text) is None


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("Gegevens van de werkplaats", P.WORKPLACE),
        ("Gegevens van de onderneming/opdrachtgever", P.COUNTERPART),
        ("1. De werkplaats", P.WORKPLACE),
        ("DE OPDRACHTGEVER", P.COUNTERPART),
        ("De onderneming (opdrachtgever)", P.COUNTERPART),
        ("Gegevens van het maatwerkbedrijf", P.WORKPLACE),
        ("Gegevens van de klant", P.COUNTERPART),
        ("Artikel 1", None),
        ("Gegevens van de enclave", None),
        ("gebruiker.", None),
    ],
)
def test_sections(text: str, party: Party | None) -> None:
    """Section headings name the party whose data follow."""
    assert match_section(text) is party


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("ONDERNEMINGSCONTRACT", True),
        ("Enclaveovereenkomst", True),
        ("Overeenkomst voor enclavewerking", True),
        ("Melding van een enclave", True),
        ("SAMENWERKINGSOVEREENKOMST - ENCLAVE", True),
        ("Artikel 2 - Duur van de overeenkomst", False),
        ("Deze overeenkomst regelt de enclavewerking waarbij de", False),
        ("enclaves@bakkerij.be", False),
        ("Ondernemingscontract enclave Pagina 1", False),
    ],
)
def test_titles(text: str, title: bool) -> None:
    """Contract titles are told from sentences, headings and footers."""
    assert is_title(text) is title


def test_a_remark_in_brackets_is_no_part_of_the_label() -> None:
    """ "Adres van tewerkstelling (indien verschillend van de zetel)" is the place of work."""
    found = match_label("Adres van tewerkstelling (indien verschillend van de zetel)")
    assert found is not None
    assert found.key is LabelKey.WORK_LOCATION
