"""Tables read as tables: a header row names the columns, each further row may be a contract.

A framework agreement or a landscape annex lists its enclaves in a table ("Opdrachtgever |
Locatie | Aantal | Startdatum"). A header is a row of at least three cells of which most are
known labels; the rows under it (while they have cells) are its data rows. Cells come from
" | " separators (DOCX, ODT) or from wide gaps between word boxes (PDF), and a PDF cell goes to
the header column it sits under. Each data row becomes labelled lines ("Naam onderneming:
Bakkerij Peeters NV") that the form reader reads with the rest of the document, so what the
document says once (the workplace, the duration) holds for every row. The value words keep
their boxes, so the evidence points at the cell.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from parsers.fields.labels import LabelKey, LabelMatch, Party, match_label
from parsers.fields.textmap import PlacedLine
from parsers.types import Line, Word

MIN_COLUMNS = 3
HEADER_SHARE = 0.6
GAP_POINTS = 9.0
SEPARATOR = "|"
# The label written before a cell's value, per column kind (names first: they set the party).
_LABEL_TEXT: dict[tuple[LabelKey, Party | None], str] = {
    (LabelKey.NAME, Party.COUNTERPART): "Naam onderneming:",
    (LabelKey.NAME, Party.WORKPLACE): "Naam werkplaats:",
    (LabelKey.ENTERPRISE_NUMBER, Party.COUNTERPART): "Ondernemingsnummer onderneming:",
    (LabelKey.ENTERPRISE_NUMBER, Party.WORKPLACE): "Ondernemingsnummer werkplaats:",
    (LabelKey.WORK_LOCATION, None): "Plaats van tewerkstelling:",
    (LabelKey.NATURE_OF_WORK, None): "Aard van de werkzaamheden:",
    (LabelKey.WORKERS, None): "Aantal doelgroepwerknemers:",
    (LabelKey.START_DATE, None): "Begindatum:",
    (LabelKey.END_DATE, None): "Einddatum:",
    (LabelKey.DURATION, None): "Duur:",
    (LabelKey.SIGNED_DATE, None): "Datum ondertekening:",
}


@dataclass(slots=True)
class Table:
    """A header row's columns and the line indexes of its data rows."""

    header: int
    columns: list[tuple[LabelKey, Party | None] | None]
    column_x: list[float | None]
    rows: list[int]


def cells(line: Line) -> list[list[Word]]:
    """A line's cells: split at " | " words, else at wide gaps between word boxes."""
    words = line.words
    if any(w.text == SEPARATOR for w in words):
        out: list[list[Word]] = [[]]
        for word in words:
            if word.text == SEPARATOR:
                out.append([])
            else:
                out[-1].append(word)
        return [c for c in out if c]
    if any(w.box is None for w in words) or not words:
        return [list(words)]
    out = [[words[0]]]
    for prev, word in itertools.pairwise(words):
        assert prev.box is not None and word.box is not None
        height = max(word.box.bottom - word.box.top, 1.0)
        if word.box.x0 - prev.box.x1 > max(GAP_POINTS, 1.2 * height):
            out.append([])
        out[-1].append(word)
    return out


def _column(match: LabelMatch | None, has_location: bool) -> tuple[LabelKey, Party | None] | None:
    """What a header cell announces, as a column kind (an address means the place of work)."""
    if match is None or match.key is LabelKey.OTHER:
        return None
    if match.key is LabelKey.ADDRESS:
        return None if has_location else (LabelKey.WORK_LOCATION, None)
    if match.key in (LabelKey.NAME, LabelKey.ENTERPRISE_NUMBER):
        return match.key, match.party or Party.COUNTERPART
    return match.key, None


def _header(
    line: Line,
) -> tuple[list[tuple[LabelKey, Party | None] | None], list[float | None]] | None:
    """The column kinds and left edges of a header row, or None when the line is none."""
    parts = cells(line)
    if len(parts) < MIN_COLUMNS:
        return None
    matches = [match_label(" ".join(w.text for w in cell).rstrip(":")) for cell in parts]
    has_location = any(m is not None and m.key is LabelKey.WORK_LOCATION for m in matches)
    columns = [_column(m, has_location) for m in matches]
    known = [c for c in columns if c is not None]
    if len(known) < MIN_COLUMNS or len(known) < HEADER_SHARE * len(parts):
        return None
    if len(set(known)) < len(known):
        return None  # the same field twice: a form row, not a header
    return columns, [cell[0].box.x0 if cell[0].box else None for cell in parts]


def find_table(lines: list[PlacedLine]) -> Table | None:
    """The first table with a header row and at least one data row."""
    for i, placed in enumerate(lines):
        found = _header(placed.line)
        if found is None:
            continue
        rows: list[int] = []
        for j in range(i + 1, len(lines)):
            if lines[j].page != placed.page and rows and len(cells(lines[j].line)) < 2:
                break
            if _header(lines[j].line) is not None:
                continue  # the header repeated on the next page
            if len(cells(lines[j].line)) < 2:
                break
            rows.append(j)
        if rows:
            return Table(i, found[0], found[1], rows)
    return None


def _assign(table: Table, parts: list[list[Word]]) -> list[tuple[int, list[Word]]]:
    """Each cell of a row with the index of its column (by position, or under its header)."""
    xs = table.column_x
    if len(parts) == len(xs) or any(x is None for x in xs) or any(p[0].box is None for p in parts):
        return list(enumerate(parts))[: len(xs)]
    out = []
    for part in parts:
        x0 = part[0].box.x0 if part[0].box else 0.0
        nearest = min(range(len(xs)), key=lambda k: abs((xs[k] or 0.0) - x0))
        out.append((nearest, part))
    return out


def row_lines(table: Table, row: PlacedLine) -> list[PlacedLine]:
    """The labelled lines of one data row, name columns first."""
    out: list[tuple[int, PlacedLine]] = []
    for index, words in _assign(table, cells(row.line)):
        column = table.columns[index]
        if column is None or column not in _LABEL_TEXT:
            continue
        label = [Word(t, None) for t in _LABEL_TEXT[column].split()]
        order = 0 if column[0] is LabelKey.NAME else 1
        out.append((order, PlacedLine(row.page, Line(label + words))))
    out.sort(key=lambda pair: pair[0])
    return [line for _, line in out]


def _transposed(lines: list[PlacedLine]) -> tuple[int, int] | None:
    """A table with a column per contract: at least three rows "label | value | value ..."."""
    run: list[int] = []
    for i, placed in enumerate([*lines, None]):
        parts = cells(placed.line) if placed is not None else []
        label = match_label(" ".join(w.text for w in parts[0]).rstrip(":")) if parts else None
        if len(parts) >= 3 and label is not None and label.key is not LabelKey.OTHER:
            run.append(i)
            continue
        if len(run) >= MIN_COLUMNS:
            return run[0], run[-1] + 1
        run = []
    return None


def _column_pieces(lines: list[PlacedLine], start: int, end: int) -> list[list[PlacedLine]]:
    """One run of lines per value column of a transposed table, with the rest of the document."""
    rows = [cells(p.line) for p in lines[start:end]]
    width = max(len(r) for r in rows)
    pieces = []
    for k in range(1, width):
        labelled = []
        for placed, parts in zip(lines[start:end], rows, strict=True):
            if k < len(parts):
                labelled.append(
                    PlacedLine(placed.page, Line([*parts[0], Word(":", None), *parts[k]]))
                )
        pieces.append(lines[:start] + labelled + lines[end:])
    return pieces


def table_pieces(lines: list[PlacedLine]) -> list[list[PlacedLine]] | None:
    """One run of lines per table row (the rest of the document plus the row), or None."""
    table = find_table(lines)
    if table is None:
        columns = _transposed(lines)
        return _column_pieces(lines, *columns) if columns is not None else None
    taken = {table.header, *table.rows}
    before = [p for k, p in enumerate(lines[: table.header]) if k not in taken]
    after = [p for k, p in enumerate(lines) if k > table.header and k not in taken]
    pieces = []
    for index in table.rows:
        labelled = row_lines(table, lines[index])
        if labelled:
            pieces.append(before + labelled + after)
    return pieces or None
