"""Entry point: decide what an attachment is and hand it to the matching reader.

The content decides first (magic bytes), then the file name's extension, then the type the
mail declared, since mail clients often label a PDF `application/octet-stream`.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from enum import StrEnum

from parsers.documents.archive import ZIP_MAGIC, expand_zip
from parsers.documents.docx import MEDIA_TYPE as DOCX
from parsers.documents.docx import read_docx
from parsers.documents.errors import (
    DocumentError,
    DocumentErrorReason,
    LimitExceeded,
    UnsupportedDocument,
)
from parsers.documents.images import read_image
from parsers.documents.limits import DocumentLimits
from parsers.documents.odt import MEDIA_TYPE as ODT
from parsers.documents.odt import read_odt
from parsers.documents.office import RTF_MAGIC, read_doc, read_rtf
from parsers.documents.pdf import read_pdf
from parsers.documents.tnef import expand_tnef, is_tnef
from parsers.types import Document, Line, Page, TextSource, Word


class MediaType(StrEnum):
    """The media types the readers know (and a few they knowingly refuse)."""

    PDF = "application/pdf"
    DOCX = DOCX
    DOC = "application/msword"
    RTF = "application/rtf"
    ODT = ODT
    JPEG = "image/jpeg"
    PNG = "image/png"
    TIFF = "image/tiff"
    ZIP = "application/zip"
    TEXT = "text/plain"
    OCTET = "application/octet-stream"


_MAGIC: tuple[tuple[bytes, MediaType], ...] = (
    (b"%PDF-", MediaType.PDF),
    (b"\xff\xd8\xff", MediaType.JPEG),
    (b"\x89PNG\r\n\x1a\n", MediaType.PNG),
    (b"II*\x00", MediaType.TIFF),
    (b"MM\x00*", MediaType.TIFF),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", MediaType.DOC),  # OLE2: .doc, .xls, .msg...
    (RTF_MAGIC, MediaType.RTF),
)
_EXTENSIONS: dict[str, str] = {
    "pdf": MediaType.PDF,
    "docx": MediaType.DOCX,
    "doc": MediaType.DOC,
    "rtf": MediaType.RTF,
    "odt": MediaType.ODT,
    "jpg": MediaType.JPEG,
    "jpeg": MediaType.JPEG,
    "png": MediaType.PNG,
    "tif": MediaType.TIFF,
    "tiff": MediaType.TIFF,
    "zip": MediaType.ZIP,
    "txt": MediaType.TEXT,
}
_IGNORED_NAMES = frozenset({"smime.p7s", "smime.p7m", "winmail.dat"})
_IGNORED_EXTENSIONS = frozenset({"vcf", "ics", "p7s", "p7c", "asc", "sig", "gif", "bmp", "emz"})
SIGNATURE_IMAGE_BYTES = 20 * 1024


def sniff(data: bytes, filename: str, declared_type: str | None) -> str:
    """The media type of an attachment: by magic bytes, then extension, then declared type."""
    head = data[:1024]
    if b"%PDF-" in head:  # a few producers put junk before the header; readers accept it
        return MediaType.PDF
    for magic, media_type in _MAGIC:
        if head.startswith(magic):
            return media_type
    if head.startswith(ZIP_MAGIC):
        return _zip_kind(data)
    by_name = _EXTENSIONS.get(_extension(filename))
    if by_name is not None:
        return by_name
    declared = (declared_type or "").split(";")[0].strip().lower()
    return declared or MediaType.OCTET


def _zip_kind(data: bytes) -> str:
    """A DOCX when the zip holds a Word body, another Office file, else a plain zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return MediaType.ZIP
    if "word/document.xml" in names:
        return MediaType.DOCX
    if "content.xml" in names and "mimetype" in names:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                kind = zf.read("mimetype")[:100].decode("ascii", "replace").strip()
        except (zipfile.BadZipFile, ValueError, OSError, KeyError):
            kind = ""
        return MediaType.ODT if kind == ODT else kind or MediaType.ZIP
    if "[Content_Types].xml" in names:
        return "application/vnd.openxmlformats-officedocument"  # a spreadsheet, slides...
    return MediaType.ZIP


def _extension(filename: str) -> str:
    """The lower-case extension of a file name, without the dot."""
    _, dot, ext = filename.rpartition(".")
    return ext.lower() if dot else ""


def read_document(
    data: bytes, filename: str, declared_type: str | None, limits: DocumentLimits
) -> Document:
    """Read one attachment (not a zip: expand those with `archive.expand_zip` first)."""
    if len(data) > limits.max_attachment_bytes:
        raise LimitExceeded(
            filename,
            f"{len(data)} bytes, at most {limits.max_attachment_bytes} allowed",
            DocumentErrorReason.TOO_LARGE,
        )
    media_type = sniff(data, filename, declared_type)
    readers: dict[str, Callable[[bytes, str, DocumentLimits], Document]] = {
        MediaType.PDF: read_pdf,
        MediaType.DOCX: read_docx,
        MediaType.ODT: read_odt,
        MediaType.JPEG: read_image,
        MediaType.PNG: read_image,
        MediaType.TIFF: read_image,
        MediaType.TEXT: read_text,
        MediaType.DOC: read_doc,
        MediaType.RTF: read_rtf,
    }
    reader = readers.get(media_type)
    if reader is not None:
        return reader(data, filename, limits)
    if media_type == MediaType.ZIP:
        raise UnsupportedDocument(filename, "a zip archive: expand it and read its members")
    raise UnsupportedDocument(filename, f"cannot read {media_type}")


def read_text(data: bytes, filename: str, limits: DocumentLimits) -> Document:
    """A plain-text attachment as one page (UTF-8, else Windows-1252)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    lines = [Line([Word(w, None) for w in row.split()]) for row in text.splitlines()]
    page = Page(1, [line for line in lines if line.words], TextSource.PLAIN)
    return Document(filename=filename, media_type=MediaType.TEXT, pages=[page])


def is_document_candidate(
    filename: str, media_type: str | None, size: int | None = None, inline: bool = False
) -> bool:
    """Whether the pipeline should try to read an attachment (False for signatures, vCards...).

    A small inline image named like Outlook's `image001.png` is a mail signature's logo.
    """
    name = filename.strip().lower()
    ext = _extension(name)
    kind = (media_type or "").split(";")[0].strip().lower()
    if name in _IGNORED_NAMES or ext in _IGNORED_EXTENSIONS:
        return False
    if kind in (
        "text/vcard",
        "text/x-vcard",
        "text/calendar",
        "application/pkcs7-signature",
        "application/x-pkcs7-signature",
        "application/ms-tnef",
    ):
        return False
    is_image = kind.startswith("image/") or ext in ("jpg", "jpeg", "png", "tif", "tiff")
    if (is_image and size is not None and size < SIGNATURE_IMAGE_BYTES) and (
        inline or (name.startswith("image0") and ext in ("png", "jpg", "jpeg", "gif"))
    ):
        return False
    known = set(_EXTENSIONS.values()) | {MediaType.OCTET}
    return ext in _EXTENSIONS or kind in known


def read_attachment(
    data: bytes, filename: str, declared_type: str | None, limits: DocumentLimits
) -> list[tuple[str, Document | DocumentError]]:
    """Read an attachment, expanding a zip or winmail.dat: (name, document or its error) per
    file read.

    An error of the container itself (a bomb, a password) is raised; a member's error is returned
    in its place so the other members still count. Members that are no candidates are skipped.
    """
    tnef = is_tnef(data, filename, declared_type or "")
    if not tnef and sniff(data, filename, declared_type) != MediaType.ZIP:
        try:
            return [(filename, read_document(data, filename, declared_type, limits))]
        except DocumentError as exc:
            return [(filename, exc)]
    if len(data) > limits.max_attachment_bytes:
        raise LimitExceeded(
            filename,
            f"{len(data)} bytes, at most {limits.max_attachment_bytes} allowed",
            DocumentErrorReason.TOO_LARGE,
        )
    results: list[tuple[str, Document | DocumentError]] = []
    members = expand_tnef(data, filename, limits) if tnef else expand_zip(data, filename, limits)
    for name, content in members:
        if not is_document_candidate(name, None, len(content)):
            continue
        try:
            results.append((name, read_document(content, name, None, limits)))
        except DocumentError as exc:
            results.append((name, exc))
    return results
