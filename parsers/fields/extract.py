"""From a read document to its contracts: split, read as a form and as prose, merge, check.

Each contract's fields come from the form reader when the piece is a labelled form (three or
more labelled fields besides the parties), else from the prose reader; the other reader only
fills fields the first one missed, except that labelled party names and numbers always win.
`layout` says which reader led and from what kind of text ("form",
"prose", "docx_table", "docx_prose", "scan_form", "scan_prose"). `problems` lists what a
reviewer must look at: `missing:<field>` for each missing required field,
`bad_check_digits:<field>` for an enterprise number failing its check,
`conflict:end_date` when a contract states both an end date and an indefinite duration.
The party fields' confidences are then judged together (`parsers.fields.calibrate`).
"""

from __future__ import annotations

from parsers.fields.acceptance import DEFAULT_THRESHOLD
from parsers.fields.calibrate import calibrate_parties
from parsers.fields.contractlike import titled_as_other
from parsers.fields.doubt import doubt_broken_values
from parsers.fields.form import read_form
from parsers.fields.furniture import drop_furniture
from parsers.fields.hyphens import join_hyphenated
from parsers.fields.labels import Party
from parsers.fields.layout import regroup_page
from parsers.fields.ocrfill import fill_from_ocr
from parsers.fields.ocrtext import repair_accents
from parsers.fields.orgs import fill_numbers
from parsers.fields.prose import read_prose
from parsers.fields.records import record_pieces
from parsers.fields.sections import section_pieces
from parsers.fields.segment import split_contracts
from parsers.fields.snap import snap_vocabulary, tidy_names
from parsers.fields.tables import table_pieces
from parsers.fields.termination import find_terminations
from parsers.fields.textmap import PlacedLine, TextMap
from parsers.fields.values import FieldSink, form_fields
from parsers.types import (
    CONTRACT_FIELDS,
    REQUIRED_FIELDS,
    Document,
    ExtractedContract,
    FieldValue,
    TextSource,
)

FORM_MIN_FIELDS = 3
_END_FIELDS = ("end_date", "indefinite_duration")  # one answer to "how long": never mixed
PARTY_FIELDS = (
    "workplace_name",
    "workplace_enterprise_number",
    "counterpart_name",
    "counterpart_enterprise_number",
)
# Fields that only a form gives with labels (party blocks with labels occur in prose too).
FORM_FIELDS = (
    "work_location",
    "nature_of_work",
    "workers",
    "start_date",
    "end_date",
    "indefinite_duration",
)
CONTRACT_MIN_REQUIRED = 2
GUESS_MAX = 0.75  # fields at or below this confidence are guesses (see parsers.fields.orgs)


def _layout(doc: Document, pieces: list[PlacedLine], form: bool) -> str:
    """The layout name from the reader that led and the kind of text."""
    numbers = {p.page for p in pieces}
    sources = {p.source for p in doc.pages if p.number in numbers}
    kind = "form" if form else "prose"
    if TextSource.DOCX in sources:
        return "docx_table" if form else "docx_prose"
    if TextSource.OCR in sources:
        return f"scan_{kind}"
    return kind


def _merge(primary: FieldSink, secondary: FieldSink) -> tuple[dict[str, FieldValue], list[str]]:
    """The primary reader's fields, completed by the secondary's, with their problems."""
    fields = dict(primary.fields)
    has_end = any(n in primary.fields for n in _END_FIELDS)
    for name, value in secondary.fields.items():
        if name not in primary.blank and not (has_end and name in _END_FIELDS):
            fields.setdefault(name, value)
    problems = []
    for problem in [*primary.problems, *secondary.problems]:
        name = problem.split(":", 1)[1]
        source = primary if name in primary.fields else secondary
        if (
            problem in source.problems
            and problem not in problems
            and name in fields
            and fields[name] is source.fields.get(name)
        ):
            problems.append(problem)
    return fields, problems


def _prefer_labelled_parties(
    fields: dict[str, FieldValue], problems: list[str], form: FieldSink
) -> None:
    """Party names and numbers given with labels beat those read from prose."""
    for name in PARTY_FIELDS:
        if name in form.fields:
            fields[name] = form.fields[name]
            problems[:] = [p for p in problems if not p.endswith(f":{name}")]
            problems.extend(p for p in form.problems if p.endswith(f":{name}"))


def _finish(fields: dict[str, FieldValue], problems: list[str]) -> None:
    """Derive the duration flag from an end date and list missing required fields."""
    end = fields.get("end_date")
    indefinite = fields.get("indefinite_duration")
    if end is not None and indefinite is None:
        fields["indefinite_duration"] = FieldValue(False, end.confidence, end.evidence)
    elif end is not None and indefinite is not None and indefinite.value is True:
        problems.append("conflict:end_date")
    problems.extend(f"missing:{name}" for name in REQUIRED_FIELDS if name not in fields)


def _drop_numbers_of_other_names(
    fields: dict[str, FieldValue], form: FieldSink, prose: FieldSink
) -> None:
    """A party's number read beside another name than the party's is dropped: a labelled
    name with a number guessed beside a letterhead's name makes no pair (the number is then
    looked for right after the name)."""
    for party in Party:
        name, number = f"{party}_name", f"{party}_enterprise_number"
        if name not in fields or number not in fields:
            continue
        for sink in (form, prose):
            if fields[number] is sink.fields.get(number) and fields[name] is not sink.fields.get(
                name
            ):
                other = sink.fields.get(name)
                if other is None or str(other.value) != str(fields[name].value):
                    del fields[number]
                    break


def _numbers_near_names(tm: TextMap, fields: dict[str, FieldValue], problems: list[str]) -> None:
    """Enterprise numbers still missing, taken from right after the party's name."""
    wanted = {
        role: str(fields[f"{role}_name"].value)
        for role in ("workplace", "counterpart")
        if f"{role}_name" in fields and f"{role}_enterprise_number" not in fields
    }
    if not wanted:
        return
    sink = FieldSink(tm)
    fill_numbers(sink, wanted)
    fields.update(sink.fields)
    problems.extend(sink.problems)


def extract_piece(doc: Document, pieces: list[PlacedLine]) -> ExtractedContract | None:
    """The contract in one run of lines, or None when it holds too little of one."""
    tm = TextMap(pieces)
    form = form_fields(tm, read_form(tm))
    labelled = {
        party: str(form.fields[f"{party}_name"].value)
        for party in Party
        if f"{party}_name" in form.fields
    }
    prose = read_prose(tm, labelled)
    is_form = len([n for n in form.fields if n in FORM_FIELDS]) >= FORM_MIN_FIELDS
    fields, problems = _merge(form, prose) if is_form else _merge(prose, form)
    if not is_form:
        _prefer_labelled_parties(fields, problems, form)
    if sum(name in fields for name in REQUIRED_FIELDS) < CONTRACT_MIN_REQUIRED:
        return None
    stated = [n for n in REQUIRED_FIELDS if n in fields and fields[n].confidence > GUESS_MAX]
    if len(stated) < CONTRACT_MIN_REQUIRED and find_terminations(tm.text):
        return None  # a termination letter, its names guessed: no contract
    _drop_numbers_of_other_names(fields, form, prose)
    _numbers_near_names(tm, fields, problems)
    calibrate_parties(tm.text, fields, DEFAULT_THRESHOLD)
    doubt_broken_values(fields, tm.text)
    fill_from_ocr(tm, fields)
    tidy_names(tm, fields)
    _finish(fields, problems)
    ordered = {name: fields[name] for name in CONTRACT_FIELDS if name in fields}
    return ExtractedContract(ordered, _layout(doc, pieces, is_form), problems)


def _pieces(lines: list[PlacedLine]) -> list[list[PlacedLine]]:
    """The document split per contract: numbered sections, whole contracts one after the
    other, else repeated blocks of labelled facts (a list of enclaves); else one piece."""
    sections = section_pieces(lines)
    if sections:
        return sections
    whole = split_contracts(lines)
    if len(whole) > 1:
        return whole
    return record_pieces(lines) or whole


def extract_contracts(doc: Document) -> list[ExtractedContract]:
    """Every contract in the document (none, one or several), fields with evidence."""
    if titled_as_other(doc.text):
        return []  # an invoice, an offer, minutes: their figures and dates make no contract
    raw = drop_furniture(snap_vocabulary(repair_accents([regroup_page(p) for p in doc.pages])))
    tables = table_pieces(raw)  # before joining split words: a table joins its own per cell
    lines = join_hyphenated(raw)
    pieces = [join_hyphenated(p) for p in tables] if tables else _pieces(lines)
    out = []
    for piece in pieces:
        contract = extract_piece(doc, piece)
        if contract is not None:
            out.append(contract)
    return out
