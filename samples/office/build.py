"""Write a corpus: pick templates in seeded shuffled rounds, save, convert, list the truth.

Word documents are converted by LibreOffice in one headless call per target format, with a
private profile, so a batch of a hundred documents costs one start-up per format.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from samples.office.catalogue import TEMPLATES
from samples.office.kit import Template

# Formats of the Word documents in turn: most are sent as PDF, some as DOCX, a few as old DOC/RTF.
FORMAT_CYCLE = (
    "office_pdf",
    "docx",
    "office_pdf",
    "doc",
    "office_pdf",
    "rtf",
    "office_pdf",
    "office_pdf",
    "docx",
)
_EXTENSION = {"office_pdf": "pdf", "doc": "doc", "rtf": "rtf"}


class ConversionError(RuntimeError):
    """LibreOffice did not produce a file it was asked for."""


def plan(n: int, seed: int) -> list[Template]:
    """The template of each document: every template once per round, rounds shuffled."""
    master = random.Random(seed)
    order: list[Template] = []
    while len(order) < n:
        round_ = list(TEMPLATES)
        master.shuffle(round_)
        order.extend(round_)
    return order[:n]


def convert(files: list[Path], target: str, outdir: Path) -> None:
    """Convert Word files with one headless LibreOffice run (private profile)."""
    if not files:
        return
    with tempfile.TemporaryDirectory(prefix="office-profile-") as profile:
        command = [
            "soffice",
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            *(str(f) for f in files),
        ]
        # a fixed argument list; the file names are the ones this module just wrote
        subprocess.run(command, check=True, capture_output=True, timeout=60 + 10 * len(files))  # noqa: S603
    for f in files:
        if not (outdir / f"{f.stem}.{target}").exists():
            raise ConversionError(f"{f.name} was not converted to {target}")


def generate(outdir: Path, n: int = 150, seed: int = 7) -> list[dict[str, Any]]:
    """Write `n` documents and `truth.json` into `outdir`; return the truth entries."""
    outdir.mkdir(parents=True, exist_ok=True)
    entries: list[dict[str, Any]] = []
    pending: dict[str, list[Path]] = {"pdf": [], "doc": [], "rtf": []}
    word_docs = 0
    with tempfile.TemporaryDirectory(prefix="office-src-") as tmp:
        source = Path(tmp)
        for index, tpl in enumerate(plan(n, seed)):
            rng = random.Random(f"{seed}:{index}:{tpl.name}")
            made = tpl.build(rng)
            stem = f"{index + 1:03d}_{tpl.name}"
            if tpl.kind == "eml":
                assert made.mail is not None
                fmt, name = "eml", f"{stem}.eml"
                (outdir / name).write_bytes(made.mail)
            else:
                assert made.sheet is not None
                fmt = FORMAT_CYCLE[word_docs % len(FORMAT_CYCLE)]
                word_docs += 1
                data = made.sheet.to_bytes(made.author, made.when)
                if fmt == "docx":
                    name = f"{stem}.docx"
                    (outdir / name).write_bytes(data)
                else:
                    ext = _EXTENSION[fmt]
                    name = f"{stem}.{ext}"
                    (source / f"{stem}.docx").write_bytes(data)
                    pending[ext].append(source / f"{stem}.docx")
            entries.append(
                {
                    "file": name,
                    "template": tpl.name,
                    "format": fmt,
                    "tags": sorted(set(made.tags)),
                    "is_contract": made.is_contract,
                    "contracts": [deal.truth() for deal in made.deals] if made.is_contract else [],
                }
            )
        for ext, files in pending.items():
            convert(files, ext, outdir)
    (outdir / "truth.json").write_text(
        json.dumps({"documents": entries}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return entries


def soffice_available() -> bool:
    """Whether LibreOffice's `soffice` is on the path."""
    return shutil.which("soffice") is not None
