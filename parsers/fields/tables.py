"""Tables read as tables: a header row names the columns, each further row may be a contract.

A framework agreement or a landscape annex lists its enclaves in a table ("Opdrachtgever |
Locatie | Aantal | Startdatum"). A header is a row of at least three cells of which most are
known labels; the rows under it (while they have cells) are its data rows. Cells come from
" | " separators (DOCX, ODT) or from wide gaps between word boxes (PDF), and a PDF cell goes to
the header column it sits under; a PDF line whose first column is empty carries on the cells
of the row above (a cell wrapped over several lines, a split word joined). Each data row becomes labelled lines ("Naam onderneming:
Bakkerij Peeters NV") that the form reader reads with the rest of the document, so what the
document says once (the workplace, the duration) holds for every row. The value words keep
their boxes, so the evidence points at the cell.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from parsers.fields.labels import LabelKey, LabelMatch, Party, match_label
from parsers.fields.textmap import PlacedLine
from parsers.types import Line, Word

MIN_COLUMNS = 3
HEADER_SHARE = 0.6
GAP_POINTS = 9.0
DOUBTFUL = 0.8  # word confidence of cells rebuilt from interleaved lines (a reviewer looks)
ALIGN_POINTS = 15.0  # a line starting this far right of the first column carries on a row
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
    first_row: int  # the line after the header (a wrapped header takes two)


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


Row = dict[int, list[Word]]  # column index -> the words of its cell
Header = tuple[list[tuple[LabelKey, Party | None] | None], list[float | None]]


def _header(line: Line) -> Header | None:
    """The column kinds and left edges of a header row, or None when the line is none."""
    return _header_cells(cells(line))


def is_header(line: Line) -> bool:
    """Whether a line is a table's header row (at least three cells, most of them labels)."""
    return _header(line) is not None


def _wrapped_header(line: Line, below: Line) -> Header | None:
    """A header whose cells wrap onto a second line ("Opdrachtge-" over "ver"), joined."""
    parts = cells(line)
    if len(parts) < MIN_COLUMNS or any(p[0].box is None for p in parts):
        return None
    merged = [list(p) for p in parts]
    for word in below.words:
        if word.box is None:
            return None
        column = max(
            (k for k, p in enumerate(parts) if p[0].box is not None and p[0].box.x0 <= word.box.x1),
            default=None,
        )
        if column is None:
            return None
        merged[column] = _joined_cell(merged[column], [word])
    return _header_cells(merged)


def _header_goes_on(line: PlacedLine, below: PlacedLine) -> bool:
    """Whether the line below carries on the cells of a header (its first column is empty)."""
    parts, under = cells(line.line), cells(below.line)
    first, start = parts[0][0].box, under[0][0].box if under and under[0] else None
    if len(parts) < MIN_COLUMNS or first is None or start is None:
        return False
    return start.x0 > first.x0 + ALIGN_POINTS and len(under) < len(parts)


_PERIOD_HEADERS = {  # "Van | Tot" over two date columns; only in a header row
    "van": LabelKey.START_DATE,
    "vanaf": LabelKey.START_DATE,
    "tot": LabelKey.END_DATE,
    "tot en met": LabelKey.END_DATE,
    "t/m": LabelKey.END_DATE,
}
_SITE = re.compile(r"^\s*(?:vestiging|site|locatie|werkplek)\s*$", re.IGNORECASE)


def _header_label(text: str) -> LabelMatch | None:
    """What a header cell announces: a known label, or "Van"/"Tot" over a period's dates."""
    key = _PERIOD_HEADERS.get(text.strip().lower())
    if key is not None:
        return LabelMatch(key, None, 100.0)
    return match_label(text)


def _header_cells(parts: list[list[Word]]) -> Header | None:
    """The column kinds and left edges of a header row's cells, or None when they are none."""
    if len(parts) < MIN_COLUMNS:
        return None
    texts = [" ".join(w.text for w in cell).rstrip(":") for cell in parts]
    matches = [_header_label(text) for text in texts]
    has_address = any(m is not None and m.key is LabelKey.ADDRESS for m in matches)
    if has_address:  # "Vestiging | Adres": the site's name beside its address
        matches = [
            None if m is not None and m.key is LabelKey.WORK_LOCATION and _SITE.match(t) else m
            for m, t in zip(matches, texts, strict=True)
        ]
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
        found, first_row = _header(placed.line), i + 1
        below = lines[i + 1] if i + 1 < len(lines) else None
        if below is not None and below.page == placed.page and _header_goes_on(placed, below):
            found, first_row = _wrapped_header(placed.line, below.line), i + 2
        if found is None:
            continue
        rows: list[int] = []
        for j in range(first_row, len(lines)):
            if lines[j].page != placed.page and rows and len(cells(lines[j].line)) < 2:
                break
            if _header(lines[j].line) is not None:
                continue  # the header repeated on the next page
            parts = cells(lines[j].line)
            first_x = found[1][0]
            wrapped = (
                bool(rows)
                and lines[j].page == placed.page
                and first_x is not None
                and _starts_right_of(parts, first_x)
            )
            if len(parts) < 2 and not wrapped:
                break
            rows.append(j)
        if rows:
            if first_row == i + 1:
                found = _refined_header(placed.line, [lines[j].line for j in rows]) or found
            return Table(i, found[0], found[1], rows, first_row)
    return None


def _refined_header(header: Line, rows: list[Line]) -> Header | None:
    """The header split where data cells start inside one of its cells ("Aantal werknemers Van").

    Header words sit closer together than data cells; a header word starting where a data
    cell starts opens a column of its own.
    """
    parts = cells(header)
    starts = [p[0].box.x0 for row in rows for p in cells(row) if p[0].box is not None]
    split: list[list[Word]] = []
    for part in parts:
        split.append([part[0]])
        for word in part[1:]:
            x0 = word.box.x0 if word.box is not None else None
            if x0 is not None and any(abs(x0 - s) <= ALIGN_POINTS / 3 for s in starts):
                split.append([])
            split[-1].append(word)
    return _header_cells(split) if len(split) > len(parts) else None


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


def _joined_cell(head: list[Word], tail: list[Word]) -> list[Word]:
    """A cell's words with the next line's words of the same cell; a split word joined."""
    if head and tail and head[-1].text.endswith("-") and tail[0].text[:1].islower():
        last, first = head[-1], tail[0]
        box = last.box if first.box is None or last.box is None else last.box.union(first.box)
        word = Word(last.text[:-1] + first.text, box, min(last.confidence, first.confidence))
        return [*head[:-1], word, *tail[1:]]
    return [*head, *tail]


def _continues_row(table: Table, above: Line, parts: list[list[Word]]) -> bool:
    """Whether a PDF line carries on the cells of the row above (its first column is empty).

    It must follow right under it (a page footer further down is no part of the table).
    """
    first_x = table.column_x[0]
    if first_x is None or not parts or parts[0][0].box is None:
        return False
    boxes = [w.box for w in above.words if w.box is not None]
    if boxes:
        bottom = max(b.bottom for b in boxes)
        height = max(b.bottom - b.top for b in boxes)
        if parts[0][0].box.top - bottom > height:
            return False
    return parts[0][0].box.x0 > first_x + ALIGN_POINTS


def _by_column(table: Table, line: Line) -> list[tuple[int, list[Word]]] | None:
    """A PDF line's words put in the column whose left edge they start at or after.

    Cells in office tables are left-aligned under their header, so this holds where the gap
    between two cells is too narrow to split them ("onderhoud van" beside "4").
    """
    xs = table.column_x
    if any(x is None for x in xs) or any(w.box is None for w in line.words):
        return None
    out: dict[int, list[Word]] = {}
    for word in line.words:
        assert word.box is not None
        column = max(
            (k for k, x in enumerate(xs) if x is not None and x - ALIGN_POINTS / 3 <= word.box.x0),
            default=0,
        )
        out.setdefault(column, []).append(word)
    return sorted(out.items())


def _starts_right_of(parts: list[list[Word]], x: float) -> bool:
    """Whether a line's first cell starts right of the column at `x` (that column is empty)."""
    box = parts[0][0].box if parts and parts[0] else None
    return box is not None and box.x0 > x + ALIGN_POINTS


def table_rows(table: Table, lines: list[PlacedLine]) -> list[tuple[int, Row]]:
    """The data rows (page, cells by column), wrapped cells of a PDF row joined again.

    When a row's first line holds fewer than half the table's columns, its cells stand lower
    than its first line (centred in tall rows) and lines of two rows interleave: which line
    belongs to which row is then a guess, and every cell's words are made `DOUBTFUL`.
    """
    out: list[tuple[int, Row]] = []
    starts: list[int] = []  # cells on each row's first line
    for index in table.rows:
        placed = lines[index]
        parts = cells(placed.line)
        assigned = _by_column(table, placed.line) or _assign(table, parts)
        above = lines[index - 1].line
        if out and out[-1][0] == placed.page and _continues_row(table, above, parts):
            row = out[-1][1]
            for column, words in assigned:
                row[column] = _joined_cell(row.get(column, []), words)
            continue
        first_x = table.column_x[0]
        if out and first_x is not None and _starts_right_of(parts, first_x):
            continue  # its first column empty, yet apart from the row above: a footer
        out.append((placed.page, {column: list(words) for column, words in assigned}))
        starts.append(len(assigned))
    known = sum(c is not None for c in table.columns)
    if any(n < known / 2 for n in starts):
        return [(page, _doubtful(row)) for page, row in out]
    return out


def _doubtful(row: Row) -> Row:
    """A row's cells with their words' confidence lowered to `DOUBTFUL` (below acceptance)."""
    return {
        column: [Word(w.text, w.box, min(w.confidence, DOUBTFUL)) for w in words]
        for column, words in row.items()
    }


def row_lines(table: Table, page: int, row: Row) -> list[PlacedLine]:
    """The labelled lines of one data row, name columns first."""
    out: list[tuple[int, PlacedLine]] = []
    for index, words in sorted(row.items()):
        column = table.columns[index]
        if column is None or column not in _LABEL_TEXT:
            continue
        label = [Word(t, None) for t in _LABEL_TEXT[column].split()]
        order = 0 if column[0] is LabelKey.NAME else 1
        out.append((order, PlacedLine(page, Line(label + words))))
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


def _is_transposed_row(placed: PlacedLine) -> bool:
    """Whether a line reads "label | value | value ..." (three cells or more, a known label)."""
    parts = cells(placed.line)
    label = match_label(" ".join(w.text for w in parts[0]).rstrip(":")) if parts else None
    return len(parts) >= 3 and label is not None and label.key is not LabelKey.OTHER


def _column_pieces(lines: list[PlacedLine], start: int, end: int) -> list[list[PlacedLine]]:
    """One run of lines per value column of a transposed table, with the rest of the document.

    When the table is not one clean block (its rows differ in width, or further rows of it
    stand below a line that broke the run: a wrapped cell), which cell belongs to which
    contract is a guess: every value's words are made `DOUBTFUL`.
    """
    rows = [cells(p.line) for p in lines[start:end]]
    width = max(len(r) for r in rows)
    later = [k for k in range(end, len(lines)) if _is_transposed_row(lines[k])]
    broken = any(len(r) != width for r in rows) or bool(later)
    pieces = []
    for k in range(1, width):
        labelled = []
        for placed, parts in zip(lines[start:end], rows, strict=True):
            if k < len(parts):
                value = parts[k]
                if broken:
                    value = [Word(w.text, w.box, min(w.confidence, DOUBTFUL)) for w in value]
                labelled.append(PlacedLine(placed.page, Line([*parts[0], Word(":", None), *value])))
        rest = [_doubtful_line(p) if i in later else p for i, p in enumerate(lines) if i >= end]
        pieces.append(lines[:start] + labelled + rest)
    return pieces


def _doubtful_line(placed: PlacedLine) -> PlacedLine:
    """A line with its words' confidence lowered to `DOUBTFUL`."""
    words = [Word(w.text, w.box, min(w.confidence, DOUBTFUL)) for w in placed.line.words]
    return PlacedLine(placed.page, Line(words))


def table_pieces(lines: list[PlacedLine]) -> list[list[PlacedLine]] | None:
    """One run of lines per table row (the rest of the document plus the row), or None."""
    table = find_table(lines)
    if table is None:
        columns = _transposed(lines)
        return _column_pieces(lines, *columns) if columns is not None else None
    taken = {*range(table.header, table.first_row), *table.rows}
    before = [p for k, p in enumerate(lines[: table.header]) if k not in taken]
    after = [p for k, p in enumerate(lines) if k > table.header and k not in taken]
    pieces = []
    for page, row in table_rows(table, lines):
        labelled = row_lines(table, page, row)
        if labelled:
            pieces.append(before + labelled + after)
    return pieces or None
