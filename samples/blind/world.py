"""The real-world vocabulary of the blind corpus: towns, streets, organisations, work.

Municipalities carry their real Belgian postcodes; street names are common Flemish ones.
Organisation names are invented but built the way Belgian names are (a surname or a place
plus a trade, a legal form before or after). Enterprise numbers get the real check digits:
the last two digits are 97 minus the first eight modulo 97.
"""

from __future__ import annotations

MUNICIPALITIES: tuple[tuple[str, str], ...] = (
    ("9000", "Gent"), ("8800", "Roeselare"), ("8500", "Kortrijk"), ("2000", "Antwerpen"),
    ("3000", "Leuven"), ("8000", "Brugge"), ("9300", "Aalst"), ("2800", "Mechelen"),
    ("3500", "Hasselt"), ("3600", "Genk"), ("9100", "Sint-Niklaas"), ("9160", "Lokeren"),
    ("8400", "Oostende"), ("2300", "Turnhout"), ("2200", "Herentals"), ("2400", "Mol"),
    ("2440", "Geel"), ("3200", "Aarschot"), ("3300", "Tienen"), ("1800", "Vilvoorde"),
    ("1700", "Dilbeek"), ("1500", "Halle"), ("9200", "Dendermonde"), ("9400", "Ninove"),
    ("9700", "Oudenaarde"), ("8900", "Ieper"), ("8600", "Diksmuide"), ("8700", "Tielt"),
    ("8790", "Waregem"), ("8560", "Wevelgem"), ("8930", "Menen"), ("9800", "Deinze"),
    ("9900", "Eeklo"), ("9240", "Zele"), ("9220", "Hamme"), ("2500", "Lier"),
    ("2570", "Duffel"), ("2900", "Schoten"), ("2930", "Brasschaat"), ("3290", "Diest"),
    ("3800", "Sint-Truiden"), ("3700", "Tongeren"), ("3920", "Lommel"),
    ("3630", "Maasmechelen"), ("3580", "Beringen"), ("8820", "Torhout"), ("8870", "Izegem"),
    ("8530", "Harelbeke"), ("8550", "Zwevegem"), ("8520", "Kuurne"), ("9120", "Beveren"),
    ("9140", "Temse"), ("9230", "Wetteren"), ("9620", "Zottegem"), ("9500", "Geraardsbergen"),
    ("9600", "Ronse"), ("8020", "Oostkamp"), ("8370", "Blankenberge"), ("2950", "Kapellen"),
    ("3970", "Leopoldsburg"), ("2260", "Westerlo"), ("2640", "Mortsel"), ("1830", "Machelen"),
    ("8810", "Lichtervelde"), ("9080", "Lochristi"), ("9290", "Berlare"),
)

STREETS: tuple[str, ...] = (
    "Kerkstraat", "Stationsstraat", "Brugsesteenweg", "Meensesteenweg", "Gentsesteenweg",
    "Kortrijksesteenweg", "Industrielaan", "Nijverheidsstraat", "Ambachtsweg", "Hoogstraat",
    "Dorpsstraat", "Molenstraat", "Schoolstraat", "Nieuwstraat", "Leopoldlaan",
    "Koning Albertlaan", "Ringlaan", "Europalaan", "Grote Markt", "Rijksweg",
    "Liersesteenweg", "Antwerpsesteenweg", "Kapelstraat", "Oude Baan", "Bosstraat",
    "Zuiderlaan", "Noorderlaan", "Ambachtenstraat", "Handelsstraat", "Vaartstraat",
    "Ieperseweg", "Hulstsestraat", "Kanaalweg", "Zandstraat", "Veldstraat", "Lindenlaan",
    "Sint-Jansstraat", "Spoorwegstraat", "Ter Waarde", "Oostkaai", "Heirweg", "Torhoutsesteenweg",
)

SURNAMES: tuple[str, ...] = (
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
    "Wouters", "De Smet", "Vermeulen", "Van den Broeck", "Dewulf", "Vandenberghe",
    "Verhaeghe", "Vanneste", "Declercq", "Lambrecht", "Coppens", "Desmet", "Verstraete",
    "Van Damme", "Hermans", "Pauwels", "De Backer", "Verbeke", "Deprez", "Claeys",
)
FIRST_NAMES: tuple[str, ...] = (
    "An", "Bart", "Katrien", "Luc", "Sofie", "Geert", "Els", "Tom", "Inge", "Koen",
    "Veerle", "Dirk", "Hilde", "Pieter", "Lieve", "Wim", "Nathalie", "Johan",
)
TRADES: tuple[str, ...] = (
    "Bakkerij", "Metaalwerken", "Verpakkingen", "Logistics", "Tuinbouw", "Drukkerij",
    "Houtbewerking", "Kunststoffen", "Voeding", "Textiel", "Interieur", "Transport",
    "Vleeswaren", "Groenten", "Elektro", "Schrijnwerkerij", "Brouwerij", "Zuivel",
)
COMPANY_FORMS_OLD: tuple[str, ...] = ("NV", "BVBA", "CVBA", "NV", "BVBA")
COMPANY_FORMS_NEW: tuple[str, ...] = ("NV", "BV", "CV", "BV", "NV")

WORKPLACE_STEMS: tuple[str, ...] = (
    "De Kempenbloem", "Ateljee Ter Leie", "Den Akker", "De Sleutel", "Het Veer", "Ter Mote",
    "De Groene Hoek", "Mandelwerk", "De Oever", "Vlasbloem", "Kringwerk", "De Brug",
    "Ter Heide", "Scheldewerk", "Demerdal", "Polderwerk", "Het Anker", "De Spie",
    "Linde", "Maasland Werkt", "Boomgaard", "De Vlier",
)
AGENCIES: tuple[str, ...] = (
    "Agentschap Natuur en Bos", "Agentschap Wegen en Verkeer", "Agentschap Facilitair Bedrijf",
    "Agentschap Onroerend Erfgoed", "Agentschap Digitaal Vlaanderen",
    "Agentschap Zorg en Gezondheid",
)
PUBLIC_BODIES: tuple[str, ...] = ("Stad", "Gemeente", "OCMW", "Stad")
NONPROFIT_STEMS: tuple[str, ...] = (
    "Woonzorgcentrum Sint-Jozef", "Kinderdagverblijf De Pagadder", "Jeugdherberg De Blauwput",
    "Dierenasiel Ter Bede", "Zorgcentrum Ten Kerselaere", "Cultuurhuis De Werf",
    "Sportcentrum De Schorre", "Kringloopwinkel Het Snoepertje",
)

NATURES: tuple[str, ...] = (
    "verpakken en etiketteren van voedingsproducten",
    "onderhoud van groenzones en bermen",
    "schoonmaak van kantoren en sanitaire ruimten",
    "assemblage van elektrische componenten",
    "sorteren en herverpakken van retourgoederen",
    "ompakken van bakkerijproducten in kartonnen dozen",
    "wassen, drogen en vouwen van linnen",
    "strijken en sorteren van werkkledij",
    "montage van kunststof onderdelen voor de automobielsector",
    "orderpicking en klaarzetten van bestellingen in het magazijn",
    "samenstellen van geschenkmanden",
    "afwas en keukenhulp in het bedrijfsrestaurant",
    "digitaliseren en inscannen van archiefstukken",
    "onderhoud van wandel- en fietspaden",
    "ontbramen en afwerken van gegoten metalen onderdelen",
    "etiketteren en palletiseren van flessen",
    "snijden en verpakken van groenten",
    "maaien, snoeien en onkruidbestrijding op de bedrijfssite",
    "demonteren van afgedankte elektrische toestellen",
    "kwaliteitscontrole van geweven etiketten",
    "vullen en sluiten van zakjes met bevestigingsmateriaal",
    "onderhoud van het natuurdomein en plaatsen van afsluitingen",
    "schuren en lakken van houten meubelonderdelen",
    "poetsen van bedrijfsvoertuigen",
)


def check_digits(first_eight: int) -> int:
    """The two check digits of a Belgian enterprise number: 97 - (first eight mod 97)."""
    return 97 - first_eight % 97


def enterprise_number(first_eight: int, wrong: bool = False) -> str:
    """The canonical form 0XXX.XXX.XXX; with `wrong`, the check digits are off by a few."""
    check = check_digits(first_eight)
    if wrong:
        check = (check + 7) % 100 if check != 93 else 11
    digits = f"{first_eight:08d}{check:02d}"
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"


def is_valid_number(canonical: str) -> bool:
    """Whether a canonical enterprise number has correct check digits."""
    digits = canonical.replace(".", "")
    return len(digits) == 10 and check_digits(int(digits[:8])) == int(digits[8:])
