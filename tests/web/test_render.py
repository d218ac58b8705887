"""The render child process: pages of PDFs and scans, limits on time and memory, caching."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from mailbox_ingest.web import render_worker
from mailbox_ingest.web.render import Renderer, RenderError
from samples.corpus.mails import unique_pdf
from tests.docfactory import blank_pdf, image_bytes, render_page


def _load(data: bytes, name: str, kind: str) -> tuple[bytes, str, str]:
    return data, name, kind


def test_pdf_page_and_scan_are_rendered_in_points(renderer: Renderer) -> None:
    """A PDF page is sized in points; a 150 dpi scan is sized like its OCR boxes."""
    pdf = unique_pdf("Render NV")
    info = renderer.page("a" * 64, 1, 72, lambda: _load(pdf, "c.pdf", "application/pdf"))
    assert (round(info.width), round(info.height), info.pages) == (595, 842, 1)
    png = image_bytes(render_page(pdf, dpi=150), "PNG", dpi=150)
    scan = renderer.page("b" * 64, 1, 72, lambda: _load(png, "scan.png", "image/png"))
    assert abs(scan.width - 595.3) < 1 and scan.path.read_bytes().startswith(b"\x89PNG")


def test_broken_and_out_of_range_pages_are_errors(renderer: Renderer) -> None:
    """A corrupt PDF, a page past the end and a Word file give RenderError, not a crash."""
    with pytest.raises(RenderError):
        renderer.page(
            "c" * 64, 1, 72, lambda: _load(b"%PDF-1.4 broken", "x.pdf", "application/pdf")
        )
    with pytest.raises(RenderError, match="page 3 of 2"):
        renderer.page("d" * 64, 3, 72, lambda: _load(blank_pdf(2), "x.pdf", "application/pdf"))
    with pytest.raises(RenderError, match="no pages"):
        renderer.page("e" * 64, 1, 72, lambda: _load(b"plain words", "x.txt", "text/plain"))


def test_cache_names_come_only_from_the_hash(renderer: Renderer) -> None:
    """Anything but a hex SHA-256 is refused before a file name is built."""
    with pytest.raises(RenderError, match="hash"):
        renderer.cached("../../etc/passwd", 1, 72)


def test_time_limit_kills_the_child_and_a_new_one_starts(tmp_path: Path) -> None:
    """A call over the time limit fails fast; the next call gets a fresh child."""
    r = Renderer(tmp_path, timeout_s=0.5, memory_mb=512)
    try:
        first = r.call(os.getpid)
        started = time.monotonic()
        with pytest.raises(RenderError, match="longer than"):
            r.call(time.sleep, 30)
        assert time.monotonic() - started < 5
        assert r.call(os.getpid) != first
    finally:
        r.close()


def test_memory_cap_stops_a_greedy_render(renderer: Renderer) -> None:
    """Asking the child for more memory than its cap is an error, and the child survives."""
    with pytest.raises(RenderError):
        renderer.call(bytearray, 4 * 1024**3)
    assert renderer.call(render_worker.merge_pdfs, [blank_pdf(1), blank_pdf(2)])[:5] == b"%PDF-"
