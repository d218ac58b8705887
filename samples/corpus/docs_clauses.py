"""The sentences of a prose contract, each in several phrasings.

Field sentences (object, location, workers, duration, signing) carry the truth; filler articles
carry distractors: other dates, amounts, counts and addresses that are not contract fields.
"""

from __future__ import annotations

import random

from samples.corpus.docs_format import number_word
from samples.corpus.docs_words import Writer, cap


def legal_basis(rng: random.Random, maatwerk: bool) -> str:
    """The preamble citing the rules the contract is made under."""
    if maatwerk:
        return rng.choice(
            [
                "in uitvoering van het decreet van 12 juli 2013 betreffende de maatwerk bij "
                "collectieve inschakeling",
                "gelet op het besluit van de Vlaamse Regering van 17 februari 2017 tot uitvoering "
                "van het decreet van 12 juli 2013",
            ]
        )
    return rng.choice(
        [
            "overeenkomstig het besluit van de Vlaamse Regering van 15 juni 2007 betreffende "
            "enclavewerking",
            "gelet op het decreet van 15 juli 1997 houdende de erkenning van beschutte werkplaatsen",
        ]
    )


def object_sentence(w: Writer, wp: str, cp: str) -> str:
    """What work the enclave does."""
    nature = w.truth.nature_of_work
    return w.rng.choice(
        [
            f"{cap(cp)} vertrouwt aan {wp} de uitvoering toe van volgende werkzaamheden: {nature}.",
            f"Deze overeenkomst regelt de enclavewerking waarbij {wp} met een ploeg "
            f"doelgroepwerknemers werkzaamheden uitvoert voor {cp}. De werkzaamheden bestaan uit "
            f"{nature}.",
            f"Het voorwerp van deze overeenkomst is: {nature}, uitgevoerd door een enclave van {wp} "
            f"bij {cp}.",
            f"{cap(wp)} verbindt zich ertoe om voor rekening van {cp} in te staan voor het volgende: "
            f"{nature}.",
        ]
    )


def location_sentence(w: Writer, cp: str) -> str:
    """Where the enclave works."""
    loc = w.truth.work_location
    if loc is None:
        return f"De werkzaamheden worden uitgevoerd op de site van {cp}."
    return w.rng.choice(
        [
            f"De werkzaamheden worden uitgevoerd op de site van {cp} te {loc}.",
            f"De enclave wordt ingezet op het volgende adres: {loc}.",
            f"Plaats van uitvoering: {loc}.",
            f"De doelgroepwerknemers worden tewerkgesteld in de vestiging van {cp}, gelegen te {loc}.",
        ]
    )


def workers_sentence(w: Writer, wp: str) -> str:
    """How many target-group workers the enclave has."""
    n, count = w.truth.workers, w.workers()
    noun = "doelgroepwerknemer" if n == 1 else "doelgroepwerknemers"
    extra = w.rng.randint(1, 3)
    return w.rng.choice(
        [
            f"{cap(wp)} stelt {count} {noun} ter beschikking, onder begeleiding van een eigen "
            "begeleider.",
            f"De enclave bestaat uit {count} {noun} en {w.rng.choice(['één', 'twee'])} "
            "begeleider(s) van " + wp + ".",
            f"Het aantal ingezette {noun.rstrip('s')}s bedraagt {count}. Dit aantal kan in onderling "
            f"overleg tijdelijk worden verhoogd met maximaal {extra} werknemers.",
            f"Er worden {count} {'werknemer' if n == 1 else 'werknemers'} van {wp} ingezet.",
        ]
    )


def duration_sentence(w: Writer) -> str:
    """When the contract starts and ends (or that it runs for an indefinite time)."""
    t, rng = w.truth, w.rng
    s, e = w.date(t.start_date), w.date(t.end_date)
    if t.start_date is None:
        if t.indefinite_duration:
            return "Deze overeenkomst wordt gesloten voor onbepaalde duur."
        return f"Deze overeenkomst loopt tot en met {e}."
    if t.indefinite_duration:
        return rng.choice(
            [
                f"Deze overeenkomst gaat in op {s} en wordt gesloten voor onbepaalde duur.",
                f"De overeenkomst wordt aangegaan voor onbepaalde duur met ingang van {s}.",
                f"De enclavewerking start op {s}. De overeenkomst geldt voor onbepaalde tijd.",
                f"Deze overeenkomst treedt in werking op {s} en loopt voor een onbepaalde duur.",
            ]
        )
    return rng.choice(
        [
            f"Deze overeenkomst loopt van {s} tot en met {e}.",
            f"De overeenkomst wordt gesloten voor bepaalde duur, met ingang van {s} en eindigend "
            f"op {e}.",
            f"De enclavewerking start op {s} en eindigt op {e}.",
            f"Deze overeenkomst geldt voor de periode van {s} tot {e}.",
            f"Deze overeenkomst gaat in op {s}. Zij eindigt van rechtswege op {e}, zonder dat een "
            "opzegging vereist is.",
        ]
    )


def termination_sentence(w: Writer, wp: str, cp: str) -> str:
    """A clause about an earlier contract that was ended (a distractor)."""
    return w.rng.choice(
        [
            f"Deze overeenkomst vervangt de overeenkomst van {w.shifted(-900)} tussen dezelfde "
            f"partijen, die werd beëindigd op {w.shifted(-1)}.",
            f"De vorige enclaveovereenkomst tussen {wp} en {cp} werd stopgezet met ingang van "
            f"{w.shifted(-30)}; de opzegtermijn van drie maanden werd gerespecteerd.",
        ]
    )


def signed_sentence(w: Writer) -> str:
    """Where and when the contract was signed."""
    place, d = w.truth.signed_place, w.date(w.truth.signed_date)
    return w.rng.choice(
        [
            f"Opgemaakt in twee exemplaren te {place} op {d}, waarbij elke partij verklaart het "
            "hare te hebben ontvangen.",
            f"Opgemaakt te {place} op {d}.",
            f"Aldus opgemaakt in tweevoud te {place}, {d}.",
            f"Getekend te {place}, op {d}, in evenveel exemplaren als er partijen zijn.",
        ]
    )


def filler_articles(w: Writer, wp: str, cp: str) -> list[tuple[str, str]]:
    """Articles that hold no field, only distractors."""
    rng = w.rng
    months = rng.choice([1, 3, 6])
    price = f"{rng.randint(18, 34)},{rng.randint(0, 99):02d}"
    return [
        (
            "Begeleiding",
            f"{cap(wp)} staat in voor de permanente begeleiding van de enclave door "
            f"een gekwalificeerde begeleider ({w.person()}). De begeleider blijft in dienst van {wp} "
            f"en is het aanspreekpunt voor {cp}.",
        ),
        (
            "Gezag",
            f"De doelgroepwerknemers blijven onder het gezag van {wp}. {cap(cp)} geeft "
            "geen rechtstreekse opdrachten aan de doelgroepwerknemers.",
        ),
        (
            "Uurrooster",
            "De werkzaamheden worden uitgevoerd van maandag tot vrijdag, tussen "
            f"{rng.choice(['7u30', '8u00', '6u00'])} en {rng.choice(['16u00', '16u30', '14u00'])}, "
            f"met een maximum van {rng.choice([36, 38])} uur per week.",
        ),
        (
            "Prijs",
            f"De vergoeding bedraagt EUR {price} per gepresteerd uur per werknemer, "
            "exclusief btw. Het tarief wordt jaarlijks op 1 januari geïndexeerd.",
        ),
        (
            "Facturatie",
            f"{cap(wp)} factureert maandelijks. Facturen zijn betaalbaar binnen "
            f"{rng.choice([30, 45, 60])} dagen na factuurdatum.",
        ),
        (
            "Verzekeringen",
            f"{cap(wp)} heeft een verzekering arbeidsongevallen (polis nr. "
            f"{rng.randint(10, 99)}.{rng.randint(100, 999)}.{rng.randint(100, 999)}) en een "
            "verzekering burgerlijke aansprakelijkheid afgesloten.",
        ),
        (
            "Veiligheid",
            f"{cap(cp)} zorgt voor een veilige werkomgeving en bezorgt de nodige "
            "persoonlijke beschermingsmiddelen. Een werkpostfiche wordt opgesteld voor de start.",
        ),
        (
            "Opzegging",
            "Elke partij kan deze overeenkomst beëindigen mits een opzegtermijn van "
            f"{number_word(months)} ({months}) maand{'en' if months > 1 else ''}, te betekenen per "
            "aangetekend schrijven.",
        ),
        (
            "Evaluatie",
            f"Partijen evalueren de samenwerking na {rng.choice([3, 6])} maanden. Een "
            f"eerste evaluatiegesprek vindt plaats uiterlijk op {w.shifted(rng.randint(80, 200))}.",
        ),
        (
            "Geschillen",
            "Geschillen behoren tot de bevoegdheid van de rechtbanken van het "
            f"arrondissement {rng.choice(['Gent', 'Antwerpen', 'Leuven', 'Brugge', 'Limburg'])}.",
        ),
        (
            "Geheimhouding",
            "Partijen houden alle vertrouwelijke informatie die zij in het kader "
            "van deze overeenkomst ontvangen geheim, ook na het einde van de overeenkomst.",
        ),
        (
            "Wijzigingen",
            "Elke wijziging van deze overeenkomst, ook van het aantal "
            "doelgroepwerknemers, gebeurt schriftelijk en wordt door beide partijen ondertekend.",
        ),
        (
            "Overmacht",
            "Geen van de partijen is aansprakelijk voor de niet-uitvoering van haar "
            "verplichtingen ten gevolge van overmacht, zoals brand, staking of een pandemie.",
        ),
        (
            "Werkkledij",
            f"{cap(wp)} voorziet werkkledij en veiligheidsschoenen. {cap(cp)} stelt "
            f"een kleedruimte en een refter ter beschikking voor maximaal {rng.randint(8, 30)} "
            "personen.",
        ),
        (
            "Vervoer",
            f"Het woon-werkverkeer van de doelgroepwerknemers wordt georganiseerd door "
            f"{wp}, met een eigen busje vanaf de hoofdzetel.",
        ),
        (
            "Melding",
            f"{cap(wp)} meldt deze overeenkomst aan het Departement Werk en Sociale "
            "Economie, Koning Albert II-laan 35 bus 20, 1030 Brussel.",
        ),
    ]


def preamble(w: Writer, wp: str, cp: str) -> list[str]:
    """Recitals before the articles (they mention a year that is no contract date)."""
    since = (w.truth.signed_date.year if w.truth.signed_date else 2018) - w.rng.randint(1, 6)
    return [
        "Overwegende dat:",
        f"- {wp} doelgroepwerknemers tewerkstelt en hen in enclave kan laten werken bij derden;",
        f"- {cp} beroep wenst te doen op een enclave voor een deel van haar activiteiten;",
        f"- partijen sinds {since} contact hebben over deze samenwerking;",
    ]
