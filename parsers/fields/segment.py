"""Split a document holding several contracts into one run of lines per contract.

A new contract starts where its title repeats, or, without repeated titles, where a further
workplace block starts (a "Naam werkplaats" label, a "Gegevens van de werkplaats" heading, a
"Tussen enerzijds" clause); what comes before the first one, such as the counterpart's block,
belongs to the first contract. A split moves back over the title and headings just above it, and
a piece with no party block of its own (a page header repeating the title) stays with the
piece before it.
"""

from __future__ import annotations

import re

from parsers.fields.labels import LabelKey, Party, is_title, match_section
from parsers.fields.layout import split_line
from parsers.fields.textmap import PlacedLine, fold

LOOK_BACK = 4
_PROSE_ANCHOR = re.compile(
    r"\benerzijds\b|\bde\s+ondergetekenden\b|\b(?:gesloten|afgesloten|aangegaan)\s+tussen\b"
)


def _party_kind(line: PlacedLine) -> Party | None:
    """The party whose block a line opens (a heading, a name label, a "tussen" clause)."""
    text = line.line.text
    if _PROSE_ANCHOR.search(fold(text)):
        return Party.WORKPLACE
    section = match_section(text)
    if section is not None:
        return section
    split = split_line(line.line)
    if split is not None and split.label.key is LabelKey.NAME and split.value_start is not None:
        return split.label.party
    return None


def _is_title(line: PlacedLine) -> bool:
    """A title line that is not a label with its value."""
    return is_title(line.line.text) and split_line(line.line) is None


def _back_over_headings(lines: list[PlacedLine], i: int, floor: int) -> int:
    """Move a split up over the title and headings right above it."""
    j = i
    while j - 1 > floor and i - (j - 1) <= LOOK_BACK:
        text = lines[j - 1].line.text
        if is_title(text) or match_section(text) is not None:
            j -= 1
        else:
            break
    return j


def _starts(lines: list[PlacedLine], kinds: list[Party | None]) -> list[int]:
    """Where contracts may start: at titles, or else at workplace blocks."""
    titles = [i for i, line in enumerate(lines) if _is_title(line)]
    if titles:
        return titles
    anchors: list[int] = []
    for i, kind in enumerate(kinds):
        if kind is Party.WORKPLACE and (not anchors or i - anchors[-1] > LOOK_BACK):
            anchors.append(i)
    return [_back_over_headings(lines, a, anchors[k]) for k, a in enumerate(anchors[1:])]


def split_contracts(lines: list[PlacedLine]) -> list[list[PlacedLine]]:
    """The lines of each contract in the document, in order."""
    if not lines:
        return []
    kinds = [_party_kind(line) for line in lines]
    starts = sorted({0, *_starts(lines, kinds)})
    bounds = list(zip(starts, [*starts[1:], len(lines)], strict=True))
    merged: list[tuple[int, int]] = []
    for s, e in bounds:
        has_party = any(kinds[s:e])
        if (merged and not has_party) or (merged and not any(kinds[merged[-1][0] : merged[-1][1]])):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return [lines[s:e] for s, e in merged]
