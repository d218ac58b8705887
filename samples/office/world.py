"""The invented world the office corpus is written about: towns, streets, names, activities.

Municipalities are real Flemish ones with their correct postcodes; companies, workplaces,
agencies, people and street numbers are invented. Every choice goes through the caller's
seeded `random.Random`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

TOWNS: tuple[tuple[str, str], ...] = (
    ("2000", "Antwerpen"),
    ("2100", "Deurne"),
    ("2200", "Herentals"),
    ("2220", "Heist-op-den-Berg"),
    ("2260", "Westerlo"),
    ("2300", "Turnhout"),
    ("2340", "Beerse"),
    ("2400", "Mol"),
    ("2440", "Geel"),
    ("2500", "Lier"),
    ("2550", "Kontich"),
    ("2570", "Duffel"),
    ("2610", "Wilrijk"),
    ("2640", "Mortsel"),
    ("2800", "Mechelen"),
    ("2830", "Willebroek"),
    ("2850", "Boom"),
    ("2880", "Bornem"),
    ("2900", "Schoten"),
    ("2930", "Brasschaat"),
    ("2960", "Brecht"),
    ("3000", "Leuven"),
    ("3020", "Herent"),
    ("3070", "Kortenberg"),
    ("3200", "Aarschot"),
    ("3290", "Diest"),
    ("3300", "Tienen"),
    ("3500", "Hasselt"),
    ("3520", "Zonhoven"),
    ("3550", "Heusden-Zolder"),
    ("3580", "Beringen"),
    ("3590", "Diepenbeek"),
    ("3600", "Genk"),
    ("3620", "Lanaken"),
    ("3630", "Maasmechelen"),
    ("3680", "Maaseik"),
    ("3700", "Tongeren"),
    ("3800", "Sint-Truiden"),
    ("3920", "Lommel"),
    ("3960", "Bree"),
    ("1500", "Halle"),
    ("1700", "Dilbeek"),
    ("1730", "Asse"),
    ("1800", "Vilvoorde"),
    ("1840", "Londerzeel"),
    ("1850", "Grimbergen"),
    ("1930", "Zaventem"),
    ("8000", "Brugge"),
    ("8300", "Knokke-Heist"),
    ("8400", "Oostende"),
    ("8500", "Kortrijk"),
    ("8530", "Harelbeke"),
    ("8560", "Wevelgem"),
    ("8600", "Diksmuide"),
    ("8630", "Veurne"),
    ("8700", "Tielt"),
    ("8790", "Waregem"),
    ("8800", "Roeselare"),
    ("8820", "Torhout"),
    ("8870", "Izegem"),
    ("8900", "Ieper"),
    ("8930", "Menen"),
    ("8970", "Poperinge"),
    ("9000", "Gent"),
    ("9050", "Gentbrugge"),
    ("9060", "Zelzate"),
    ("9080", "Lochristi"),
    ("9100", "Sint-Niklaas"),
    ("9120", "Beveren"),
    ("9140", "Temse"),
    ("9160", "Lokeren"),
    ("9200", "Dendermonde"),
    ("9220", "Hamme"),
    ("9230", "Wetteren"),
    ("9240", "Zele"),
    ("9300", "Aalst"),
    ("9400", "Ninove"),
    ("9500", "Geraardsbergen"),
    ("9600", "Ronse"),
    ("9620", "Zottegem"),
    ("9700", "Oudenaarde"),
    ("9800", "Deinze"),
    ("9820", "Merelbeke"),
    ("9880", "Aalter"),
    ("9900", "Eeklo"),
    ("9940", "Evergem"),
    ("9990", "Maldegem"),
)

STREETS: tuple[str, ...] = (
    "Brugsesteenweg",
    "Gentsesteenweg",
    "Kortrijksesteenweg",
    "Antwerpsesteenweg",
    "Mechelsesteenweg",
    "Tiensesteenweg",
    "Doorniksesteenweg",
    "Oudenaardsesteenweg",
    "Industrielaan",
    "Nijverheidsstraat",
    "Ambachtsweg",
    "Kerkstraat",
    "Molenstraat",
    "Stationsstraat",
    "Stationsplein",
    "Kouter",
    "Grote Markt",
    "Vrijdagmarkt",
    "Beukenlaan",
    "Eikendreef",
    "Lindendreef",
    "Kastanjelaan",
    "Koning Albertlaan",
    "Leopoldlei",
    "Frankrijklei",
    "Handelskaai",
    "Houtkaai",
    "Scheldekaai",
    "Leieweg",
    "Kanaalweg",
    "Europalaan",
    "Ringlaan",
    "Zuidring",
    "Expressweg",
    "Hoogweg",
    "Heirbaan",
    "Liersebaan",
    "Zandvoordeweg",
    "Veldstraat",
    "Heidestraat",
    "Dorpsplein",
    "Kapelstraat",
    "Zuidervest",
    "Noordervest",
    "Bisschopsvest",
    "Meersstraat",
    "Nieuwstraat",
    "Oude Vest",
    "Ter Heidelaan",
    "Hulstdreef",
    "Wijngaardstraat",
    "Bosstraat",
    "Pathoekeweg",
    "Vaartdijk",
    "Ijzerweg",
    "Spoorwegstraat",
    "Ambachtenlaan",
    "Zwaaikomstraat",
)

PARKS: tuple[str, ...] = (
    "Industriepark Noord",
    "Industriezone Oost",
    "Industriepark Zuid",
    "Ambachtelijke zone De Vlasser",
    "Bedrijvenzone Kanaal",
    "Zoning Hoog Kortrijk",
    "Industrieterrein Ter Straten",
)

FIRST_NAMES: tuple[str, ...] = tuple(
    (
        "Jan Koen Bart Wim Dirk Marc Tom Stijn Joris Pieter Filip Luc Geert Kris Ward "
        "Jef Hans Katrien An Els Sofie Hilde Griet Nathalie Lieve Veerle Annelies Inge "
        "Karolien Ann Sarah Evelien Liesbeth Martine Nele Leen "
    ).split()
)

LAST_NAMES: tuple[str, ...] = tuple(
    (
        "Peeters, Janssens, Maes, Jacobs, Mertens, Willems, Claes, Goossens, Wouters, "
        "De Smet, Vermeulen, Desmet, Vandamme, Verhaeghe, Declercq, Vanneste, Coppens, "
        "Lambrechts, Dewulf, Vanhoutte, Devos, Verstraete, Dhondt, Baert, Schepens, "
        "Van Acker, Callewaert, Vandenbussche, Hermans, Smets, Geerts, Aerts, Bogaerts, "
        "Verbruggen, Deprez, Vlaeminck, Stevens, Van Hecke, Cornelis, Moens"
    ).split(", ")
)

COMPANY_CORES: tuple[str, ...] = (
    "Verpakkingen Vandamme",
    "Metaalwerken Claeys",
    "Logistiek Desmet",
    "Drukkerij Ter Beke",
    "Houtbewerking Verhaeghe",
    "Kunststoffen Lambrechts",
    "Agro Vlaeminck",
    "Tuinbouw De Moor",
    "Cosmetica Lys",
    "Elektro Deprez",
    "Textielveredeling Vanneste",
    "Voeding Callewaert",
    "Meubelfabriek Schepens",
    "Bakkerij Dhondt",
    "Recyclage Westhoek",
    "Transport Geerts",
    "Kartonnage Moens",
    "Labo Aerts",
    "Schrijnwerkerij Baert",
    "Distributiecentrum Schelde",
    "Groenten Van Acker",
    "Zeepziederij Cornelis",
    "Staalconstructies Bogaerts",
    "Keukens Verbruggen",
    "Hotel Ter Leie",
    "Brouwerij Het Anker Zuid",
    "Fietsen Stevens",
    "Kabelfabriek Smets",
    "Vleeswaren Devos",
    "Plastics Hermans",
)
COMPANY_FORMS: tuple[str, ...] = ("NV", "BV", "bv", "nv", "comm.v.", "BV", "NV")

WORKPLACE_CORES: tuple[str, ...] = (
    "De Kering",
    "Werkhaven",
    "Atelier Ter Lei",
    "De Wissel",
    "Het Vlonder",
    "De Sluis",
    "Horizon Werkt",
    "Het Weefsel",
    "De Hefboom Zuid",
    "Werkhuis Leiedal",
    "De Dijk",
    "Ter Heide Ateliers",
    "Mosaïek",
    "De Brugge Werkt",
    "Kempenwerk",
    "Maasland Maatwerk",
    "Waasatelier",
    "Dender Werkt",
    "Westhoek Ateliers",
    "Het Spoor",
)

AGENCIES: tuple[str, ...] = (
    "Agentschap Groenbeheer Vlaanderen",
    "Agentschap Facilitair Beheer",
    "Agentschap Erfgoedonderhoud",
    "Agentschap Digitale Archivering",
    "Agentschap Infrastructuur Waterwegen",
)


@dataclass(frozen=True, slots=True)
class Activity:
    """The nature of the work: the activity itself and the article it takes in a sentence."""

    article: str
    text: str
    french: str  # the same activity in a bilingual document's French column

    def with_article(self) -> str:
        """The activity as a noun phrase, e.g. "het verpakken van cosmetica"."""
        return f"{self.article} {self.text}"


ACTIVITIES: tuple[Activity, ...] = (
    Activity(
        "het",
        "verpakken en etiketteren van cosmetica",
        "l'emballage et l'étiquetage de cosmétiques",
    ),
    Activity("het", "sorteren en herstellen van textiel", "le tri et la réparation de textiles"),
    Activity(
        "het",
        "onderhoud van groenzones en wandelpaden",
        "l'entretien d'espaces verts et de sentiers",
    ),
    Activity(
        "de", "assemblage van elektrische componenten", "l'assemblage de composants électriques"
    ),
    Activity(
        "de",
        "schoonmaak van kantoorruimtes en sanitair",
        "le nettoyage de bureaux et de sanitaires",
    ),
    Activity("het", "ompakken van voedingswaren", "le reconditionnement de denrées alimentaires"),
    Activity(
        "de",
        "kwaliteitscontrole van kunststof onderdelen",
        "le contrôle de qualité de pièces en plastique",
    ),
    Activity("het", "afwerken van meubelpanelen", "la finition de panneaux de meubles"),
    Activity(
        "het", "orderpicken en klaarmaken van zendingen", "la préparation de commandes et d'envois"
    ),
    Activity(
        "het",
        "demonteren van afgedankte elektrische toestellen",
        "le démontage d'appareils électriques usagés",
    ),
    Activity(
        "de",
        "bediening van de vaatwasstraat in het bedrijfsrestaurant",
        "la conduite du lave-vaisselle du restaurant d'entreprise",
    ),
    Activity(
        "het", "vouwen en kuverteren van drukwerk", "le pliage et la mise sous enveloppe d'imprimés"
    ),
    Activity("het", "monteren van fietsonderdelen", "le montage de pièces de vélo"),
    Activity(
        "het",
        "scannen en indexeren van archiefstukken",
        "la numérisation et l'indexation d'archives",
    ),
    Activity(
        "het",
        "kweken en oppotten van sierplanten",
        "la culture et le rempotage de plantes ornementales",
    ),
    Activity("het", "snijden en verpakken van groenten", "la découpe et l'emballage de légumes"),
    Activity(
        "het",
        "ontbramen en schuren van metalen onderdelen",
        "l'ébavurage et le ponçage de pièces métalliques",
    ),
    Activity(
        "de",
        "was- en strijkdienst voor bewonerskledij",
        "le service de lessive et de repassage des vêtements des résidents",
    ),
    Activity(
        "het",
        "vullen en sluiten van zeepflacons",
        "le remplissage et la fermeture de flacons de savon",
    ),
    Activity(
        "het", "onderhoud van bermen en grachten", "l'entretien des accotements et des fossés"
    ),
    Activity("het", "bestukken van printplaten", "l'équipement de circuits imprimés"),
    Activity("het", "samenstellen van geschenkverpakkingen", "la composition d'emballages cadeaux"),
)


@dataclass(frozen=True, slots=True)
class Person:
    """A signatory: name and function."""

    name: str
    function: str
    title: str  # "de heer" or "mevrouw"


MALE = frozenset(
    "Jan Koen Bart Wim Dirk Marc Tom Stijn Joris Pieter Filip Luc Geert Kris Ward Jef Hans".split()
)


def person(rng: random.Random, functions: tuple[str, ...]) -> Person:
    """An invented signatory with one of the given functions."""
    first = rng.choice(FIRST_NAMES)
    title = "de heer" if first in MALE else "mevrouw"
    return Person(f"{first} {rng.choice(LAST_NAMES)}", rng.choice(functions), title)


AREA_CODES = (
    "09",
    "03",
    "02",
    "050",
    "051",
    "052",
    "053",
    "054",
    "055",
    "056",
    "057",
    "011",
    "013",
    "014",
    "015",
    "016",
)


def phone(rng: random.Random) -> str:
    """An invented Belgian landline number as offices print it ("09 123 45 67", "056 12 34 56")."""
    area = rng.choice(AREA_CODES)
    if len(area) == 2:
        return f"{area} {rng.randint(200, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
    return f"{area} {rng.randint(20, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"


def town(rng: random.Random) -> tuple[str, str]:
    """A real Flemish municipality: (postcode, name)."""
    return rng.choice(TOWNS)
