"""A bulleted list read as one value: the work described as a list of tasks.

"De enclave voert de volgende taken uit:" followed by "• maaien van gazons;" / "• snoeien van
hagen." is one nature of work, its items joined with "; ". A list runs while lines start with
the same bullet sign (a Word bullet comes out of a PDF as a private-use character), or, where
the bullets were lost, while short lines end in ";".
"""

from __future__ import annotations

import re

_BULLET = re.compile(r"[ \t]*([•\uf0b7\uf0a7\uf0d8\uf076▪●◦·∙○■□➢►*\-–—])[ \t]+")
_ITEM_END = re.compile(r"[\s;,.]+(?:en|of)?\s*$")
_LABELLED = re.compile(r"[^:;,.]{1,30}:")
MAX_ITEMS = 12
MAX_ITEM_CHARS = 120


def starts_with_bullet(text: str) -> bool:
    """Whether a line starts with a bullet sign."""
    return _BULLET.match(text) is not None


def strip_bullet(text: str) -> str:
    """The text without a bullet sign in front."""
    m = _BULLET.match(text)
    return text[m.end() :] if m else text


def list_at(text: str, line_start: int) -> tuple[list[str], int]:
    """The items of the bulleted list whose first item starts the line at `line_start`, and
    where the list ends; no items when the line is no list item."""
    first = _BULLET.match(text, line_start)
    if first is None:
        return _semicolon_list(text, line_start)
    sign = first.group(1)
    items: list[str] = []
    pos = line_start
    end = line_start
    while pos < len(text) and len(items) < MAX_ITEMS:
        m = _BULLET.match(text, pos)
        if m is None or m.group(1) != sign:
            break
        stop = text.find("\n", m.end())
        stop = len(text) if stop < 0 else stop
        item = _ITEM_END.sub("", text[m.end() : stop]).strip()
        if _LABELLED.match(item):  # "• Team: vier personen": labelled facts, no task list
            return ([], line_start) if not items else (items, end)
        if item:
            items.append(item)
        end = stop
        pos = stop + 1
    return items, end


def _semicolon_list(text: str, line_start: int) -> tuple[list[str], int]:
    """A list whose bullets were lost (Word's list numbering is no text): short lines, each
    but the last ending in ";" ("maaien van gazons;" / "snoeien van hagen.")."""
    items: list[str] = []
    pos = end = line_start
    while pos < len(text) and len(items) < MAX_ITEMS:
        stop = text.find("\n", pos)
        stop = len(text) if stop < 0 else stop
        line = text[pos:stop].strip()
        if not line or len(line) > MAX_ITEM_CHARS or ":" in line:
            break
        items.append(_ITEM_END.sub("", line).strip())
        end, pos = stop, stop + 1
        if not line.endswith(";") and not line.endswith("; en"):
            break
    if len(items) < 2 or not text[line_start:end].rstrip().endswith((".", ";")):
        return [], line_start
    return items, end
