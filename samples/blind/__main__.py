"""Command line: `python -m samples.blind OUT_DIR [--seed N] [--no-office]`."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from samples.blind.convert import ConversionError
from samples.blind.corpus import DEFAULT_SEED, generate


def main(argv: list[str] | None = None) -> int:
    """Write the corpus and print its counts by format."""
    parser = argparse.ArgumentParser(
        prog="python -m samples.blind", description="Write the blind corpus of enclave contracts."
    )
    parser.add_argument("out_dir", type=Path, help="folder for the documents and truth.json")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    parser.add_argument(
        "--no-office",
        action="store_true",
        help="write only DOCX/.eml sources and truth.json (no LibreOffice)",
    )
    args = parser.parse_args(argv)
    try:
        result = generate(args.out_dir, args.seed, office=not args.no_office)
    except (ConversionError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    docs = result["documents"]
    counts = Counter(d["format"] for d in docs)
    templates = len({d["template"] for d in docs})
    print(
        f"{len(docs)} documents, {templates} templates: "
        + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
