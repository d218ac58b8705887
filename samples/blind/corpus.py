"""Plan and write the blind corpus: which template in which format, the files, truth.json.

Every document draws its facts and its wording from its own random stream (seed and index),
so the plan and the truth do not depend on the office suite; conversions run in batches.
"""

from __future__ import annotations

import json
import random
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from samples.blind import convert, facts, scan
from samples.blind.registry import TEMPLATES, Template
from samples.blind.render import Style

DEFAULT_SEED = 8
FAULT_CHANCE = {"bad_check_digits": 0.07, "same_entity": 0.05, "missing_work_location": 0.2}


@dataclass
class Item:
    """One planned document: its template, its output mode, and what it says."""

    index: int
    template: Template
    mode: str  # pair (docx + office_pdf), doc, rtf, scan, eml
    deals: list[facts.Deal] = field(default_factory=list)
    tags: set[str] = field(default_factory=set)

    @property
    def stem(self) -> str:
        """The file name without extension."""
        return f"{self.index:03d}_{self.template.id}"


def plan() -> list[tuple[str, str]]:
    """(template id, mode) for every document, in a fixed order: batch after batch.

    Templates added later form a new batch whose documents follow all earlier ones, so the
    documents already committed keep their index, file name and random stream.
    """
    wanted: list[tuple[str, str]] = []
    for batch in sorted({t.batch for t in TEMPLATES.values()}):
        wanted += _batch_plan([t for t in TEMPLATES.values() if t.batch == batch])
    return wanted


def _batch_plan(templates: list[Template]) -> list[tuple[str, str]]:
    """(template id, mode) for the documents of one batch of templates."""
    wanted: list[tuple[str, str]] = []
    extra = ("doc", "rtf")
    docx_templates = [t for t in templates if t.output == "docx"]
    for n, t in enumerate(sorted(docx_templates, key=lambda t: t.id)):
        pairs = 1 if not t.is_contract else 3
        wanted += [(t.id, "pair")] * pairs + [(t.id, "scan")]
        if t.is_contract and n % 2 == 0:
            wanted.append((t.id, extra[(n // 2) % 2]))
        if t.is_contract and n % 3 == 0:
            wanted.append((t.id, "scan"))
    for t in sorted(templates, key=lambda t: t.id):
        if t.output == "eml":
            wanted += [(t.id, "eml")] * 4
    return wanted


def _deals(rng: random.Random, t: Template) -> list[facts.Deal]:
    first = facts.deal(rng, t.kinds)
    deals = [first]
    for _ in range(rng.randint(*t.contracts) - 1):
        start = date(first.start.year, rng.randint(1, 12), 1)
        extra = facts.deal(rng, t.kinds, wp=first.workplace, start=start)
        if t.shared_counterpart:
            extra.counterpart = first.counterpart
        deals.append(extra)
    if len(deals) > 1:
        signed = min(d.start for d in deals) - timedelta(days=rng.randint(5, 20))
        for d in deals:
            d.signed = signed
    fault = next((f for f in t.faults if rng.random() < FAULT_CHANCE[f]), None)
    if fault == "bad_check_digits":
        facts.wrong_number(deals[0])
        for d in deals[1:]:  # one workplace, written once, in a multi-contract document
            d.workplace = deals[0].workplace
    elif fault == "same_entity" and deals[0].counterpart.kind not in {"flemish_government"}:
        facts.same_entity(rng, deals[0])
    elif fault == "missing_work_location":
        deals[0].location = None
        deals[0].tags.add("missing_work_location")
    return deals


def build(seed: int, work: Path) -> list[Item]:
    """Write every DOCX and .eml source into `work`; return the items with their truth."""
    items = []
    for index, (tid, mode) in enumerate(plan(), 1):
        t = TEMPLATES[tid]
        rng = random.Random(f"{seed}-{index}-{tid}")
        item = Item(index, t, mode, _deals(rng, t))
        style = Style(rng)
        style.fit_roles(item.deals[0])
        built = t.build(style, item.deals)
        suffix = ".eml" if t.output == "eml" else ".docx"
        target = work / f"{item.stem}{suffix}"
        if t.output == "eml":
            target.write_bytes(bytes(built))  # type: ignore[arg-type]
        else:
            built.save(str(target))  # type: ignore[union-attr]
        item.tags = set(t.tags) | style.tags
        for d in item.deals:
            item.tags |= d.tags
        items.append(item)
    return items


def _entries(item: Item) -> list[dict[str, Any]]:
    formats = {
        "pair": [("docx", "docx"), ("office_pdf", "pdf")],
        "doc": [("doc", "doc")],
        "rtf": [("rtf", "rtf")],
        "scan": [("scan_pdf", "pdf")],
        "eml": [("eml", "eml")],
    }
    out = []
    for fmt, ext in formats[item.mode]:
        tags = sorted(item.tags | ({"scan"} if fmt == "scan_pdf" else set()))
        out.append(
            {
                "file": f"{item.stem}.{ext}",
                "template": item.template.id,
                "format": fmt,
                "tags": tags,
                "is_contract": item.template.is_contract,
                "contracts": [d.truth() for d in item.deals] if item.template.is_contract else [],
            }
        )
    return out


def truth(items: list[Item], seed: int) -> dict[str, Any]:
    """The ground truth of the whole corpus."""
    docs = [e for item in items for e in _entries(item)]
    return {"generator": "samples.blind", "seed": seed, "documents": docs}


def generate(out: Path, seed: int = DEFAULT_SEED, office: bool = True) -> dict[str, Any]:
    """Write the corpus into `out`; without `office`, only the sources and the truth."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="blind-work-") as tmp:
        work = Path(tmp)
        items = build(seed, work)
        by_mode: dict[str, list[Item]] = {}
        for item in items:
            by_mode.setdefault(item.mode, []).append(item)
        for item in by_mode.get("pair", []) + by_mode.get("eml", []):
            suffix = ".eml" if item.mode == "eml" else ".docx"
            shutil.copy(work / f"{item.stem}{suffix}", out / f"{item.stem}{suffix}")
        if office:
            _office(work, out, by_mode, seed)
    result = truth(items, seed)
    (out / "truth.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return result


def _office(work: Path, out: Path, by_mode: dict[str, list[Item]], seed: int) -> None:
    def sources(mode: str) -> list[Path]:
        return [work / f"{i.stem}.docx" for i in by_mode.get(mode, [])]

    convert.convert(sources("pair"), "pdf", out)
    convert.convert(sources("doc"), "doc", out)
    convert.convert(sources("rtf"), "rtf", out)
    printed = convert.convert(sources("scan"), "pdf", work / "printed")
    for item, pdf in zip(by_mode.get("scan", []), printed, strict=True):
        d = item.deals[0]
        received = (d.signed or d.start) + timedelta(days=3)
        scan.scan(
            pdf, out / f"{item.stem}.pdf", random.Random(f"{seed}-{item.index}-scan"), received
        )
