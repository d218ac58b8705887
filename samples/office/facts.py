"""The facts of one enclave contract, drawn at random, and their truth record.

An `Enclave` holds both parties (with their registered seats, which documents print next to
the work location), the work location, the activity, the team size, the dates and who signs.
`Enclave.truth()` is the record the corpus's `truth.json` lists for it: the fields of
`parsers.types.CONTRACT_FIELDS` plus the two party kinds, in the truth's canonical forms
(enterprise numbers `0XXX.XXX.XXX`, work location `Street 12 bus 3, 9000 Town`, ISO dates).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, replace
from typing import Any

from mailbox_ingest.domain.enums import OrganisationKind
from samples.corpus.truth import make_number
from samples.office import world
from samples.office.dutch import end_of_term
from samples.office.world import Activity, Person

Kind = OrganisationKind


@dataclass(frozen=True, slots=True)
class Address:
    """A Belgian address; `box` is the "bus" part, `postcode` may be left out by a writer."""

    street: str
    number: str
    postcode: str
    town: str
    box: str | None = None

    @property
    def street_line(self) -> str:
        """`Industrielaan 4 bus 2`."""
        return f"{self.street} {self.number}" + (f" bus {self.box}" if self.box else "")

    @property
    def town_line(self) -> str:
        """`8800 Roeselare`."""
        return f"{self.postcode} {self.town}"

    def canonical(self) -> str:
        """The truth form: `Street 12 bus 3, 9000 Town`."""
        return f"{self.street_line}, {self.town_line}"


def address(
    rng: random.Random, place: tuple[str, str] | None = None, park: bool = False
) -> Address:
    """An invented address in a real municipality (optionally in a business park)."""
    postcode, town = place or world.town(rng)
    street = rng.choice(world.PARKS if park else world.STREETS)
    number = str(rng.choice((rng.randint(1, 40), rng.randint(1, 250), rng.randint(2, 9))))
    box = None
    if rng.random() < 0.18:
        box = rng.choice((str(rng.randint(1, 12)), "A", "B", str(rng.randint(101, 305))))
    return Address(street, number, postcode, town, box)


@dataclass(frozen=True, slots=True)
class Org:
    """A party: full name as it is identified in the contract, number, kind, seat, signatory."""

    name: str
    number: str
    kind: OrganisationKind
    seat: Address
    signatory: Person
    short: str  # how the text calls it after the identification ("De Kering")
    form: str  # legal form or body type: "vzw", "NV", "agentschap", "gemeente"


@dataclass(frozen=True, slots=True)
class Enclave:
    """Everything one enclave contract states."""

    workplace: Org
    counterpart: Org
    location: Address
    activity: Activity
    workers: int
    start: dt.date
    end: dt.date | None
    months: int | None  # the term in months when the end follows from a duration
    signed: dt.date
    place: str  # the town where it was signed
    location_truth: str | None = None  # set when a document writes the location differently

    def truth(self) -> dict[str, Any]:
        """The truth record of this contract (CONTRACT_FIELDS plus the party kinds)."""
        return {
            "workplace_name": self.workplace.name,
            "workplace_enterprise_number": self.workplace.number,
            "counterpart_name": self.counterpart.name,
            "counterpart_enterprise_number": self.counterpart.number,
            "work_location": self.location_truth or self.location.canonical(),
            "nature_of_work": self.activity.text,
            "workers": self.workers,
            "start_date": self.start.isoformat(),
            "end_date": self.end.isoformat() if self.end else None,
            "indefinite_duration": self.end is None,
            "signed_date": self.signed.isoformat(),
            "workplace_kind": self.workplace.kind.value,
            "counterpart_kind": self.counterpart.kind.value,
        }

    def located(self, text: str) -> Enclave:
        """The same contract with the location truth as a writer left it (no postcode)."""
        return replace(self, location_truth=text)


def enterprise_number(rng: random.Random) -> str:
    """A valid enterprise number 0XXX.XXX.XXX (check digits mod 97)."""
    return make_number(rng.randint(2_000_000, 8_999_999))


_WORKPLACE_FUNCTIONS = (
    "algemeen directeur",
    "gedelegeerd bestuurder",
    "directeur",
    "voorzitter raad van bestuur",
)
_COMPANY_FUNCTIONS = (
    "zaakvoerder",
    "gedelegeerd bestuurder",
    "bedrijfsleider",
    "plant manager",
    "HR-directeur",
)


def workplace(rng: random.Random, kind: OrganisationKind) -> Org:
    """A workplace of the given kind (maatwerkbedrijf, beschutte or sociale werkplaats)."""
    cores = world.WORKPLACE_CORES
    if kind is not Kind.MAATWERKBEDRIJF:
        cores = tuple(c for c in cores if "Maatwerk" not in c)
    core = rng.choice(cores)
    form = rng.choice(("vzw", "vzw", "cv", "VZW"))
    if kind is Kind.BESCHUTTE_WERKPLAATS:
        name = rng.choice((f"Beschutte Werkplaats {core} {form}", f"{core} {form}"))
    elif kind is Kind.SOCIALE_WERKPLAATS:
        name = rng.choice((f"Sociale Werkplaats {core} {form}", f"{core} {form}"))
    else:
        name = rng.choice((f"{core} {form}", f"Maatwerkbedrijf {core} {form}", f"{core} {form}"))
    seat = address(rng)
    return Org(
        name,
        enterprise_number(rng),
        kind,
        seat,
        world.person(rng, _WORKPLACE_FUNCTIONS),
        core,
        form,
    )


def company(rng: random.Random) -> Org:
    """A private client company (a regular company)."""
    core = rng.choice(world.COMPANY_CORES)
    form = rng.choice(world.COMPANY_FORMS)
    seat = address(rng)
    who = world.person(rng, _COMPANY_FUNCTIONS)
    return Org(
        f"{core} {form}", enterprise_number(rng), Kind.REGULAR_COMPANY, seat, who, core, form
    )


def agency(rng: random.Random) -> Org:
    """A Flemish government agency (intern verzelfstandigd agentschap)."""
    name = rng.choice(world.AGENCIES)
    seat = address(rng, ("1000", "Brussel")) if rng.random() < 0.5 else address(rng)
    who = world.person(rng, ("administrateur-generaal", "afdelingshoofd", "leidend ambtenaar"))
    short = "het Agentschap"
    return Org(
        name, enterprise_number(rng), Kind.FLEMISH_GOVERNMENT, seat, who, short, "agentschap"
    )


def local_body(rng: random.Random, place: tuple[str, str]) -> Org:
    """A gemeente or OCMW of a real municipality (other public body)."""
    town = place[1]
    body = rng.choice(("Gemeente", "Stad", "OCMW", "Gemeente"))
    name = f"{body} {town}"
    seat = address(rng, place)
    who = world.person(
        rng, ("algemeen directeur", "burgemeester", "voorzitter van het vast bureau")
    )
    return Org(
        name, enterprise_number(rng), Kind.OTHER_PUBLIC, seat, who, body.lower(), body.lower()
    )


def nonprofit(rng: random.Random) -> Org:
    """A non-profit client (a care home or school run by a vzw)."""
    core = rng.choice(
        (
            "Woonzorgcentrum Ter Linde",
            "Scholengroep Leiestroom",
            "Zorggroep Sint-Jozef",
            "Jeugdherberg De Blauwput",
        )
    )
    who = world.person(rng, ("directeur", "algemeen directeur", "campusdirecteur"))
    return Org(
        f"{core} vzw", enterprise_number(rng), Kind.NONPROFIT, address(rng), who, core, "vzw"
    )


def counterpart(
    rng: random.Random, kind: OrganisationKind | None = None, place: tuple[str, str] | None = None
) -> Org:
    """A counterpart of the given kind (mostly a regular company when not given)."""
    if kind is None:
        kind = rng.choice(
            (Kind.REGULAR_COMPANY,) * 6 + (Kind.NONPROFIT, Kind.OTHER_PUBLIC, Kind.MAATWERKBEDRIJF)
        )
    if kind is Kind.FLEMISH_GOVERNMENT:
        return agency(rng)
    if kind is Kind.OTHER_PUBLIC:
        return local_body(rng, place or world.town(rng))
    if kind is Kind.NONPROFIT:
        return nonprofit(rng)
    if kind in (Kind.MAATWERKBEDRIJF, Kind.BESCHUTTE_WERKPLAATS, Kind.SOCIALE_WERKPLAATS):
        return workplace(rng, kind)
    return company(rng)


def enclave(
    rng: random.Random,
    counterpart_kind: OrganisationKind | None = None,
    legacy: bool | None = None,
    base: Enclave | None = None,
) -> Enclave:
    """A random enclave contract; with `base`, another enclave of the same workplace."""
    if base is not None:
        legacy = base.workplace.kind is not Kind.MAATWERKBEDRIJF
    elif legacy is None:
        legacy = rng.random() < 0.2
    if base is not None:
        work = base.workplace
    elif legacy:
        work = workplace(rng, rng.choice((Kind.BESCHUTTE_WERKPLAATS, Kind.SOCIALE_WERKPLAATS)))
    else:
        work = workplace(rng, Kind.MAATWERKBEDRIJF)
    where = world.town(rng)
    if counterpart_kind is None:
        counterpart_kind = rng.choice(
            (Kind.REGULAR_COMPANY,) * 6 + (Kind.NONPROFIT, Kind.OTHER_PUBLIC, Kind.MAATWERKBEDRIJF)
        )
    if legacy and counterpart_kind is Kind.MAATWERKBEDRIJF:
        counterpart_kind = rng.choice((Kind.BESCHUTTE_WERKPLAATS, Kind.SOCIALE_WERKPLAATS))
    other = counterpart(rng, counterpart_kind, where)
    while other.short == work.short:
        other = counterpart(rng, counterpart_kind, where)
    location = address(rng, where, park=rng.random() < 0.2)
    if base is not None:
        start = base.start + dt.timedelta(days=rng.choice((0, 0, 31, 61)))
    else:
        year = rng.randint(2011, 2018) if legacy else rng.randint(2019, 2025)
        start = dt.date(year, rng.randint(1, 12), rng.choice((1, 1, 1, 2, 15, rng.randint(1, 28))))
    months: int | None = None
    end: dt.date | None = None
    roll = rng.random()
    if roll < 0.35:
        pass
    elif roll < 0.7:
        months = rng.choice((3, 6, 6, 12, 12, 12, 24, 36))
        end = end_of_term(start, months)
    else:
        end = dt.date(start.year + rng.choice((0, 1, 1, 2)), 12, 31)
        if end <= start:
            end = dt.date(start.year + 1, 12, 31)
    signed = start - dt.timedelta(days=rng.randint(3, 45))
    while signed.weekday() > 4:  # offices sign on working days
        signed -= dt.timedelta(days=1)
    workers = rng.choice((2, 3, 3, 4, 4, 5, 6, 6, 8, 10, 12, 15))
    place = rng.choice((work.seat.town, other.seat.town, work.seat.town))
    return Enclave(
        work,
        other,
        location,
        rng.choice(world.ACTIVITIES),
        workers,
        start,
        end,
        months,
        signed,
        place,
    )
