"""Machine-written mail from elsewhere: how much of a folder of real bounces is recognised.

Run from the repository root: ``python bench/bounces.py FOLDER [FOLDER ...]``, each folder
holding `.eml` files that servers wrote (delivery reports, feedback reports, auto-replies),
for example the `maildir/*` folders of the public Sisimai "set-of-emails" collection. Every
file is parsed and classified alone, as the pipeline's first classify stage does; printed per
folder: how many mails, their classes, the files not recognised as machine-written, and the
files that would get an automatic answer (the count that must stay at zero for real bounces;
a person forwarding a bounce rightly counts there). Our own corpus of such mail is
`samples/corpus/automatic/`; this measures what we did not write.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make the repository importable
    sys.path.insert(0, str(ROOT))

from mailbox_ingest.pipeline.automatic import machine_kind, must_not_answer  # noqa: E402
from mailbox_ingest.pipeline.decisions import Decisions  # noqa: E402
from parsers.mail import MailLimits, MailParseError, parse_mail  # noqa: E402


def measure(folder: Path) -> dict[str, object]:
    """Classes, unrecognised and answerable files of one folder of `.eml` files."""
    classes: collections.Counter[str] = collections.Counter()
    unrecognised: list[str] = []
    answerable: list[str] = []
    unparseable: list[str] = []
    files = sorted(folder.glob("*.eml"))
    for path in files:
        try:
            mail = parse_mail(path.read_bytes(), MailLimits())
        except MailParseError:
            unparseable.append(path.name)  # the pipeline quarantines it: never answered
            continue
        kind = machine_kind(mail, Decisions())
        classes[kind.value if kind else "person"] += 1
        if kind is None:
            unrecognised.append(path.name)
        if not must_not_answer(mail, Decisions()):
            answerable.append(path.name)
    return {
        "folder": str(folder),
        "mails": len(files),
        "classes": dict(classes.most_common()),
        "unrecognised": unrecognised,
        "answerable": answerable,
        "unparseable": unparseable,
    }


def main(argv: list[str] | None = None) -> int:
    """Print the figures of each folder; 1 when a folder holds no `.eml` file."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path, help="folders of .eml files")
    args = parser.parse_args(argv)
    status = 0
    for folder in args.folders:
        fig = measure(folder)
        if not fig["mails"]:
            print(f"{folder}: no .eml files", file=sys.stderr)
            status = 1
            continue
        print(f"{fig['folder']}: {fig['mails']} mails, classes {fig['classes']}")
        for key in ("unrecognised", "answerable", "unparseable"):
            names = fig[key]
            assert isinstance(names, list)
            print(f"  {key}: {len(names)}" + (f" ({', '.join(names)})" if names else ""))
    return status


if __name__ == "__main__":
    raise SystemExit(main())
