"""Optical character recognition of one page image with tesseract (Dutch), boxes in PDF points.

The image is turned to grayscale and straightened (a small tilt, as from a sheet put askew on
a scanner, is found by a projection-profile search), then made black and white with a global
threshold and cleared of table rulings (long straight runs of ink), which otherwise make
tesseract drop whole rows of a ruled form. Tesseract then reads it, words side by side on the
straightened page are joined into rows, and the word boxes are mapped back onto the original
image, so a highlight lines up with the page a reviewer sees.
"""

from __future__ import annotations

import io
import itertools
import math
import os
import re
import subprocess
from collections.abc import Iterable

from PIL import Image, ImageChops, ImageFilter, ImageOps

from parsers.documents.errors import DocumentErrorReason, LimitExceeded, OcrFailed
from parsers.documents.limits import DocumentLimits
from parsers.types import Box, Line, Page, TextSource, Word

LANGUAGE = "nld"
TESSERACT_CONFIG = "--psm 3"  # automatic page segmentation; rows are re-joined below
MAX_SKEW_DEGREES = 3.0
_PROFILE_WIDTH = 500  # the skew search runs on a copy about this wide
RULE_MIN_INCHES = (0.6, 0.4)  # ink runs at least this long (horizontal, vertical) are rulings
TSV_COLUMNS = (
    "level page_num block_num par_num line_num word_num left top width height conf text".split()
)
RULE_REMNANTS = "|_"  # what is left of a ruling or a fill-in line read as characters
_DATE_PART = re.compile(  # what follows a day of the month: a month name or number
    r"^(?:[0-9]|(?:jan|feb|maa|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec)[a-z]*(?![a-z]))",
    re.IGNORECASE,
)


def ocr_image(
    image: Image.Image,
    page_number: int,
    limits: DocumentLimits,
    scale_to_points: float,
    filename: str = "",
) -> Page:
    """Read one page image; `scale_to_points` converts its pixels to PDF points (72 / dpi)."""
    if image.width * image.height > limits.max_pixels_per_page:
        raise LimitExceeded(
            filename,
            f"page {page_number} has {image.width}x{image.height} pixels",
            DocumentErrorReason.TOO_MANY_PIXELS,
        )
    gray = ImageOps.grayscale(image) if image.mode != "L" else image
    dpi = 72.0 / scale_to_points
    if sum(1 for count in gray.histogram() if count) > 2:  # a bilevel scan has no grain to
        gray = gray.filter(ImageFilter.MedianFilter(3))  # smooth but thin strokes to lose
    angle = estimate_skew(gray)
    straight = (
        gray
        if angle == 0.0
        else gray.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255)
    )
    centre = (gray.width / 2, gray.height / 2)
    page_pnm = to_pnm(clean_page(straight, dpi))
    del gray, straight  # while tesseract runs, only the caller's page image stays in memory
    data = _tesseract(page_pnm, limits, filename, page_number)
    words: dict[tuple[int, int, int], list[Word]] = {}
    for i, text in enumerate(data["text"]):
        conf = float(data["conf"][i])
        text = "1" if _bar_for_one(data, i) else text.strip().strip(RULE_REMNANTS)
        if int(data["level"][i]) != 5 or not text or conf < 0:
            continue
        left, top = float(data["left"][i]), float(data["top"][i])
        right, bottom = left + float(data["width"][i]), top + float(data["height"][i])
        box = Box(left, top, right, bottom)  # on the straightened page, in pixels
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        words.setdefault(key, []).append(Word(text, box, min(conf, 100.0) / 100.0))
    rows = join_rows(Line(ws) for ws in words.values())  # rows are level on the straight page
    return Page(
        number=page_number,
        lines=[
            Line([_on_page(w, angle, centre, scale_to_points) for w in row.words]) for row in rows
        ],
        source=TextSource.OCR,
        width=image.width * scale_to_points,
        height=image.height * scale_to_points,
    )


def _bar_for_one(data: dict[str, list[str]], i: int) -> bool:
    """Whether a lone `|` is the digit one of a date ("| feb. 2021"), not a ruling's remnant."""
    if data["text"][i].strip() != "|" or i + 1 >= len(data["text"]):
        return False
    same_line = all(data[k][i] == data[k][i + 1] for k in ("block_num", "par_num", "line_num"))
    return same_line and _DATE_PART.match(data["text"][i + 1].strip()) is not None


def to_pnm(image: Image.Image) -> memoryview:
    """The image as an uncompressed PNM (PBM, PGM or PPM by its mode), tesseract's input."""
    pnm = io.BytesIO()
    image.save(pnm, format="PPM")
    return pnm.getbuffer()


def _tesseract(
    page_pnm: memoryview, limits: DocumentLimits, filename: str, page_number: int
) -> dict[str, list[str]]:
    """Tesseract's word table of one page image (TSV columns by name), or OcrFailed.

    The image goes to the command on its standard input and the table comes back on its
    standard output; a run over `ocr_timeout_s` is killed. (A wrapper library would add
    nothing but its import of numpy to every reader process.)
    """
    command = ["tesseract", "stdin", "stdout", "-l", LANGUAGE, *TESSERACT_CONFIG.split(), "tsv"]
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one thread per tesseract process
    try:
        done = subprocess.run(  # noqa: S603 - a fixed argument list, no shell
            command,
            input=page_pnm,
            capture_output=True,
            timeout=limits.ocr_timeout_s,
            env=environment,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise OcrFailed(
            filename,
            f"page {page_number} took over {limits.ocr_timeout_s} s",
            DocumentErrorReason.OCR_TIMEOUT,
        ) from exc
    except OSError as exc:  # not installed, not executable
        raise OcrFailed(filename, f"page {page_number}: cannot run tesseract: {exc}") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        tail = message[-1] if message else f"exit code {done.returncode}"
        raise OcrFailed(filename, f"page {page_number}: tesseract failed: {tail}")
    return parse_tsv(done.stdout.decode("utf-8", "replace"))


def parse_tsv(text: str) -> dict[str, list[str]]:
    """Tesseract's TSV output as columns: header name to the values of every row."""
    rows = text.splitlines() or ["\t".join(TSV_COLUMNS)]
    header = rows[0].split("\t")
    table: dict[str, list[str]] = {name: [] for name in header}
    for row in rows[1:]:
        cells = row.split("\t", len(header) - 1)
        if len(cells) != len(header):
            continue  # a truncated row
        for name, cell in zip(header, cells, strict=True):
            table[name].append(cell)
    return table


def estimate_skew(gray: Image.Image) -> float:
    """The rotation (degrees, counter-clockwise) that makes text rows horizontal.

    Rows of text give the sharpest horizontal ink profile when they are level, so the angle
    whose rotated profile has the largest sum of squared row-to-row differences wins.
    """
    factor = max(1, gray.width // _PROFILE_WIDTH)
    ink = ImageOps.invert(gray.reduce(factor)).point(lambda v: 255 if v > 96 else 0)

    def sharpness(angle: float) -> float:
        rotated = ink.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=0)
        profile = rotated.resize((1, rotated.height), Image.Resampling.BOX).tobytes()
        return float(sum((a - b) ** 2 for a, b in itertools.pairwise(profile)))

    best = max(_steps(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES, 0.5), key=sharpness)
    best = max(_steps(best - 0.3, best + 0.3, 0.1), key=sharpness)
    return 0.0 if abs(best) < 0.05 else round(best, 2)


def otsu_threshold(gray: Image.Image) -> int:
    """The gray level that best splits a page's histogram into ink and paper (Otsu)."""
    hist = gray.histogram()[:256]
    total = sum(hist)
    weighted = sum(level * count for level, count in enumerate(hist))
    below = below_sum = 0
    best, best_var = 128, -1.0
    for level, count in enumerate(hist):
        below += count
        below_sum += level * count
        above = total - below
        if below == 0 or above == 0:
            continue
        spread = below_sum / below - (weighted - below_sum) / above
        var = below * above * spread * spread
        if var > best_var:
            best, best_var = level, var
    return best


def clean_page(gray: Image.Image, dpi: float) -> Image.Image:
    """The page in black and white with table rulings (long ink runs) turned to paper."""
    threshold = otsu_threshold(gray)
    ink = gray.point([255 if v <= threshold else 0 for v in range(256)])
    across, down = (max(8, round(dpi * inches)) for inches in RULE_MIN_INCHES)
    rules = ImageChops.lighter(_long_runs(ink, across, True), _long_runs(ink, down, False))
    ink = ImageChops.subtract(ink, rules.filter(ImageFilter.MaxFilter(5)))
    return ImageOps.invert(ink)


def _long_runs(ink: Image.Image, length: int, horizontal: bool) -> Image.Image:
    """The ink pixels lying on a straight run of at least `length` pixels along one axis.

    An erosion by a `length`-long segment (doubling shifts) keeps the runs' starts; a dilation
    by the same segment grows them back to the whole run.
    """

    def shifted(image: Image.Image, by: int) -> Image.Image:
        return ImageChops.offset(image, by, 0) if horizontal else ImageChops.offset(image, 0, by)

    steps, reach = [], 1
    while reach < length:
        step = min(reach, length - reach)
        steps.append(step)
        reach += step
    eroded = ink
    for step in steps:
        eroded = ImageChops.darker(eroded, shifted(eroded, -step))
    grown = eroded
    for step in steps:
        grown = ImageChops.lighter(grown, shifted(grown, step))
    return grown


def _steps(start: float, stop: float, step: float) -> list[float]:
    """Evenly spaced angles from start to stop inclusive."""
    count = round((stop - start) / step)
    return [round(start + i * step, 3) for i in range(count + 1)]


def _on_page(word: Word, angle: float, centre: tuple[float, float], scale: float) -> Word:
    """A word boxed on the straightened image, boxed instead on the original page in points."""
    box = word.box
    assert box is not None
    return Word(
        word.text,
        _unrotate((box.x0, box.top, box.x1, box.bottom), angle, centre, scale),
        word.confidence,
    )


def _unrotate(
    box: tuple[float, float, float, float],
    angle: float,
    centre: tuple[float, float],
    scale: float,
) -> Box:
    """Map a box on the straightened image back onto the original image, in points."""
    x0, y0, x1, y1 = box
    if angle:
        rad = math.radians(angle)
        cos, sin = math.cos(rad), math.sin(rad)
        cx, cy = centre
        points = [
            (cx + (x - cx) * cos - (y - cy) * sin, cy + (x - cx) * sin + (y - cy) * cos)
            for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))
        ]
        x0, x1 = min(p[0] for p in points), max(p[0] for p in points)
        y0, y1 = min(p[1] for p in points), max(p[1] for p in points)
    return Box(x0 * scale, y0 * scale, x1 * scale, y1 * scale)


def join_rows(lines: Iterable[Line]) -> list[Line]:
    """Order lines top to bottom and join lines that sit side by side on one row.

    Tesseract may put a form's label and its value in separate blocks; a field extractor
    wants them on one line, label first.
    """
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda ln: _box(ln).top):
        box = _box(line)
        for row in rows:
            last = _box(row[-1])
            overlap = min(box.bottom, last.bottom) - max(box.top, last.top)
            height = min(box.bottom - box.top, last.bottom - last.top)
            beside = all(box.x0 >= _box(o).x1 or box.x1 <= _box(o).x0 for o in row)
            if height > 0 and overlap > 0.5 * height and beside:
                row.append(line)
                break
        else:
            rows.append([line])
    return [
        Line([w for ln in sorted(row, key=lambda ln: _box(ln).x0) for w in ln.words])
        for row in rows
    ]


def _box(line: Line) -> Box:
    """A line's box (OCR lines always have one)."""
    box = line.box
    assert box is not None
    return box
