"""Office-suite conversions: DOCX to PDF, .doc and .rtf with LibreOffice headless.

Each batch runs one `soffice` process with a private profile directory, so two runs at once
never block each other on the profile lock.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

FILTERS = {"pdf": "pdf", "doc": "doc:MS Word 97", "rtf": "rtf"}


class ConversionError(RuntimeError):
    """LibreOffice did not produce a file it was asked for."""


def soffice() -> str:
    """The LibreOffice binary, or a clear error naming the Debian package."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise ConversionError("soffice not found: install libreoffice-writer-nogui")
    return found


def convert(files: list[Path], target: str, outdir: Path, timeout: float = 3600) -> list[Path]:
    """Convert `files` to `target` (pdf, doc, rtf) into `outdir`; return the new paths."""
    if not files:
        return []
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="blind-lo-") as profile:
        command = [
            soffice(),
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            FILTERS[target],
            "--outdir",
            str(outdir),
            *map(str, files),
        ]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=timeout)  # noqa: S603 - a fixed soffice command over our own files
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise ConversionError(f"soffice failed converting to {target}: {exc}") from exc
    made = [outdir / f"{f.stem}.{target}" for f in files]
    missing = [p.name for p in made if not p.exists()]
    if missing:
        raise ConversionError(f"soffice made no {target} for {', '.join(missing)}")
    return made
