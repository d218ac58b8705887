"""Scans: an office PDF printed, signed, stamped and scanned back as an image-only PDF.

Pages are rendered with pypdfium2 at 200 dpi, then damaged the way a office scanner does it
(grey paper, a slight tilt, sensor noise, blur, a received stamp, a signature scribble) and
saved as grayscale JPEG pages in a PDF without any text layer.
"""

from __future__ import annotations

import math
import random
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from samples.blind.dutch import MONTHS

DPI = 200
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype(FONT, size)
    except OSError:
        return ImageFont.load_default()


def _stamp(page: Image.Image, rng: random.Random, received: date) -> None:
    """A rectangular 'ONTVANGEN' stamp with a date, tilted, near the top right."""
    w, h = 520, 190
    stamp = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(stamp)
    draw.rectangle([4, 4, w - 5, h - 5], outline=255, width=6)
    draw.text((30, 25), "ONTVANGEN", fill=255, font=_font(60))
    text = f"{received.day} {MONTHS[received.month - 1][:3].upper()} {received.year}"
    draw.text((40, 110), text, fill=255, font=_font(46))
    stamp = stamp.rotate(rng.uniform(-12, 12), expand=True)
    x = int(page.width * rng.uniform(0.55, 0.68))
    y = int(page.height * rng.uniform(0.02, 0.06))
    ink = Image.new("L", stamp.size, rng.randint(70, 120))
    page.paste(ink, (x, y), stamp.point(lambda v: int(v * 0.8)))


def _scribble(page: Image.Image, rng: random.Random) -> None:
    """A signature: a few loops of a pen in the lower part of the page."""
    draw = ImageDraw.Draw(page)
    for _ in range(rng.randint(1, 2)):
        x0 = page.width * rng.uniform(0.12, 0.6)
        y0 = page.height * rng.uniform(0.72, 0.88)
        points = []
        for i in range(60):
            t = i / 59
            points.append(
                (
                    x0 + 330 * t + 30 * math.sin(t * rng.uniform(14, 22)),
                    y0 + 40 * math.sin(t * rng.uniform(8, 13)) - 30 * t,
                )
            )
        draw.line(points, fill=rng.randint(10, 60), width=4, joint="curve")


def damage(
    page: Image.Image, rng: random.Random, received: date, first: bool, last: bool
) -> Image.Image:
    """Apply scan damage to one grayscale page."""
    paper, ink = rng.randint(218, 236), rng.randint(15, 40)
    page = page.point(lambda v: int(ink + v * (paper - ink) / 255))
    if first:
        _stamp(page, rng, received)
    if last:
        _scribble(page, rng)
    page = page.rotate(rng.uniform(-1.3, 1.3), resample=Image.Resampling.BICUBIC, fillcolor=paper)
    noise = Image.effect_noise(page.size, rng.uniform(6, 12))
    page = ImageChops.add(page, noise, 1.0, -128)
    return page.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 0.9)))


def scan(pdf: Path, out: Path, rng: random.Random, received: date) -> None:
    """Write `out`: every page of `pdf` as a damaged image, no text layer."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        count = len(document)
        pages = []
        for index in range(count):
            bitmap = document[index].render(scale=DPI / 72, grayscale=True)
            image = bitmap.to_pil().convert("L")
            pages.append(damage(image, rng, received, index == 0, index == count - 1))
    finally:
        document.close()
    pages[0].save(out, "PDF", resolution=DPI, save_all=True, append_images=pages[1:], quality=42)
