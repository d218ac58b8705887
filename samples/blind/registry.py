"""The template registry: every way of writing a document, with what it may vary.

A template turns a `Style` and one or more `Deal`s into a Word document or an e-mail. Its
entry says which counterpart kinds fit it, how many contracts one document holds, whether it
is a contract at all, which deliberate faults it may carry, and the batch it was added in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

from docx.document import Document as DocxDocument

from samples.blind.facts import Deal
from samples.blind.render import Style

Built = DocxDocument | EmailMessage
Builder = Callable[[Style, list[Deal]], Built]
PRIVATE = ("regular_company",) * 6 + ("nonprofit", "workplace")


@dataclass(frozen=True)
class Template:
    """One way of writing a document."""

    id: str
    build: Builder
    output: str = "docx"
    kinds: tuple[str, ...] = PRIVATE
    contracts: tuple[int, int] = (1, 1)
    is_contract: bool = True
    tags: tuple[str, ...] = ()
    faults: tuple[str, ...] = ("bad_check_digits", "same_entity")
    shared_counterpart: bool = False
    batch: int = (
        1  # templates added later plan after every earlier batch, so old files keep their names
    )


TEMPLATES: dict[str, Template] = {}


def template(tid: str, **options: Any) -> Callable[[Builder], Builder]:
    """Register a builder under a template id."""

    def register(build: Builder) -> Builder:
        if tid in TEMPLATES:
            raise ValueError(f"template {tid} registered twice")
        TEMPLATES[tid] = Template(tid, build, **options)
        return build

    return register
