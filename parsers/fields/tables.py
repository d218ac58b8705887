"""Tables read as tables: a header row names the columns, each further row may be a contract.

A framework agreement or a landscape annex lists its enclaves in a table ("Opdrachtgever |
Locatie | Aantal | Startdatum"). A header is a row of at least three cells of which most are
known labels; the rows under it (while they have cells) are its data rows. Cells come from
" | " separators (DOCX, ODT) or from wide gaps between word boxes (PDF), and a PDF cell goes to
the header column it sits under; a table runs on over a page turn (past a footer and the next
page's head, its header repeated or not). In a PDF a cell's text wraps: a line right below a
row that starts under a later column, or that stands much closer below than the rows stand
apart, carries on that row's cells (and a header's), and words split by a hyphen at a cell's
line end are joined again. Each data row becomes labelled lines ("Naam onderneming: Bakkerij
Peeters NV") that the form reader reads with the rest of the document, so what the document
says once (the workplace, the duration) holds for every row. A table with a column per party
("Partijen | Werkplaats | Opdrachtgever") is one contract's parties, each read as a labelled
block. When a table has both a place column ("Vestiging") and an address column, a row's place
of work is the first of them whose cell holds an address. The value words keep their boxes, so
the evidence points at the cell.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from parsers.fields.address import find_addresses
from parsers.fields.hyphens import rejoin
from parsers.fields.labels import LabelKey, LabelMatch, Party, match_label, match_section
from parsers.fields.textmap import PlacedLine
from parsers.types import Line, Word

MIN_COLUMNS = 3
HEADER_SHARE = 0.6
GAP_POINTS = 9.0
SEPARATOR = "|"
EDGE_POINTS = 3.0  # a word this close to a column's left edge starts a cell
FURNITURE_LINES = 3  # footer or letterhead lines a table may run on past, at a page turn
WRAP_GAP = 1.0
ROW_GAP_SHARE = 0.5  # a wrapped line in the first column stands closer than half a row gap
DOUBTFUL = 0.8  # word confidence of values whose column is a guess (a reviewer looks)
Column = tuple[LabelKey, Party | None]
_PLACE_KEYS = (LabelKey.WORK_LOCATION, LabelKey.ADDRESS)
_DIGIT = re.compile(r"\d")
_SUPERVISION = re.compile(
    r"\s*(?:permanente\s+)?(?:begeleiding|begeleider|omkadering|toezicht|ploegbaas|monitor)\b",
    re.IGNORECASE,
)
# The label written before a cell's value, per column kind (names first: they set the party).
_LABEL_TEXT: dict[Column, str] = {
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
    """A header row's columns and the line indexes of its header and of each data row."""

    header: list[int]
    columns: list[Column | None]
    column_x: list[float | None]
    rows: list[list[int]]


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
        if word.box.x0 - prev.box.x1 > max(GAP_POINTS, 1.2 * height) and word.text != ":":
            out.append([])  # a colon tabbed off its label ("Bezetting <tab> : <tab> 2") is no cell
        out[-1].append(word)
    return out


def _text(words: list[Word]) -> str:
    """The words of a cell as text."""
    return " ".join(w.text for w in words)


def _column(match: LabelMatch | None) -> Column | None:
    """What a header cell announces, as a column kind."""
    if match is None or match.key is LabelKey.OTHER:
        return None
    if match.key in (LabelKey.NAME, LabelKey.ENTERPRISE_NUMBER):
        return match.key, match.party or Party.COUNTERPART
    return match.key, None


def _columns(parts: list[list[Word]]) -> list[Column | None] | None:
    """The column kinds of a header row's cells, or None when the cells are no header."""
    if len(parts) < MIN_COLUMNS:
        return None
    columns = [_column(match_label(_text(cell).rstrip(":"))) for cell in parts]
    known = [c for c in columns if c is not None]
    if len(known) < MIN_COLUMNS or len(known) < HEADER_SHARE * len(parts):
        return None
    if len(set(known)) < len(known):
        return None  # the same field twice: a form row, not a header
    return columns


def _nearest(xs: list[float | None], x0: float) -> int:
    """The index of the column whose left edge is nearest to x0."""
    return min(range(len(xs)), key=lambda k: abs((xs[k] or 0.0) - x0))


def _continues(
    prev: PlacedLine, nxt: PlacedLine, xs: list[float | None], row_gap: float | None = None
) -> bool:
    """Whether `nxt` carries on the wrapped cells of the row ending on `prev`.

    It must sit right below on the same page and have no more cells than the table has
    columns; and start under a column other than the first (a new row fills the first
    column), or stand closer below than half the gap `row_gap` that parts rows (cell padding
    and borders): then the first column wraps too.
    """
    a, b = prev.line.box, nxt.line.box
    words = nxt.line.words
    if a is None or b is None or prev.page != nxt.page or None in xs or not words:
        return False
    if any(w.box is None for w in words):
        return False
    height = max(a.bottom - a.top, 1.0)
    if b.top - a.bottom > WRAP_GAP * height or b.top < a.top:
        return False
    parts = cells(nxt.line)
    if len(parts) > len(xs):
        return False
    if _nearest(xs, b.x0) > 0:
        return True
    return row_gap is not None and b.top - a.bottom < ROW_GAP_SHARE * row_gap


def _append(cell: list[Word], words: list[Word]) -> None:
    """Add a wrapped line's words to a cell, joining a word split by a hyphen."""
    if cell and words:
        joined = rejoin(cell[-1], words[0])
        if joined is not None:
            cell[-1] = joined
            words = words[1:]
    cell.extend(words)


def _split_at(parts: list[list[Word]], edges: Sequence[float | None]) -> list[list[Word]]:
    """The cells further split before each word that starts right at a column's left edge.

    Narrow columns leave gaps between cells no wider than a space; the edges tell them apart.
    """
    known = [x for x in edges if x is not None]
    out: list[list[Word]] = []
    for part in parts:
        out.append([part[0]])
        for word in part[1:]:
            box = word.box
            if box is not None and any(abs(box.x0 - x) <= EDGE_POINTS for x in known):
                out.append([])
            out[-1].append(word)
    return out


def merged_cells(xs: list[float | None], rows: list[PlacedLine]) -> list[list[Word]]:
    """The words of each column over a row's lines (its first line and its wrapped ones)."""
    out: list[list[Word]] = [[] for _ in xs]
    for n, placed in enumerate(rows):
        parts = _split_at(cells(placed.line), xs)
        by_place = n == 0 and (
            len(parts) == len(xs) or None in xs or any(p[0].box is None for p in parts)
        )
        for k, part in enumerate(parts):
            if by_place:
                index = k
            else:
                box = part[0].box
                index = _nearest(xs, box.x0 if box else 0.0)
            if index < len(out):
                _append(out[index], list(part))
    return out


def _header_at(lines: list[PlacedLine], i: int, edges: Sequence[float | None] = ()) -> Table | None:
    """The header starting at line i (with its wrapped lines), as a table without rows.

    `edges` are column starts seen in the data rows: a header cell that spans one is split.
    """
    parts = _split_at(cells(lines[i].line), edges)
    if len(parts) < MIN_COLUMNS:
        return None
    xs = [cell[0].box.x0 if cell[0].box else None for cell in parts]
    taken = [i]
    while (
        taken[-1] + 1 < len(lines)
        and not _DIGIT.search(lines[taken[-1] + 1].line.text)
        and _continues(lines[taken[-1]], lines[taken[-1] + 1], xs)
    ):
        taken.append(taken[-1] + 1)
    columns = _columns(merged_cells(xs, [lines[k] for k in taken]))
    if columns is None and len(taken) > 1:
        taken, columns = [i], _columns(parts)
    return None if columns is None else Table(taken, columns, xs, [])


def _gap(above: PlacedLine, below: PlacedLine) -> float | None:
    """The space between two lines of one page, or None when it is not known."""
    a, b = above.line.box, below.line.box
    if a is None or b is None or above.page != below.page:
        return None
    return b.top - a.bottom


def _data_rows(lines: list[PlacedLine], table: Table) -> list[list[int]]:
    """The line indexes of each data row under a header (a repeated header is skipped)."""
    rows: list[list[int]] = []
    j = table.header[-1] + 1
    row_gap = _gap(lines[table.header[-1]], lines[j]) if j < len(lines) else None
    while j < len(lines):
        repeated = _header_at(lines, j)
        if repeated is not None:
            j = repeated.header[-1] + 1  # the header repeated on the next page
            continue
        if rows and _continues(lines[rows[-1][-1]], lines[j], table.column_x, row_gap):
            rows[-1].append(j)
        elif len(cells(lines[j].line)) >= 2:
            rows.append([j])
        else:
            after = _over_page(lines, j, table.column_x) if rows else None
            if after is None:
                break
            j = after  # a footer and the next page's head stand between two rows
            continue
        j += 1
    return rows


def _over_page(lines: list[PlacedLine], j: int, xs: list[float | None]) -> int | None:
    """Where a table goes on past a page turn, when line j starts the page's last few lines.

    Up to `FURNITURE_LINES` lines (a footer, the next page's letterhead) may stand between
    the last row of a page and the next row (or the repeated header) of the next.
    """
    page = lines[j - 1].page
    k = j
    while k < len(lines) and lines[k].page == page:
        if k - j >= FURNITURE_LINES:
            return None
        k += 1
    for m in range(k, min(k + FURNITURE_LINES + 1, len(lines))):
        if _header_at(lines, m) is not None:
            return m
        box = lines[m].line.box
        under_first = box is None or xs[0] is None or abs(box.x0 - xs[0]) <= 2 * EDGE_POINTS
        if len(cells(lines[m].line)) >= 2 and under_first:
            return m
    return None


def _data_edges(lines: list[PlacedLine], table: Table) -> list[float]:
    """Cell starts of the data rows' first lines that no header cell starts at."""
    header = [x for x in table.column_x if x is not None]
    out: list[float] = []
    for row in table.rows:
        for part in cells(lines[row[0]].line):
            box = part[0].box
            if box is None or any(abs(box.x0 - x) <= 2 * EDGE_POINTS for x in [*header, *out]):
                continue
            out.append(box.x0)
    return out


def find_table(lines: list[PlacedLine]) -> Table | None:
    """The first table with a header row and at least one data row.

    When the data rows start cells where the header has none, the header is read again with
    those column edges (two header cells that no wide gap parted).
    """
    for i in range(len(lines)):
        table = _header_at(lines, i)
        if table is None:
            continue
        table.rows = _data_rows(lines, table)
        if not table.rows:
            continue
        edges = _data_edges(lines, table)
        finer = _header_at(lines, i, edges) if edges else None
        if finer is not None and len(finer.columns) > len(table.columns):
            finer.rows = _data_rows(lines, finer)
            if finer.rows:
                return finer
        return table
    return None


def _place_column(table: Table, merged: list[list[Word]]) -> int | None:
    """The column holding a row's place of work: a place or address cell with an address,
    the named place column first; else the place column (or the address one)."""
    candidates = [k for k, c in enumerate(table.columns) if c is not None and c[0] in _PLACE_KEYS]
    candidates.sort(key=lambda k: table.columns[k] != (LabelKey.WORK_LOCATION, None))
    for k in candidates:
        if merged[k] and find_addresses(_text(merged[k])):
            return k
    return candidates[0] if candidates else None


def row_lines(table: Table, lines: list[PlacedLine], row: list[int]) -> list[PlacedLine]:
    """The labelled lines of one data row, name columns first."""
    merged = merged_cells(table.column_x, [lines[k] for k in row])
    place = _place_column(table, merged)
    page = lines[row[0]].page
    out: list[tuple[int, PlacedLine]] = []
    for index, words in enumerate(merged):
        column = table.columns[index]
        if column is not None and column[0] in _PLACE_KEYS:
            column = (LabelKey.WORK_LOCATION, None) if index == place else None
        if column is None or column not in _LABEL_TEXT or not words:
            continue
        label = [Word(t, None) for t in _LABEL_TEXT[column].split()]
        order = 0 if column[0] is LabelKey.NAME else 1
        out.append((order, PlacedLine(page, Line(label + words))))
    out.sort(key=lambda pair: pair[0])
    return [line for _, line in out]


def _label_row(placed: PlacedLine, least: int = MIN_COLUMNS) -> bool:
    """Whether a line is a row "label | value | value ..." of a transposed table (at least
    `least` cells: inside a table a row may leave a contract's cell empty)."""
    parts = cells(placed.line)
    label = match_label(_text(parts[0]).rstrip(":")) if parts else None
    return len(parts) >= least and label is not None and label.key is not LabelKey.OTHER


def _starts(placed: PlacedLine) -> list[float | None]:
    """The left edge of each cell of a line (None without boxes)."""
    return [cell[0].box.x0 if cell[0].box else None for cell in cells(placed.line)]


def _transposed_rows(lines: list[PlacedLine]) -> list[list[int]] | None:
    """The line indexes of each row of the first transposed table (a row with its wrapped
    lines), or None."""
    run: list[list[int]] = []
    i = 0
    while i <= len(lines):
        if i < len(lines) and _label_row(lines[i], 2 if run else MIN_COLUMNS):
            group, xs = [i], _starts(lines[i])
            while group[-1] + 1 < len(lines) and _continues(
                lines[group[-1]], lines[group[-1] + 1], xs
            ):
                group.append(group[-1] + 1)
            run.append(group)
            i = group[-1] + 1
            continue
        if len(run) >= MIN_COLUMNS:
            return run
        run = []
        i += 1
    return None


def _labelled(page: int, row: list[list[Word]], k: int) -> PlacedLine:
    """The line "label: value" of a transposed row's value column k."""
    return PlacedLine(page, Line([*row[0], Word(":", None), *row[k]]))


def _column_pieces(
    lines: list[PlacedLine], span: tuple[int, int], rows: list[list[list[Word]]]
) -> list[list[PlacedLine]]:
    """One run of lines per value column of a transposed table, with the rest of the document.

    When its rows differ in width, which cell belongs to which contract is a guess: every
    value's words are then made `DOUBTFUL`.
    """
    start, end = span
    width = max(len(r) for r in rows)
    if any(len(r) != width for r in rows):
        rows = [[r[0], *([_doubtful(c) for c in r[1:]])] for r in rows]
    page = lines[start].page
    pieces = []
    for k in range(1, width):
        labelled = [_labelled(page, row, k) for row in rows if k < len(row) and row[k]]
        pieces.append(lines[:start] + labelled + lines[end:])
    return pieces


def _doubtful(words: list[Word]) -> list[Word]:
    """The words with their confidence lowered to `DOUBTFUL` (below acceptance)."""
    return [Word(w.text, w.box, min(w.confidence, DOUBTFUL)) for w in words]


def _party_heads(lines: list[PlacedLine], start: int, width: int) -> list[list[Word]] | None:
    """The cells naming a party over each value column of a transposed table, or None.

    "Partijen | Werkplaats | Opdrachtgever" over "Naam | ... | ..." rows is one contract's two
    parties side by side, not two contracts. A reader that wrote the header row with an empty
    first cell as "Werkplaats: Opdrachtgever" is read the same.
    """
    if start == 0:
        return None
    parts = cells(lines[start - 1].line)
    if len(parts) == 1 and ":" in _text(parts[0]):
        parts = [[Word(t, None) for t in piece.split()] for piece in _text(parts[0]).split(":")]
    heads = parts[1:] if len(parts) == width else parts if len(parts) == width - 1 else []
    parties = [match_section(_text(cell)) for cell in heads]
    if not parties or None in parties or len(set(parties)) < len(parties):
        return None
    return heads


def _party_piece(
    lines: list[PlacedLine],
    span: tuple[int, int],
    rows: list[list[list[Word]]],
    heads: list[list[Word]],
) -> list[PlacedLine]:
    """The document with a party table written as one block per party: its heading, then
    "label: value" lines."""
    start, end = span
    blocks: list[PlacedLine] = []
    page = lines[start - 1].page
    for k, head in enumerate(heads, start=1):
        blocks.append(PlacedLine(page, Line(list(head))))
        blocks.extend(_labelled(page, row, k) for row in rows if k < len(row) and row[k])
    return lines[: start - 1] + blocks + lines[end:]


def _party_blocks(lines: list[PlacedLine]) -> list[PlacedLine] | None:
    """The document with its party table written as labelled blocks, or None without one."""
    groups = _transposed_rows(lines)
    if groups is None:
        return None
    rows = [merged_cells(_starts(lines[g[0]]), [lines[k] for k in g]) for g in groups]
    span = (groups[0][0], groups[-1][-1] + 1)
    heads = _party_heads(lines, span[0], max(len(r) for r in rows))
    return None if heads is None else _party_piece(lines, span, rows, heads)


def _transposed_pieces(lines: list[PlacedLine]) -> list[list[PlacedLine]] | None:
    """One piece per value column of a table with a column per contract, or None."""
    groups = _transposed_rows(lines)
    if groups is None:
        return None
    rows = []
    for group in groups:
        row = merged_cells(_starts(lines[group[0]]), [lines[k] for k in group])
        if len(group) > 1:  # its wrapped lines went to the nearest column: a guess
            row = [row[0], *(_doubtful(cell) for cell in row[1:])]
        rows.append(row)
    return _column_pieces(lines, (groups[0][0], groups[-1][-1] + 1), rows)


def _role_words(table: Table, placed: PlacedLine) -> list[Word]:
    """The words naming a party at the start of one line of a data row (maybe none).

    They stand in a cell of their own that the header does not name: a first column without a
    header cell (an extra cell in a DOCX row, words left of every column in a PDF) or under a
    header cell that is no known label ("Partij").
    """
    parts = cells(placed.line)
    known = [x for x in table.column_x if x is not None]
    if not parts:
        return []
    if len(parts) == len(table.columns) + 1 and (not known or parts[0][0].box is None):
        return parts[0]
    if table.columns[0] is None:
        return parts[0]
    if not known:
        return []
    left = min(known) - EDGE_POINTS
    return list(itertools.takewhile(lambda w: w.box is not None and w.box.x1 < left, parts[0]))


def _role(words: list[Word]) -> str:
    """The text of a role cell, words split over its lines joined again ("Maatwerkbe-drijf")."""
    joined: list[Word] = []
    for word in words:
        whole = rejoin(joined[-1], word) if joined else None
        if whole is not None:
            joined[-1] = whole
        else:
            joined.append(word)
    return _text(joined)


def _party_rows(table: Table, lines: list[PlacedLine]) -> list[PlacedLine] | None:
    """A table with a row per party ("Opdrachtgever | Naam | Ondernemingsnummer | Zetel")
    written as one labelled block per party, or None when its rows are no parties.

    Such a table holds one contract's two parties, not two contracts, and the address in a
    party's row is its seat, not the place of work: only names and numbers are kept.
    """
    if not any(c is not None and c[0] is LabelKey.NAME for c in table.columns):
        return None
    page = lines[table.header[0]].page
    xs = [x for x, c in zip(table.column_x, table.columns, strict=True) if c is not None]
    columns = [c for c in table.columns if c is not None]
    blocks: list[PlacedLine] = []
    seen: set[Party] = set()
    for row in table.rows:
        role: list[Word] = []
        rest: list[PlacedLine] = []
        for k in row:
            own = _role_words(table, lines[k])
            role += own
            kept = [w for w in lines[k].line.words if not any(w is r for r in own)]
            while kept and kept[0].text == SEPARATOR:
                kept = kept[1:]
            if kept:
                rest.append(PlacedLine(lines[k].page, Line(kept)))
        party = match_section(_role(role)) if role else None
        if party is None or party in seen or not rest:
            return None
        seen.add(party)
        blocks.append(PlacedLine(page, Line(list(role))))
        for column, words in zip(columns, merged_cells(xs, rest), strict=True):
            if len(rest) > 1:  # wrapped cells went to the nearest column: a guess
                words = _doubtful(words)
            if column[0] in (LabelKey.NAME, LabelKey.ENTERPRISE_NUMBER) and words:
                label = [Word(t, None) for t in _LABEL_TEXT[(column[0], party)].split()]
                blocks.append(PlacedLine(page, Line(label + words)))
    return blocks if len(seen) == 2 else None


def table_pieces(lines: list[PlacedLine]) -> list[list[PlacedLine]] | None:
    """One run of lines per table row (the rest of the document plus the row), or None.

    A party table (a column per party) is first written as labelled blocks: it holds for every
    row of a further table, and alone it makes the document one piece.
    """
    parties = _party_blocks(lines)
    lines = parties if parties is not None else lines
    table = find_table(lines)
    if table is None:
        return [lines] if parties is not None else _transposed_pieces(lines)
    taken = {*table.header, *(k for row in table.rows for k in row)}
    before = [p for k, p in enumerate(lines[: table.header[0]]) if k not in taken]
    after = [p for k, p in enumerate(lines) if k > table.header[0] and k not in taken]
    parties_by_row = _party_rows(table, lines)
    if parties_by_row is not None:  # a further table (one row per workstation) may follow
        whole = before + parties_by_row + after
        return table_pieces(whole) or [whole]
    pieces = []
    for row in table.rows:
        if _SUPERVISION.match(_text(cells(lines[row[0]].line)[0])):
            continue  # "Begeleiding | permanente begeleiding | 1": the supervisor, no enclave
        labelled = row_lines(table, lines, row)
        if labelled:
            pieces.append(before + labelled + after)
    return pieces or None
