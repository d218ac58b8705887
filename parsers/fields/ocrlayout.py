"""Reading order of an OCR'd page: two columns read one after the other, as on a text layer.

The OCR reader joins lines that sit side by side into one row (a form's label beside its
value), which for prose in two columns, or two parties' blocks side by side, mixes two texts
word-row by word-row ("kweken en oppotten van trois"). Text-layer pages are split at a gutter
by `parsers.fields.columns.read_columns`; this module does the same for OCR'd pages. Their
word boxes are given on the page as scanned, which may be tilted by a degree or two, so a
column's left edge drifts sideways down the page: the tilt is measured from the words of each
row (the rows are level on the straightened page) and the boxes are turned back before the
gutter search. The words themselves, with their boxes on the scanned page, are kept.
"""

from __future__ import annotations

import math
import statistics

from parsers.fields.columns import as_lines, read_columns
from parsers.types import Box, Line, Word

MIN_ROW_WORDS = 4  # rows with fewer words give no reliable slope
MAX_TILT = math.radians(4.0)


def _centre(box: Box) -> tuple[float, float]:
    """The centre point of a box."""
    return (box.x0 + box.x1) / 2, (box.top + box.bottom) / 2


def _slope(words: list[Word]) -> float | None:
    """The least-squares slope dy/dx of the word centres of one row (None: too few words)."""
    points = [_centre(w.box) for w in words if w.box is not None]
    if len(points) < MIN_ROW_WORDS:
        return None
    mx = sum(p[0] for p in points) / len(points)
    my = sum(p[1] for p in points) / len(points)
    sxx = sum((p[0] - mx) ** 2 for p in points)
    if sxx <= 0:
        return None
    return sum((p[0] - mx) * (p[1] - my) for p in points) / sxx


def page_tilt(lines: list[Line]) -> float:
    """The tilt of the scanned page (radians, y grows downwards), the median over its rows."""
    slopes = [s for s in (_slope(line.words) for line in lines) if s is not None]
    if not slopes:
        return 0.0
    angle = math.atan(statistics.median(slopes))
    return angle if abs(angle) <= MAX_TILT else 0.0


def _straightened(box: Box, angle: float, centre: tuple[float, float]) -> Box:
    """A box turned by -angle about the centre (its centre moved; size kept)."""
    cx, cy = centre
    x, y = _centre(box)
    cos, sin = math.cos(angle), math.sin(angle)
    sx = cx + (x - cx) * cos + (y - cy) * sin
    sy = cy - (x - cx) * sin + (y - cy) * cos
    half_w, half_h = (box.x1 - box.x0) / 2, (box.bottom - box.top) / 2
    return Box(sx - half_w, sy - half_h, sx + half_w, sy + half_h)


def ocr_reading_order(lines: list[Line], width: float, height: float) -> list[Line]:
    """The page's OCR rows with each two-column run read left column first, then right."""
    if any(w.box is None for line in lines for w in line.words):
        return lines
    angle = page_tilt(lines)
    centre = (width / 2, height / 2)
    original: dict[int, Word] = {}
    rows: list[list[Word]] = []
    for line in lines:
        row = []
        for word in line.words:
            assert word.box is not None
            turned = Word(word.text, _straightened(word.box, angle, centre), word.confidence)
            original[id(turned)] = word
            row.append(turned)
        rows.append(row)
    ordered = read_columns(rows, width)
    if ordered is rows:
        return lines
    return [Line([original[id(w)] for w in line.words]) for line in as_lines(ordered)]
