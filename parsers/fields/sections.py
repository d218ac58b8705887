"""A document that lists several enclaves in numbered sections ("Enclave 1", "Site 2").

What comes before the first such heading (the parties, the common terms) holds for every
section; each section adds its own facts (place, team, start). Each section is read as one
contract from the preamble plus its own lines. Annexes ("Bijlage 1") and articles are no such
sections: an annex completes the one contract before it.
"""

from __future__ import annotations

import re

from parsers.fields.textmap import PlacedLine, fold

MIN_SECTIONS = 2
MAX_HEADING_WORDS = 8
_HEADING = re.compile(
    r"^\W{0,3}(enclave|site|locatie|vestiging|werf|opdracht|project|team|ploeg|werkpost)"
    r"\s*(?:nr\.?|nummer)?\s*(\d{1,2}|[a-h])\b(?!\s*[/.-]\s*\d)"
)


def section_pieces(lines: list[PlacedLine]) -> list[list[PlacedLine]] | None:
    """The preamble plus each section, or None when the document has no numbered sections."""
    heads: list[tuple[int, str]] = []
    for i, placed in enumerate(lines):
        text = placed.line.text
        m = _HEADING.match(fold(text))
        if m and len(text.split()) <= MAX_HEADING_WORDS:
            heads.append((i, m.group(1)))
    kinds = {kind for _, kind in heads}
    if len(heads) < MIN_SECTIONS or len(kinds) != 1:
        return None
    starts = [i for i, _ in heads]
    preamble = lines[: starts[0]]
    bounds = zip(starts, [*starts[1:], len(lines)], strict=True)
    return [preamble + lines[s:e] for s, e in bounds]
