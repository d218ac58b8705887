"""Jinja2 templates for the texts the department sends, and the acknowledgement e-mail.

Templates live in the packaged folder `mailbox_ingest/templates/`; a folder named in the config
(`[answers] template_dir`) is searched first, so staff can edit copies of single files without
touching the code. Rendering is strict: a template that names an unknown variable fails with a
`TemplateRenderError` naming the file and line, never with a silently empty sentence.
The filters `datum`, `nummer` and `kbo` write dates, numbers and enterprise numbers the Dutch way.
"""

from __future__ import annotations

import tomllib
import traceback
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

import jinja2
import jinja2.sandbox

from mailbox_ingest.domain.enterprise_numbers import written
from mailbox_ingest.domain.enums import RefusalReason
from mailbox_ingest.domain.errors import ConfigError, MailboxIngestError

DEFAULT_TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"
LETTERHEAD_FILE = "letterhead.toml"
REFUSAL_REASONS_FILE = "refusal_reasons.toml"

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
NUMBER_WORDS = (
    "nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien",
    "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien",
    "negentien", "twintig",
)  # fmt: skip


class TemplateName(StrEnum):
    """The template files the code renders (each may be overridden in the template folder)."""

    ACKNOWLEDGEMENT_SUBJECT = "acknowledgement_subject.txt.j2"
    ACKNOWLEDGEMENT = "acknowledgement.txt.j2"
    LETTER_APPROVAL = "letter_approval.md.j2"
    LETTER_REFUSAL = "letter_refusal.md.j2"


class TemplateRenderError(MailboxIngestError):
    """A template is missing, malformed or refers to something the context does not hold."""

    def __init__(self, template: str, problem: str, line: int | None = None) -> None:
        self.template = template
        self.problem = problem
        self.line = line
        where = f"{template}, line {line}" if line else template
        super().__init__(f"template {where}: {problem}")


@dataclass(frozen=True, slots=True)
class ContractSummary:
    """What the answer to one contract may mention; unknown values are None."""

    contract_id: int
    workplace_name: str
    received_at: datetime
    our_reference: str
    workplace_enterprise_number: str | None = None
    workplace_address: tuple[str, ...] = ()
    counterpart_name: str | None = None
    counterpart_enterprise_number: str | None = None
    nature_of_work: str | None = None
    workers: int | None = None
    start_date: date | None = None
    end_date: date | None = None
    indefinite_duration: bool | None = None
    work_location: str | None = None
    inbound_subject: str | None = None


def datum(value: date | None, leeg: str = "niet vermeld") -> str:
    """Write a date the Dutch way (`1 maart 2017`); `leeg` stands in for a missing date."""
    if value is None:
        return leeg
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def nummer(value: int | float | None, woorden: bool = False, leeg: str = "niet vermeld") -> str:
    """Write a number the Dutch way (`1.234`, `2,5`); with `woorden`, small ones as `zes (6)`."""
    if value is None:
        return leeg
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{int(value):,}"
    text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    if woorden and isinstance(value, int) and 0 <= value < len(NUMBER_WORDS):
        return f"{NUMBER_WORDS[value]} ({text})"
    return text


def kbo(value: str | None, leeg: str = "niet vermeld") -> str:
    """Write a Belgian enterprise number as `0XXX.XXX.XXX`; other text is returned unchanged."""
    if not value:
        return leeg
    return written(value) or value


def build_environment(template_dir: Path | None = None) -> jinja2.Environment:
    """Build the template environment: `template_dir` first, then the packaged defaults.

    Staff edit these templates, so they render in Jinja's sandbox: no attribute walks to
    `os`, the environment or the interpreter (`SecurityError`, shown as a template error).
    """
    search = [DEFAULT_TEMPLATE_DIR]
    if template_dir is not None:
        if not template_dir.is_dir():
            raise ConfigError("answers.template_dir", f"{template_dir} is not a folder")
        search.insert(0, template_dir)
    env = jinja2.sandbox.SandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(p) for p in search], encoding="utf-8"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(datum=datum, nummer=nummer, kbo=kbo)
    return env


def template_source(env: jinja2.Environment, name: str) -> str:
    """Return the raw text of a file found through the environment's search path."""
    name = str(name)
    try:
        source, _, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
    except jinja2.TemplateNotFound as exc:
        raise TemplateRenderError(name, "file not found in the template folders") from exc
    return source


def render_template(env: jinja2.Environment, name: str, context: Mapping[str, Any]) -> str:
    """Render one template, turning every Jinja failure into a `TemplateRenderError`."""
    name = str(name)  # Jinja writes the name into generated code with repr(): no enum members
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateRenderError(name, f"syntax error: {exc.message}", exc.lineno) from exc
    except jinja2.TemplateNotFound as exc:
        raise TemplateRenderError(name, f"template not found: {exc.name}") from exc
    except jinja2.UndefinedError as exc:
        raise TemplateRenderError(
            name, f"unknown variable: {exc.message}", _line(exc, name)
        ) from exc
    except jinja2.TemplateError as exc:
        raise TemplateRenderError(name, str(exc), _line(exc, name)) from exc


def _line(exc: BaseException, name: str) -> int | None:
    """Find the template line an error was raised on, from the traceback Jinja rewrites."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(name)]
    return frames[-1].lineno if frames else None


def render_acknowledgement(
    summaries: Sequence[ContractSummary],
    *,
    env: jinja2.Environment,
    sender_name: str,
    reference: str,
    contact: str | None = None,
) -> tuple[str, str]:
    """Render the acknowledgement e-mail for the contracts of one mail: (subject, body)."""
    if not summaries:
        raise ValueError("an acknowledgement needs at least one contract")
    context = {
        "contracts": list(summaries),
        "received_at": min(s.received_at for s in summaries),
        "inbound_subject": summaries[0].inbound_subject,
        "sender_name": sender_name,
        "reference": reference,
        "contact": contact,
    }
    subject = render_template(env, TemplateName.ACKNOWLEDGEMENT_SUBJECT, context)
    subject = " ".join(subject.split())  # one header line, whatever the template did
    body = render_template(env, TemplateName.ACKNOWLEDGEMENT, context)
    return subject, body.strip() + "\n"


class LetterKind(StrEnum):
    """Which decision a letter conveys."""

    APPROVAL = "approval"
    REFUSAL = "refusal"


@dataclass(frozen=True, slots=True)
class Letterhead:
    """Sender details printed on every letter, read from `letterhead.toml`."""

    department: str
    address: tuple[str, ...]
    place: str
    authority: str = "Vlaamse overheid"
    division: str = ""
    email: str = ""
    phone: str = ""
    website: str = ""
    signer_title: str = ""
    attention: str = ""


def read_toml(env: jinja2.Environment, name: str) -> dict[str, Any]:
    """Read a TOML settings file through the template folders (override first)."""
    try:
        return tomllib.loads(template_source(env, name))
    except tomllib.TOMLDecodeError as exc:
        raise TemplateRenderError(name, f"not valid TOML: {exc}") from exc


def load_letterhead(env: jinja2.Environment) -> Letterhead:
    """Read `letterhead.toml`, naming the offending key when it is wrong."""
    data = read_toml(env, LETTERHEAD_FILE)
    if unknown := sorted(set(data) - {f.name for f in fields(Letterhead)}):
        raise TemplateRenderError(LETTERHEAD_FILE, f"unknown keys: {', '.join(unknown)}")
    for key in ("department", "address", "place"):
        if not data.get(key):
            raise TemplateRenderError(LETTERHEAD_FILE, f"missing key {key!r}")
    if not isinstance(data["address"], list):
        raise TemplateRenderError(LETTERHEAD_FILE, "'address' must be a list of lines")
    values = {k: str(v) for k, v in data.items() if k != "address"}
    return Letterhead(address=tuple(str(line) for line in data["address"]), **values)


def load_refusal_sentences(env: jinja2.Environment) -> dict[RefusalReason, str]:
    """Read the Dutch sentence for every refusal reason from `refusal_reasons.toml`."""
    data = read_toml(env, REFUSAL_REASONS_FILE)
    if unknown := sorted(set(data) - {r.value for r in RefusalReason}):
        raise TemplateRenderError(REFUSAL_REASONS_FILE, f"unknown reasons: {', '.join(unknown)}")
    sentences = {RefusalReason(k): " ".join(str(v).split()) for k, v in data.items()}
    needed = [r for r in RefusalReason if r is not RefusalReason.OTHER]
    if missing := [r.value for r in needed if r not in sentences]:
        raise TemplateRenderError(REFUSAL_REASONS_FILE, f"no sentence for: {', '.join(missing)}")
    return sentences


def refusal_sentence(
    reason: RefusalReason, text: str | None, sentences: Mapping[RefusalReason, str]
) -> str:
    """The reason for a refusal as a full Dutch sentence; `OTHER` takes the staff's own text."""
    if reason is RefusalReason.OTHER:
        if not text or not text.strip():
            raise ValueError("a refusal for another reason needs the reason in refusal_text")
        return " ".join(text.split())
    return sentences[reason]
