"""Specification of the texts the department sends: acknowledgement e-mails and letters."""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from pathlib import Path

import jinja2
import pdfplumber
import pytest
from reportlab.platypus import Paragraph, Spacer

from mailbox_ingest.domain.enums import RefusalReason
from mailbox_ingest.domain.errors import ConfigError
from mailbox_ingest.respond.letters import markdown_flowables, render_letter
from mailbox_ingest.respond.templates import (
    DEFAULT_TEMPLATE_DIR,
    ContractSummary,
    LetterKind,
    TemplateRenderError,
    build_environment,
    datum,
    kbo,
    load_letterhead,
    load_refusal_sentences,
    nummer,
    render_acknowledgement,
)

DECIDED = date(2026, 11, 27)


def summary(**changes: object) -> ContractSummary:
    """A typical contract under the old regime; keyword arguments replace fields."""
    values: dict[str, object] = dict(
        contract_id=123,
        workplace_name="Beschutte Werkplaats De Ploeg vzw",
        workplace_enterprise_number="0403019261",
        workplace_address=("Kerkstraat 12", "9000 Gent"),
        received_at=datetime(2017, 3, 1, 9, 30),
        our_reference="ENC-2017-000123",
        counterpart_name="Bakkerij Vermeulen BV",
        counterpart_enterprise_number="BE0417497106",
        nature_of_work="verpakken en etiketteren van koekjes",
        workers=6,
        start_date=date(2017, 3, 15),
        end_date=date(2018, 3, 14),
        indefinite_duration=False,
        work_location="Industrieweg 4, 9000 Gent",
        inbound_subject="Enclavecontract Bakkerij Vermeulen",
    )
    values.update(changes)
    return ContractSummary(**values)  # type: ignore[arg-type]


def pdf_text(pdf: bytes) -> tuple[str, int]:
    """The text of a PDF with whitespace collapsed, and its number of pages."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = "\n".join(page.extract_text() or "" for page in doc.pages)
        return " ".join(text.split()), len(doc.pages)


def letter(kind: LetterKind, contract: ContractSummary | None = None, **kw: object) -> bytes:
    """Render a letter with the packaged templates (or those of `env`)."""
    env = kw.pop("env", None) or build_environment()
    assert isinstance(env, jinja2.Environment)
    return render_letter(
        kind,
        contract or summary(),
        env=env,
        letterhead=load_letterhead(env),
        decided_on=DECIDED,
        decided_by="Ann Peeters",
        **kw,  # type: ignore[arg-type]
    )


def test_approval_letter_names_parties_dates_and_signer() -> None:
    """The approval letter prints the parties, Dutch dates, references and the signer."""
    text, pages = pdf_text(letter(LetterKind.APPROVAL))
    assert pages == 1
    for expected in (
        "Departement Werk en Sociale Economie",
        "Beschutte Werkplaats De Ploeg vzw",
        "Kerkstraat 12",
        "Bakkerij Vermeulen BV",
        "0417.497.106",
        "Brussel, 27 november 2026",
        "van 15 maart 2017 tot en met 14 maart 2018",
        "1 maart 2017",
        "ENC-2017-000123",
        "Goedkeuring enclavecontract",
        "Geachte mevrouw, geachte heer",
        "Met vriendelijke groeten",
        "Ann Peeters",
        "pagina 1 van 1",
    ):
        assert expected in text, expected
    assert "Afkeuring" not in text


@pytest.mark.parametrize("reason", [r for r in RefusalReason if r is not RefusalReason.OTHER])
def test_refusal_letter_states_the_reason_sentence(reason: RefusalReason) -> None:
    """Each refusal reason prints its own Dutch sentence, and the staff's extra explanation."""
    sentence = load_refusal_sentences(build_environment())[reason]
    pdf = letter(LetterKind.REFUSAL, refusal_reason=reason, refusal_text="Zie artikel 4.")
    text, _ = pdf_text(pdf)
    assert "Afkeuring enclavecontract" in text
    assert sentence in text
    assert "Toelichting: Zie artikel 4." in text


def test_refusal_sentences_differ_per_reason() -> None:
    """Every reason except OTHER has a distinct, non-empty sentence."""
    sentences = load_refusal_sentences(build_environment())
    assert set(sentences) == set(RefusalReason) - {RefusalReason.OTHER}
    assert len(set(sentences.values())) == len(sentences)


def test_refusal_for_other_reason_prints_the_staff_text() -> None:
    """With reason OTHER the letter gives the text staff typed as the reason."""
    why = "De opdrachtgever heeft het contract niet ondertekend namens de vennootschap."
    text, _ = pdf_text(letter(LetterKind.REFUSAL, refusal_reason=RefusalReason.OTHER,
                              refusal_text=why))  # fmt: skip
    assert why in text
    assert "Toelichting" not in text


@pytest.mark.parametrize(
    ("kind", "reason", "why"),
    [
        (LetterKind.REFUSAL, None, None),
        (LetterKind.REFUSAL, RefusalReason.OTHER, "  "),
        (LetterKind.APPROVAL, RefusalReason.LATE_NOTIFICATION, None),
    ],
)
def test_inconsistent_decision_is_rejected(
    kind: LetterKind, reason: RefusalReason | None, why: str | None
) -> None:
    """A refusal needs a reason (and text for OTHER); an approval takes none."""
    with pytest.raises(ValueError):
        letter(kind, refusal_reason=reason, refusal_text=why)


def test_markup_characters_and_accents_print_as_written() -> None:
    """Values with &, <, > and accents neither break the layout nor get lost."""
    contract = summary(
        counterpart_name="Smith & Zonen <NV>",
        workplace_name="Maatwerkbedrijf Ëlsé & Zoë",
        nature_of_work="café-onderhoud <b>én</b> **schoonmaak**",
        workplace_address=("Rue de l'Église 3", "1000 Brussel"),
    )
    text, _ = pdf_text(letter(LetterKind.APPROVAL, contract))
    assert "Smith & Zonen <NV>" in text
    assert "Maatwerkbedrijf Ëlsé & Zoë" in text
    assert "café-onderhoud <b>én</b>" in text
    assert "Rue de l'Église 3" in text


def test_letter_too_long_for_one_page_is_numbered() -> None:
    """A long letter continues on a second page, numbered `pagina X van 2`."""
    why = " ".join(["De opdrachtgever oefent geen economische activiteit uit."] * 40)
    pdf = letter(LetterKind.REFUSAL, refusal_reason=RefusalReason.OTHER, refusal_text=why)
    text, pages = pdf_text(pdf)
    assert pages == 2
    assert "pagina 1 van 2" in text and "pagina 2 van 2" in text
    assert "Ann Peeters" in text


def test_override_folder_takes_precedence(tmp_path: Path) -> None:
    """Files in the configured folder replace the packaged ones; the others still apply."""
    (tmp_path / "letter_approval.md.j2").write_text(
        "# Beslissing {{ contract.our_reference }}\n\nAangepaste brief voor "
        "{{ contract.counterpart_name }}.\n\nMet vriendelijke groeten,\n",
        encoding="utf-8",
    )
    head = (DEFAULT_TEMPLATE_DIR / "letterhead.toml").read_text(encoding="utf-8")
    (tmp_path / "letterhead.toml").write_text(
        head.replace('place = "Brussel"', 'place = "Gent"'), encoding="utf-8"
    )
    env = build_environment(tmp_path)
    text, _ = pdf_text(letter(LetterKind.APPROVAL, env=env))
    assert "Beslissing ENC-2017-000123" in text
    assert "Aangepaste brief voor Bakkerij Vermeulen BV." in text
    assert "Gent, 27 november 2026" in text
    subject, _ = render_acknowledgement([summary()], env=env, sender_name="X", reference="R-1")
    assert subject.startswith("Ontvangstbevestiging enclavecontract")


def test_unknown_variable_fails_with_file_and_line(tmp_path: Path) -> None:
    """A template naming an unknown variable fails, naming the variable, file and line."""
    (tmp_path / "acknowledgement.txt.j2").write_text(
        "Geachte,\n\nUw dossier {{ dossier_nummer }}.\n", encoding="utf-8"
    )
    env = build_environment(tmp_path)
    with pytest.raises(TemplateRenderError) as caught:
        render_acknowledgement([summary()], env=env, sender_name="X", reference="R-1")
    message = str(caught.value)
    assert "dossier_nummer" in message
    assert "acknowledgement.txt.j2" in message
    assert caught.value.line == 3


def test_letter_template_without_subject_is_rejected(tmp_path: Path) -> None:
    """A letter template must open with its `# ` subject line."""
    (tmp_path / "letter_approval.md.j2").write_text("Geachte,\n\nGoed.\n", encoding="utf-8")
    with pytest.raises(TemplateRenderError, match="subject"):
        letter(LetterKind.APPROVAL, env=build_environment(tmp_path))


def test_letterhead_errors_name_the_key(tmp_path: Path) -> None:
    """A letterhead without a department, or with a misspelt key, is refused clearly."""
    (tmp_path / "letterhead.toml").write_text('address = ["x"]\nplace = "Gent"\n')
    with pytest.raises(TemplateRenderError, match="department"):
        load_letterhead(build_environment(tmp_path))
    (tmp_path / "letterhead.toml").write_text(
        'department = "D"\naddress = ["x"]\nplace = "Gent"\nwebsiet = "w"\n'
    )
    with pytest.raises(TemplateRenderError, match="websiet"):
        load_letterhead(build_environment(tmp_path))


def test_missing_override_folder_is_a_config_error(tmp_path: Path) -> None:
    """A template folder that does not exist is reported against its config key."""
    with pytest.raises(ConfigError, match="template_dir"):
        build_environment(tmp_path / "nergens")


def test_acknowledgement_lists_every_contract_of_the_mail() -> None:
    """One e-mail acknowledges two contracts: both listed, the reference in the subject."""
    first = summary()
    second = summary(
        contract_id=124,
        our_reference="ENC-2017-000124",
        counterpart_name="Stad Gent",
        counterpart_enterprise_number="0207451227",
        workers=3,
        start_date=date(2017, 4, 1),
        end_date=None,
        indefinite_duration=True,
    )
    subject, body = render_acknowledgement(
        [first, second],
        env=build_environment(),
        sender_name="Team Enclavewerking",
        reference="ENC-2017-000123",
        contact="enclaves@wse.example",
    )
    assert subject.startswith("Ontvangstbevestiging enclavecontract")
    assert "ENC-2017-000123" in subject and "\n" not in subject
    assert "Bakkerij Vermeulen BV" in body and "Stad Gent" in body
    assert "15 maart 2017" in body and "1 april 2017" in body
    assert "onbepaalde duur" in body
    assert re.search(r"doelgroepwerknemers: 6\b", body)
    assert re.search(r"doelgroepwerknemers: 3\b", body)
    flat = " ".join(body.split())
    assert "kennisname" in flat and "niet op te antwoorden" in flat
    assert "decreet van 12 juli 2013" in flat
    assert "enclaves@wse.example" in body and "Team Enclavewerking" in body
    assert "{{" not in body and "{%" not in body


def test_acknowledgement_of_one_contract_uses_the_singular() -> None:
    """With one contract the text speaks of `dit contract`, not of several."""
    subject, body = render_acknowledgement(
        [summary()], env=build_environment(), sender_name="X", reference="R-9"
    )
    assert subject == "Ontvangstbevestiging enclavecontract (ons kenmerk R-9)"
    assert "dit contract" in body and "deze contracten" not in body


def test_acknowledgement_needs_a_contract() -> None:
    """An acknowledgement of nothing is a programming error."""
    with pytest.raises(ValueError):
        render_acknowledgement([], env=build_environment(), sender_name="X", reference="R")


def test_markdown_subset_becomes_paragraphs_bullets_and_bold() -> None:
    """`# ` gives the subject; paragraphs, bullets and **bold** become escaped markup."""
    subject, story = markdown_flowables(
        "# Onderwerp\n\nEerste **vet** & zo\nvervolg\n\n- een\n- twee\n  verder\n\nSlot"
    )
    assert subject == "Onderwerp"
    paragraphs = [f for f in story if isinstance(f, Paragraph)]
    texts = [p.text for p in paragraphs]
    assert texts == ["Eerste <b>vet</b> &amp; zo vervolg", "een", "twee verder", "Slot"]
    assert [p.bulletText for p in paragraphs] == [None, "•", "•", None]
    assert any(isinstance(f, Spacer) for f in story)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(date(2017, 3, 1), "1 maart 2017"), (datetime(2026, 11, 27, 8), "27 november 2026"),
     (date(2019, 12, 31), "31 december 2019"), (None, "niet vermeld")],
)  # fmt: skip
def test_datum_writes_dutch_dates(value: date | None, expected: str) -> None:
    """Dates are written with the Dutch month name."""
    assert datum(value) == expected


@pytest.mark.parametrize(
    ("value", "woorden", "expected"),
    [(6, False, "6"), (6, True, "zes (6)"), (1234, False, "1.234"), (2.5, False, "2,5"),
     (25, True, "25"), (None, False, "niet vermeld")],
)  # fmt: skip
def test_nummer_writes_dutch_numbers(value: float | None, woorden: bool, expected: str) -> None:
    """Numbers use the Dutch separators; small ones can be spelt out."""
    assert nummer(value, woorden=woorden) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("BE0417497106", "0417.497.106"), ("417497106", "0417.497.106"),
     ("0417 497 106", "0417.497.106"), ("onbekend", "onbekend")],
)  # fmt: skip
def test_kbo_formats_enterprise_numbers(value: str, expected: str) -> None:
    """Enterprise numbers print as 0XXX.XXX.XXX whatever form they came in."""
    assert kbo(value) == expected
