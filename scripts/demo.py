"""Set up the demo under var/demo: config, registry, and a Maildir of realistic sample mails.

Run by `make demo` before it starts the daemon. Starts from scratch each time. The sample
mails and documents come from the test corpus generators, so the demo shows the same variety
the tests cover: form, prose, DOCX and scanned contracts, both regimes, a forwarded mail, a
termination notice, an out-of-office reply, a bounce and a newsletter. It also creates the
demo reviewer account of the web UI and prints the address and the login.
"""

from __future__ import annotations

import csv
import datetime as dt
import mailbox
import shutil
import sys
from pathlib import Path

from samples.corpus import mails
from samples.corpus.contracts import Sample, generate_corpus, registry_rows
from samples.corpus.docs_pool import domains_for

DEMO = Path("var/demo")
CONFIG = """\
# Demo configuration written by `make demo` (see config.example.toml for every key).
[database]
url = "sqlite:///store.sqlite3"

[mailbox]
kind = "maildir"
path = "maildir"

[outgoing]
kind = "directory"
path = "outbox"
from = "enclaves@wse.test"

[answers]
authserv_id = "mx.wse.test"
letter_dir = "letters"

[scheduler]
poll_interval_s = 10
outbox_interval_s = 5

[web]
host = "127.0.0.1"
port = 8000
image_cache_dir = "page-cache"
"""
DEMO_LOGIN = ("demo", "demo-wachtwoord")


def _sender(sample: Sample) -> tuple[str, str]:
    truth = sample.truths[0]
    domain = domains_for(truth.workplace_name, truth.workplace_kind)[0]
    return f"secretariaat@{domain}", f"Secretariaat {truth.workplace_name}"


def _mail(sample: Sample, when: dt.datetime, style: str, n: int) -> bytes:
    addr, name = _sender(sample)
    counterpart = sample.truths[0].counterpart_name
    return mails.contract_mail(
        sender=addr,
        sender_name=name,
        date=when,
        received=when,
        style=style,
        subject=f"Ondernemingscontract enclave {counterpart}",
        body=f"Geachte,\n\nIn bijlage het ondernemingscontract voor de enclave bij {counterpart}."
        f"\n\nMet vriendelijke groeten,\n{name}",
        attachments=[(sample.filename, sample.data, sample.media_type)],
        message_id=f"<demo-{n}@{addr.split('@')[1]}>",
    )


def setup() -> None:
    """Write var/demo from scratch."""
    if DEMO.exists():
        shutil.rmtree(DEMO)
    DEMO.mkdir(parents=True)
    (DEMO / "config.toml").write_text(CONFIG)
    samples = generate_corpus(8, seed=2019, scan_share=0.15, tricky_share=0.0)
    rows = registry_rows(t for s in samples for t in s.truths)
    rows.append(
        {
            "enterprise_number": "0456.789.034",
            "name": "De Ploeg vzw",
            "kind": "maatwerkbedrijf",
            "email_domains": "deploeg.be",
            "postal_address": "Nijverheidsstraat 5;9000 Gent",
        }
    )
    with (DEMO / "registry.csv").open("w", newline="") as fh:
        writer = csv.DictWriter(
            fh,
            fieldnames=["enterprise_number", "name", "kind", "email_domains", "postal_address"],
            restval="",
        )
        writer.writeheader()
        writer.writerows(rows)
    box = mailbox.Maildir(DEMO / "maildir", create=True)
    styles = ["outlook", "gmail", "thunderbird", "apple", "plain"]
    utc = dt.UTC
    for i, sample in enumerate(samples):
        # sent ten days before the contract starts: its era decides letter or e-mail
        start = sample.truths[0].start_date or dt.date(2023, 3, 1)
        when = dt.datetime.combine(start - dt.timedelta(days=10), dt.time(9, 30), tzinfo=utc)
        box.add(_mail(sample, when, styles[i % len(styles)], i))
    box.add(mails.forwarded_mail(mails.contract_mail(), forwarder="jan@deploeg.be"))
    box.add(mails.termination_mail())
    box.add(mails.question_mail())
    box.add(mails.out_of_office())
    box.add(mails.bounce())
    box.add(mails.newsletter())
    print(f"demo: {len(box)} sample mails in {DEMO / 'maildir'}; config {DEMO / 'config.toml'}")
    from mailbox_ingest.cli import main as cli

    sys.argv = [
        "mailbox-ingest",
        "--config",
        str(DEMO / "config.toml"),
        "organisations",
        "import",
        str(DEMO / "registry.csv"),
    ]
    try:
        cli()
    except SystemExit as exc:
        if exc.code not in (0, None):
            raise
    _demo_reviewer()


def _demo_reviewer() -> None:
    """The demo reviewer account, and where to log in with it."""
    from mailbox_ingest.accounts import save_user
    from mailbox_ingest.config import load_settings
    from mailbox_ingest.domain.enums import UserRole
    from store.db import Database

    settings = load_settings(DEMO / "config.toml")
    db = Database(settings.database.url)
    try:
        with db.session() as s:
            save_user(s, DEMO_LOGIN[0], UserRole.REVIEWER, DEMO_LOGIN[1], "demo")
    finally:
        db.dispose()
    print(
        f"demo: review UI at http://{settings.web.host}:{settings.web.port}/ "
        f"(login {DEMO_LOGIN[0]} / {DEMO_LOGIN[1]})"
    )


if __name__ == "__main__":
    if sys.argv[1:] != ["setup"]:
        sys.exit("usage: python -m scripts.demo setup")
    setup()
