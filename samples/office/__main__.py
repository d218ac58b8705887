"""Command line: `python -m samples.office OUTDIR [--n 150] [--seed 7]`."""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from samples.office.build import generate


def main(argv: list[str] | None = None) -> int:
    """Write the corpus and print what was written."""
    parser = argparse.ArgumentParser(prog="python -m samples.office", description=__doc__)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--n", type=int, default=150, help="number of documents")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    began = time.monotonic()
    entries = generate(args.outdir, args.n, args.seed)
    formats = Counter(e["format"] for e in entries)
    contracts = sum(len(e["contracts"]) for e in entries)
    print(
        f"{len(entries)} documents ({', '.join(f'{k} {v}' for k, v in sorted(formats.items()))}), "
        f"{contracts} contracts, {sum(1 for e in entries if not e['is_contract'])} non-contracts, "
        f"{time.monotonic() - began:.1f} s -> {args.outdir}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
