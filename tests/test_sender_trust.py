"""Who counts as the workplace: daily limits, public mail providers, unverified first copies."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from mailbox_ingest.config import Settings
from mailbox_ingest.pipeline.answer import fold_address
from samples.corpus import mails
from store.registry import is_public_mail_domain
from tests.e2e_helpers import run_cli, write_config
from tests.pipeline_helpers import REGISTRY, Harness, harness, write_registry

WHEN = dt.datetime(2023, 3, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def make_h(
    make_settings: Callable[..., Settings], tmp_path: Path
) -> Iterator[Callable[..., Harness]]:
    """Harnesses with the given registry rows and settings overrides."""
    made: list[Harness] = []

    def build(
        rows: list[tuple[str, str, str, str]] = REGISTRY, **sections: dict[str, object]
    ) -> Harness:
        out = harness(make_settings(**sections), write_registry(tmp_path / "reg.csv", rows))
        made.append(out)
        return out

    yield build
    for out in made:
        out.app.close()


def _digest(text: str) -> str:
    """A short stable id for a message id (not security)."""
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:16]


def contract(counterpart: str, sender: str = "secretariaat@deploeg.be", **kw: object) -> bytes:
    """A maatwerk contract mail whose PDF is unique to the counterpart name."""
    return mails.contract_mail(
        sender=sender,
        date=WHEN,
        received=WHEN,
        attachments=[("c.pdf", mails.unique_pdf(counterpart), "application/pdf")],
        message_id=f"<{_digest(f'{counterpart}|{sender}')}@x>",
        **kw,
    )  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "folded"),
    [
        ("Jan+enclaves@DePloeg.be", "jan@deploeg.be"),
        ("jan@deploeg.be", "jan@deploeg.be"),
        ("a+b+c@x.be", "a@x.be"),
    ],
)
def test_fold_address(value: str, folded: str) -> None:
    """Case and +tags are folded away."""
    assert fold_address(value) == folded


def test_daily_limit_folds_plus_tags(make_h: Callable[..., Harness]) -> None:
    """jan+a, jan+b and jan are one sender: past the limit the answer is held."""
    h = make_h(answers={"max_per_sender_per_day": 2, "max_per_domain_per_day": 50})
    for n, sender in enumerate(["jan+a@deploeg.be", "jan+b@deploeg.be", "Jan@deploeg.be"]):
        h.deliver(contract(f"Klant {n} NV", sender=sender))
        h.poll()
    assert len(h.sent()) == 2
    assert [m["response"]["state"] for m in h.messages()] == ["sent", "sent", "held"]
    assert h.messages()[2]["response"]["reason"] == "daily_limit"


def test_daily_limit_counts_per_domain(make_h: Callable[..., Harness]) -> None:
    """Different addresses of one domain share the limit (by default the per-sender one)."""
    h = make_h(answers={"max_per_sender_per_day": 2})
    for n, sender in enumerate(["a@deploeg.be", "b@deploeg.be", "c@mail.deploeg.be"]):
        h.deliver(contract(f"Klant {n} NV", sender=sender))
        h.poll()
    assert [m["response"]["state"] for m in h.messages()] == ["sent", "sent", "held"]


def test_domain_limit_can_be_raised(make_h: Callable[..., Harness]) -> None:
    """With a higher domain limit, three colleagues each get their answer."""
    h = make_h(answers={"max_per_sender_per_day": 2, "max_per_domain_per_day": 3})
    for n, sender in enumerate(["a@deploeg.be", "b@deploeg.be", "c@deploeg.be", "d@deploeg.be"]):
        h.deliver(contract(f"Klant {n} NV", sender=sender))
        h.poll()
    assert [m["response"]["state"] for m in h.messages()] == ["sent", "sent", "sent", "held"]


@pytest.mark.parametrize(
    ("domain", "public"),
    [
        ("gmail.com", True),
        ("telenet.be", True),
        ("skynet.be", True),
        ("outlook.com", True),
        ("hotmail.com", True),
        ("yahoo.fr", True),
        ("proximus.be", True),
        ("live.com", True),
        ("icloud.com", True),
        ("mail.telenet.be", True),
        ("deploeg.be", False),
        ("livingstone.be", False),
        ("gmail.com.deploeg.be", False),
    ],
)
def test_public_mail_domains(domain: str, public: bool) -> None:
    """Providers (and their subdomains) are public; a workplace's own domain is not."""
    assert is_public_mail_domain(domain) is public


def test_public_provider_domain_never_makes_the_workplace(make_h: Callable[..., Harness]) -> None:
    """gmail.com listed for De Ploeg: an authenticated gmail sender is still not verified."""
    rows = [
        ("0456.789.034", "De Ploeg vzw", "maatwerkbedrijf", "deploeg.be;gmail.com"),
        *REGISTRY[1:],
    ]
    h = make_h(rows)
    h.deliver(contract("Gmail Klant NV", sender="deploeg.secretariaat@gmail.com"))
    h.poll()
    assert h.sent() == []
    [m] = h.messages()
    assert (m["response"]["state"], m["response"]["reason"]) == ("held", "unverified_sender")
    [c] = h.contracts()
    assert "sender_not_workplace" in c["review_reasons"]


def test_import_says_which_domains_are_public(tmp_path: Path, db_url: str) -> None:
    """`organisations import` names each public-provider domain in its output."""
    csv = write_registry(
        tmp_path / "r.csv",
        [("0456.789.034", "De Ploeg vzw", "maatwerkbedrijf", "deploeg.be;telenet.be"), REGISTRY[1]],
    )
    config = write_config(tmp_path / "c.toml", {"database": {"url": db_url}})
    out = run_cli(config, "organisations", "import", str(csv))
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        "2 organisation(s) added, 0 updated",
        "note: telenet.be (De Ploeg vzw) is a public mail provider: its senders are never "
        "taken for the workplace by domain alone",
    ]


def test_unverified_first_copy_does_not_swallow_the_workplaces_mail(
    make_h: Callable[..., Harness],
) -> None:
    """The counterpart forwards the contract first; De Ploeg's own mail is still answered."""
    h = make_h()
    pdf = mails.unique_pdf("Bakkerij Peeters NV")
    h.deliver(
        mails.contract_mail(
            sender="aankoop@bakkerijpeeters.be",
            date=WHEN,
            received=WHEN,
            attachments=[("c.pdf", pdf, "application/pdf")],
            message_id="<first@bakkerijpeeters.be>",
        )
    )
    h.poll()
    later = WHEN + dt.timedelta(hours=2)
    h.deliver(
        mails.contract_mail(
            date=later,
            received=later,
            message_id="<own@deploeg.be>",
            attachments=[("c.pdf", pdf, "application/pdf")],
        )
    )
    h.poll()
    first, own = h.messages()
    assert (first["response"]["state"], own["classification"]) == ("held", "contract")
    assert own["response"]["state"] == "sent"
    [ack] = h.sent()
    assert ack["In-Reply-To"] == "<own@deploeg.be>"


def test_unverified_later_copy_is_still_a_duplicate(make_h: Callable[..., Harness]) -> None:
    """After the workplace's verified mail, a forwarded copy from elsewhere is a duplicate."""
    h = make_h()
    pdf = mails.unique_pdf("Bakkerij Peeters NV")
    h.deliver(
        mails.contract_mail(
            date=WHEN,
            received=WHEN,
            message_id="<own@deploeg.be>",
            attachments=[("c.pdf", pdf, "application/pdf")],
        )
    )
    h.poll()
    later = WHEN + dt.timedelta(hours=2)
    h.deliver(
        mails.contract_mail(
            sender="aankoop@bakkerijpeeters.be",
            date=later,
            received=later,
            message_id="<fw@bakkerijpeeters.be>",
            attachments=[("c.pdf", pdf, "application/pdf")],
        )
    )
    h.poll()
    assert [m["classification"] for m in h.messages()] == ["contract", "duplicate"]
    assert len(h.sent()) == 1


@pytest.mark.parametrize(
    "kw",
    [
        {"auth": None},  # no Authentication-Results from our server at all
        {"auth": "none"},  # our server found no SPF, DKIM or DMARC to check
        {"extra_headers": [("From", "Boekhouding <boekhouding@attacker.example>")]},
    ],
)
def test_contract_without_an_aligned_pass_is_held(
    make_h: Callable[..., Harness], kw: dict[str, object]
) -> None:
    """No result from our server, no pass, or a second From: held for staff, not answered."""
    h = make_h()
    h.deliver(contract("Klant NV", **kw))
    h.poll()
    assert h.sent() == []
    [m] = h.messages()
    assert (m["response"]["state"], m["response"]["reason"]) == ("held", "unverified_sender")
    [c] = h.contracts()
    assert "sender_not_authenticated" in c["review_reasons"]
