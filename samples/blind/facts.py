"""The facts of one enclave contract, drawn at random, and their ground-truth form.

A `Deal` is what the parties agreed; templates render it in many ways, the truth keeps one
canonical form: names with their legal form as written, numbers as 0XXX.XXX.XXX, a work
location "Street 12 bus 3, 9000 Town" (or only the town when the document gives no street),
ISO dates.
"""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from samples.blind import world


@dataclass(frozen=True)
class Address:
    """A Belgian address; `town_only` when the document names just the municipality."""

    street: str
    number: str
    box: str | None
    postcode: str
    town: str
    town_only: bool = False
    postcode_shown: bool = True

    def canonical(self) -> str:
        """The truth form: 'Street 12 bus 3, 9000 Town', 'Street 12, Town' or 'Town'."""
        if self.town_only:
            return self.town
        box = f" bus {self.box}" if self.box else ""
        town = f"{self.postcode} {self.town}" if self.postcode_shown else self.town
        return f"{self.street} {self.number}{box}, {town}"


@dataclass(frozen=True)
class Org:
    """A party: its name as written, canonical enterprise number (or None) and kind."""

    name: str
    number: str | None
    kind: str
    seat: Address
    person: str
    function: str
    domain: str


@dataclass
class Deal:
    """One enclave contract as agreed; `months` when the end is given as a period."""

    workplace: Org
    counterpart: Org
    location: Address | None
    nature: str
    workers: int
    start: date
    end: date | None
    signed: date | None
    months: int | None = None
    tags: set[str] = field(default_factory=set)

    def truth(self) -> dict[str, Any]:
        """The ground-truth record with exactly the keys the corpus promises."""
        return {
            "workplace_name": self.workplace.name,
            "workplace_enterprise_number": self.workplace.number,
            "counterpart_name": self.counterpart.name,
            "counterpart_enterprise_number": self.counterpart.number,
            "work_location": self.location.canonical() if self.location else None,
            "nature_of_work": self.nature,
            "workers": self.workers,
            "start_date": self.start.isoformat(),
            "end_date": self.end.isoformat() if self.end else None,
            "indefinite_duration": self.end is None,
            "signed_date": self.signed.isoformat() if self.signed else None,
            "workplace_kind": self.workplace.kind,
            "counterpart_kind": self.counterpart.kind,
        }


def address(rng: random.Random, box_chance: float = 0.15) -> Address:
    """A random Flemish address, sometimes with a box number."""
    postcode, town = rng.choice(world.MUNICIPALITIES)
    box = None
    if rng.random() < box_chance:
        box = rng.choice(["1", "2", "3", "A", "0201", "12", "B"])
    return Address(rng.choice(world.STREETS), str(rng.randint(1, 420)), box, postcode, town)


def _number(rng: random.Random, public: bool = False, year: int = 2015) -> str:
    """A fresh valid enterprise number; public bodies' start with 02, some recent ones with 1."""
    if public:
        first = rng.randint(2_000_000, 2_999_999)
    elif year >= 2023 and rng.random() < 0.3:
        first = rng.randint(10_000_000, 10_099_999)
    else:
        first = rng.randint(3_000_000, 8_999_999)
    return world.enterprise_number(first)


def _person(rng: random.Random) -> str:
    return f"{rng.choice(world.FIRST_NAMES)} {rng.choice(world.SURNAMES)}"


def _slug(name: str) -> str:
    keep = "".join(c for c in name.lower() if c.isalnum() or c == " ")
    words = [w for w in keep.split() if w not in {"nv", "bv", "vzw", "cv", "bvba", "cvba", "so"}]
    return "".join(words[:2]) or "org"


def workplace(rng: random.Random, year: int) -> Org:
    """A sheltered or social workplace (before 2019) or a maatwerkbedrijf (from 2019)."""
    stem = rng.choice(world.WORKPLACE_STEMS)
    if year >= 2019:
        kind = "maatwerkbedrijf"
        form = rng.choice(["vzw", "vzw", "cv", "cvba-so"])
    else:
        kind = rng.choice(["beschutte_werkplaats", "beschutte_werkplaats", "sociale_werkplaats"])
        form = "vzw" if kind == "beschutte_werkplaats" else rng.choice(["vzw", "cvba-so"])
    name = f"{stem} {form}"
    function = rng.choice(
        ["algemeen directeur", "gedelegeerd bestuurder", "directeur", "voorzitter raad van bestuur"]
    )
    return Org(name, _number(rng), kind, address(rng), _person(rng), function, _slug(stem) + ".be")


def counterpart(rng: random.Random, year: int, kind: str) -> Org:
    """A receiving organisation of the given kind."""
    seat = address(rng)
    number: str | None = _number(rng, year=year)
    if kind == "regular_company":
        forms = world.COMPANY_FORMS_NEW if year >= 2019 else world.COMPANY_FORMS_OLD
        base = f"{rng.choice(world.TRADES)} {rng.choice(world.SURNAMES)}"
        form = rng.choice(forms)
        name = f"{form} {base}" if rng.random() < 0.2 else f"{base} {form}"
    elif kind == "flemish_government":
        name = rng.choice(world.AGENCIES)
        number = None if rng.random() < 0.5 else _number(rng, public=True)
        seat = Address("Havenlaan", "88", None, "1000", "Brussel")
        return Org(
            name, number, kind, seat, _person(rng), "administrateur-generaal", "vlaanderen.be"
        )
    elif kind == "other_public":
        body = rng.choice(world.PUBLIC_BODIES)
        name = f"{body} {seat.town}"
        number = _number(rng, public=True)
        return Org(
            name,
            number,
            kind,
            seat,
            _person(rng),
            rng.choice(["algemeen directeur", "burgemeester"]),
            _slug(name) + ".be",
        )
    elif kind == "nonprofit":
        name = f"{rng.choice(world.NONPROFIT_STEMS)} vzw"
    else:
        other = workplace(rng, year)
        name, kind = other.name, other.kind
    function = rng.choice(
        [
            "zaakvoerder",
            "bedrijfsleider",
            "afgevaardigd bestuurder",
            "HR-manager",
            "productieverantwoordelijke",
            "directeur",
        ]
    )
    return Org(name, number, kind, seat, _person(rng), function, _slug(name) + ".be")


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def deal(
    rng: random.Random,
    kinds: tuple[str, ...] = ("regular_company",),
    wp: Org | None = None,
    start: date | None = None,
) -> Deal:
    """A random contract; `wp` and `start` let a multi-contract document share them."""
    if start is None:
        start = date(rng.randint(2015, 2024), rng.randint(1, 12), rng.choice([1, 1, 1, 15, 2]))
    wp = wp or workplace(rng, start.year)
    kind = rng.choice(kinds)
    if kind == "workplace":
        kind = rng.choice(
            ["maatwerkbedrijf"]
            if start.year >= 2019
            else ["beschutte_werkplaats", "sociale_werkplaats"]
        )
    cp = counterpart(rng, start.year, kind)
    while cp.name.split()[:2] == wp.name.split()[:2]:
        cp = counterpart(rng, start.year, kind)
    location = address(rng, box_chance=0.25)
    roll = rng.random()
    if roll < 0.1:
        location = replace(location, town_only=True)
    elif roll < 0.18:
        location = replace(location, postcode_shown=False)
    months = None
    end: date | None = None
    roll = rng.random()
    if roll < 0.25:
        months = rng.choice([6, 12, 12, 24, 36])
        end = _add_months(start, months) - timedelta(days=1)
    elif roll < 0.55:
        end = date(start.year + rng.choice([0, 1, 1, 2]), 12, 31)
        if end <= start:
            end = date(start.year + 1, 12, 31)
    signed = start - timedelta(days=rng.randint(3, 60))
    return Deal(
        wp, cp, location, rng.choice(world.NATURES), rng.randint(2, 14), start, end, signed, months
    )


def same_entity(rng: random.Random, d: Deal) -> Deal:
    """The contract placed with the workplace's own legal entity under another name."""
    wp = d.workplace
    division = rng.choice(["Groendienst", "Diensten", "Logistiek"])
    stem = wp.name.rsplit(" ", 1)[0]
    cp = replace(
        wp,
        name=f"{stem} {division}",
        seat=d.counterpart.seat,
        person=d.counterpart.person,
        function=d.counterpart.function,
    )
    d.counterpart = cp
    d.tags.add("same_entity")
    return d


def wrong_number(d: Deal) -> Deal:
    """Make the counterpart's enterprise number carry wrong check digits."""
    org = d.counterpart if d.counterpart.number else d.workplace
    assert org.number is not None
    first = int(org.number.replace(".", "")[:8])
    bad = replace(org, number=world.enterprise_number(first, wrong=True))
    if org is d.counterpart:
        d.counterpart = bad
    else:
        d.workplace = bad
    d.tags.add("bad_check_digits")
    return d
