"""Turning a text PDF into what a scanner makes of a printed, signed copy.

Each page is rendered (pypdfium2), signed with a pen scribble and sometimes stamped under the
signature block, tilted, blurred and speckled, then saved as an image-only PDF or one image.
Noise comes from the seeded generator, so the same seed gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import math
import random
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

FONT_FILE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
IMAGE_FORMATS = ("JPEG", "PNG", "TIFF")


def signature_spots(pdf: bytes) -> dict[int, list[tuple[float, float]]]:
    """Per page (0-based), the points (x, bottom) under "Voor de ..." lines where people sign."""
    spots: dict[int, list[tuple[float, float]]] = {}
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for index, page in enumerate(doc.pages):
            words = page.extract_words()
            for word, following in itertools.pairwise(words):
                if word["text"] == "Voor" and following["text"] in ("de", "het", "akkoord,"):
                    spots.setdefault(index, []).append((float(word["x0"]), float(word["bottom"])))
    return spots


def _scribble(
    draw: ImageDraw.ImageDraw, rng: random.Random, x: float, y: float, scale: float
) -> None:
    width, height = rng.uniform(90, 150) * scale, rng.uniform(18, 30) * scale
    loops, phase = rng.randint(3, 7), rng.uniform(0, math.tau)
    radius = height * rng.uniform(0.2, 0.45)
    points = []
    for step in range(240):
        t = step / 239
        loop = radius * (0.55 + 0.45 * math.sin(2.3 * t * math.tau + phase * 1.7))
        px = x + t * width + loop * math.cos(loops * t * math.tau + phase)
        py = (
            y
            + height / 2
            + height * 0.35 * math.sin(1.7 * t * math.tau + phase)
            + loop * 1.4 * math.sin(loops * t * math.tau + phase)
        )
        points.append((px, py))
    ink = rng.randint(20, 70)
    draw.line(points, fill=ink, width=max(2, round(1.1 * scale)), joint="curve")
    if rng.random() < 0.5:
        under = y + height * 1.1
        draw.line(
            [(x, under), (x + width * 0.9, under - height * 0.2)],
            fill=ink,
            width=max(2, round(scale)),
        )


def _stamp(rng: random.Random, lines: list[str], scale: float) -> Image.Image:
    size = round(9 * scale)
    font = (
        ImageFont.truetype(str(FONT_FILE), size) if FONT_FILE.exists() else ImageFont.load_default()
    )
    width = round(max(font.getlength(line) for line in lines) + 16 * scale)
    height = round(len(lines) * size * 1.35 + 14 * scale)
    stamp = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(stamp)
    ink = rng.randint(90, 140)
    draw.rounded_rectangle(
        (2, 2, width - 3, height - 3),
        radius=round(6 * scale),
        outline=ink,
        width=max(2, round(scale)),
    )
    for row, line in enumerate(lines):
        draw.text((8 * scale, 7 * scale + row * size * 1.35), line, fill=ink, font=font)
    return stamp.rotate(
        rng.uniform(-12, 12), resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255
    )


def _degrade(image: Image.Image, rng: random.Random, scale: float) -> Image.Image:
    image = image.rotate(
        rng.uniform(-2, 2), resample=Image.Resampling.BICUBIC, fillcolor=rng.randint(235, 255)
    )
    image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.25, 0.7) * scale / 3))
    width, height = image.size
    small = (width // 8 + 1, height // 8 + 1)
    paper = Image.frombytes("L", small, rng.randbytes(small[0] * small[1]))
    grain = rng.randint(6, 16)
    paper = paper.point(lambda v: v * grain // 255).resize(image.size, Image.Resampling.BILINEAR)
    image = ImageChops.subtract(image, paper)
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(80, 500)):
        x, y, r = rng.uniform(0, width), rng.uniform(0, height), rng.uniform(0.6, 1.6) * scale / 3
        draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.randint(40, 140))
    low, high = rng.randint(0, 25), rng.randint(230, 255)
    return image.point(lambda v: low + v * (high - low) // 255)


def scan_pages(
    pdf: bytes, rng: random.Random, stamp_lines: list[str], dpi: int | None = None
) -> tuple[list[Image.Image], int]:
    """The scanned page images of a text PDF, and the resolution they were made at."""
    dpi = dpi or rng.choice([200, 250, 300])
    scale = dpi / 72
    spots = signature_spots(pdf)
    stamped = rng.random() < 0.6
    images = []
    document = pdfium.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            image = document[index].render(scale=scale, grayscale=True).to_pil().convert("L")
            draw = ImageDraw.Draw(image)
            for number, (x, bottom) in enumerate(spots.get(index, [])):
                top = (bottom + rng.uniform(16, 24)) * scale
                _scribble(draw, rng, (x + rng.uniform(0, 30)) * scale, top, scale)
                if number == 0 and stamped:
                    stamp = _stamp(rng, stamp_lines, scale)
                    at = (round((x + rng.uniform(50, 110)) * scale), round(top))
                    region = image.crop((at[0], at[1], at[0] + stamp.width, at[1] + stamp.height))
                    image.paste(ImageChops.darker(region, stamp), at)
            images.append(_degrade(image, rng, scale))
    finally:
        document.close()
    return images, dpi


def scan_pdf(pdf: bytes, rng: random.Random, stamp_lines: list[str], when: dt.datetime) -> bytes:
    """An image-only PDF (no text layer) scanned from a text PDF at time `when`."""
    images, dpi = scan_pages(pdf, rng, stamp_lines)
    out = io.BytesIO()
    images[0].save(
        out,
        "PDF",
        save_all=True,
        append_images=images[1:],
        resolution=float(dpi),
        quality=rng.randint(70, 90),
        title="Scan",
        producer="Scanner",
        creationDate=when.timetuple(),
        modDate=when.timetuple(),
    )
    return out.getvalue()


def scan_image(pdf: bytes, rng: random.Random, stamp_lines: list[str]) -> bytes:
    """The first page of a text PDF, scanned to one JPEG, PNG or TIFF image."""
    images, dpi = scan_pages(pdf, rng, stamp_lines)
    image, kind = images[0], rng.choice(IMAGE_FORMATS)
    out = io.BytesIO()
    if kind == "JPEG":
        image.save(out, "JPEG", quality=rng.randint(70, 92), dpi=(dpi, dpi))
    elif kind == "PNG":
        image.point(lambda v: v // 17 * 17).save(out, "PNG", optimize=True, dpi=(dpi, dpi))
    else:
        threshold = rng.randint(135, 165)
        bilevel = image.point(lambda v: 255 if v > threshold else 0).convert("1")
        bilevel.save(out, "TIFF", compression="group4", dpi=(dpi, dpi))
    return out.getvalue()
