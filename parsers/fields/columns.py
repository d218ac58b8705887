"""Two-column text (pages in columns, parties side by side) read column by column.

Rows rebuilt from word heights put the lines of two columns side by side ("left sentence right
sentence"), which mixes two texts. A gutter is an x position in the middle of the page that no
word crosses over a run of at least `MIN_ROWS` consecutive rows, most of which (between the
first and the last that do) have words on both sides: one column may run on below the other. Such a run is read left column first, then right column. A run is left as rows
when it is a form (the left side mostly labels: label and value belong on one line) or a table
(further wide gaps on a side in many rows, or three cells on one side in any row: a row per
enclave must stay a row).
Written by hand: pdfplumber and PDFium give words, not reading order across columns.
"""

from __future__ import annotations

import itertools

from parsers.fields.labels import match_label, match_section
from parsers.types import Box, Line, Word

MIN_ROWS = 4
MIN_GUTTER = 8.0  # points
BAND = (0.25, 0.75)  # where on the page a gutter may be, as shares of the width
STEP = 2.0
LABEL_SHARE = 0.35  # left sides that are labels more often than this make a form
TABLE_SHARE = 0.3  # rows with a wide gap on a side of their own more often than this: a table

Row = list[Word]


def _box(word: Word) -> Box:
    """A word's box (rows here only hold words with boxes)."""
    assert word.box is not None
    return word.box


def _crosses(row: Row, x0: float, x1: float) -> bool:
    """Whether a word of the row overlaps the band [x0, x1]."""
    return any(_box(w).x0 < x1 and _box(w).x1 > x0 for w in row)


def _both_sides(row: Row, x: float) -> bool:
    """Whether the row has words left and right of x."""
    return any(_box(w).x1 <= x for w in row) and any(_box(w).x0 >= x for w in row)


def _runs(rows: list[Row], x: float) -> list[tuple[int, int]]:
    """Runs of consecutive rows not crossing the gutter at x, with enough two-sided rows."""
    out: list[tuple[int, int]] = []
    start = None
    for i, row in enumerate([*rows, None]):
        free = row is not None and not _crosses(row, x - MIN_GUTTER / 2, x + MIN_GUTTER / 2)
        if free and start is None:
            start = i
        elif not free and start is not None:
            sided = [k for k in range(start, i) if _both_sides(rows[k], x)]
            # one column may run on alone below the other: judge the rows where both run
            if len(sided) >= MIN_ROWS and len(sided) >= (sided[-1] - sided[0] + 1) / 2:
                out.append((start, i))
            start = None
    return out


def _is_label(words: Row) -> bool:
    """Whether the left side of a row reads as a form label (or a section heading)."""
    text = " ".join(w.text for w in words).strip()
    if not text:
        return False
    if text.endswith(":") or match_section(text) is not None:
        return True
    head = text.split(":")[0]
    return match_label(head) is not None


def _wide_gaps(words: Row, height: float) -> int:
    """How many gaps as wide as a table column's a side of a row has."""
    ordered = sorted(words, key=lambda w: _box(w).x0)
    return sum(
        _box(b).x0 - _box(a).x1 > max(MIN_GUTTER * 2, 1.5 * height)
        for a, b in itertools.pairwise(ordered)
    )


def _wide_gap(words: Row, height: float) -> bool:
    """Whether a side of a row has a gap as wide as a table column's."""
    return _wide_gaps(words, height) > 0


def _is_columns(rows: list[Row], x: float) -> bool:
    """Whether a run is prose in columns, not a form nor a table."""
    lefts = [[w for w in r if _box(w).x1 <= x] for r in rows]
    rights = [[w for w in r if _box(w).x0 >= x] for r in rows]
    two = [(left, right) for left, right in zip(lefts, rights, strict=True) if left and right]
    if not two:
        return False
    labels = sum(_is_label(left) for left, _ in two)
    height = max(_box(rows[0][0]).bottom - _box(rows[0][0]).top, 1.0)
    if any(_wide_gaps(side, height) >= 2 for pair in two for side in pair):
        return False  # three cells on one side of the gutter: a table's row
    tables = sum(_wide_gap(right, height) or _wide_gap(left, height) for left, right in two)
    return labels <= LABEL_SHARE * len(two) and tables <= TABLE_SHARE * len(two)


def read_columns(rows: list[Row], width: float) -> list[Row]:
    """The rows in reading order: each two-column run as its left column, then its right."""
    if len(rows) < MIN_ROWS or width <= 0 or any(w.box is None for r in rows for w in r):
        return rows
    spans: dict[tuple[tuple[int, int], ...], list[float]] = {}
    x = width * BAND[0]
    while x <= width * BAND[1]:
        found = tuple(_runs(rows, x))
        if found:
            spans.setdefault(found, []).append(x)
        x += STEP
    best: tuple[float, list[tuple[int, int]]] | None = None
    for runs_key, xs in sorted(spans.items(), key=lambda kv: -sum(e - s for s, e in kv[0]))[:3]:
        middle = xs[len(xs) // 2]  # the middle of the free band: the gutter's centre
        kept = [run for run in runs_key if _is_columns(rows[run[0] : run[1]], middle)]
        if kept:
            best = (middle, kept)
            break
    if best is None:
        return rows
    gutter, runs = best
    out: list[Row] = []
    done = 0
    for start, end in runs:
        out.extend(rows[done:start])
        lefts = [[w for w in r if _box(w).x1 <= gutter] for r in rows[start:end]]
        rights = [[w for w in r if _box(w).x0 >= gutter] for r in rows[start:end]]
        out.extend(r for r in lefts if r)
        out.extend(r for r in rights if r)
        done = end
    out.extend(rows[done:])
    return out


def as_lines(rows: list[Row]) -> list[Line]:
    """Rows as lines, words left to right."""
    return [Line(sorted(r, key=lambda w: _box(w).x0)) for r in rows if r]
