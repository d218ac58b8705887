"""Old Word (.doc) and RTF documents: converted to DOCX by LibreOffice headless, then read.

No maintained Python library reads the binary Word format, and RTF readers lose tables, so the
office suite that writes these files converts them. Each conversion runs `soffice` as a child
process with its own throwaway user profile (parallel conversions must not share one, and a
hostile file must not leave state behind), within the reading limits: the input size is
checked before, the child is killed after `convert_timeout_s`, and the DOCX it writes is read
by the DOCX reader with its decompression limits. The pipeline may run this reader in a child
process of its own; this module only guards the converter.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from parsers.documents.docx import read_docx
from parsers.documents.errors import (
    CorruptDocument,
    DocumentErrorReason,
    LimitExceeded,
    UnsupportedDocument,
)
from parsers.documents.kinds import MediaType
from parsers.documents.limits import DocumentLimits
from parsers.types import Document

DOC_MEDIA_TYPE = MediaType.DOC
RTF_MEDIA_TYPE = MediaType.RTF
_SUFFIX: dict[str, str] = {DOC_MEDIA_TYPE: ".doc", RTF_MEDIA_TYPE: ".rtf"}


def soffice() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(data: bytes, filename: str, media_type: str, limits: DocumentLimits) -> bytes:
    """The DOCX LibreOffice makes of a .doc or .rtf, within the time and size limits."""
    exe = soffice()
    if exe is None:
        raise UnsupportedDocument(filename, "old Word or RTF needs LibreOffice, not installed")
    if len(data) > limits.max_attachment_bytes:
        raise LimitExceeded(filename, f"{len(data)} bytes", DocumentErrorReason.TOO_LARGE)
    with tempfile.TemporaryDirectory(prefix="mi-office-") as tmp:
        work = Path(tmp)
        source = work / ("input" + _SUFFIX.get(media_type, ".doc"))
        source.write_bytes(data)
        command = [
            exe,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            "--convert-to",
            "docx",
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        env = {**os.environ, "HOME": str(work)}
        try:
            subprocess.run(  # noqa: S603 - a fixed argument list, no shell
                command,
                capture_output=True,
                timeout=limits.convert_timeout_s,
                env=env,
                check=False,
                start_new_session=True,
            )
        except subprocess.TimeoutExpired as exc:
            raise LimitExceeded(
                filename,
                f"conversion took over {limits.convert_timeout_s:.0f} s",
                DocumentErrorReason.CONVERSION_TIMEOUT,
            ) from exc
        target = work / "out" / (source.stem + ".docx")
        if not target.exists() or target.stat().st_size == 0:
            raise CorruptDocument(filename, "LibreOffice could not convert it")
        if target.stat().st_size > limits.max_attachment_bytes:
            raise LimitExceeded(
                filename,
                "the converted document is too large",
                DocumentErrorReason.DECOMPRESSION_LIMIT,
            )
        return target.read_bytes()


def read_office(data: bytes, filename: str, limits: DocumentLimits, media_type: str) -> Document:
    """Read a .doc or .rtf through its DOCX conversion (words carry no boxes, as in DOCX)."""
    doc = read_docx(convert_to_docx(data, filename, media_type, limits), filename, limits)
    doc.media_type = media_type
    return doc


def read_doc(data: bytes, filename: str, limits: DocumentLimits) -> Document:
    """An old Word (.doc) document."""
    return read_office(data, filename, limits, DOC_MEDIA_TYPE)


def read_rtf(data: bytes, filename: str, limits: DocumentLimits) -> Document:
    """An RTF document."""
    return read_office(data, filename, limits, RTF_MEDIA_TYPE)
