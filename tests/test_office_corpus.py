"""The office-written corpus: a small batch is complete, readable and its truth consistent."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import shutil
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from bench.blind import load_blind
from samples.corpus.truth import number_is_valid
from samples.office import dutch
from samples.office.__main__ import main
from samples.office.catalogue import TEMPLATES

NUMBER = re.compile(r"^[01]\d{3}\.\d{3}\.\d{3}$")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus of twelve documents written once for the module."""
    if shutil.which("soffice") is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is needed to convert the corpus")
        pytest.skip("LibreOffice (soffice) is not installed on this machine")
    out = tmp_path_factory.mktemp("office")
    assert main([str(out), "--n", "12", "--seed", "3"]) == 0
    return out


def _truth(corpus: Path) -> list[dict[str, Any]]:
    """The raw entries of truth.json."""
    entries: list[dict[str, Any]] = json.loads((corpus / "truth.json").read_text())["documents"]
    return entries


@pytest.mark.slow
def test_truth_loads_and_lists_existing_files(corpus: Path) -> None:
    """truth.json loads with the blind loader and every listed file exists, nothing more."""
    docs = load_blind(corpus)
    assert len(docs) == 12
    assert {d.file for d in docs} == {p.name for p in corpus.iterdir()} - {"truth.json"}
    for doc in docs:
        assert (corpus / doc.file).stat().st_size > (500 if doc.format == "eml" else 1000)
        assert doc.is_contract == bool(doc.truths)


@pytest.mark.slow
def test_pdfs_have_a_text_layer_naming_the_parties(corpus: Path) -> None:
    """Every converted PDF has text, and a contract's PDF names its counterpart (first word)."""
    pdfs = [d for d in load_blind(corpus) if d.format == "office_pdf"]
    assert pdfs
    for doc in pdfs:
        with pdfplumber.open(corpus / doc.file) as pdf:
            text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        assert len(text) > 300, doc.file
        joined = re.sub(r"-\n", "", text) + re.sub(r"\n", "", text)
        for truth in doc.truths:
            assert truth.counterpart_name.split()[0] in joined, doc.file


@pytest.mark.slow
def test_truth_numbers_dates_and_kinds_are_consistent(corpus: Path) -> None:
    """Enterprise numbers are canonical and pass mod 97; dates and duration agree."""
    for entry in _truth(corpus):
        assert entry["format"] in {"office_pdf", "docx", "doc", "rtf", "eml"}
        for contract in entry["contracts"]:
            for key in ("workplace_enterprise_number", "counterpart_enterprise_number"):
                assert NUMBER.match(contract[key]) and number_is_valid(contract[key])
            start = dt.date.fromisoformat(contract["start_date"])
            if contract["indefinite_duration"]:
                assert contract["end_date"] is None
            else:
                assert dt.date.fromisoformat(contract["end_date"]) > start
            assert dt.date.fromisoformat(contract["signed_date"]) < start
            assert contract["workers"] > 0
            assert contract["workplace_kind"] in {
                "maatwerkbedrijf",
                "beschutte_werkplaats",
                "sociale_werkplaats",
            }


@pytest.mark.slow
def test_mails_parse(corpus: Path) -> None:
    """Every .eml file parses and has a sender, a subject and a body or attachment."""
    for entry in _truth(corpus):
        if entry["format"] == "eml":
            msg = message_from_bytes((corpus / entry["file"]).read_bytes(), policy=policy.default)
            assert msg["From"] and msg["Subject"]
            assert msg.get_body(("plain",)) is not None


@pytest.mark.slow
def test_every_template_is_deterministic() -> None:
    """One seed gives the same document bytes and truth for every template."""
    for tpl in TEMPLATES:
        first, second = tpl.build(random.Random(11)), tpl.build(random.Random(11))
        assert [d.truth() for d in first.deals] == [d.truth() for d in second.deals]
        if first.sheet is not None and second.sheet is not None:
            assert first.sheet.to_bytes("x", dt.date(2024, 1, 1)) == second.sheet.to_bytes(
                "x", dt.date(2024, 1, 1)
            )
        else:
            assert first.mail == second.mail


@pytest.mark.slow
def test_every_template_writes_consistent_truth_over_many_seeds() -> None:
    """Five seeds per template: valid numbers, ordered dates, parseable mails."""
    for tpl in TEMPLATES:
        for seed in range(5):
            made = tpl.build(random.Random(seed))
            assert made.is_contract == bool(made.deals) == tpl.is_contract, tpl.name
            for deal in made.deals:
                truth = deal.truth()
                assert number_is_valid(truth["workplace_enterprise_number"])
                assert number_is_valid(truth["counterpart_enterprise_number"])
                assert deal.signed < deal.start and (deal.end is None or deal.end > deal.start)
                assert truth["workplace_name"] != truth["counterpart_name"]
            if made.mail is not None:
                msg = message_from_bytes(made.mail, policy=policy.default)
                assert msg.get_body(("plain",)) is not None, tpl.name
            else:
                assert made.sheet is not None


def test_dutch_number_and_date_words() -> None:
    """Numbers, ordinals and dates are spelled as in Dutch office text."""
    assert dutch.number_word(22) == "tweeëntwintig"
    assert dutch.number_word(2024) == "tweeduizend vierentwintig"
    assert dutch.words_date(dt.date(2024, 3, 1)) == "de eerste maart tweeduizend vierentwintig"
    assert dutch.ordinal_word(31) == "eenendertigste"
    assert dutch.end_of_term(dt.date(2024, 3, 1), 12) == dt.date(2025, 2, 28)
