"""Labelled values normalised into contract fields, each with confidence and evidence.

Confidence of a field = base x the lowest reader confidence of the value's words x the label
factor (1 for an exact label, 0.70-0.85 for a fuzzy one) x the normaliser's own confidence
(a repaired enterprise number, a count whose word and digits disagree).
"""

from __future__ import annotations

import datetime as dt
import re

from parsers.fields.address import canonical_address, find_addresses
from parsers.fields.bullets import list_at, strip_bullet
from parsers.fields.dates import find_dates
from parsers.fields.duration import parse_duration, parse_period
from parsers.fields.enterprise import find_enterprise_numbers, normalise_enterprise_number
from parsers.fields.form import RawValue
from parsers.fields.labels import FUZZY_THRESHOLD, LabelKey
from parsers.fields.leadin import trim_nature
from parsers.fields.names import clean_name, plausible_name
from parsers.fields.numbers import parse_count
from parsers.fields.textmap import TextMap, clean_value, fold
from parsers.types import FieldValue

BASE = 0.98
LISTED = 0.8
_EMPTY = re.compile(r"^[\s.\-_/…]*$")
_NO_COMMA_POSTCODE = re.compile(r"(\d+\s?[A-Za-z]?(?:\s+bus\s+\w+)?)\s+([1-9]\d{3}\s+[A-Z])")
_BOX = re.compile(r"\[[\s({]*([xX✓✔v]?)[\s)}]*[\])}]|[☒☑■▣⊠]|[☐□]")  # OCR: `[ }`, `[(X]`
_TICKED = frozenset("☒☑■▣⊠")  # filled or crossed boxes; "☐" and "□" are empty
_FROM = re.compile(
    r"(?:\bvanaf|\bvan|met\s+ingang\s+van|\bin\s+op|\bingaande?(?:\s+op)?"
    r"|\b(?:aanvangend|beginnend|startend|te\s+beginnen)\s+op)\s*(?:de\s+)?$"
)
_HEADER_WORD = re.compile(  # a table's header cell read as the value beside a label
    r"^(?:gegevens|invulling|omschrijving|waarde|details|afspraak|afspraken|onderdeel|inhoud"
    r"|beschrijving|toelichting|antwoord|in\s+te\s+vullen)\s*:?$",
    re.IGNORECASE,
)
_PLACE_ONLY = re.compile(r"^(?:[1-9]\d{3}\s+)?[A-Z][\w'-]+(?:[ -][A-Z][\w'-]+){0,2}$")
PLACE_ONLY_FACTOR = 0.6
_UNREAD_PLACE = re.compile(r"\b(?:te|in)\s+[A-Z]|\b[1-9]\d{3}\b")  # a town the finder left out
ADDRESS_SHARE = 0.6
_NO_END = re.compile(r"\b(?:onbepaald|onbepaalde|geen|n\.?v\.?t\.?|nvt|o\.?b\.?d\.?)(?!\w)")


def tidy_address(text: str) -> str:
    """A Belgian address in its canonical form `Street 12 bus 3, 9000 Gent`.

    The address finder gives it when it recognises one; otherwise a comma is put before the
    postcode if it is missing.
    """
    found = canonical_address(text)
    return found if found is not None else _NO_COMMA_POSTCODE.sub(r"\1, \2", text)


def judge_location(text: str) -> tuple[str, float] | None:
    """A work-location value in canonical form with how far it is trusted, or None.

    A value holding no address and no bare town ("Site 2", "(indien verschillend van de
    zetel)", a number) is no location; a bare town, an address that is only a small part of
    the value, or one beside a town or postcode it did not take in ("... te Mol"), is kept for a
    reviewer to complete (trust `PLACE_ONLY_FACTOR`).
    """
    found = find_addresses(text)
    if not found:
        return (tidy_address(text), PLACE_ONLY_FACTOR) if _PLACE_ONLY.match(text) else None
    address = found[0]
    share = (address.end - address.start) / max(len(text.strip()), 1)
    rest = text[: address.start] + " " + text[address.end :]
    whole = share >= ADDRESS_SHARE and not _UNREAD_PLACE.search(rest)
    return address.canonical, 1.0 if whole else PLACE_ONLY_FACTOR


_ORG_TOKEN = re.compile(
    r"(?<![\w-])(?:NV|BV|VZW|CV|CVBA|BVBA|VOF|SRL|ASBL|comm\.\s?v)\.?(?![\w-])", re.IGNORECASE
)


def names_an_organisation(text: str) -> bool:
    """Whether a value names a party (a legal form, an enterprise number) rather than work."""
    return bool(_ORG_TOKEN.search(text) or find_enterprise_numbers(text))


def label_factor(score: float) -> float:
    """How much a label's match quality is trusted: 1.0 exact, 0.70-0.85 fuzzy."""
    if score >= 100:
        return 1.0
    return 0.70 + 0.15 * max(0.0, score - FUZZY_THRESHOLD) / (100 - FUZZY_THRESHOLD)


class FieldSink:
    """Collects fields, keeping for each the first value found (or a clearly better one)."""

    def __init__(self, tm: TextMap) -> None:
        """Start empty for one text map."""
        self.tm = tm
        self.fields: dict[str, FieldValue] = {}
        self.problems: list[str] = []
        self.blank: set[str] = set()  # fields whose label was found with nothing filled in

    def put(
        self,
        name: str,
        value: object,
        start: int,
        end: int,
        factor: float,
        more: tuple[tuple[int, int], ...] = (),
    ) -> None:
        """Record a field from spans of the text map, unless a better one is already there."""
        reader = min(self.tm.confidence(s, e) for s, e in [(start, end), *more])
        confidence = round(BASE * factor * reader, 4)
        old = self.fields.get(name)
        if old is not None and old.confidence >= confidence - 0.1:
            return
        self.fields[name] = FieldValue(value, confidence, self.tm.evidence(start, end, more))


def _put_text(sink: FieldSink, name: str, raw: RawValue, factor: float) -> None:
    """A free-text field (name, location, nature of work); an address's lines joined by commas."""
    text = "\n".join(sink.tm.text[s:e] for s, e in raw.pieces)
    if name == "work_location":
        text = re.sub(r"(?<!,)[ \t]*\n\s*", ", ", text)
    text = clean_value(text)
    if name in ("work_location", "nature_of_work"):
        text = text.rstrip(".").rstrip()
    if name == "work_location":
        judged = judge_location(text)
        if judged is None:
            return
        text, trust = judged
        factor *= trust
    end = raw.end
    if name == "nature_of_work":
        line_start = sink.tm.text.rfind("\n", 0, raw.start) + 1
        items, list_end = list_at(sink.tm.text, line_start)
        if len(items) > 1 and list_end >= raw.end:  # a list of tasks: every item
            text, end = "; ".join(trim_nature(i) or i for i in items), list_end
            factor = min(factor, LISTED)  # how a person sums up a list varies: a reviewer looks
        text = trim_nature(strip_bullet(text)) or text
        if names_an_organisation(text):
            return  # "Welk maatwerkbedrijf voert de opdracht uit?" answered with a party
    if name.endswith("_name"):
        text = clean_name(text)
        if not plausible_name(text):  # "Opdrachtgever", "Dienstverleningsovereenkomst"
            sink.blank.add(name)
            return
    if _EMPTY.match(text) or sum(c.isalnum() for c in text) < 2 or _HEADER_WORD.match(text):
        sink.blank.add(name)
    else:
        sink.put(name, text, raw.start, end, factor, raw.more)


def _put_date(sink: FieldSink, name: str, raw: RawValue, factor: float) -> dt.date | None:
    """The first date of the value."""
    dates = find_dates(sink.tm.text[raw.start : raw.end])
    if not dates:
        return None
    date, (s, e) = dates[0]
    sink.put(name, date, raw.start + s, raw.start + e, factor)
    return date


def _put_number(sink: FieldSink, party: str, raw: RawValue, factor: float) -> None:
    """An enterprise number, repaired if it can be, flagged if its check digits fail."""
    text = sink.tm.text[raw.start : raw.end]
    read = sink.tm.is_read(raw.start, raw.end)
    found = find_enterprise_numbers(text, read)
    if found:
        result, (s, e) = found[0]
    else:
        result, (s, e) = normalise_enterprise_number(text, read), (0, len(text))
    if result.value is None:
        return
    name = f"{party}_enterprise_number"
    sink.put(name, result.value, raw.start + s, raw.start + e, factor * result.confidence)
    if not result.valid:
        sink.problems.append(f"bad_check_digits:{name}")


def form_fields(tm: TextMap, raws: list[RawValue]) -> FieldSink:
    """Normalise every labelled value into the contract fields."""
    sink = FieldSink(tm)
    durations: list[tuple[RawValue, float]] = []
    for raw in raws:
        factor = label_factor(raw.label_score)
        key = raw.key
        if key is LabelKey.NAME and raw.party is not None:
            _put_text(sink, f"{raw.party}_name", raw, factor)
        elif key is LabelKey.ENTERPRISE_NUMBER and raw.party is not None:
            _put_number(sink, str(raw.party), raw, factor)
        elif key is LabelKey.WORK_LOCATION:
            _put_text(sink, "work_location", raw, factor)
        elif key is LabelKey.NATURE_OF_WORK:
            _put_text(sink, "nature_of_work", raw, factor)
        elif key is LabelKey.WORKERS:
            count = parse_count(tm.text[raw.start : raw.end])
            if count is not None:
                s, e = count.span
                sink.put(
                    "workers", count.value, raw.start + s, raw.start + e, factor * count.confidence
                )
        elif key in (LabelKey.START_DATE, LabelKey.SIGNED_DATE):
            _put_date(sink, str(key), raw, factor)
            if key is LabelKey.START_DATE and _HOW_LONG.search(tm.text[raw.start : raw.end]):
                durations.append((raw, factor))  # "Wanneer? Vanaf 1/10, tot en met 11/1/2022"
        elif key is LabelKey.END_DATE:
            if _put_date(sink, "end_date", raw, factor) is None:
                durations.append((raw, factor))
        elif key is LabelKey.DURATION:
            durations.append((raw, factor))
    for raw, factor in durations:
        _put_duration(sink, raw, factor)
    return sink


_HOW_LONG = re.compile(
    r"\b(?:t[oa]t|t/m|t\.\s?e\.\s?m|onbepaalde|bepaalde|einddatum|maanden|jaar|weken)\b"
)


def _checked(text: str) -> tuple[int, int] | None:
    """The span of the option ticked in a `[X] option [ ] option` choice, if there is one."""
    marks = list(_BOX.finditer(text))
    if not marks:
        return None
    for k, m in enumerate(marks):
        if m.group(0) in _TICKED or (m.group(1) or "").strip():
            end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
            return m.end(), end
    return (0, 0)


def _put_duration(sink: FieldSink, raw: RawValue, factor: float) -> None:
    """A duration value: indefinite, an end date, or a length counted from the start date."""
    text = sink.tm.text[raw.start : raw.end]
    checked = _checked(text)
    if checked is not None:
        raw = RawValue(
            raw.key, raw.party, raw.start + checked[0], raw.start + checked[1], raw.label_score
        )
        text = sink.tm.text[raw.start : raw.end]
    if _put_period(sink, raw, text, factor):
        return
    start = sink.fields.get("start_date")
    if start is None:
        for date, (ds, de) in find_dates(text):
            if _FROM.search(fold(text[max(0, ds - 20) : ds])):
                sink.put("start_date", date, raw.start + ds, raw.start + de, factor)
                start = sink.fields["start_date"]
                break
    result = parse_duration(text, None if start is None else start.value)
    if result is None:
        if _NO_END.search(fold(text)):
            sink.put("indefinite_duration", True, raw.start, raw.end, factor)
        return
    s, e = raw.start + result.span[0], raw.start + result.span[1]
    if result.indefinite:
        sink.put("indefinite_duration", True, s, e, factor)
        return
    if result.end_date is not None:
        sink.put("end_date", result.end_date, s, e, factor)


def _put_period(sink: FieldSink, raw: RawValue, text: str, factor: float) -> bool:
    """A period "X – Y" gives the start (unless one is known) and the end: True when both."""
    period = parse_period(text)
    if period is None:
        return False
    if "start_date" not in sink.fields:
        s, e = period.start_span
        sink.put("start_date", period.start, raw.start + s, raw.start + e, factor)
    if period.end is None or period.end_span is None:
        return False
    s, e = period.end_span
    sink.put("end_date", period.end, raw.start + s, raw.start + e, factor)
    return True
