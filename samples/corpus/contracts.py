"""A generator of realistic enclave-contract documents with their ground truth.

`generate_corpus(n, seed)` makes a balanced, reproducible mix of form and prose contracts as
text PDF and DOCX, plus scans (image-only PDFs and images) and tricky cases, each `Sample`
carrying the file and the truth of every contract in it. Run as a module to write a corpus:

    python -m samples.corpus.contracts OUTDIR --n 150 --seed 1
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from samples.corpus.docs_draw import apply_tricky, random_truth, sibling
from samples.corpus.docs_pool import domains_for, org_number
from samples.corpus.docs_render import (
    render,
    render_form_docx,
    render_form_pdf,
    render_prose_docx,
    render_prose_pdf,
    render_scan_image,
    render_scan_pdf,
)
from samples.corpus.truth import SCAN_LAYOUTS, TEXT_LAYOUTS, ContractTruth, Layout, Tricky

__all__ = [
    "ContractTruth",
    "Sample",
    "generate_corpus",
    "make_truths",
    "plan_layouts",
    "random_truth",
    "registry_rows",
    "render",
    "render_form_docx",
    "render_form_pdf",
    "render_prose_docx",
    "render_prose_pdf",
    "render_scan_image",
    "render_scan_pdf",
    "write_corpus",
]
MULTI_LAYOUTS = (Layout.FORM_PDF, Layout.PROSE_PDF, Layout.SCAN_PDF)


@dataclass(slots=True)
class Sample:
    """One corpus document: its bytes and the truth of each contract it holds."""

    truths: list[ContractTruth]
    data: bytes
    filename: str
    media_type: str
    layout: Layout


def plan_layouts(n: int, scan_share: float, rng: random.Random) -> list[Layout]:
    """A shuffled, balanced list of `n` layouts with `scan_share` of them scans."""
    scans = round(n * scan_share)
    out = [SCAN_LAYOUTS[0] if i % 3 != 2 else SCAN_LAYOUTS[1] for i in range(scans)]
    out += [TEXT_LAYOUTS[i % len(TEXT_LAYOUTS)] for i in range(n - scans)]
    rng.shuffle(out)
    return out


def _tags(n: int, tricky_share: float, rng: random.Random) -> list[Tricky | None]:
    tricky = round(n * tricky_share)
    cycle = list(Tricky)
    rng.shuffle(cycle)
    out: list[Tricky | None] = [cycle[i % len(cycle)] for i in range(tricky)]
    out += [None] * (n - tricky)
    rng.shuffle(out)
    return out


def make_truths(layout: Layout, tag: Tricky | None, rng: random.Random) -> list[ContractTruth]:
    """The truths of one document of a layout, bent into a tricky case when tagged."""
    truth = random_truth(rng, layout)
    if tag is None:
        return [truth]
    if tag is Tricky.MULTI_CONTRACT:
        if layout not in MULTI_LAYOUTS:
            return [apply_tricky(truth, Tricky.TERMINATION_WORDING, rng)]
        truth.tricky.append(tag.value)
        return [truth, sibling(truth, rng)]
    return [apply_tricky(truth, tag, rng)]


def generate_corpus(
    n: int, seed: int, scan_share: float = 0.2, tricky_share: float = 0.25
) -> list[Sample]:
    """`n` documents, the same for the same arguments, with `scan_share` of them scans."""
    rng = random.Random(seed)
    samples = []
    for layout, tag in zip(
        plan_layouts(n, scan_share, rng), _tags(n, tricky_share, rng), strict=True
    ):
        truths = make_truths(layout, tag, rng)
        data, filename, media_type = render(truths)
        samples.append(Sample(truths, data, filename, media_type, layout))
    return samples


def registry_rows(truths: Iterable[ContractTruth]) -> list[dict[str, str]]:
    """Registry CSV rows (`enterprise_number,name,kind,email_domains`) for the organisations."""
    rows: dict[str, dict[str, str]] = {}
    taken: set[str] = set()
    for t in truths:
        for name, kind in (
            (t.workplace_name, t.workplace_kind),
            (t.counterpart_name, t.counterpart_kind),
        ):
            number = org_number(name)
            if number in rows:
                continue
            shared = {"vlaanderen.be"}
            domains = [
                d if d not in taken or d in shared else f"{d[:-3]}{number[-2:]}.be"
                for d in domains_for(name, kind)
            ]
            taken.update(domains)
            rows[number] = {
                "enterprise_number": number,
                "name": name,
                "kind": kind.value,
                "email_domains": ";".join(domains),
            }
    return sorted(rows.values(), key=lambda r: r["enterprise_number"])


def write_corpus(samples: list[Sample], outdir: Path) -> None:
    """Write the files, `truth.json` and `registry.csv` into a folder."""
    outdir.mkdir(parents=True, exist_ok=True)
    index = []
    for number, sample in enumerate(samples, start=1):
        name = f"{number:03d}-{sample.filename}"
        (outdir / name).write_bytes(sample.data)
        index.append(
            {
                "file": name,
                "layout": sample.layout.value,
                "media_type": sample.media_type,
                "truths": [t.to_dict() for t in sample.truths],
            }
        )
    (outdir / "truth.json").write_text(json.dumps(index, indent=1, ensure_ascii=False) + "\n")
    rows = registry_rows(t for s in samples for t in s.truths)
    with (outdir / "registry.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(
            handle, fieldnames=["enterprise_number", "name", "kind", "email_domains"]
        )
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> None:
    """Command line: write a corpus to a folder."""
    parser = argparse.ArgumentParser(description="Write a corpus of enclave contracts.")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--n", type=int, default=150)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scan-share", type=float, default=0.2)
    args = parser.parse_args(argv)
    write_corpus(generate_corpus(args.n, args.seed, args.scan_share), args.outdir)


if __name__ == "__main__":
    main()
