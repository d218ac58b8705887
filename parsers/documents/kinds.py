"""The kinds of document the readers know, as media types, and the magic bytes that tell them.

A module of its own, free of any document library, so that deciding what an attachment is
costs nothing in a process that never reads one.
"""

from __future__ import annotations

from enum import StrEnum

RTF_MAGIC = b"{\\rtf"


class MediaType(StrEnum):
    """The media types the readers know (and a few they knowingly refuse)."""

    PDF = "application/pdf"
    DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    DOC = "application/msword"
    RTF = "application/rtf"
    ODT = "application/vnd.oasis.opendocument.text"
    JPEG = "image/jpeg"
    PNG = "image/png"
    TIFF = "image/tiff"
    ZIP = "application/zip"
    TEXT = "text/plain"
    OCTET = "application/octet-stream"
