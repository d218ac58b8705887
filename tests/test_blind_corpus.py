"""The blind corpus is consistent: files, truth, check digits, counts, text layers."""

from __future__ import annotations

import ast
import json
import re
from collections import Counter
from datetime import date
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import docx
import pypdfium2 as pdfium
import pytest

from samples.blind import dutch, world
from samples.blind.__main__ import main
from samples.blind.corpus import generate

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpora" / "blind"
KEYS = {
    "workplace_name",
    "workplace_enterprise_number",
    "counterpart_name",
    "counterpart_enterprise_number",
    "work_location",
    "nature_of_work",
    "workers",
    "start_date",
    "end_date",
    "indefinite_duration",
    "signed_date",
    "workplace_kind",
    "counterpart_kind",
}
KINDS = {
    "regular_company",
    "maatwerkbedrijf",
    "beschutte_werkplaats",
    "sociale_werkplaats",
    "flemish_government",
    "other_public",
    "nonprofit",
    "unknown",
}
FORMATS = {"office_pdf", "docx", "doc", "rtf", "scan_pdf", "eml"}


@pytest.fixture(scope="module")
def truth() -> dict[str, Any]:
    """The committed ground truth."""
    return json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def documents(truth: dict[str, Any]) -> list[dict[str, Any]]:
    """The documents listed in the truth."""
    return truth["documents"]


def _numbers(doc: dict[str, Any]) -> list[str]:
    return [
        n
        for c in doc["contracts"]
        for n in (c["workplace_enterprise_number"], c["counterpart_enterprise_number"])
        if n
    ]


def test_every_listed_file_exists_and_nothing_else(documents: list[dict[str, Any]]) -> None:
    """Each listed file is in the folder, and every file there is listed."""
    listed = {d["file"] for d in documents}
    assert len(listed) == len(documents)
    present = {p.name for p in CORPUS.iterdir()} - {"truth.json", "README.md"}
    assert listed == present


def test_truth_records_have_the_promised_shape(documents: list[dict[str, Any]]) -> None:
    """Every contract has exactly the promised keys, canonical numbers and ISO dates."""
    for doc in documents:
        assert doc["format"] in FORMATS
        assert bool(doc["contracts"]) == doc["is_contract"], doc["file"]
        for c in doc["contracts"]:
            assert set(c) == KEYS, doc["file"]
            for n in _numbers({"contracts": [c]}):
                assert re.fullmatch(r"[01]\d{3}\.\d{3}\.\d{3}", n), n
            for key in ("start_date", "end_date", "signed_date"):
                if c[key] is not None:
                    date.fromisoformat(c[key])
            assert c["indefinite_duration"] == (c["end_date"] is None)
            assert c["end_date"] is None or c["end_date"] > c["start_date"]
            assert isinstance(c["workers"], int) and 1 <= c["workers"] <= 30
            assert {c["workplace_kind"], c["counterpart_kind"]} <= KINDS
            assert (c["work_location"] is None) == ("missing_work_location" in doc["tags"])


def test_a_multi_contract_document_has_one_workplace(documents: list[dict[str, Any]]) -> None:
    """Several contracts in one document share the workplace that wrote it."""
    multi = [d for d in documents if len(d["contracts"]) > 1]
    assert len(multi) >= 10
    for doc in multi:
        pairs = {(c["workplace_name"], c["workplace_enterprise_number"]) for c in doc["contracts"]}
        assert len(pairs) == 1, doc["file"]


def test_check_digits_are_valid_unless_tagged(documents: list[dict[str, Any]]) -> None:
    """Untagged numbers pass 97 - mod 97; a document tagged bad has a failing one."""
    tagged = 0
    for doc in documents:
        valid = [world.is_valid_number(n) for n in _numbers(doc)]
        if "bad_check_digits" in doc["tags"]:
            tagged += 1
            assert not all(valid), doc["file"]
        else:
            assert all(valid), doc["file"]
    assert tagged >= 5


def test_counts_by_template_and_format(documents: list[dict[str, Any]]) -> None:
    """At least 40 templates and 200 documents, every format, 15-20 % scans."""
    formats = Counter(d["format"] for d in documents)
    assert len({d["template"] for d in documents}) >= 40
    assert len(documents) >= 200
    assert set(formats) == FORMATS
    assert 0.15 <= formats["scan_pdf"] / len(documents) <= 0.20
    assert sum(not d["is_contract"] for d in documents) >= 10
    assert any("termination" in d["tags"] for d in documents)
    assert any(len(d["contracts"]) > 1 for d in documents)
    for tag in (
        "two_columns",
        "table_multi",
        "annex",
        "same_entity",
        "missing_work_location",
        "parties_side_by_side",
        "government",
        "definitions",
        "hyphenated",
    ):
        assert any(tag in d["tags"] for d in documents), tag


def test_docx_and_pdf_come_in_pairs_with_one_truth(documents: list[dict[str, Any]]) -> None:
    """Every DOCX has its office PDF with the same template and the same contracts."""
    by_file = {d["file"]: d for d in documents}
    docx_files = [d for d in documents if d["format"] == "docx"]
    assert docx_files
    for d in docx_files:
        pdf = by_file[d["file"].removesuffix(".docx") + ".pdf"]
        assert pdf["format"] == "office_pdf"
        assert (pdf["template"], pdf["contracts"]) == (d["template"], d["contracts"])


def _text(path: Path) -> str:
    if path.suffix == ".eml":
        msg = message_from_bytes(path.read_bytes(), policy=policy.default)
        assert isinstance(msg, EmailMessage)
        body = msg.get_body(("plain",))
        assert body is not None
        return str(body.get_content())
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_sources_state_what_the_truth_says(documents: list[dict[str, Any]]) -> None:
    """Names, work, numbers, places, counts and start dates are written in each source."""
    for doc in documents:
        if doc["format"] not in ("docx", "eml"):
            continue
        text = _text(CORPUS / doc["file"])
        flat, digits = re.sub(r"\s+", " ", text), re.sub(r"\D", "", text)
        for c in doc["contracts"]:
            for key in ("workplace_name", "counterpart_name", "nature_of_work"):
                assert c[key] in flat, (doc["file"], key)
            for n in _numbers({"contracts": [c]}):
                assert n.replace(".", "")[1:] in digits, (doc["file"], n)
            if c["work_location"]:
                town = c["work_location"].split(",")[-1].split()[-1]
                street = c["work_location"].split(",")[0].split(" bus ")[0]
                assert town in flat and (street in flat or "," not in c["work_location"])
            assert str(c["workers"]) in flat or dutch.cardinal(c["workers"]) in flat
            start = date.fromisoformat(c["start_date"])
            forms = {
                f"{start.day:02d}/{start.month:02d}/{start.year}",
                f"{start.day}/{start.month}/{start.year}",
                f"{start.day}-{start.month}-{start.year}",
                f"{start.day:02d}.{start.month:02d}.{start.year}",
                dutch.date_long(start),
                dutch.date_words(start),
            }
            assert any(f in flat for f in forms), (doc["file"], c["start_date"])


def test_office_pdfs_have_text_and_scans_have_none(documents: list[dict[str, Any]]) -> None:
    """Office PDFs carry a text layer naming the workplace; scans are images only."""
    for doc in documents:
        if doc["format"] not in ("office_pdf", "scan_pdf"):
            continue
        pdf = pdfium.PdfDocument(str(CORPUS / doc["file"]))
        try:
            text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
        finally:
            pdf.close()
        if doc["format"] == "scan_pdf":
            assert text.strip() == "", doc["file"]
        else:
            assert len(text) > 200, doc["file"]


def test_generator_reproduces_the_committed_truth(tmp_path: Path, truth: dict[str, Any]) -> None:
    """The generator with the recorded seed writes the same truth (sources only)."""
    again = generate(tmp_path, truth["seed"], office=False)
    assert again == truth
    assert json.loads((tmp_path / "truth.json").read_text(encoding="utf-8")) == truth


def test_cli_error_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An output path that is a file gives one error line and a non-zero exit."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main([str(blocker / "out"), "--no-office"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "\n" not in err


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (date(2017, 3, 1), "de eerste maart tweeduizend zeventien"),
        (date(2022, 11, 22), "de tweeëntwintigste november tweeduizend tweeëntwintig"),
        (date(2019, 8, 8), "de achtste augustus tweeduizend negentien"),
        (date(2020, 1, 31), "de eenendertigste januari tweeduizend twintig"),
    ],
)
def test_dates_in_words(day: date, words: str) -> None:
    """Dates are spelled the way deeds spell them."""
    assert dutch.date_words(day) == words


def test_check_digit_rule() -> None:
    """97 - (first eight mod 97); a wrong number fails the rule."""
    assert world.enterprise_number(2_022_399) == "0202.239.951"
    assert world.is_valid_number("0202.239.951")
    assert not world.is_valid_number("0202.239.952")
    assert not world.is_valid_number(world.enterprise_number(2_022_399, wrong=True))


def test_product_code_never_imports_samples() -> None:
    """The corpus generator is a measuring tool: no product package imports it."""
    for package in ("mailbox_ingest", "parsers", "store", "migrations"):
        for path in (ROOT / package).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = (
                    [a.name for a in node.names]
                    if isinstance(node, ast.Import)
                    else [node.module or ""]
                    if isinstance(node, ast.ImportFrom)
                    else []
                )
                assert not any(n.split(".")[0] == "samples" for n in names), path
