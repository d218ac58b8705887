"""The Belgian address finder: every written form to one canonical form, and what is no address."""

from __future__ import annotations

import pytest

from parsers.fields.address import canonical_address, find_addresses, snap_town, towns_of

# (street, number, bus, postcode, town): real-looking Flemish and Brussels addresses.
PARTS = [
    ("Brugsesteenweg", "385", None, "8800", "Roeselare"),
    ("Kortrijksesteenweg", "12", "2", "8500", "Kortrijk"),
    ("Industrieweg", "7", None, "9000", "Gent"),
    ("Grote Markt", "1", None, "2000", "Antwerpen"),
    ("Nijverheidslaan", "3A", None, "3600", "Genk"),
    ("Sint-Pietersnieuwstraat", "33", "101", "9000", "Gent"),
    ("Ambachtenlaan", "14", None, "3001", "Leuven"),
    ("Europalaan", "120", "5", "3600", "Genk"),
    ("Kanaaldijk", "2", None, "2260", "Westerlo"),
    ("Vaartstraat", "58", None, "2300", "Turnhout"),
    ("Ringlaan", "9", "B", "8790", "Waregem"),
    ("Heirweg", "44", None, "8400", "Oostende"),
    ("Kleine Kerkstraat", "6", None, "8000", "Brugge"),
    ("Oude Vest", "17", None, "9200", "Dendermonde"),
    ("Kouter", "29", None, "9800", "Deinze"),
    ("Frankrijklei", "115", "3", "2000", "Antwerpen"),
    ("Rue de la Loi", "16", None, "1000", "Brussel"),
    ("Koningin Astridplein", "27", None, "2018", "Antwerpen"),
    ("Zandvoordestraat", "392", None, "8400", "Oostende"),
    ("Lindendreef", "1", None, "3290", "Diest"),
    ("Veldstraat", "81", None, "9100", "Sint-Niklaas"),
    ("Stationsplein", "4", None, "9900", "Eeklo"),
    ("Havenlaan", "86", "C", "1000", "Brussel"),
    ("Schoolstraat", "5", None, "2440", "Geel"),
    ("Molenstraat", "210", None, "9160", "Lokeren"),
    ("Hoogstraat", "12", "4", "1500", "Halle"),
    ("Dorpsstraat", "3", None, "9700", "Oudenaarde"),
    ("Nieuwe Steenweg", "75", None, "9140", "Temse"),
    ("Kapelstraat", "8", None, "2800", "Mechelen"),
    ("Sint-Annastraat", "19", None, "3300", "Tienen"),
]


def canonical(
    street: str, number: str, bus: str | None, postcode: str | None, town: str | None
) -> str:
    """The expected canonical form, built from the parts."""
    head = f"{street} {number}" + (f" bus {bus}" if bus else "")
    place = " ".join(p for p in (postcode, town) if p)
    return f"{head}, {place}" if place else head


def written(form: str, street: str, number: str, bus: str | None, postcode: str, town: str) -> str:
    """One address written in one of the forms seen in contracts, inside a sentence."""
    head = f"{street} {number}" + (f" bus {bus}" if bus else "")
    return {
        "comma": f"De enclave werkt op het adres {head}, {postcode} {town} vanaf maart.",
        "no_comma": f"uitgevoerd in {head} {postcode} {town}.",
        "postcode_first": f"Locatie: {postcode} {town}, {head}",
        "te_postcode_first": f"op de site te {postcode} {town}, {head} (magazijn)",
        "te_postcode": f"gaan door in de {head} te {postcode} {town}, dit vanaf 1 mei.",
        "line_break": f"Adres van de tewerkstelling:\n{head}\n{postcode} {town}\n",
    }[form]


FORMS = ["comma", "no_comma", "postcode_first", "te_postcode_first", "te_postcode", "line_break"]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("parts", PARTS, ids=lambda p: f"{p[0]} {p[1]}")
def test_every_form_gives_the_canonical_address(form: str, parts: tuple) -> None:
    """An address in any order, with bus and line breaks, reads as "Street 12 bus 3, 9000 Town"."""
    text = written(form, *parts)
    assert canonical_address(text) == canonical(*parts)


@pytest.mark.parametrize("parts", PARTS[:20], ids=lambda p: f"{p[0]} {p[1]}")
def test_postcode_less_addresses(parts: tuple) -> None:
    """Without a postcode the town after a comma or "te" is kept when it is a municipality."""
    street, number, bus, _, town = parts
    head = f"{street} {number}" + (f" bus {bus}" if bus else "")
    assert canonical_address(f"gelegen {head} te {town}.") == canonical(
        street, number, bus, None, town
    )
    assert canonical_address(f"{head}, {town}") == canonical(street, number, bus, None, town)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Brugsesteenweg 385 b. 2, 8800 Roeselare", "Brugsesteenweg 385 bus 2, 8800 Roeselare"),
        ("Brugsesteenweg 385 box 2, 8800 Roeselare", "Brugsesteenweg 385 bus 2, 8800 Roeselare"),
        ("Brugsesteenweg 385, bus 2, 8800 Roeselare", "Brugsesteenweg 385 bus 2, 8800 Roeselare"),
        ("Industrieweg nr. 12, 9000 Gent", "Industrieweg 12, 9000 Gent"),
        ("Brugsesteenweg 385/2, 8800 Roeselare", "Brugsesteenweg 385 bus 2, 8800 Roeselare"),
        ("Brugsesteenweg 385 / 2, B-8800 Roeselare", "Brugsesteenweg 385 bus 2, 8800 Roeselare"),
        ("Kerkstraat 4 te Mariakerke", "Kerkstraat 4, Mariakerke"),
        ("Industrieweg 12-14, 9000 Gent", "Industrieweg 12-14, 9000 Gent"),
        ("Industrieweg 12, 90 00 Gent", "Industrieweg 12, 9000 Gent"),  # OCR split the postcode
        ("Industrieweg 12, 9000 GENT", "Industrieweg 12, 9000 Gent"),
        ("Stationsstraat 4, 8800 Roeselaere", "Stationsstraat 4, 8800 Roeselare"),  # OCR slip
        (
            "Nijverheidslaan 3, 9030 Mariakerke",
            "Nijverheidslaan 3, 9030 Mariakerke",
        ),  # deelgemeente
        ("Kerkstraat 4, 8501 Heule", "Kerkstraat 4, 8501 Heule"),
        (
            "Sint-Pietersnieuwstraat 33, 9000 Gent Tel. 09 123 45 67",
            "Sint-Pietersnieuwstraat 33, 9000 Gent",
        ),
        ("Kerkstraat 4, 9000 Gent en dit vanaf 1 maart", "Kerkstraat 4, 9000 Gent"),
        ("Zeedijk 5, De Panne", "Zeedijk 5, De Panne"),
        ("Industriepark Noord 12, 9100 Sint-Niklaas", "Industriepark Noord 12, 9100 Sint-Niklaas"),
        ("opdrachtgever, Grote\nMarkt 3 – 3920 Lommel.", "Grote Markt 3, 3920 Lommel"),
        ("aan de Oude\nVest 12 te 9200 Dendermonde", "Oude Vest 12, 9200 Dendermonde"),
        ("Bakkerij Peeters\nKerkstraat 12, 9000 Gent", "Kerkstraat 12, 9000 Gent"),
        (
            "te 2220 Heist-op-den-Berg, Nijverheidsstraat 10 b 168.",
            "Nijverheidsstraat 10 bus 168, 2220 Heist-op-den-Berg",
        ),
        (
            "Zoning Hoog Kortrijk 15, 2220 Heist-op-\nden-Berg",
            "Zoning Hoog Kortrijk 15, 2220 Heist-op-den-Berg",
        ),
    ],
)
def test_written_variants(text: str, expected: str) -> None:
    """Bus spellings, number words, OCR slips, sub-municipalities and trailing words."""
    assert canonical_address(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Artikel 12 van de overeenkomst",
        "zes (6) doelgroepwerknemers vanaf 1 maart 2024",
        "Kerkstraat zonder nummer",
        "conform artikel 3, 9000 euro per jaar",
        "",
    ],
)
def test_no_address(text: str) -> None:
    """Articles, sums and counts are no addresses."""
    assert find_addresses(text) == []


def test_a_town_that_is_no_municipality_is_left_out() -> None:
    """ "Kerkstraat 4, Afdeling" keeps the street and number only."""
    assert canonical_address("Kerkstraat 4, Afdeling logistiek") == "Kerkstraat 4"


def test_spans_point_at_the_address() -> None:
    """The span covers the address as written, not the words around it."""
    text = "De werken gaan door in de Brugsesteenweg 385 bus 2, 8800 Roeselare en omvatten"
    (found,) = find_addresses(text)
    assert text[found.start : found.end] == "Brugsesteenweg 385 bus 2, 8800 Roeselare"
    assert found.postcode_known


def test_unknown_postcode_is_flagged() -> None:
    """A postcode Statbel does not list is kept but marked unknown."""
    (found,) = find_addresses("Kerkstraat 4, 9999 Nergenshuizen")
    assert found.postcode == "9999"
    assert not found.postcode_known


def test_statbel_list_and_snapping() -> None:
    """Postcodes map to municipalities; a close misspelling snaps, a far one does not."""
    assert towns_of("8500") == ("Kortrijk",)
    assert towns_of("0000") == ()
    assert snap_town("Kortrik", "8500") == "Kortrijk"
    assert snap_town("Heule", "8501") == "Heule"
    assert snap_town("Gentbrugge") == "Gentbrugge"


def test_a_street_does_not_run_over_a_line_break() -> None:
    """A heading word above an address ("Plaats") is not part of its street."""
    found = find_addresses("2. Plaats\nKortrijksesteenweg 9 bus 246 te 2260 Westerlo")
    assert [a.canonical for a in found] == ["Kortrijksesteenweg 9 bus 246, 2260 Westerlo"]


def test_a_heading_and_a_clause_number_make_no_address() -> None:
    """ "Artikel 2 - Plaats" over "2.1 De werkzaamheden" is no address "Plaats 2"."""
    assert find_addresses("Artikel 2 – Plaats\n2.1 De werkzaamheden vinden plaats op:") == []


def test_slash_b_letter_is_a_bus() -> None:
    """ "32/bB te Mol" is bus B, and the town after "te" is kept."""
    found = find_addresses("Industriepark Zuid 32/bB te Mol")
    assert [a.canonical for a in found] == ["Industriepark Zuid 32 bus B, Mol"]
