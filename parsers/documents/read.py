"""Entry point: decide what an attachment is and hand it to the matching reader.

The content decides first (magic bytes), then the file name's extension, then the type the
mail declared, since mail clients often label a PDF `application/octet-stream`.

Each reader's module is imported when a document of its kind is first read, so sniffing and
deciding what is a candidate cost no document library (the daemon only does that; the reading
happens in a reader process).
"""

from __future__ import annotations

import importlib
import io
import zipfile
from collections.abc import Callable

from parsers.documents.archive import ZIP_MAGIC, expand_zip
from parsers.documents.errors import (
    DocumentError,
    DocumentErrorReason,
    LimitExceeded,
    UnsupportedDocument,
)
from parsers.documents.kinds import RTF_MAGIC, MediaType
from parsers.documents.limits import DocumentLimits
from parsers.documents.tnef import expand_tnef, is_tnef
from parsers.types import Document, Line, Page, TextSource, Word

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
        return MediaType.ODT if kind == MediaType.ODT else kind or MediaType.ZIP
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
    if media_type == MediaType.TEXT:
        return read_text(data, filename, limits)
    reader = reader_for(media_type)
    if reader is not None:
        return reader(data, filename, limits)
    if media_type == MediaType.ZIP:
        raise UnsupportedDocument(filename, "a zip archive: expand it and read its members")
    raise UnsupportedDocument(filename, f"cannot read {media_type}")


_READERS: dict[str, tuple[str, str]] = {  # media type: (module, function), imported on use
    MediaType.PDF: ("parsers.documents.pdf", "read_pdf"),
    MediaType.DOCX: ("parsers.documents.docx", "read_docx"),
    MediaType.ODT: ("parsers.documents.odt", "read_odt"),
    MediaType.JPEG: ("parsers.documents.images", "read_image"),
    MediaType.PNG: ("parsers.documents.images", "read_image"),
    MediaType.TIFF: ("parsers.documents.images", "read_image"),
    MediaType.DOC: ("parsers.documents.office", "read_doc"),
    MediaType.RTF: ("parsers.documents.office", "read_rtf"),
}
READER_MODULES = tuple(sorted({module for module, _ in _READERS.values()}))


def reader_for(media_type: str) -> Callable[[bytes, str, DocumentLimits], Document] | None:
    """The reader of a media type (its module imported now), or None when none reads it."""
    entry = _READERS.get(media_type)
    if entry is None:
        return None
    module, function = entry
    reader: Callable[[bytes, str, DocumentLimits], Document] = getattr(
        importlib.import_module(module), function
    )
    return reader


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
