"""What every template shares: its result (`Made`), the registry, and party wording.

A template is a function from a seeded `random.Random` to a `Made`: a Word document (`Sheet`)
or an e-mail (bytes), the contracts it states and its tags. Templates register themselves with
`@template(name, kind)`; `catalogue.TEMPLATES` lists them all in a fixed order.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from mailbox_ingest.domain.enums import OrganisationKind
from samples.office.docxkit import Sheet
from samples.office.facts import Enclave, Org

Kind = OrganisationKind


@dataclass(slots=True)
class Made:
    """One written document: a DOCX sheet or a mail, the contracts it states, its tags."""

    deals: list[Enclave]
    author: str
    when: dt.date
    sheet: Sheet | None = None
    mail: bytes | None = None
    tags: list[str] = field(default_factory=list)
    is_contract: bool = True


Builder = Callable[[random.Random], Made]


@dataclass(frozen=True, slots=True)
class Template:
    """A named way of writing a document."""

    name: str
    kind: str  # "docx" (converted to pdf/doc/rtf or kept) or "eml"
    build: Builder
    is_contract: bool


REGISTRY: list[Template] = []


def template(name: str, kind: str = "docx", contract: bool = True) -> Callable[[Builder], Builder]:
    """Register a template function under a name."""

    def register(build: Builder) -> Builder:
        REGISTRY.append(Template(name, kind, build, contract))
        return build

    return register


def workplace_role(rng: random.Random, org: Org) -> str:
    """How a contract names the workplace after identifying it."""
    options: tuple[str, ...]
    if org.kind is Kind.BESCHUTTE_WERKPLAATS:
        options = ("de beschutte werkplaats", "de werkplaats", "de opdrachtnemer")
    elif org.kind is Kind.SOCIALE_WERKPLAATS:
        options = ("de sociale werkplaats", "de werkplaats", "de opdrachtnemer")
    else:
        options = (
            "het maatwerkbedrijf",
            "het maatwerkbedrijf",
            "de dienstverlener",
            "de opdrachtnemer",
        )
    return rng.choice(options)


def counterpart_role(rng: random.Random, org: Org) -> str:
    """How a contract names the counterpart after identifying it."""
    if org.kind is Kind.FLEMISH_GOVERNMENT:
        return "het Agentschap"
    if org.kind is Kind.OTHER_PUBLIC:
        return rng.choice(
            (f"het {org.form}" if org.form == "ocmw" else f"de {org.form}", "de opdrachtgever")
        )
    return rng.choice(
        ("de opdrachtgever", "de klant", "de onderneming", "de gebruiker", "de afnemer")
    )


def title(rng: random.Random, legacy: bool = False) -> str:
    """A contract title."""
    if legacy:
        return rng.choice(
            (
                "Ondernemingscontract – enclave",
                "Overeenkomst inzake enclavewerk",
                "Enclaveovereenkomst",
            )
        )
    return rng.choice(
        (
            "Enclavecontract",
            "Overeenkomst inzake enclavewerk",
            "Samenwerkingsovereenkomst enclave",
            "Enclaveovereenkomst",
            "Overeenkomst voor enclavewerking",
        )
    )


def cap(text: str) -> str:
    """The text with its first letter in capitals."""
    return text[:1].upper() + text[1:]


def is_legacy(deal: Enclave) -> bool:
    """Whether the workplace is a pre-2019 sheltered or social workshop."""
    return deal.workplace.kind is not Kind.MAATWERKBEDRIJF


def domain(org: Org) -> str:
    """An invented mail domain for an organisation."""
    plain = unicodedata.normalize("NFKD", org.short.lower()).encode("ascii", "ignore").decode()
    letters = "".join(c for c in plain if c.isalnum())
    return f"{letters}.be"


def supervision(rng: random.Random, wp_role: str) -> str:
    """A clause on supervision (mentions a supervisor count that is not the team size)."""
    return rng.choice(
        (
            f"{cap(wp_role)} voorziet in permanente en gekwalificeerde begeleiding door één (1) "
            "eigen begeleider, die het gezag over de werknemers uitoefent.",
            f"De begeleiding en het gezag over de werknemers blijven te allen tijde bij {wp_role}. "
            "Er is permanent een begeleider aanwezig op de werkvloer.",
            f"{cap(wp_role)} blijft de werkgever van de werknemers en staat in voor hun omkadering "
            "door een ervaren monitor.",
        )
    )


def price(rng: random.Random) -> str:
    """A clause on the fee (numbers that are no field)."""
    euro = f"{rng.randint(19, 34)},{rng.choice(('00', '50', '75', '25'))}"
    return rng.choice(
        (
            f"De vergoeding bedraagt EUR {euro} per gepresteerd uur per werknemer, exclusief btw. "
            "Facturatie gebeurt maandelijks; betaling binnen 30 dagen na factuurdatum.",
            f"Voor de prestaties wordt een uurtarief van € {euro} (excl. btw) aangerekend. "
            "De tarieven worden jaarlijks op 1 januari geïndexeerd.",
        )
    )


def notice(rng: random.Random) -> str:
    """A clause on termination (a term in months that is no duration of the contract)."""
    return rng.choice(
        (
            "Elke partij kan deze overeenkomst beëindigen mits een opzegtermijn van drie (3) "
            "maanden, te betekenen bij aangetekend schrijven.",
            "De overeenkomst kan door elk van de partijen worden opgezegd met inachtneming van een "
            "opzeggingstermijn van 1 maand, die ingaat op de eerste dag van de maand volgend op de "
            "kennisgeving.",
        )
    )
