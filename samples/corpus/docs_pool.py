"""Pools of realistic Flemish names, addresses and kinds of work the corpus draws from.

Organisation numbers are derived from the organisation's name, so the same workplace or company
keeps its enterprise number across contracts, as in the real registry.
"""

from __future__ import annotations

import hashlib
import random
import unicodedata

from mailbox_ingest.domain.enums import OrganisationKind
from samples.corpus.truth import make_number

WORKPLACE_CORES = (
    "De Ploeg",
    "Kempen",
    "'t Atelier",
    "De Brug",
    "Het Veer",
    "De Wissel",
    "Waasland",
    "Meetjesland",
    "De Schakel",
    "Westhoek",
    "De Kiem",
    "Pajottenland",
    "Ter Beke",
    "De Vlasbloem",
    "Hageland",
    "Den Achtkant",
    "Maasland",
    "Het Spoor",
    "Scheldeland",
    "De Bolster",
    "Leieland",
    "Dijleland",
    "Den Olm",
    "'t Laar",
    "De Zandloper",
    "Netevallei",
)
SURNAMES = (
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Vermeulen",
    "Van den Bossche",
    "Hermans",
    "Aerts",
    "Verhaegen",
    "Van Damme",
    "De Vos",
    "Pauwels",
    "Lambrechts",
    "Stevens",
    "Coppens",
    "Vandenberghe",
    "Van de Velde",
    "Martens",
    "Segers",
    "Wuyts",
    "Michiels",
    "Claeys",
    "Verstraete",
    "De Clercq",
    "Van Hool",
    "Vercauteren",
    "Bogaert",
    "D'Hondt",
    "Van Acker",
    "Cools",
)
FIRST_NAMES = (
    "Jan",
    "Marc",
    "Els",
    "An",
    "Luc",
    "Katrien",
    "Bart",
    "Sofie",
    "Geert",
    "Inge",
    "Tom",
    "Veerle",
    "Koen",
    "Hilde",
    "Pieter",
    "Ann",
    "Dirk",
    "Lieve",
    "Wim",
    "Nathalie",
)
TRADES = (
    "Bakkerij",
    "Drukkerij",
    "Schrijnwerkerij",
    "Tuinaanleg",
    "Garage",
    "Brouwerij",
    "Transport",
    "Slagerij",
    "Houthandel",
    "Kwekerij",
    "Meubelfabriek",
    "Wasserij",
)
SECTORS = (
    "Logistics",
    "Metaal",
    "Plastics",
    "Verpakking",
    "Food",
    "Textiel",
    "Recycling",
    "Elektro",
    "Bouw",
    "Group",
    "Industries",
    "Coatings",
)
FLEMISH_GOVERNMENT = (
    ("Agentschap Wegen en Verkeer", "wegenenverkeer.be"),
    ("Agentschap Natuur en Bos", "natuurenbos.be"),
    ("Vlaamse Milieumaatschappij", "vmm.be"),
    ("De Vlaamse Waterweg nv", "vlaamsewaterweg.be"),
    ("Agentschap Facilitair Bedrijf", "vlaanderen.be"),
    ("Departement Omgeving", "omgevingvlaanderen.be"),
    ("Agentschap Onroerend Erfgoed", "onroerenderfgoed.be"),
    ("Vlaamse Landmaatschappij", "vlm.be"),
)
SAINTS = ("Sint-Jozef", "Sint-Vincentius", "Heilig Hart", "Sint-Elisabeth", "Onze-Lieve-Vrouw")
CITIES = (
    ("9000", "Gent"),
    ("2000", "Antwerpen"),
    ("3500", "Hasselt"),
    ("8500", "Kortrijk"),
    ("3000", "Leuven"),
    ("8000", "Brugge"),
    ("2800", "Mechelen"),
    ("9300", "Aalst"),
    ("2300", "Turnhout"),
    ("3920", "Lommel"),
    ("8800", "Roeselare"),
    ("9100", "Sint-Niklaas"),
    ("2440", "Geel"),
    ("3600", "Genk"),
    ("8400", "Oostende"),
    ("9200", "Dendermonde"),
    ("1800", "Vilvoorde"),
    ("2500", "Lier"),
    ("3290", "Diest"),
    ("9700", "Oudenaarde"),
    ("2260", "Westerlo"),
    ("8900", "Ieper"),
    ("9900", "Eeklo"),
    ("3300", "Tienen"),
    ("2400", "Mol"),
    ("8790", "Waregem"),
    ("9160", "Lokeren"),
    ("1500", "Halle"),
)
STREETS = (
    "Industrieweg",
    "Kerkstraat",
    "Stationsstraat",
    "Nijverheidslaan",
    "Ambachtenlaan",
    "Hoogstraat",
    "Molenstraat",
    "Brusselsesteenweg",
    "Kortrijksesteenweg",
    "Antwerpsesteenweg",
    "Zandvoordestraat",
    "Europalaan",
    "Kapelstraat",
    "Dorpsstraat",
    "Schoolstraat",
    "Zavelstraat",
    "Bedrijvenlaan",
    "Rijksweg",
    "Kanaaldijk",
    "Sint-Annastraat",
    "Noorderlaan",
    "Ringlaan",
    "Vaartstraat",
    "Lindenlaan",
    "Heirweg",
    "Grote Markt",
)
NATURES_OF_WORK = (
    "verpakken en etiketteren van voedingsproducten",
    "groenonderhoud",
    "schoonmaak van kantoren",
    "onderhoud van groenzones en bermen",
    "assemblage van elektrische componenten",
    "sorteren en herverpakken van retourgoederen",
    "orderpicking en magazijnwerk",
    "montage van fietsonderdelen",
    "inpakken van drukwerk en mailings",
    "afwassen en keukenhulp in het personeelsrestaurant",
    "strijken en vouwen van linnen",
    "demontage en recyclage van elektrische toestellen",
    "kwaliteitscontrole en nabewerking van kunststof onderdelen",
    "onderhoud van wandel- en fietspaden",
    "zwerfvuil ruimen langs gewestwegen",
    "schoonmaak van sanitair en gemeenschappelijke ruimten",
    "productie van houten paletten",
    "poetsen en klaarzetten van voertuigen",
    "digitaliseren en archiveren van dossiers",
    "klein onderhoud en herstellingen aan gebouwen",
    "bloemschikken en potten van planten",
    "inpakken van geschenkmanden",
)


def stable_int(text: str) -> int:
    """A number derived from a text, the same on every run."""
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


def org_number(name: str) -> str:
    """The (valid) enterprise number of a named organisation."""
    h = stable_int(name)
    first8 = 10_000_000 + h % 1_000_000 if h % 11 == 0 else 2_000_000 + h % 8_000_000
    return make_number(first8)


def slug(text: str) -> str:
    """Lower-case ASCII letters and digits only (for mail domains)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.lower() if c.isalnum())


def workplace_name(core: str, kind: OrganisationKind, year: int) -> str:
    """The name a sheltered/social workplace or maatwerkbedrijf signs with."""
    h = stable_int(core)
    if kind is OrganisationKind.BESCHUTTE_WERKPLAATS:
        return f"Beschutte Werkplaats {core}" + (" vzw" if h % 2 else "")
    if kind is OrganisationKind.SOCIALE_WERKPLAATS:
        return f"Sociale Werkplaats {core}" + (" vzw" if h % 3 else " cvba-so")
    return f"Maatwerkbedrijf {core} " + ("CV" if h % 4 == 0 and year >= 2019 else "vzw")


def company_name(rng: random.Random, year: int) -> str:
    """A private company as found in the crossroads bank (NV, BV, BVBA...)."""
    forms = ["NV", "BV", "BV", "CV"] if year >= 2020 else ["NV", "BVBA", "BVBA", "CVBA"]
    surname = rng.choice(SURNAMES)
    pattern = rng.randrange(5)
    if pattern == 0:
        return f"{rng.choice(TRADES)} {surname} {rng.choice(forms)}"
    if pattern == 1:
        return f"{surname} {rng.choice(SECTORS)} {rng.choice(forms)}"
    if pattern == 2:
        return f"{surname} & Zonen {rng.choice(forms)}"
    if pattern == 3:
        return f"Groep {surname} {rng.choice(forms)}"
    return f"{surname} {rng.choice(forms)}"


def public_name(rng: random.Random) -> str:
    """A local public body (OCMW, city, province)."""
    city = rng.choice(CITIES)[1]
    return rng.choice(
        [
            f"OCMW {city}",
            f"Stad {city}",
            f"Gemeente {city}",
            f"Politiezone {city}",
            rng.choice(["Provincie Limburg", "Provincie Antwerpen", "Provincie West-Vlaanderen"]),
        ]
    )


def nonprofit_name(rng: random.Random) -> str:
    """A non-profit (care home, school, recycling shop)."""
    city = rng.choice(CITIES)[1]
    return rng.choice(
        [
            f"Woonzorgcentrum {rng.choice(SAINTS)} vzw",
            f"Kringwinkel {city} vzw",
            f"{rng.choice(SAINTS)}scholen {city} vzw",
            f"Vzw Jeugdwerk {city}",
        ]
    )


def city_in(name: str) -> str | None:
    """The city an organisation's name mentions ("OCMW Gent" -> "Gent"), if any."""
    return next((city for _, city in CITIES if name.endswith(city) or f" {city} " in name), None)


def address(rng: random.Random, city: str | None = None) -> str:
    """A street address in Flanders (`Industrieweg 12, 9000 Gent`), in `city` when given."""
    postcode, city = next(((p, c) for p, c in CITIES if c == city), None) or rng.choice(CITIES)
    number = str(rng.randint(1, 180))
    if rng.random() < 0.12:
        number += rng.choice([" bus 2", " bus 101", "A", "B"])
    return f"{rng.choice(STREETS)} {number}, {postcode} {city}"


def person(rng: random.Random) -> str:
    """A person's name."""
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"


def domains_for(name: str, kind: OrganisationKind) -> list[str]:
    """The mail domains an organisation writes from."""
    for gov_name, domain in FLEMISH_GOVERNMENT:
        if gov_name == name:
            return [domain, "vlaanderen.be"] if domain != "vlaanderen.be" else [domain]
    words = name.split()
    if kind in (
        OrganisationKind.MAATWERKBEDRIJF,
        OrganisationKind.BESCHUTTE_WERKPLAATS,
        OrganisationKind.SOCIALE_WERKPLAATS,
    ):
        core = " ".join(w for w in words[1:] if w not in ("Werkplaats", "vzw", "CV", "cvba-so"))
        base = slug(core)
        if len(base) < 8:
            prefix = {"maatwerkbedrijf": "mw", "beschutte_werkplaats": "bw"}.get(kind.value, "sw")
            base = prefix + base
        extra = [f"{base}.org"] if stable_int(name) % 3 == 0 else []
        return [f"{base}.be", *extra]
    legal = {"NV", "BV", "BVBA", "CV", "CVBA", "vzw", "nv"}
    kept = [w for w in words if w not in legal and w != "&"]
    if len(kept) < 2:
        kept = [w for w in words if w != "&"]
    return [f"{slug(' '.join(kept))}.be"]
