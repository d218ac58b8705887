"""Image reader: JPEG, PNG and TIFF (every frame a page), read by OCR with boxes in points."""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from parsers.documents.errors import (
    CorruptDocument,
    DocumentErrorReason,
    LimitExceeded,
    UnsupportedDocument,
)
from parsers.documents.limits import DocumentLimits
from parsers.documents.ocr import ocr_image
from parsers.types import Document

DEFAULT_DPI = 300.0
PLAUSIBLE_DPI = (100.0, 1200.0)  # outside this, a recorded resolution is not a scan's
MAX_OCR_DPI = 400.0  # sharper scans are scaled down first: tesseract gains nothing
MIN_OCR_DPI = 300.0  # coarser scans are scaled up first: tesseract misreads small glyphs
FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "TIFF": "image/tiff"}


def read_image(data: bytes, filename: str, limits: DocumentLimits) -> Document:
    """OCR every frame of an image file into a page."""
    Image.MAX_IMAGE_PIXELS = limits.max_pixels_per_page
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=list(FORMATS))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise _too_many_pixels(filename, str(exc)) from exc
        except UnidentifiedImageError as exc:
            raise UnsupportedDocument(filename, "not a JPEG, PNG or TIFF image") from exc
        except (OSError, SyntaxError, ValueError) as exc:
            raise CorruptDocument(filename, f"unreadable image: {exc}") from exc
    assert image.format is not None
    document = Document(filename=filename, media_type=FORMATS[image.format], pages=[])
    with image:
        frames = getattr(image, "n_frames", 1)
        if frames > limits.max_pages:
            raise LimitExceeded(
                filename,
                f"{frames} frames, at most {limits.max_pages} allowed",
                DocumentErrorReason.TOO_MANY_PAGES,
            )
        for index in range(frames):
            frame = _load_frame(image, index, filename, limits)
            dpi = _dpi(frame)
            target = min(max(dpi, MIN_OCR_DPI), MAX_OCR_DPI)
            if target != dpi:
                ratio = target / dpi
                size = (round(frame.width * ratio), round(frame.height * ratio))
                if size[0] * size[1] > limits.max_pixels_per_page:  # check before allocating
                    raise _too_many_pixels(
                        filename, f"frame {index + 1} would be {size[0]}x{size[1]} at {target} dpi"
                    )
                frame = frame.resize(size, Image.Resampling.LANCZOS)
                dpi = target
            page = ocr_image(frame, index + 1, limits, 72.0 / dpi, filename)
            document.pages.append(page)
    return document


def _load_frame(
    image: Image.Image, index: int, filename: str, limits: DocumentLimits
) -> Image.Image:
    """Decode one frame after checking its size, upright per its EXIF orientation, in grayscale."""
    try:
        image.seek(index)
        if image.width * image.height > limits.max_pixels_per_page:
            raise _too_many_pixels(filename, f"frame {index + 1} is {image.width}x{image.height}")
        image.load()
        upright = ImageOps.exif_transpose(image)
        frame = upright.convert("L")
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise CorruptDocument(filename, f"frame {index + 1} unreadable: {exc}") from exc
    frame.info["dpi"] = image.info.get("dpi")
    return frame


def _dpi(frame: Image.Image) -> float:
    """The frame's horizontal resolution when plausible for a scan, else the default."""
    dpi = frame.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else DEFAULT_DPI
    except (TypeError, ValueError, IndexError):
        value = DEFAULT_DPI
    low, high = PLAUSIBLE_DPI
    return value if low <= value <= high else DEFAULT_DPI


def _too_many_pixels(filename: str, detail: str) -> LimitExceeded:
    """The error for an image over the pixel limit."""
    return LimitExceeded(filename, detail, DocumentErrorReason.TOO_MANY_PIXELS)
