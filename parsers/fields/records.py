"""Several contracts written as repeated blocks of labelled lines (a mail listing its enclaves).

A workplace's mail or memo may list its enclaves one block each::

    1) Bakkerij Peeters NV – KBO 0123.456.749
       Werkplek: Industrieweg 7, 8500 Kortrijk
       Werkzaamheden: verpakken
       Aantal: 4 medewerkers

A block is a run of lines labelled with a contract fact (place, work, team, dates) and its
value; a new block starts where a fact label already given in the current block comes again.
With at least two blocks of at least `MIN_KEYS` facts each, the later ones repeating at least
`MIN_KEYS` of the first one's facts, every block is read as one contract together with what
stands before the first block and after the last (the sender, the shared party, the signature).
The unlabelled lines between two blocks are the next block's heading; the first block gets as
many heading lines as the others have. A heading that names an organisation (a legal form or
an enterprise number) while the block has no name label names the block's counterpart: what is
said once around the blocks is the workplace's.
"""

from __future__ import annotations

import re

from parsers.fields.enterprise import find_enterprise_numbers
from parsers.fields.labels import LabelKey
from parsers.fields.layout import split_line
from parsers.fields.orgs import find_orgs
from parsers.fields.textmap import PlacedLine
from parsers.types import Line, Word

MIN_BLOCKS = 2
MIN_KEYS = 3
FACT_KEYS = frozenset(
    {
        LabelKey.WORK_LOCATION,
        LabelKey.NATURE_OF_WORK,
        LabelKey.WORKERS,
        LabelKey.START_DATE,
        LabelKey.END_DATE,
        LabelKey.DURATION,
        LabelKey.SIGNED_DATE,
    }
)
_PARTY_KEYS = frozenset({LabelKey.NAME, LabelKey.ENTERPRISE_NUMBER})
_ENUMERATOR = re.compile(r"^(?:\(?\d{1,2}[.)]|\(?[a-hA-H][.)]|[-–•*·]|nr\.?\d{0,2})$")
COUNTERPART_LABEL = "Naam onderneming:"


def _key(line: PlacedLine) -> LabelKey | None:
    """The label a line opens with and gives a value after, or None (a lone label is a
    heading, "Looptijd van de overeenkomst", not a fact)."""
    split = split_line(line.line)
    return None if split is None or split.value_start is None else split.label.key


def _blocks(keys: list[LabelKey | None]) -> list[list[int]] | None:
    """The fact lines of each block, or None when the lines hold no repeated blocks."""
    blocks: list[list[int]] = []
    seen: set[LabelKey] = set()
    for i, key in enumerate(keys):
        if key not in FACT_KEYS:
            continue
        assert key is not None
        if not blocks or key in seen:
            blocks.append([])
            seen = set()
        blocks[-1].append(i)
        seen.add(key)
    full = [len({keys[i] for i in b}) >= MIN_KEYS for b in blocks]
    while blocks and not full[0]:  # a lone "Datum:" above the list is no block
        blocks, full = blocks[1:], full[1:]
    while blocks and not full[-1]:
        blocks, full = blocks[:-1], full[:-1]
    if len(blocks) < MIN_BLOCKS or not all(full):
        return None
    first = {keys[i] for i in blocks[0]}
    if any(len(first & {keys[i] for i in b}) < MIN_KEYS for b in blocks[1:]):
        return None  # blocks that say different things are parts of one contract
    return blocks


def _named_heading(heading: list[PlacedLine]) -> list[PlacedLine]:
    """The heading with its line that names an organisation labelled as the counterpart."""
    out = list(heading)
    for k, placed in enumerate(heading):
        text = placed.line.text
        if not find_orgs(text) and not find_enterprise_numbers(text):
            continue
        words = list(placed.line.words)
        while words and _ENUMERATOR.match(words[0].text):
            words = words[1:]
        if not words:
            continue
        label = [Word(t, None) for t in COUNTERPART_LABEL.split()]
        out[k] = PlacedLine(placed.page, Line(label + words))
        break
    return out


def record_pieces(lines: list[PlacedLine]) -> list[list[PlacedLine]] | None:
    """One run of lines per block (the text around the blocks plus the block), or None."""
    keys = [_key(line) for line in lines]
    blocks = _blocks(keys)
    if blocks is None:
        return None
    gaps = [blocks[k][0] - blocks[k - 1][-1] - 1 for k in range(1, len(blocks))]
    starts = [max(0, blocks[0][0] - min(gaps)), *(b[-1] + 1 for b in blocks[:-1])]
    before, after = lines[: starts[0]], lines[blocks[-1][-1] + 1 :]
    pieces = []
    for start, block in zip(starts, blocks, strict=True):
        heading = lines[start : block[0]]
        own = lines[block[0] : block[-1] + 1]
        if not any(keys[i] in _PARTY_KEYS for i in range(start, block[-1] + 1)):
            heading = _named_heading(heading)
        pieces.append(before + heading + own + after)
    return pieces
