"""Running headers and footers: lines repeated at the edges of pages, dropped before reading.

A footer ("Ondernemingscontract - pagina 2") or a header (the workplace's name) would otherwise
split a contract, sit between a label and its value, or be taken for a value. One copy stays
where a one-page letter has it: the first page's header and letterhead at the top, the last
page's footer at the end, since a letterhead or a footer may be the only place that names the
sender (the workplace) or gives its enterprise number.
"""

from __future__ import annotations

import re

from parsers.fields.labels import is_title
from parsers.fields.layout import split_line
from parsers.fields.textmap import PlacedLine

EDGE_LINES = 2  # lines at the top and bottom of a page where headers and footers sit
LETTERHEAD_LINES = 6  # a letterhead repeated on every page is at most this many lines
_PAGE_NUMBER = re.compile(r"\b(?:pagina|blz|page)\s*\d|^\W*\d+(?:\s*(?:/|van)\s*\d+)?\W*$")


def _furniture_key(text: str) -> str:
    """A header or footer line compared without its page number (when it has one)."""
    key = text.strip().lower()
    if _PAGE_NUMBER.search(key):
        key = re.sub(r"\d+", "#", key)
    return key


def _top_keys(page: list[PlacedLine]) -> list[str]:
    """The keys of a page's first lines, up to a title (a title may open the next contract)."""
    keys = []
    for line in page[:LETTERHEAD_LINES]:
        if is_title(line.line.text):
            break
        keys.append(_furniture_key(line.line.text))
    return keys


def _letterheads(pages: list[list[PlacedLine]]) -> list[int]:
    """Per page, how many first lines are a letterhead repeated at the top of another page.

    A repeated letterhead (name, address, enterprise number, telephone) is dropped whole on
    the later pages, its labelled lines included.
    """
    tops = [_top_keys(page) for page in pages]
    out = []
    for i, top in enumerate(tops):
        best = 0
        for j, other in enumerate(tops):
            if i != j:
                k = 0
                while k < min(len(top), len(other)) and top[k] == other[k]:
                    k += 1
                best = max(best, k)
        out.append(best if best >= 2 else 0)
    return out


def drop_furniture(pages: list[list[PlacedLine]]) -> list[PlacedLine]:
    """The lines of all pages without running headers and footers (edge lines that repeat).

    A repeated title at the top of a page stays (it may open the next contract), and so does a
    labelled line (two contracts may end on the same field).
    """
    if len(pages) < 2:
        return [line for page in pages for line in page]
    seen: dict[str, set[int]] = {}
    for number, page in enumerate(pages):
        for line in page[:EDGE_LINES] + page[-EDGE_LINES:]:
            seen.setdefault(_furniture_key(line.line.text), set()).add(number)
    repeated = {key for key, where in seen.items() if len(where) >= 2}
    out = []
    heads = _letterheads(pages)
    last = len(pages) - 1
    for number, page in enumerate(pages):
        edges = {id(line) for line in page[:EDGE_LINES] + page[-EDGE_LINES:]}
        if number == 0:  # the first copy of a header stays, where a one-page letter has it
            edges -= {id(line) for line in page[:EDGE_LINES]}
        if number == last:  # and the last copy of a footer, after the text
            edges -= {id(line) for line in page[-EDGE_LINES:]}
        for line in page[(heads[number] if number else 0) :]:
            key = _furniture_key(line.line.text)
            if (
                id(line) in edges
                and key in repeated
                and not is_title(line.line.text)
                and split_line(line.line) is None
            ):
                continue
            out.append(line)
    return out
