"""Authentication-Results: only an aligned pass from our own server verifies a sender."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailbox_ingest.app import warn_example_authserv_id
from mailbox_ingest.config import Settings
from mailbox_ingest.pipeline.authresults import organisational_domain, verdict

OURS = "mx.wse.test"
FROM = ["Secretariaat <secretariaat@deploeg.be>"]
PASS = f"{OURS}; dmarc=pass header.from=deploeg.be"


@pytest.mark.parametrize(
    ("headers", "from_values", "verified", "failed"),
    [
        ([], FROM, False, False),
        ([PASS], FROM, True, False),
        ([f"{OURS}; spf=pass smtp.mailfrom=jan@deploeg.be"], FROM, True, False),
        ([f"{OURS}; dkim=pass header.d=mail.deploeg.be"], FROM, True, False),
        ([f"{OURS} (our mx) ; spf=pass smtp.mailfrom=bounce.deploeg.be"], FROM, True, False),
        # a pass for another domain proves nothing about the From domain
        (
            [
                f"{OURS}; spf=pass smtp.mailfrom=x@attacker.example; dkim=pass header.d=attacker.example"
            ],
            FROM,
            False,
            False,
        ),
        ([f"{OURS}; dmarc=pass header.from=attacker.example"], FROM, False, False),
        # a property value or a comment that looks like a result is not one
        ([f'{OURS}; spf=none smtp.mailfrom="dmarc=pass"@attacker.example'], FROM, False, False),
        (
            [f"{OURS}; spf=none (dmarc=pass header.from=deploeg.be) smtp.mailfrom=deploeg.be"],
            FROM,
            False,
            False,
        ),
        ([f"{OURS}; none"], FROM, False, False),
        # dmarc=none never outweighs a fail; any aligned fail beats a pass
        (
            [f"{OURS}; dmarc=none header.from=deploeg.be; spf=fail smtp.mailfrom=deploeg.be"],
            FROM,
            False,
            True,
        ),
        (
            [f"{OURS}; dkim=pass header.d=deploeg.be; spf=softfail smtp.mailfrom=deploeg.be"],
            FROM,
            False,
            True,
        ),
        ([f"{OURS}; dmarc=fail", PASS], FROM, False, True),
        ([PASS, f"{OURS}; dkim=fail header.d=deploeg.be"], FROM, False, True),
        # a fail for an unrelated domain does not spoil an aligned pass
        (
            [f"{OURS}; dkim=fail header.d=list.example; dmarc=pass header.from=deploeg.be"],
            FROM,
            True,
            False,
        ),
        # headers from other servers are ignored, whatever they say
        (["mx.deploeg.be; dmarc=pass header.from=deploeg.be"], FROM, False, False),
        ([f"{OURS}.evil.example; dmarc=pass header.from=deploeg.be"], FROM, False, False),
        ([f"evil.example; dmarc=pass header.from=deploeg.be ({OURS})"], FROM, False, False),
        (["MX.WSE.TEST; dmarc=pass header.from=DePloeg.be"], FROM, True, False),
        # two From headers, or a list in one, are never verified
        ([PASS], [*FROM, "x@attacker.example"], False, False),
        ([PASS], ["secretariaat@deploeg.be, x@attacker.example"], False, False),
        ([PASS], [], False, False),
        # an unreadable header with our id makes the whole verdict unverified
        ([PASS, f"{OURS}; dkim=pass header.d=deploeg.be; = ="], FROM, False, False),
    ],
)
def test_verdict_table(
    headers: list[str], from_values: list[str], verified: bool, failed: bool
) -> None:
    """Each header combination gets the verdict the alignment rules give."""
    v = verdict(headers, OURS, from_values)
    assert (v.verified, v.failed) == (verified, failed), v.detail


def test_organisational_domain_uses_the_public_suffix_list() -> None:
    """Subdomains align with their registrable domain, never with a public suffix."""
    assert organisational_domain("mail.deploeg.be") == "deploeg.be"
    assert organisational_domain("a.b.example.co.uk") == "example.co.uk"
    assert organisational_domain("be") == "be"


_METHODS = st.sampled_from(["spf", "dkim", "dmarc", "arc", "auth", "iprev", "x-foo"])
_RESULTS = st.sampled_from(
    [
        "pass",
        "fail",
        "softfail",
        "none",
        "neutral",
        "temperror",
        "permerror",
        "policy",
        "hardfail",
        "PASS",
    ]
)
_OTHER_DOMAINS = st.sampled_from(
    [
        "attacker.example",
        "deploeg.be.attacker.example",
        "deploeg-be.example",
        "be",
        "example.com",
        "gmail.com",
    ]
)
_IDS = st.sampled_from(
    [OURS, f"{OURS}.evil.example", "mx.deploeg.be", "wse.test", f"x{OURS}", "evil.example"]
)
_NOISE = st.sampled_from(
    [
        "",
        f" ({OURS})",
        ' ("dmarc=pass")',
        " (dmarc=pass header.from=deploeg.be)",
        ' reason="dmarc=pass header.from=deploeg.be"',
        "; none",
    ]
)


@st.composite
def _result(draw: st.DrawFn, aligned_pass_allowed: bool) -> str:
    """One method=result with properties; never an aligned pass unless allowed."""
    method, result = draw(_METHODS), draw(_RESULTS)
    domain = draw(st.one_of(_OTHER_DOMAINS, st.just("deploeg.be"), st.just("mail.deploeg.be")))
    if not aligned_pass_allowed and result.lower() == "pass" and domain.endswith("deploeg.be"):
        domain = draw(_OTHER_DOMAINS)
    prop = draw(
        st.sampled_from(
            ["header.from", "smtp.mailfrom", "header.d", "header.i", "smtp.helo", "policy.x"]
        )
    )
    value = draw(
        st.sampled_from([domain, f"jan@{domain}", f'"dmarc=pass"@{domain}', f"dmarc=pass@{domain}"])
    )
    return f"{method}={result}{draw(_NOISE)} {prop}={value}"


@st.composite
def _header(draw: st.DrawFn) -> str:
    """A header that lacks an aligned pass from our server (foreign ids may say anything)."""
    authserv = draw(_IDS)
    foreign = authserv != OURS
    results = draw(st.lists(_result(aligned_pass_allowed=foreign), min_size=0, max_size=4))
    comment = draw(st.sampled_from(["", " (Postfix)", " 1", f" ({OURS})"]))
    return f"{authserv}{comment}; " + ("; ".join(results) if results else "none")


@settings(max_examples=300, deadline=None)
@given(headers=st.lists(_header(), max_size=4))
def test_no_aligned_pass_from_our_server_is_never_verified(headers: list[str]) -> None:
    """Whatever the headers say, without an aligned pass from our authserv-id: unverified."""
    assert not verdict(headers, OURS, FROM).verified


@settings(max_examples=100, deadline=None)
@given(headers=st.lists(_header(), max_size=3))
def test_our_aligned_pass_verifies_unless_an_aligned_fail(headers: list[str]) -> None:
    """Adding our aligned pass verifies the sender exactly when no aligned fail is present."""
    v = verdict([*headers, PASS], OURS, FROM)
    assert v.verified is (not v.failed) or "unreadable" in v.detail


def test_example_authserv_id_is_warned_about_at_start(
    make_settings: Callable[..., Settings], caplog: pytest.LogCaptureFixture
) -> None:
    """Start-up logs one warning while answers.authserv_id is the example value."""
    with caplog.at_level(logging.WARNING):
        assert warn_example_authserv_id(make_settings(answers={"authserv_id": "mx.wse.example"}))
        assert not warn_example_authserv_id(make_settings())
    assert [r.message.count("authserv_id") for r in caplog.records] == [1]


@settings(max_examples=80, deadline=None)
@given(
    headers=st.lists(
        st.text(alphabet=st.sampled_from(list(f'{OURS} ;=()"\\@.-_a-z0p')), max_size=80), max_size=3
    ),
    from_values=st.lists(st.text(max_size=40), max_size=2),
)
def test_arbitrary_text_never_raises_and_is_never_verified(
    headers: list[str], from_values: list[str]
) -> None:
    """Garbage headers and From values are judged without an exception, and never verified."""
    assert not verdict(headers, OURS, from_values).verified
