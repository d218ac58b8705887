"""Approval and refusal letters under the old regime, rendered to an A4 PDF for staff to sign.

The body comes from an editable Jinja template written in a small Markdown subset (a `# `
subject line, paragraphs, `- ` bullets, `**bold**`); the letterhead from `letterhead.toml` in
the same template folders. The subset converter is written here because a full Markdown
library would emit HTML that reportlab's paragraph markup does not accept; every value is
XML-escaped before markup is added, so names like "Smith & Zonen <NV>" print as they are.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import jinja2
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from mailbox_ingest.domain.enums import RefusalReason
from mailbox_ingest.respond.templates import (
    ContractSummary,
    Letterhead,
    LetterKind,
    TemplateName,
    TemplateRenderError,
    datum,
    load_refusal_sentences,
    refusal_sentence,
    render_template,
)

DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")
GREY = colors.HexColor("#555555")
FLEMISH_YELLOW = colors.HexColor("#FFE615")
LEFT, RIGHT, TOP, BOTTOM = 25 * mm, 20 * mm, 25 * mm, 24 * mm
FIRST_FRAME_TOP = 196 * mm  # below the letterhead, the address window and the reference row
NO_PADDING = dict(leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)


@cache
def _fonts() -> tuple[str, str]:
    """Register DejaVu Sans when present (full accents), else fall back to Helvetica."""
    regular, bold = DEJAVU_DIR / "DejaVuSans.ttf", DEJAVU_DIR / "DejaVuSans-Bold.ttf"
    if not (regular.exists() and bold.exists()):
        return "Helvetica", "Helvetica-Bold"
    pdfmetrics.registerFont(TTFont("LetterSans", str(regular)))
    pdfmetrics.registerFont(TTFont("LetterSans-Bold", str(bold)))
    pdfmetrics.registerFontFamily("LetterSans", normal="LetterSans", bold="LetterSans-Bold")
    return "LetterSans", "LetterSans-Bold"


@cache
def _styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles of the letter, in the registered font."""
    font, bold = _fonts()
    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=13.5, spaceAfter=6)
    return {
        "body": body,
        "subject": ParagraphStyle("subject", parent=body, fontName=bold, fontSize=11,
                                  spaceAfter=14),
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=6 * mm, bulletIndent=1.5 * mm,
                                 spaceAfter=1.5),
        "small": ParagraphStyle("small", parent=body, fontSize=7.5, leading=9.5,
                                textColor=GREY, spaceAfter=0),
        "value": ParagraphStyle("value", parent=body, fontSize=9, leading=11.5, spaceAfter=0),
        "address": ParagraphStyle("address", parent=body, fontSize=10.5, leading=14,
                                  spaceAfter=0),
    }  # fmt: skip


def _inline(text: str) -> str:
    """Escape a line of text for reportlab and turn `**bold**` into markup."""
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", escape(text))


def markdown_flowables(text: str) -> tuple[str | None, list[Flowable]]:
    """Convert the Markdown subset to (subject, flowables); a `# ` line gives the subject."""
    styles = _styles()
    subject: str | None = None
    blocks: list[tuple[str, list[str]]] = []  # ("p" | "li", lines)
    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            blocks.append(("", []))
        elif line.startswith("# ") and subject is None:
            subject = line[2:].strip()
            blocks.append(("", []))
        elif m := re.match(r"^\s*[-*]\s+(.*)$", line):
            blocks.append(("li", [m.group(1)]))
        elif blocks and blocks[-1][0] and (blocks[-1][0] == "p" or raw.startswith(" ")):
            blocks[-1][1].append(line.strip())  # continuation of a paragraph or a bullet
        else:
            blocks.append(("p", [line.strip()]))
    story: list[Flowable] = []
    for kind, lines in blocks:
        markup = " ".join(_inline(part) for part in lines)
        if kind == "p":
            story.append(Paragraph(markup, styles["body"]))
        elif kind == "li":
            story.append(Paragraph(markup, styles["bullet"], bulletText="•"))
        elif story and isinstance(story[-1], Paragraph) and story[-1].style.name == "bullet":
            story.append(Spacer(1, 5))  # a blank line closes a list
    return subject, story


@dataclass(frozen=True, slots=True)
class _Page:
    """What the page decorations print, shared by both layout passes."""

    letterhead: Letterhead
    summary: ContractSummary
    dated: str
    total_pages: int


def _draw_first_page(canvas: Canvas, page: _Page) -> None:
    """Letterhead, the address for a window envelope, the reference row and the date."""
    styles, (font, bold) = _styles(), _fonts()
    head, width = page.letterhead, A4[0] - LEFT - RIGHT
    canvas.setFillColor(FLEMISH_YELLOW)
    canvas.rect(LEFT, 252 * mm, 2.2 * mm, 25 * mm, stroke=0, fill=1)
    canvas.setFillColor(colors.black)
    lines = [(bold, 9, head.authority), (bold, 12.5, head.department), (font, 9, head.division)]
    y = 277 * mm
    for face, size, text in lines:
        if text:
            y -= size * 1.3
            canvas.setFont(face, size)
            canvas.drawString(LEFT + 5 * mm, y, text)
    canvas.setFont(font, 8)
    canvas.setFillColor(GREY)
    y -= 3
    contact = [head.email, f"T {head.phone}" if head.phone else "", head.website]
    for text in [*head.address, *filter(None, contact)]:
        y -= 10.5
        canvas.drawString(LEFT + 5 * mm, y, text)
    summary = page.summary
    recipient = [f"<b>{escape(summary.workplace_name)}</b>", escape(head.attention)]
    recipient += [escape(line) for line in summary.workplace_address]
    block = Paragraph("<br/>".join(filter(None, recipient)), styles["address"])
    _, h = block.wrapOn(canvas, 80 * mm, 40 * mm)
    block.drawOn(canvas, 115 * mm, 250 * mm - h)
    labels = ["uw bericht van", "uw kenmerk", "ons kenmerk", "contact"]
    subject = summary.inbound_subject or "—"
    if len(subject) > 38:  # one line in its column: the date line sits right below
        subject = subject[:37].rstrip() + "…"
    values = [datum(summary.received_at), subject, summary.our_reference,
              head.email or head.phone or head.division]  # fmt: skip
    row = Table(
        [[Paragraph(t, styles["small"]) for t in labels],
         [Paragraph(escape(v), styles["value"]) for v in values]],
        colWidths=[0.2 * width, 0.32 * width, 0.2 * width, 0.28 * width],
        style=[("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "TOP"),
               ("LINEABOVE", (0, 0), (-1, 0), 0.4, GREY), ("TOPPADDING", (0, 0), (-1, 0), 4)],
    )  # fmt: skip
    _, h = row.wrapOn(canvas, width, 30 * mm)
    row.drawOn(canvas, LEFT, 220 * mm - h)
    canvas.setFillColor(colors.black)
    canvas.setFont(font, 10)
    canvas.drawString(LEFT, FIRST_FRAME_TOP + 5 * mm, page.dated)
    _draw_footer(canvas, page)


def _draw_later_page(canvas: Canvas, page: _Page) -> None:
    """A short running head with our reference, then the footer."""
    canvas.setFont(_fonts()[0], 8)
    canvas.setFillColor(GREY)
    head = f"{page.letterhead.department} · ons kenmerk {page.summary.our_reference}"
    canvas.drawString(LEFT, A4[1] - 15 * mm, f"{head} · {page.dated}")
    _draw_footer(canvas, page)


def _draw_footer(canvas: Canvas, page: _Page) -> None:
    """Thin rule, sender address and `pagina X van Y` at the foot of every page."""
    canvas.saveState()
    canvas.setStrokeColor(GREY)
    canvas.setLineWidth(0.4)
    canvas.line(LEFT, 18 * mm, A4[0] - RIGHT, 18 * mm)
    canvas.setFont(_fonts()[0], 7.5)
    canvas.setFillColor(GREY)
    head = page.letterhead
    canvas.drawString(LEFT, 13.5 * mm, " · ".join([head.department, *head.address]))
    number = f"pagina {canvas.getPageNumber()} van {page.total_pages}"
    canvas.drawRightString(A4[0] - RIGHT, 13.5 * mm, number)
    canvas.restoreState()


def _signature(closing: Sequence[Flowable], decided_by: str, title: str) -> Flowable:
    """The closing formula kept together with the space to sign, the name and the title."""
    styles = _styles()
    name = Paragraph(f"<b>{escape(decided_by)}</b>", styles["value"])
    parts = [*closing, Spacer(1, 15 * mm), name]
    if title:
        parts.append(Paragraph(escape(title), styles["value"]))
    return KeepTogether(parts)


def render_letter(
    kind: LetterKind,
    summary: ContractSummary,
    *,
    env: jinja2.Environment,
    letterhead: Letterhead,
    decided_on: date,
    decided_by: str,
    refusal_reason: RefusalReason | None = None,
    refusal_text: str | None = None,
) -> bytes:
    """Render the approval or refusal letter for one contract as an A4 PDF."""
    context: dict[str, Any] = dict(
        contract=summary, letterhead=letterhead, kind=kind, decided_on=decided_on,
        decided_by=decided_by, refusal_sentence=None, refusal_text=None,
    )  # fmt: skip
    name = TemplateName.LETTER_APPROVAL
    if kind is LetterKind.REFUSAL:
        if refusal_reason is None:
            raise ValueError("a refusal letter needs a refusal_reason")
        name = TemplateName.LETTER_REFUSAL
        sentences = load_refusal_sentences(env)
        context["refusal_sentence"] = refusal_sentence(refusal_reason, refusal_text, sentences)
        if refusal_reason is not RefusalReason.OTHER and refusal_text and refusal_text.strip():
            context["refusal_text"] = " ".join(refusal_text.split())
    elif refusal_reason is not None:
        raise ValueError("an approval letter takes no refusal_reason")
    text = render_template(env, name, context)
    if markdown_flowables(text)[0] is None:
        raise TemplateRenderError(name, "the first line must be the subject ('# ...')")
    page = _Page(letterhead, summary, f"{letterhead.place}, {datum(decided_on)}", 1)
    pdf, pages = _build(text, page, decided_by)
    if pages > 1:  # second pass, now that `pagina X van Y` knows Y
        pdf, _ = _build(text, replace(page, total_pages=pages), decided_by)
    return pdf


def _build(text: str, page: _Page, decided_by: str) -> tuple[bytes, int]:
    """Lay out the letter once; returns the PDF and its number of pages."""
    subject, story = markdown_flowables(text)
    closing = story[-1:] if story and isinstance(story[-1], Paragraph) else []
    body = story[: len(story) - len(closing)]
    flow = [
        Paragraph(_inline(subject or ""), _styles()["subject"]),
        *body,
        _signature(closing, decided_by, page.letterhead.signer_title),
    ]
    out = io.BytesIO()
    width, top = A4[0] - LEFT - RIGHT, A4[1] - TOP
    first = Frame(LEFT, BOTTOM, width, FIRST_FRAME_TOP - BOTTOM, id="first", **NO_PADDING)
    later = Frame(LEFT, BOTTOM, width, top - BOTTOM, id="later", **NO_PADDING)
    doc = BaseDocTemplate(
        out, pagesize=A4, title=subject or "", author=page.letterhead.department,
        subject=page.summary.our_reference, invariant=True,
        pageTemplates=[
            PageTemplate("first", [first], onPage=lambda c, _d: _draw_first_page(c, page),
                         autoNextPageTemplate="later"),
            PageTemplate("later", [later], onPage=lambda c, _d: _draw_later_page(c, page)),
        ],
    )  # fmt: skip
    doc.build(flow)
    return out.getvalue(), doc.page
