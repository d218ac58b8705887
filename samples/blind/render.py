"""How one document writes the facts: dates, numbers, addresses, counts and durations.

Each template asks its `Style` for the text of a fact; the style picks one of the forms real
documents use and records a tag for it, so the truth says which forms a document contains.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from samples.blind import dutch
from samples.blind.facts import Address, Deal, Org

DATE_FORMS = ("slash", "slash_short", "dash", "dot", "long", "long", "slash", "words")
ROLE_WORKPLACE = ("de werkplaats", "de uitvoerder", "de dienstverlener")
ROLE_BY_KIND = {
    "maatwerkbedrijf": "het maatwerkbedrijf",
    "beschutte_werkplaats": "de beschutte werkplaats",
    "sociale_werkplaats": "de sociale werkplaats",
}
ROLE_CLIENT = ("de opdrachtgever", "de klant", "de onderneming", "de gebruiker", "de afnemer")


@dataclass
class Style:
    """The choices of one document, drawn once so the document is consistent."""

    rng: random.Random
    tags: set[str] = field(default_factory=set)
    date_form: str = ""
    number_form: str = ""

    def __post_init__(self) -> None:
        self.date_form = self.rng.choice(DATE_FORMS)
        self.number_form = self.rng.choice(
            ["dots", "dots", "dots", "vat", "vat_dots", "nine", "spaces"]
        )
        self.wp_role = self.rng.choice(ROLE_WORKPLACE)
        self.cp_role = self.rng.choice(ROLE_CLIENT)

    def fit_roles(self, d: Deal) -> None:
        """Let the workplace's role word name its kind half of the time."""
        if self.rng.random() < 0.5:
            self.wp_role = ROLE_BY_KIND.get(d.workplace.kind, self.wp_role)

    def date(self, day: date, form: str | None = None) -> str:
        """A date in this document's form (or the one asked for)."""
        form = form or self.date_form
        self.tags.add(f"date_{form}")
        if form == "slash":
            return f"{day.day:02d}/{day.month:02d}/{day.year}"
        if form == "slash_short":
            return f"{day.day}/{day.month}/{day.year}"
        if form == "dash":
            return f"{day.day}-{day.month}-{day.year}"
        if form == "dot":
            return f"{day.day:02d}.{day.month:02d}.{day.year}"
        if form == "words":
            return dutch.date_words(day)
        if form == "weekday":
            return dutch.date_long(day, weekday=True)
        return dutch.date_long(day)

    def number(self, canonical: str | None, form: str | None = None) -> str:
        """An enterprise number as written: dots, BE VAT form, old nine digits, spaces."""
        if canonical is None:
            return ""
        form = form or self.number_form
        if form == "nine" and not canonical.startswith("0"):
            form = "dots"
        self.tags.add(f"kbo_{form}")
        digits = canonical.replace(".", "")
        if form == "vat":
            return f"BE {digits[:4]} {digits[4:7]} {digits[7:]}"
        if form == "vat_dots":
            return f"BE{canonical}"
        if form == "nine":
            return f"{digits[1:4]}.{digits[4:7]}.{digits[7:]}"
        if form == "spaces":
            return f"{digits[:4]} {digits[4:7]} {digits[7:]}"
        return canonical

    def kbo_phrase(self, org: Org) -> str:
        """', ingeschreven in de KBO onder nummer ...' in one of the usual wordings."""
        if org.number is None:
            return ""
        num = self.number(org.number)
        if self.number_form in ("vat", "vat_dots"):
            return f", btw-nummer {num}"
        if self.number_form == "nine":
            return f", met ondernemingsnummer {num}"
        return self.rng.choice(
            [
                f", ingeschreven in de Kruispuntbank van Ondernemingen onder het nummer {num}",
                f", met ondernemingsnummer {num}",
                f" (KBO {num})",
                f", KBO-nummer {num}",
            ]
        )

    def address(self, a: Address, form: str | None = None) -> str:
        """An address as written: street first, town first, with or without postcode."""
        if a.town_only:
            self.tags.add("address_town_only")
            return a.town
        if not a.postcode_shown:
            form = "no_postcode"
        form = form or self.rng.choice(["street_first"] * 4 + ["town_first"])
        self.tags.add(f"address_{form}")
        house = a.number
        if a.box:
            if self.rng.random() < 0.5 and a.box.isdigit():
                house = f"{a.number}/{a.box}"
                self.tags.add("address_slash_box")
            else:
                house = f"{a.number} bus {a.box}"
                self.tags.add("address_bus")
        if form == "town_first":
            return f"{a.postcode} {a.town}, {a.street} {house}"
        if form == "no_postcode":
            return f"{a.street} {house} te {a.town}"
        return f"{a.street} {house}, {a.postcode} {a.town}"

    def location_phrase(self, a: Address) -> str:
        """Where the work happens, inside a sentence ('te Lokeren', 'te 8500 Kortrijk, ...')."""
        if a.town_only:
            self.tags.add("address_town_only")
            return f"te {a.town}"
        roll = self.rng.random()
        if roll < 0.3 and a.postcode_shown:
            self.tags.add("address_te")
            house = a.number + (f" bus {a.box}" if a.box else "")
            return f"te {a.postcode} {a.town}, {a.street} {house}"
        if roll < 0.6:
            return f"op het adres {self.address(a)}"
        form = "street_first" if a.postcode_shown else "no_postcode"
        return f"in de {self.address(a, form)}"

    def workers(self, n: int) -> str:
        """'6', 'zes (6)', '6 (zes)', 'zes'."""
        form = self.rng.choice(["digits", "digits", "words_digits", "digits_words", "words"])
        self.tags.add(f"workers_{form}")
        word = dutch.cardinal(n)
        return {
            "digits": str(n),
            "words_digits": f"{word} ({n})",
            "digits_words": f"{n} ({word})",
            "words": word,
        }[form]

    def duration(self, d: Deal) -> str:
        """The term: from the start, indefinite, until a day, or for a number of months."""
        start = self.date(d.start)
        if d.end is None:
            self.tags.add("duration_indefinite")
            return self.rng.choice(
                [
                    f"vanaf {start} voor onbepaalde duur",
                    f"met ingang van {start} en is van onbepaalde duur",
                    f"vanaf {start}, voor onbepaalde tijd",
                ]
            )
        if d.months:
            self.tags.add("duration_months")
            return f"vanaf {start} voor een periode van {d.months} maanden"
        self.tags.add("duration_until")
        end = self.date(d.end)
        return self.rng.choice(
            [
                f"vanaf {start} tot en met {end}",
                f"van {start} tot {end}",
                f"met ingang van {start} en eindigt op {end}",
            ]
        )
