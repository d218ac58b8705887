"""The Jinja environment of the report templates (HTML autoescaped, markdown plain)."""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from mailbox_ingest.reports import labels


def _number(value: Any) -> str:
    """A count or a mean for people: thousands separated, a missing value as a dash."""
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return f"{value:,}"


def _text(value: Any) -> str:
    """A missing name or date as a dash."""
    return "–" if value is None or value == "" else str(value)


def _cell(value: Any) -> str:
    """Text for a markdown table cell: one line, pipes escaped."""
    return " ".join(_text(value).split()).replace("|", "\\|")


@cache
def environment() -> Environment:
    """Built once per process; the templates live in this package's `templates/` folder."""
    env = Environment(
        loader=PackageLoader("mailbox_ingest.reports", "templates"),
        autoescape=lambda name: bool(name and name.endswith(".html.j2")),  # noqa: S701 - autoescape is on for .html.j2; the rest is Markdown and text
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["number"] = _number
    env.filters["text"] = _text
    env.filters["cell"] = _cell
    env.globals.update(
        kinds=labels.KINDS,
        provinces=labels.PROVINCES,
        reasons=labels.REASONS,
        label=labels.label,
        question=labels.QUESTION,
    )
    return env


def render(name: str, **context: Any) -> str:
    """Render one template of the package."""
    return environment().get_template(name).render(**context)
