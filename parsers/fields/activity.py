"""The nature of the work found as an activity phrase in a sentence about the work.

Contracts name the work as a nominalised activity inside a sentence whose verb says that one
party does it for the other: "De partner voert in enclave het bestukken van printplaten uit",
"... in te zetten voor het vouwen en kuverteren van drukwerk", "staat in voor het kweken en
oppotten van sierplanten met 3 werknemers", "doet een beroep op het maatwerkbedrijf voor de
was- en strijkdienst voor bewonerskledij". Rather than listing those sentences, this module
looks, in sentences with a work verb, for `het`/`de` followed by an activity: a verb used as a
noun (`het monteren van ...`, `het snijden en verpakken van ...`) or a noun followed by `van`
or `voor` (`de assemblage van ...`), and cuts it where the sentence goes on to who, where and
how (`uit`, `met`, `door`, `in`, `op`, `onder`, a comma). Party words (`het maatwerkbedrijf`,
`de opdrachtgever`) are never an activity. Hand-written: no Dutch NLP model small enough to
ship reads this idiom reliably.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.fields.textmap import TextMap

_CUE = re.compile(
    r"\bvoer(?:t|en)\b|\buit\s+te\s+voeren\b|\buitvoer|\bin(?:\s+te)?\s+zetten\b|\bingezet\b"
    r"|\bsta(?:at|an)\b[^.]{0,60}\bin\s+voor\b|\binstaan\s+voor\b|\bbestaa?t?n?\s+uit\b"
    r"|\bverbindt\s+zich\b|\bverbinden\s+zich\b|\bbelast\s+met\b|\bberoep\b|\bmet\s+name\b"
    r"|\blevert\b|\bverzorg|\bverricht|\bzorgt\s+voor\b|\bzorgen\s+voor\b"
    r"|\bnamelijk\b|\bomvat|\bdoet\b|\bdoen\b|\baan\s+de\s+slag\b"
    r"|\bne(?:emt|men)\b[^.]{0,120}\bop\s+zich\b|\bstel(?:t|len)\b[^.]{0,80}\b(?:samen|ter\s+beschikking)\b"
)
_PREAMBLE = re.compile(  # a recital names decisions and laws; a party's introduction its seat
    r"^\s*(?:gelet|overwegende|considérant|vu)\b|\bgelet\s+op\b|\boverwegende\s+dat\b"
    r"|\bvertegenwoordigd\s+door\b|\bin\s+uitvoering\s+van\b|\bhierna\s+(?:genoemd\s+)?[\"'“„]|\bondernemingsnummer\b",
    re.IGNORECASE,
)
_ACTIVITY_NOUN = re.compile(
    r"(?:ing|age|dienst|diensten|werk|werken|controle|maak|houd|beheer|productie|zorg|bouw"
    r"|bediening|verzorging)$"
)
_PARTY_NOUNS = frozenset(
    "maatwerkbedrijf werkplaats opdrachtgever opdrachtnemer onderneming klant gebruiker afnemer"
    " partner organisatie agentschap gemeente stad ocmw dienstverlener leverancier uitvoerder"
    " enclave ploeg groep team werkzaamheden opdracht overeenkomst samenwerking partijen"
    " werknemers medewerkers personen arbeiders begeleider begeleiding monitor volgende"
    " navolgende onderstaande lokalen vestiging site terrein adres locatie werkplek kosten"
    " prijs vergoeding duur periode contract decreet besluit raad bestuur voorzitter"
    " beschutte sociale eerste tweede derde".split()
)
_NOT_GERUNDS = frozenset(
    "werknemers medewerkers personen arbeiders volgenden partijen kosten lokalen diensten"
    " prestaties taken activiteiten werkzaamheden goederen gegeven regelen afspraken"
    " omstandigheden uren dagen weken maanden jaren".split()
)
_PHRASE = re.compile(
    r"\b(het|de)\s+([a-zà-ÿ][\w-]*)(?=((?:\s+[^\s.;:!?()]+){0,14}))", re.IGNORECASE
)
_PLAIN_PLACE = re.compile(  # "in de onderneming", "in de lokalen van de klant": only where
    r"(?:onderneming|organisatie|vestiging|vestigingen|lokalen|gebouwen|site|terreinen|bedrijf"
    r"|opdrachtgever|klant|gebruiker|afnemer)\b|\w+\s+(?:van|te|aan)\b"
)
_PLACE_STOP = re.compile(r"\s+(?:in\s+(?:de|het)|op\s+(?:de|het)|bij|aan\s+de)\s")
_STOP = re.compile(
    r"\s+(?:uit|met|door|onder|in\s+(?:de|het|enclave|onze|zijn|haar|hun)|op\s+(?:de|het|zich)"
    r"|te|bij|aan\s+de|vanaf|gedurende|tegen|volgens|binnen|ten|ter|tijdens|zoals|waarbij"
    r"|die|dat|dewelke|en\s+dit|om|wordt|worden|zal|zullen|is|zijn)\b.*$"
    r"|\s*[,;].*$",
    re.DOTALL,
)
# "in het bedrijfsrestaurant" right after the activity, the clause ending there, names the part
# of the client's site the work is about ("bediening van de vaatwasstraat in het
# bedrijfsrestaurant"); "in de vestiging van de klant", "in de hal te Gent" only say where.
_ROOM = re.compile(r"\s+in\s+(?:de|het)\s+(?!(?:" + _PLAIN_PLACE.pattern + r"))([a-zà-ÿ][\w-]*)\b")
_ROOM_GOES_ON = re.compile(r"\s+(?:te|bij|aan|op|in|van|nabij|gelegen)\b|\s*[,;]\s*\d")
_NOT_ROOMS = frozenset(
    "kader loop week weekend voormiddag namiddag ochtend avond zomer winter periode regio"
    " streek buurt omgeving nabijheid praktijk toekomst".split()
)
_SENTENCE = re.compile(r"[^.;!?\n]*(?:\n(?![ \t]*\n)[^.;!?\n]*)*")


@dataclass(frozen=True, slots=True)
class Activity:
    """An activity phrase: its text and where it stands in the searched text."""

    text: str
    start: int
    end: int
    sure: bool = True  # False: cut at "in het ...", which may name the place or the work itself


def _is_activity_head(article: str, word: str, rest: str) -> bool:
    """Whether `word` opens an activity: `het` + a verb used as a noun, or an activity noun.

    Verbs used as nouns are neuter (`het monteren`); plural nouns that also end in -en take
    `de` (`de maatwerkbedrijven`). An activity noun (`de assemblage`, `het onderhoud`, `de
    was- en strijkdienst`) must be followed by what it acts on (`van`, `voor`).
    """
    if word in _PARTY_NOUNS:
        return False
    if article == "het" and word.endswith("en") and len(word) >= 5 and word not in _NOT_GERUNDS:
        return True
    joined = re.match(r"\s+en\s+([\w-]+)", rest) if word.endswith("-") else None
    noun = joined.group(1) if joined else word  # "de was- en strijkdienst": the noun ends it
    return bool(_ACTIVITY_NOUN.search(noun)) and bool(
        re.match(r"\s+(?:en\s+[\w-]+\s+)?(?:van|voor)\s", rest)
    )


def _cut(phrase: str) -> tuple[str, bool]:
    """The activity without what the sentence says next (who, where, how, when).

    The flag is False when the cut fell on a place word ("in het bedrijfsrestaurant", "op de
    site"): that may be where the work is done, or part of the work ("bediening van de
    vaatwasstraat in het bedrijfsrestaurant"); a reviewer decides.
    """
    stop = _STOP.search(phrase)
    if stop is None:
        return phrase.strip(" -–"), True
    room = _ROOM.match(phrase, stop.start())
    if room is not None and room.group(1).lower() not in _PARTY_NOUNS | _NOT_ROOMS:
        after = phrase[room.end() :]
        rest = _STOP.match(after)
        if not after.strip() or (rest is not None and not _ROOM_GOES_ON.match(after)):
            return phrase[: room.end()].strip(" -–"), True  # "... in het bedrijfsrestaurant"
    place = _PLACE_STOP.match(phrase, stop.start())
    sure = place is None or _PLAIN_PLACE.match(phrase, place.end()) is not None
    return phrase[: stop.start()].strip(" -–"), sure


def _scope(body: str) -> int | None:
    """Where the part of a sentence about the work starts: the line of a work verb.

    A sentence without a full stop may run on from a party's introduction ("..., hierna
    genoemd "de werkplaats",") or from a party block set beside it: such lines are not read,
    only those from the line holding a work verb on, unless that part is itself a preamble.
    """
    folded = body.lower()
    if not _CUE.search(folded):
        return None
    if not _PREAMBLE.search(body):
        return 0
    for cue in _CUE.finditer(folded):
        start = body.rfind("\n", 0, cue.start()) + 1
        if re.match(r"\s*[A-Z]", body[start:]) and not _PREAMBLE.search(body[start:]):
            return start  # a new clause opens the line: "De gebruiker doet een beroep op ..."
    return None


def find_activities(text: str) -> list[Activity]:
    """Every activity phrase in a sentence that speaks of doing the work, in order."""
    out: list[Activity] = []
    for sentence in _SENTENCE.finditer(text):
        body = sentence.group(0)
        scope = _scope(body)
        if scope is None:
            continue
        for m in _PHRASE.finditer(body, scope):
            head, rest = m.group(2), m.group(3)
            if not _is_activity_head(m.group(1).lower(), head.lower(), rest):
                continue
            phrase, sure = _cut(head + rest)
            words = phrase.split()
            if len(words) < 2 and not words[0].lower().endswith("en"):
                continue
            start = sentence.start() + m.start(2)
            out.append(Activity(re.sub(r"\s+", " ", phrase), start, start + len(phrase), sure))
            break  # one activity per sentence: the first after its verb
    return out


_TASK_HEADER = frozenset(
    "taken taak werkzaamheden activiteit activiteiten omschrijving opdracht werk".split()
)
_SUPPORT_ROW = re.compile(  # the row of the workplace's own staff: no work of the enclave
    r"\b(?:begeleiding|begeleider|omkadering|monitor|toezicht|leiding)\b", re.IGNORECASE
)
_TOLERANCE = 4.0  # points: a cell's words start at or right of its header


@dataclass(frozen=True, slots=True)
class TableTask:
    """The work read from the tasks column of a table, and whether a cell wrapped."""

    text: str
    start: int
    end: int
    wrapped: bool


def _cell_key(word: str) -> str:
    return word.strip("|:").lower()


def _pipe_tasks(tm: TextMap, index: int) -> list[TableTask]:
    """Cells under a tasks header in a table written as "a | b | c" rows (Word tables)."""
    header = [_cell_key(c.strip()) for c in tm.lines[index].line.text.split("|")]
    columns = [i for i, c in enumerate(header) if c in _TASK_HEADER]
    if not columns:  # "Taken: ..." inside a cell: a label, no header
        return []
    column, out = columns[0], []
    for k in range(index + 1, min(index + 8, len(tm.lines))):
        text = tm.lines[k].line.text
        cells = text.split("|")
        if len(cells) != len(header):
            break
        if _SUPPORT_ROW.search(cells[0]) or _SUPPORT_ROW.match(cells[column].strip()):
            continue
        value = cells[column].strip()
        start = tm.line_starts[k] + len("|".join(cells[:column])) + 1
        start += len(cells[column]) - len(cells[column].lstrip())
        out.append(TableTask(value, start, start + len(value), False))
    return out


def _boxed_tasks(tm: TextMap, index: int) -> list[TableTask]:
    """Cells under a tasks header in a table read from a PDF: words placed in its column.

    A row starts where a word stands in the first column; a cell's lines are joined, a word
    split at the line end ("strijk-" / "dienst") made whole. The table ends at a line with a
    word across a column's edge (prose) or on another page.
    """
    head = tm.lines[index]
    words = head.line.words
    if any(w.box is None for w in words):
        return []
    column = next(i for i, w in enumerate(words) if _cell_key(w.text) in _TASK_HEADER)
    edges = [w.box.x0 - _TOLERANCE for w in words]  # type: ignore[union-attr]
    left = edges[column]
    right = edges[column + 1] if column + 1 < len(edges) else float("inf")
    rows: list[tuple[str, list[str], int, int, int]] = []  # first cell, lines, start, end, n
    for k in range(index + 1, min(index + 16, len(tm.lines))):
        placed = tm.lines[k]
        if placed.page != head.page or any(w.box is None for w in placed.line.words):
            break
        boxes = [w.box for w in placed.line.words]
        if any(b.x0 < e < b.x1 - _TOLERANCE for b in boxes for e in edges[1:]):  # type: ignore[union-attr]
            break
        offsets, pos = [], tm.line_starts[k]
        for w in placed.line.words:
            offsets.append(pos)
            pos += len(w.text) + 1
        cell = [
            (w.text, o)
            for w, o in zip(placed.line.words, offsets, strict=True)
            if left <= w.box.x0 < right  # type: ignore[union-attr]
        ]
        first = [w.text for w in placed.line.words if w.box.x0 < edges[1]]  # type: ignore[union-attr]
        if first or not rows:
            rows.append((" ".join(first), [], -1, -1, 0))
        label, parts, start, end, n = rows[-1]
        if cell:
            start = cell[0][1] if start < 0 else start
            end = cell[-1][1] + len(cell[-1][0])
            parts.append(" ".join(t for t, _ in cell))
            n += 1
        rows[-1] = (label, parts, start, end, n)
    out = []
    for label, parts, start, end, n in rows:
        value = ""
        for part in parts:
            whole = value.endswith("-") and not re.match(r"(?:en|of)\b", part)
            value = value[:-1] + part if whole else f"{value} {part}".strip()
        if value and not _SUPPORT_ROW.search(label) and not _SUPPORT_ROW.match(value):
            out.append(TableTask(value, start, end, n > 1))
    return out


def find_table_tasks(tm: TextMap) -> list[TableTask]:
    """The work named in the cells of a table column headed "Taken", "Werkzaamheden", ...

    A work-post sheet ("Werkpost | Taken | Aantal | Uurrooster") gives one row for the
    enclave and one for its coach; the coach's row is left out.
    """
    for index, placed in enumerate(tm.lines):
        words = placed.line.words
        keys = [_cell_key(w.text) for w in words]
        if not 3 <= len(words) <= 8 or not any(k in _TASK_HEADER for k in keys):
            continue
        if "|" in placed.line.text:
            found = _pipe_tasks(tm, index)
        elif all(w.text[:1].isupper() for w in words):  # a header row: capitalised cells
            found = _boxed_tasks(tm, index)
        else:
            continue
        if found:
            return found
    return []
