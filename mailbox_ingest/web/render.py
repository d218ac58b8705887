"""Page images for the review UI: rendered in a child process, cached on disk.

A one-process `multiprocessing` pool (spawned, so no state of the web server's threads is
inherited) runs `render_worker` under a memory cap; a call that overruns its time limit gets
the pool terminated and a fresh one started. Images are cached by attachment hash, page and
resolution under `[web] image_cache_dir`; the cache file name is built only from the hash (hex,
checked) and two integers, never from anything a sender chose.
"""

from __future__ import annotations

import json
import multiprocessing
import multiprocessing.pool
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from mailbox_ingest.domain.errors import MailboxIngestError
from mailbox_ingest.web import render_worker

HEX64 = re.compile(r"^[0-9a-f]{64}$")
STARTUP_TIMEOUT_S = 60.0
T = TypeVar("T")


class RenderError(MailboxIngestError):
    """A page could not be rendered (corrupt, too large, too slow, no pages)."""


@dataclass(frozen=True, slots=True)
class PageInfo:
    """A rendered page: where its PNG is cached and its size in PDF points."""

    path: Path
    width: float
    height: float
    pages: int


class Renderer:
    """Render pages in a capped child process and keep the results on disk."""

    def __init__(
        self, cache_dir: Path, *, timeout_s: float, memory_mb: int, max_pixels: int = 40_000_000
    ) -> None:
        self.cache_dir = Path(cache_dir)
        self.timeout_s, self.memory_mb, self.max_pixels = timeout_s, memory_mb, max_pixels
        self._pool: multiprocessing.pool.Pool | None = None
        self._lock = threading.Lock()

    def _get_pool(self) -> multiprocessing.pool.Pool:
        """The pool, started (and waited for) first: start-up is not part of a time limit."""
        if self._pool is None:
            ctx = multiprocessing.get_context("spawn")
            pool = ctx.Pool(1, initializer=render_worker.limit_memory, initargs=(self.memory_mb,))
            try:
                pool.apply_async(os.getpid).get(STARTUP_TIMEOUT_S)
            except multiprocessing.TimeoutError as exc:
                pool.terminate()
                raise RenderError("the render process did not start") from exc
            self._pool = pool
        return self._pool

    def call(self, fn: Callable[..., T], *args: Any) -> T:
        """Run `fn(*args)` in the child; RenderError on failure or timeout."""
        with self._lock:  # one document at a time: PDFium is not thread-safe
            pool = self._get_pool()
            pending = pool.apply_async(fn, args)
            try:
                return pending.get(self.timeout_s)
            except multiprocessing.TimeoutError as exc:
                pool.terminate()
                self._pool = None
                raise RenderError(f"rendering took longer than {self.timeout_s:g} s") from exc
            except MemoryError as exc:
                raise RenderError("rendering needed more memory than allowed") from exc
            except Exception as exc:
                raise RenderError(f"cannot render: {exc}") from exc

    def warm_up(self) -> None:
        """Start the child process now so the first page does not pay for it."""
        self.call(os.getpid)

    def _paths(self, sha: str, page: int, dpi: int) -> tuple[Path, Path]:
        if not HEX64.match(sha):
            raise RenderError("not a content hash")
        folder = self.cache_dir / sha[:2]
        stem = f"{sha}-{int(page)}-{int(dpi)}"
        return folder / f"{stem}.png", folder / f"{stem}.json"

    def cached(self, sha: str, page: int, dpi: int) -> PageInfo | None:
        """The cached page, or None."""
        png, meta = self._paths(sha, page, dpi)
        try:
            info = json.loads(meta.read_text())
        except (OSError, ValueError):
            return None
        if not png.exists():
            return None
        return PageInfo(png, float(info["width"]), float(info["height"]), int(info["pages"]))

    def page(
        self, sha: str, page: int, dpi: int, load: Callable[[], tuple[bytes, str, str]]
    ) -> PageInfo:
        """The page image, rendered from `load()` -> (bytes, filename, media type) if needed."""
        hit = self.cached(sha, page, dpi)
        if hit is not None:
            return hit
        data, filename, media_type = load()
        png_bytes, width, height, count = self.call(
            render_worker.render_page, data, filename, media_type, page, dpi, self.max_pixels
        )
        png, meta = self._paths(sha, page, dpi)
        png.parent.mkdir(parents=True, exist_ok=True)
        tmp = png.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_bytes(png_bytes)
        tmp.replace(png)
        meta.write_text(json.dumps({"width": width, "height": height, "pages": count}))
        return PageInfo(png, width, height, count)

    def close(self) -> None:
        """Stop the child process."""
        with self._lock:
            if self._pool is not None:
                self._pool.terminate()
                self._pool.join()
                self._pool = None
