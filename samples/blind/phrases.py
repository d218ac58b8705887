"""Pieces of text that many templates share: party clauses, letterheads, signing lines."""

from __future__ import annotations

from samples.blind import dutch
from samples.blind.facts import Deal, Org
from samples.blind.render import Style

KIND_WORDS = {
    "beschutte_werkplaats": "beschutte werkplaats",
    "sociale_werkplaats": "sociale werkplaats",
    "maatwerkbedrijf": "maatwerkbedrijf",
}


def kind_word(org: Org) -> str:
    """How a workplace names what it is."""
    return KIND_WORDS.get(org.kind, "werkplaats")


def our_kind(org: Org) -> str:
    """'ons maatwerkbedrijf' (a het-word) or 'onze beschutte werkplaats'."""
    word = kind_word(org)
    return f"ons {word}" if word == "maatwerkbedrijf" else f"onze {word}"


def party(s: Style, org: Org, role: str, seat: bool = True) -> str:
    """'X vzw, met maatschappelijke zetel te ..., KBO ..., vertegenwoordigd door ...'."""
    text = org.name
    if seat:
        text += s.rng.choice(
            [", met maatschappelijke zetel te ", ", gevestigd te ", ", met zetel ", ", met adres "]
        )
        text += s.address(org.seat)
    text += s.kbo_phrase(org)
    text += f", vertegenwoordigd door {org.person}, {org.function}"
    return f"{text}, hierna genoemd \u201c{role}\u201d"


def letterhead(s: Style, org: Org) -> list[str]:
    """A workplace's letterhead: name, registered seat, contact, number."""
    lines = [
        org.name,
        s.address(org.seat, "street_first"),
        f"T 0{s.rng.randint(2, 9)} {s.rng.randint(200, 999)} {s.rng.randint(10, 99)} "
        f"{s.rng.randint(10, 99)} \u2013 info@{org.domain} \u2013 www.{org.domain}",
    ]
    if org.number:
        lines.append(f"Ondernemingsnummer {s.number(org.number)}")
    return lines


def place_and_date(s: Style, d: Deal, town: str | None = None) -> str:
    """'Opgemaakt te Roeselare op 15/02/2017, in twee exemplaren.'"""
    assert d.signed is not None
    town = town or d.workplace.seat.town
    s.tags.add("signature_block")
    return s.rng.choice(
        [
            f"Opgemaakt te {town} op {s.date(d.signed)}, in twee exemplaren, waarvan elke partij "
            "erkent er een te hebben ontvangen.",
            f"Aldus opgemaakt in tweevoud te {town}, op {s.date(d.signed)}.",
            f"{town}, {s.date(d.signed)}",
        ]
    )


def sign_block(org: Org, role: str) -> list[str]:
    """Lines under a signature: role, name, function."""
    return [f"Voor {role},", "", "", org.person, org.function, org.name]


def workers_sentence(s: Style, d: Deal) -> str:
    """The number of target-group employees in one of the usual wordings."""
    n = s.workers(d.workers)
    roll = s.rng.random()
    if roll < 0.3:
        s.tags.add("workers_team")
        return (
            f"De enclave bestaat uit een ploeg van {dutch.cardinal(d.workers)} "
            "doelgroepwerknemers, begeleid door een eigen begeleider van de werkplaats."
        )
    if roll < 0.65:
        return f"Het aantal ingezette doelgroepwerknemers bedraagt {n}."
    return (
        f"{s.wp_role.capitalize()} stelt {n} doelgroepwerknemers ter beschikking, onder "
        "permanente begeleiding van een eigen begeleider."
    )


def nature_sentence(s: Style, d: Deal) -> str:
    """The work to be done, introduced in one of the usual ways."""
    return s.rng.choice(
        [
            f"De enclave voert de volgende werkzaamheden uit: {d.nature}.",
            f"De opdracht bestaat uit {d.nature}.",
            f"De werkzaamheden omvatten met name {d.nature}.",
            f"Het voorwerp van deze overeenkomst is het {d.nature}."
            if d.nature.split()[0].endswith("en")
            else f"De opdracht betreft {d.nature}.",
        ]
    )
