"""Shared wording helpers for the form and prose builders.

`Writer` wraps one document's choices (date style, how enterprise numbers and worker counts are
written) so every value in the document is written the same way, as one author would.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from mailbox_ingest.domain.enums import OrganisationKind
from samples.corpus import docs_pool as pool
from samples.corpus.docs_format import (
    blank,
    format_date,
    format_enterprise_number,
    format_workers,
)
from samples.corpus.truth import ContractTruth

FUNCTIONS = (
    "algemeen directeur",
    "gedelegeerd bestuurder",
    "zaakvoerder",
    "directeur",
    "HR-manager",
    "voorzitter raad van bestuur",
    "bedrijfsleider",
    "operationeel directeur",
)


@dataclass(slots=True)
class Writer:
    """The writing habits of one document."""

    truth: ContractTruth
    rng: random.Random
    number_seed: int
    workers_words: float
    blank_text: str

    @classmethod
    def for_truth(cls, truth: ContractTruth, rng: random.Random) -> Writer:
        """Habits drawn once per document."""
        return cls(truth, rng, rng.getrandbits(32), rng.choice([0.0, 0.0, 0.6, 1.0]), blank(rng))

    def date(self, value: dt.date | None) -> str:
        """A date in the document's style, or the blank for a missing one."""
        return self.blank_text if value is None else format_date(value, self.truth.date_style)

    def number(self, value: str | None) -> str:
        """An enterprise number the way this document writes them."""
        if value is None:
            return self.blank_text
        return format_enterprise_number(value, random.Random(self.number_seed))

    def workers(self) -> str:
        """The worker count as written in this document."""
        return format_workers(
            self.truth.workers, random.Random(self.number_seed + 1), self.workers_words
        )

    def location(self) -> str:
        """The work location, or the blank."""
        return self.blank_text if self.truth.work_location is None else self.truth.work_location

    def person(self) -> str:
        """Some person's name."""
        return pool.person(self.rng)

    def function(self) -> str:
        """Some person's function."""
        return self.rng.choice(FUNCTIONS)

    def phone(self) -> str:
        """A Belgian phone number."""
        zone = self.rng.choice(["09", "03", "011", "056", "016", "050", "014", "053"])
        rng = self.rng
        return f"{zone} {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}"

    def email(self, name: str, kind: OrganisationKind) -> str:
        """An address at the organisation's domain."""
        box = self.rng.choice(["info", "enclaves", "administratie", "secretariaat", "hr"])
        return f"{box}@{pool.domains_for(name, kind)[0]}"

    def shifted(self, days: int) -> str:
        """A distractor date some days away from the start (or signing) date."""
        base = self.truth.start_date or self.truth.signed_date or dt.date(2018, 1, 1)
        return self.date(base + dt.timedelta(days=days))


def workplace_role(truth: ContractTruth, rng: random.Random) -> str:
    """How the contract names the workplace after introducing it."""
    kind_word = {
        OrganisationKind.MAATWERKBEDRIJF: "het maatwerkbedrijf",
        OrganisationKind.BESCHUTTE_WERKPLAATS: "de beschutte werkplaats",
        OrganisationKind.SOCIALE_WERKPLAATS: "de sociale werkplaats",
    }.get(truth.workplace_kind, "de werkplaats")
    return rng.choice(["de werkplaats", "de werkplaats", kind_word, "de dienstverlener"])


def counterpart_role(rng: random.Random) -> str:
    """How the contract names the counterpart after introducing it."""
    return rng.choice(["de onderneming", "de opdrachtgever", "de klant", "de gebruiker"])


def cap(text: str) -> str:
    """The text with a capital first letter."""
    return text[:1].upper() + text[1:]
