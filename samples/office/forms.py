"""How office writers put the facts into words: numbers, addresses, dates, counts, durations.

Each function returns the text one author would write for a fact, chosen with the caller's
seeded random generator; the truth stays in the `Enclave`. Where a form drops part of the fact
(an address without its postcode), the function says what the document still states.
"""

from __future__ import annotations

import datetime as dt
import random

from samples.office import dutch
from samples.office.facts import Address, Enclave, Org


def number(rng: random.Random, value: str) -> str:
    """An enterprise number as written: dotted, spaced, VAT form, or without its leading 0."""
    digits = value.replace(".", "")
    return rng.choice(
        (
            value,
            value,
            value,
            f"{digits[:4]} {digits[4:7]} {digits[7:]}",
            f"BE {value}",
            f"BE{digits}",
            value[1:] if digits[0] == "0" else value,
        )
    )


def number_label(rng: random.Random) -> str:
    """The label before an enterprise number."""
    return rng.choice(
        ("KBO", "ondernemingsnummer", "ondernemingsnr.", "KBO-nummer", "BTW", "KBO-nr.", "BTW-nr.")
    )


def street_line(rng: random.Random, where: Address) -> str:
    """The street part with the box in one of its forms ("bus 2", "/b3", "b. 3")."""
    if not where.box:
        return f"{where.street} {where.number}"
    box = rng.choice((f" bus {where.box}", f"/b{where.box}", f" bus {where.box}", f"/{where.box}"))
    return f"{where.street} {where.number}{box}"


def place(rng: random.Random, where: Address, allow_lines: bool = True) -> str:
    """A full address in one of the office forms (two lines joined by a newline when allowed)."""
    street = street_line(rng, where)
    forms = [
        f"{street}, {where.town_line}",
        f"{street}, {where.town_line}",
        f"{street} te {where.town_line}",
        f"{where.town_line}, {street}",
        f"{street} – {where.town_line}",
    ]
    if allow_lines:
        forms.append(f"{street}\n{where.town_line}")
    return rng.choice(forms)


def location(rng: random.Random, deal: Enclave, allow_lines: bool = True) -> tuple[str, Enclave]:
    """The work location as written, and the contract with its truth adjusted to it.

    One time in ten the writer leaves the postcode out ("Industriepark Noord 14 te
    Sint-Niklaas"); the truth is then what the document states, `Street 14, Town`.
    """
    where = deal.location
    roll = rng.random()
    if roll < 0.1:
        street = street_line(rng, where)
        return f"{street} te {where.town}", deal.located(f"{where.street_line}, {where.town}")
    if roll < 0.2:
        return f"te {where.town_line}, {street_line(rng, where)}", deal
    return place(rng, where, allow_lines), deal


def seat(rng: random.Random, org: Org) -> str:
    """A registered seat on one line."""
    return place(rng, org.seat, allow_lines=False)


def date(rng: random.Random, day: dt.date, style: str | None = None) -> str:
    """A date in the given style, or a random one."""
    return dutch.date_text(day, style or dutch.pick_date_style(rng))


def workers(rng: random.Random, n: int) -> str:
    """A team size as a noun phrase ("vier (4) werknemers", "een ploeg van 6 medewerkers")."""
    noun = rng.choice(("werknemers", "medewerkers", "doelgroepwerknemers", "personen", "arbeiders"))
    return rng.choice(
        (
            f"{dutch.count_words(n)} {noun}",
            f"{n} {noun}",
            f"een ploeg van {n} {noun}",
            f"een groep van {dutch.count_text(rng, n)} {noun}",
            f"maximaal {dutch.number_word(n)} {noun}",
            f"{dutch.number_word(n)} {noun}",
        )
    )


def duration(rng: random.Random, deal: Enclave, style: str) -> str:
    """A sentence fragment with the term: fixed with end date, a number of months, or open."""
    start = date(rng, deal.start, style)
    if deal.end is None:
        return rng.choice(
            (
                f"vanaf {start} voor onbepaalde duur",
                f"met ingang van {start} en dit voor een onbepaalde duur",
                f"voor onbepaalde tijd, te rekenen vanaf {start}",
            )
        )
    if deal.months is not None and rng.random() < 0.6:
        months = dutch.count_words(deal.months) if rng.random() < 0.6 else str(deal.months)
        return rng.choice(
            (
                f"voor een periode van {months} maanden, ingaand op {start}",
                f"met ingang van {start} voor een periode van {months} maanden",
                f"voor een duur van {months} maanden vanaf {start}",
            )
        )
    end = date(rng, deal.end, style)
    return rng.choice(
        (
            f"van {start} tot en met {end}",
            f"vanaf {start} tot {end}",
            f"met ingang van {start} en eindigt op {end}",
            f"voor bepaalde duur, van {start} tot en met {end}",
        )
    )


def signature_line(rng: random.Random, deal: Enclave, style: str) -> str:
    """`Opgemaakt te Gent op 12 maart 2024 in twee exemplaren, ...`."""
    assert deal.signed is not None
    when = date(rng, deal.signed, style)
    return rng.choice(
        (
            f"Opgemaakt te {deal.place} op {when} in twee exemplaren, waarvan elke partij erkent er één te hebben ontvangen.",
            f"Opgemaakt in tweevoud te {deal.place}, op {when}.",
            f"Aldus opgemaakt en ondertekend te {deal.place} op {when}, in evenveel exemplaren als er partijen zijn.",
            f"Gedaan te {deal.place}, {when}, in twee originele exemplaren.",
        )
    )


def identification(rng: random.Random, org: Org, role: str) -> str:
    """A party's identification paragraph as a lawyer or office writes it."""
    who = org.signatory
    num = number(rng, org.number)
    return (
        rng.choice(
            (
                f"{org.name}, met maatschappelijke zetel te {seat(rng, org)}, ingeschreven in de "
                f"Kruispuntbank van Ondernemingen onder het nummer {num}, hier vertegenwoordigd door "
                f"{who.title} {who.name}, {who.function},",
                f"{org.name}, {seat(rng, org)}, {number_label(rng)} {num}, vertegenwoordigd door "
                f"{who.name} ({who.function}),",
                f"{org.name}, met zetel gevestigd te {seat(rng, org)} en met ondernemingsnummer {num}, "
                f"rechtsgeldig vertegenwoordigd door {who.title} {who.name}, {who.function},",
            )
        )
        + f" hierna genoemd “{role}”,"
    )
