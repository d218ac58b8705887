"""Isolation benchmark: the cost of reading a document in the child process, per document.

Run from the repository root: ``python bench/isolation.py [--n 20] [--scans 3]``. It reads
the same documents in this process (``InProcessReader``) and in the reused, memory-capped
worker (``ChildReader``, as the daemon does), one after another: a one-page text PDF `n`
times and a one-page scanned PDF (OCR) `scans` times. The first read in the child starts the
worker and is reported on its own; the others show the steady cost per document. It prints
milliseconds per document (median) for both ways, the difference and the ratio, and writes
the figures to ``bench/out/isolation.json``. The exit code is 0.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one tesseract thread either way

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make the repository importable
    sys.path.insert(0, str(ROOT))

from mailbox_ingest.pipeline.readers import (  # noqa: E402
    ChildReader,
    DocumentReader,
    InProcessReader,
)
from parsers.documents import DocumentLimits  # noqa: E402
from samples.corpus.mails import unique_pdf  # noqa: E402
from tests import docfactory as f  # noqa: E402

LIMITS = DocumentLimits()


def timed(reader: DocumentReader, data: bytes, n: int) -> list[float]:
    """Seconds for each of `n` reads of one PDF (each must give a contract)."""
    out = []
    for _ in range(n):
        start = time.perf_counter()
        result = reader.read(data, "c.pdf", "application/pdf", LIMITS, 300)
        out.append(time.perf_counter() - start)
        assert result.contracts, result.reason
    return out


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20, help="reads of the text PDF")
    parser.add_argument("--scans", type=int, default=3, help="reads of the scanned PDF")
    args = parser.parse_args()
    text = unique_pdf("Klant 001 NV")
    scan = f.image_pdf([f.scan(f.render_page(text, 300))])
    child = ChildReader(1024, 1000)
    try:
        start = time.perf_counter()
        timed(child, text, 1)
        first = time.perf_counter() - start
        figures: dict[str, object] = {"child_first_read_ms": round(first * 1000, 1)}
        print(f"load average at start: {os.getloadavg()[0]:.2f}")
        print(f"first read in the child (starts the worker): {first * 1000:.0f} ms")
        print(
            f"{'document':<10} {'in-process ms':>14} {'child ms':>10} {'extra ms':>9} {'ratio':>6}"
        )
        for name, data, n in (("text PDF", text, args.n), ("scan", scan, args.scans)):
            here = statistics.median(timed(InProcessReader(), data, n))
            there = statistics.median(timed(child, data, n))
            figures[name] = {
                "in_process_ms": round(here * 1000, 1),
                "child_ms": round(there * 1000, 1),
                "ratio": round(there / here, 3),
                "n": n,
                "bytes": len(data),
            }
            print(
                f"{name:<10} {here * 1000:>14.1f} {there * 1000:>10.1f} "
                f"{(there - here) * 1000:>9.1f} {there / here:>6.2f}"
            )
    finally:
        child.close()
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "isolation.json").write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
