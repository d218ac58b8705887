"""Contracts written in articles: fields found from the phrases that introduce them.

Every pattern is anchored on wording that only introduces the wanted value ("gaat in op",
"stelt zes (6) doelgroepwerknemers ter beschikking", "Opgemaakt te X op"), so the other dates
and numbers of a contract (notice periods, payment terms, indexation) are left alone.
"""

from __future__ import annotations

import datetime as dt
import re

from parsers.fields.activity import find_activities, find_table_tasks
from parsers.fields.bullets import list_at
from parsers.fields.dates import find_dates
from parsers.fields.duration import parse_duration
from parsers.fields.labels import Party
from parsers.fields.leadin import trim_nature
from parsers.fields.location import put_location
from parsers.fields.numbers import find_counts
from parsers.fields.orgs import fill_parties
from parsers.fields.parties import find_parties
from parsers.fields.textmap import TextMap, fold
from parsers.fields.values import FieldSink, judge_location
from parsers.fields.worddates import find_deed_date

STRONG = 0.95
WEAK = 0.85
GUESS = 0.75  # below the accept threshold: a reviewer confirms
LISTED = 0.8  # tasks joined from a list: how a person sums them up varies, a reviewer looks

_NATURE = re.compile(
    r"(?:werkzaamheden|opdracht|activiteiten|taken)\s+(?:bestaan|bestaat)\s+(?:voornamelijk\s+)?"
    r"uit\s*:?\s*|met\s+als\s+opdracht\s*:?\s*|voor\s+het\s+uitvoeren\s+van\s*:?\s*|"
    r"(?:het\s+)?volgende(?:\s+(?:werkzaamheden|taken|opdracht|activiteiten))?\s*"
    r"(?:uit\s+te\s+voeren\s*)?:\s*|"
    r"\bvolgende\s+(?:werkzaamheden|taken|opdracht|activiteiten)\b"  # "... uit te voeren in X:"
    r"(?:[^:.;\n]|\n(?!\s*\n)){1,100}?:\s*|"
    r"(?:aard|omschrijving)\s+van\s+de\s+(?:werkzaamheden|opdracht)\s*(?::|is|zijn)\s*|"
    r"(?:het\s+)?voorwerp\s+van\s+(?:deze|de)\s+overeenkomst\s+(?:is|bestaat\s+uit)\s*:?\s*"
)
_NATURE_WEAK = re.compile(
    r"\b(?:in)?sta(?:at|an)\s+(?:\w+\s+){0,3}?in\s+voor\s+|\binstaan\s+voor\s+"
    r"|\bbelast\s+met\s+|\bverzorg(?:t|en)\s+|\bverricht(?:en)?\s+"
    r"|\bheeft\s+(?:als\s+)?(?:doel|voorwerp)\s*:?\s*|\bbetreft\s*:?\s*"
    r"|\b(?:werkzaamheden|taken|opdracht|activiteiten)\s*:\s*"
    r"|\bter\s+beschikking\s+(?:\w+\s+){0,8}?voor\s+(?=(?:het|de)\s+\w+en\b|\w+en\s+van\b)"
    r"|\b(?:enclave|ploeg|team)\s+(?:zal\s+)?(?:omvat|betreft|verzorgt|doet|voert)\s+"
    r"|\baan\s+de\s+slag\s+(?:\w+\s+){0,3}?voor\s+(?=(?:het|de)\s+\w+en\b|\w+en\s+van\b)"
    r"|\bne(?:emt|men)\s+(?=(?:het|de)\s+\w+(?:\s+\w+){0,6}\s+op\s+zich\b)"
)
_NOT_WORK = re.compile(
    r"(?:(?:hun|zijn|haar|de|het)\s+)?(?:omkadering|begeleiding|toezicht|gezag|leiding|verloning"
    r"|loon|lonen|verzekering|vergoeding|betaling|facturatie|opvolging|aansturing)\b",
    re.IGNORECASE,
)
_CLIENT_DUTY = re.compile(  # "De onderneming staat in voor een veilige werkplek": the client's part
    r"\b(?:onderneming|klant|opdrachtgever|gebruiker|afnemer)\s+(?:zal\s+|blijft\s+|moet\s+)?$"
)
_NATURE_END = re.compile(r",\s+(?:uitgevoerd|uit\s+te\s+voeren|te\s+verrichten)\b")
_LOCATION = re.compile(
    r"(?:uitgevoerd|uit\s+te\s+voeren|plaats\s*vinden|plaatsvinden|tewerkgesteld|gaan\s+door)"
    r"(?:\s+worden)?\s+(?:op|in|bij|aan)\s+(?:de\s+)?(?:site|vestiging|locatie|zetel|werf|"
    r"terreinen|gebouwen|lokalen)\b[^.;]{0,80}?\b(?:gelegen\s+)?te\s+(?=\S)"
    r"|\bop\s+het\s+(?:volgende\s+)?adres\s*:?\s*"
    r"|\b(?:plaats|adres)\s+van\s+(?:de\s+)?(?:tewerkstelling|uitvoering)\s*(?::|is)\s*"
)
_BLANK_START = re.compile(r"[.…_/\s]{2,}|[.…_/]\s*$")
_WORKERS = re.compile(
    r"((?:\(\s*)?\b[\w\u00c0-\u00ff]+(?:\s*\(\s*[\w\u00c0-\u00ff]+\s*\))?)\s+"
    r"(?:(?:begeleide|ervaren|eigen|gemotiveerde|vaste)\s+)?"
    r"(?:doelgroep[\s-]*)?(?:werknemers?|medewerkers?|personen|arbeiders|werkkrachten|mensen"
    r"|personeelsleden|arbeidskrachten)\b"
    r"|\b(?:ploeg|team|groep)\s+van\s+((?:\(\s*)?\b[\w\u00c0-\u00ff]+"
    r"(?:\s*\(\s*[\w\u00c0-\u00ff]+\s*\))?)(?=\s|[.,;]|$)"
)
_WORKERS_TOTAL = re.compile(
    r"\baantal\s+(?:ingezette\s+)?(?:doelgroep)?(?:werknemers|medewerkers|personen)\s+"
    r"(?:bedraagt|is)\s*:?\s*"
)
_WORKERS_CONTEXT = re.compile(
    r"ter\s+beschikking|enclave|tewerkgesteld|stelt|stellen|bestaat|ingezet|worden"
)
_WORKERS_NOT = re.compile(  # a bound or an estimate is no team size ("ongeveer 300 werknemers")
    r"(?:minimaal|minimum|tot|nog|extra|bijkomende|ongeveer|circa|ca\.|ruim|bijna"
    r"|meer\s+dan|zowat|om\s+en\s+bij)\s*$"
)
_WORKERS_SOFT_CONTEXT = re.compile(
    r"\benclave\b|ter\s+beschikking|\bvoer(?:t|en)\b|uit\s+te\s+voeren|\bzet(?:ten)?\b"
    r"|\bin\s+te\s+zetten\b|\bingezet\b|\bbestaat\s+uit\b|\bstaat\s+in\b|\bwerkzaamheden\b"
    r"|\baan\s+de\s+slag\b|\bop\s+zich\b"
)
_WORKERS_SOFT = re.compile(r"(?:maximaal|maximum|max\.|met|hoogstens|ten\s+hoogste)\s*$")
_START = re.compile(
    r"\b(?:gaat\s+in\s+op|treedt\s+in\s+werking\s+op|met\s+ingang\s+van|neemt\s+(?:een\s+)?"
    r"aanvang\s+op|begint\s+op|start\s+op|loopt\s+van|aanvangsdatum\s*(?:is|:)|"
    r"ingangsdatum\s*(?:is|:)|van\s+kracht\s+(?:vanaf|op)|in\s+voege\s+(?:vanaf|op)|"
    r"vangt\s+aan\s+op|aanvangt\s+op|start\s+vanaf|begint\s+vanaf|ingaand(?:e)?\s+(?:op\s+)?|"
    r"periode\s+van)\s*(?:de\s+)?"
)
_NOT_THIS_CONTRACT = re.compile(
    r"stopgezet|stopzetting|beeindigd|vorige|voorgaande|vervangt|evaluat|factu|index|prijs"
    r"|tarief|decreet|besluit"
)
_START_WEAK = re.compile(r"\bvanaf\s*(?:de\s+)?")
_CONTRACT_WORDS = re.compile(
    r"overeenkomst|contract|enclave|samenwerking|werkzaamheden|werknemers|medewerkers|ploeg"
    r"|\bvoer(?:t|en)\b|uitvoer|beroep\s+doen"
)
_PERIOD_FROM = re.compile(r"\b(?:van|vanaf)\s+(?:de\s+)?")
_PERIOD_TO = re.compile(r"\s*(?:tot|t\.\s?e\.\s?m\.?|t/m|[–—-])\s")
_END = re.compile(
    r"\b(?:t[oa]t\s+en\s+met|t\.\s?e\.\s?m\.|t/m|tot|eindig(?:t|end)\s+(?:van\s+rechtswege\s+)?op"
    r"|loopt\s+af\s+op|einddatum\s*(?:is|:))\s*(?:de\s+)?"
)
_DURATION_CONTEXT = re.compile(r"duur|periode|termijn|looptijd|gesloten|aangegaan|loopt|eindig")
_SIGNED = re.compile(
    r"\b(?:opgemaakt|opgesteld|gedaan\s+te|getekend|ondertekend|ondertekenen|voor[\s-]+akkoord"
    r"|(?:af|ge)?sloten\s+(?:wij\s+|we\s+|partijen\s+)?op)\b"
)


_SIGNED_NEAR = 40  # "ondertekend te Gent op 12 mei 2024": the date follows closely
_PARTICIPLE = re.compile(r"(?:onder)?getekend|ondertekend")
# A date just before these words in one sentence is the day the parties agreed ("werden op 17
# augustus 2017 de volgende afspraken gemaakt").
_AGREED = re.compile(r"\b(?:afspraken\s+gemaakt|overeengekomen|afgesproken)\b")
_SENTENCE_START = re.compile(r"[.;:]\s+(?=[A-Z\u00c0-\u00dd(\"'])|\n\s*\n")


def _sentence(text: str, pos: int) -> tuple[int, int]:
    """The bounds of the sentence around a position."""
    window = max(0, pos - 400)
    starts = [m.end() for m in _SENTENCE_START.finditer(text, window, pos)]
    return (starts[-1] if starts else window), _sentence_end(text, pos)


def _sentence_end(text: str, pos: int) -> int:
    """Where the sentence running at `pos` ends (a full stop before a capital, a blank line)."""
    m = re.compile(
        r"\.(?=\s+[A-Z\u00c0-\u00dd\"'(])|\.\s*$|\.[ \t]*\n|\n\s*\n|;"
        r"|\n(?=\s*(?:Artikel|Art\.|\d+\s*[.)]\s+[A-Z]))"
    )
    found = m.search(text, pos)
    return found.start() if found else len(text)


_WEEKDAY = re.compile(
    r"\s*(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\s*,?\s*", re.IGNORECASE
)


def _date_at(text: str, pos: int, slack: int = 4) -> tuple[object, int, int] | None:
    """A date starting within `slack` characters of `pos` (a weekday before it aside)."""
    weekday = _WEEKDAY.match(text, pos)
    if weekday:
        pos = weekday.end()
    for date, (s, e) in find_dates(text[pos : pos + 80]):  # dates in words run long
        if s <= slack:
            return date, pos + s, pos + e
    return None


def _put_list(sink: FieldSink, pos: int) -> bool:
    """The tasks listed with bullets right after an introducing phrase ending its line."""
    text = sink.tm.text
    line_start = text.rfind("\n", 0, pos) + 1
    if text[line_start:pos].strip():  # the phrase ends its line: the list is on the next one
        line_end = text.find("\n", pos)
        if line_end < 0 or text[pos:line_end].strip():
            return False
        line_start = line_end + 1
    items, end = list_at(text, line_start)
    if len(items) < 2:
        return False
    value = "; ".join(trim_nature(item) or item for item in items)
    sink.put("nature_of_work", value, line_start, end, LISTED)
    return True


def _put_value_phrase(
    sink: FieldSink, pattern: re.Pattern[str], name: str, folded: str, factor: float = STRONG
) -> None:
    """A free-text value following an introducing phrase, up to the end of its sentence."""
    text = sink.tm.text
    for m in pattern.finditer(folded):
        if name == "nature_of_work" and _put_list(sink, m.end()):
            return
        end = min(_sentence_end(text, m.end()), m.end() + 300)
        cut = _NATURE_END.search(folded, m.end(), end)
        end = cut.start() if cut else end
        value = re.sub(r"\s+", " ", text[m.end() : end]).strip(" :,")
        if _BLANK_START.match(value):
            continue
        trust = 1.0
        if name == "work_location":
            judged = judge_location(value)
            if judged is None:
                continue
            value, trust = judged
        else:
            value = trim_nature(value) or value
            if _NOT_WORK.match(value) or _CLIENT_DUTY.search(
                folded, max(0, m.start() - 40), m.start()
            ):
                continue  # "staat in voor hun omkadering", "de onderneming staat in voor ...": not the work
        if len(value) >= 3:
            sink.put(name, value, m.end(), end, factor * trust)
            return


def _put_workers(sink: FieldSink, folded: str) -> None:
    """The number of target-group employees put at the counterpart's disposal."""
    text = sink.tm.text
    for m in _WORKERS_TOTAL.finditer(folded):
        counts = find_counts(text[m.end() : m.end() + 30])
        if counts and counts[0].span[0] <= 2:
            s, e = m.end() + counts[0].span[0], m.end() + counts[0].span[1]
            sink.put("workers", counts[0].value, s, e, STRONG * counts[0].confidence)
            return
    best: tuple[int, int, int, float, float] | None = None  # value, span, context, count
    values: set[int] = set()
    for m in _WORKERS.finditer(folded):
        if _WORKERS_NOT.search(folded[max(0, m.start() - 12) : m.start()]):
            continue
        group = 1 if m.group(1) is not None else 2
        counts = find_counts(sink.tm.text[m.start(group) : m.end(group)])
        if not counts:
            continue
        s, e = _sentence(sink.tm.text, m.start())
        factor = STRONG if _WORKERS_CONTEXT.search(folded[s:e]) else WEAK
        if _WORKERS_SOFT.search(folded[max(0, m.start() - 14) : m.start()]):
            if not _WORKERS_SOFT_CONTEXT.search(folded[s:e]):
                continue  # "de refter biedt plaats aan maximaal 20 personen"
            factor = min(factor, WEAK)  # "voert met maximaal zes werknemers": usually the team
        count = counts[-1]
        values.add(count.value)
        start = m.start(group)
        candidate = (
            count.value,
            start + count.span[0],
            start + count.span[1],
            factor,
            count.confidence,
        )
        if best is None or factor * count.confidence > best[3] * best[4] + 0.05:
            best = candidate
    if best is not None:
        value, s, e, factor, count_confidence = best
        sink.put("workers", value, s, e, _workers_factor(factor, values) * count_confidence)


def _workers_factor(factor: float, values: set[int]) -> float:
    """How sure a team size is: every count beside a worker word agrees, or a guess.

    On the training folders a count found in a weak context was right whenever it was the only
    count beside a worker word; where the text gives several, the pick is a guess.
    """
    return STRONG if len(values) == 1 else min(factor, GUESS)


def _put_start(sink: FieldSink, folded: str) -> int | None:
    """The start date; returns where it was found."""
    text = sink.tm.text
    for m in _PERIOD_FROM.finditer(folded):  # "van 15.06.2024 tot en met 31.12.2025"
        found = _date_at(text, m.end(), 0)
        if found is None or not _PERIOD_TO.match(text, found[2]):
            continue
        s, e = _sentence(text, m.start())
        if not _NOT_THIS_CONTRACT.search(folded[s:e]) and _CONTRACT_WORDS.search(folded[s:e]):
            sink.put("start_date", found[0], found[1], found[2], STRONG)
            return found[1]
    for pattern, factor in ((_START, STRONG), (_START_WEAK, WEAK)):
        for m in pattern.finditer(folded):
            found = _date_at(text, m.end())
            s, e = _sentence(text, m.start())
            if _NOT_THIS_CONTRACT.search(folded[s:e]):
                continue
            if found and (factor == STRONG or _CONTRACT_WORDS.search(folded[s:e])):
                sink.put("start_date", found[0], found[1], found[2], factor)
                return found[1]
    return None


def _put_end(sink: FieldSink, folded: str, start_pos: int | None) -> None:
    """The end date, or indefinite duration, or a length counted from the start."""
    text = sink.tm.text
    begins = sink.fields.get("start_date")
    for m in _END.finditer(folded):
        found = _date_at(text, m.end())
        if found is None:
            continue
        when, start_value = found[0], begins.value if begins is not None else None
        if isinstance(when, dt.date) and isinstance(start_value, dt.date) and when < start_value:
            continue  # an end before the start is another period's (an extension's old term)
        s, e = _sentence(text, m.start())
        if _NOT_THIS_CONTRACT.search(folded[s:e]):
            continue
        if _DURATION_CONTEXT.search(folded[s:e]) or (start_pos is not None and s <= start_pos <= e):
            sink.put("end_date", found[0], found[1], found[2], STRONG)
            return
    for m in re.finditer(r"\bonbepaalde\s+(?:duur|tijd|termijn)", folded):
        s, _ = _sentence(text, m.start())
        unticked = re.search(r"(?:\[\s*\]|[☐□])\s*$", folded[max(0, m.start() - 6) : m.start()])
        if not unticked and not re.search(
            r"\bniet\b|\bindien\b|\bingeval\b", folded[s : m.start()]
        ):
            sink.put("indefinite_duration", True, m.start(), m.end(), STRONG)
            return
    start = sink.fields.get("start_date")
    for m in re.finditer(r"\bbepaalde\s+(?:duur|tijd|termijn)|\bperiode\s+van\b", folded):
        result = parse_duration(
            text[m.start() : m.start() + 80], None if start is None else start.value
        )
        if result is not None and result.end_date is not None:
            sink.put(
                "end_date",
                result.end_date,
                m.start() + result.span[0],
                m.start() + result.span[1],
                WEAK,
            )
            return


_DATELINE = re.compile(
    r"(?m)^\s*(?:te\s+)?[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?\s*,\s*(?:de\s+|op\s+)?(?=\d)"
)


def _put_signed(sink: FieldSink, folded: str) -> None:
    """The signing date: the first date after "Opgemaakt", "Getekend" or "Ondertekend".

    Failing that, a dateline "Gent, 15 februari 2024" gives it: fairly sure when the text has
    one dateline (on the training folders such dates were always right), a guess when several
    datelines disagree. A notarial deed's opening ("Het jaar tweeduizend eenentwintig, op de
    eenentwintigste oktober") is its date, which the closing "op datum als voormeld" refers to.
    A date in the sentence that says the parties agreed ("werden op 17 augustus 2017 de
    volgende afspraken gemaakt") is next.
    """
    text = sink.tm.text
    for m in _SIGNED.finditer(folded):
        ends = text[m.end() : m.end() + 2].startswith(".")  # "... de overeenkomst getekend."
        dates = [] if ends else find_dates(text[m.end() : m.end() + 120])
        if dates and dates[0][1][0] <= _SIGNED_NEAR:
            date, (s, e) = dates[0]
            sink.put("signed_date", date, m.end() + s, m.end() + e, STRONG)
            return
        start = max(text.rfind(".", 0, m.start()) + 1, m.start() - 60)
        before = find_dates(text[start : m.start()]) if _PARTICIPLE.match(folded, m.start()) else []
        if before:  # "heeft op 14 juli 2020 de overeenkomst getekend"
            date, (s, e) = before[-1]
            sink.put("signed_date", date, start + s, start + e, GUESS)
            return
        if dates:
            date, (s, e) = dates[0]
            sink.put("signed_date", date, m.end() + s, m.end() + e, STRONG)
            return
    for m in _AGREED.finditer(folded):
        start = max(text.rfind(".", 0, m.start()) + 1, m.start() - 80)
        dates = find_dates(text[start : m.start()])
        if dates:
            date, (s, e) = dates[-1]
            sink.put("signed_date", date, start + s, start + e, WEAK)
            return
    deed = find_deed_date(text)
    if deed is not None:
        sink.put("signed_date", deed[0], deed[1][0], deed[1][1], STRONG)
        return
    datelines = [f for m in _DATELINE.finditer(text) if (f := _date_at(text, m.end(), 0))]
    if datelines:
        found = datelines[0]
        one = len({d[0] for d in datelines}) == 1
        sink.put("signed_date", found[0], found[1], found[2], WEAK if one else GUESS)


def _put_activity(sink: FieldSink) -> None:
    """The activity named in a sentence about the work; sure only when the text names one."""
    tasks = find_table_tasks(sink.tm)
    if tasks:  # a table's "Taken" column: sure when it holds one row of work on one line
        one = len({t.text.casefold() for t in tasks}) == 1 and not tasks[0].wrapped
        sink.put(
            "nature_of_work", tasks[0].text, tasks[0].start, tasks[0].end, WEAK if one else GUESS
        )
        return
    found = find_activities(sink.tm.text)
    if not found:
        return
    distinct = {a.text.casefold() for a in found}
    first = found[0]
    sink.put(
        "nature_of_work",
        first.text,
        first.start,
        first.end,
        WEAK if len(distinct) == 1 and first.sure else GUESS,
    )


def read_prose(tm: TextMap, known: dict[Party, str] | None = None) -> FieldSink:
    """Every field the prose of a contract states, with its evidence.

    `known` holds party names the form reader found with labels: organisations guessed by
    position then go to the other role.
    """
    sink = FieldSink(tm)
    folded = fold(tm.text)
    find_parties(sink, folded)
    _put_value_phrase(sink, _NATURE, "nature_of_work", folded)
    if "nature_of_work" not in sink.fields:
        _put_activity(sink)
    if "nature_of_work" not in sink.fields:
        _put_value_phrase(sink, _NATURE_WEAK, "nature_of_work", folded, GUESS)
    _put_value_phrase(sink, _LOCATION, "work_location", folded)
    placed = sink.fields.get("work_location")
    if placed is None or placed.confidence < WEAK:  # none, or only a town: look for the street
        put_location(sink)
    _put_workers(sink, folded)
    _put_end(sink, folded, _put_start(sink, folded))
    _put_signed(sink, folded)
    fill_parties(sink, known)
    return sink
