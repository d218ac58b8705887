"""A tiny text PDF of an enclave contract, for mails in the test corpus.

The mail corpus only needs a real, parseable PDF with a text layer to attach; the rich contract
documents are built elsewhere. Output is deterministic (reportlab's invariant mode), so the same
arguments give the same bytes and a test can compare an extracted attachment byte for byte.
"""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas

DEFAULT_LINES: tuple[str, ...] = (
    "ONDERNEMINGSCONTRACT ENCLAVEWERKING",
    "",
    "Tussen: De Ploeg vzw, maatwerkbedrijf, ondernemingsnummer 0456.789.034",
    "En: Bakkerij Peeters NV, ondernemingsnummer 0123.456.749",
    "Plaats van tewerkstelling: Industrieweg 12, 9000 Gent",
    "Aard van de werkzaamheden: verpakken van broodproducten",
    "Aantal doelgroepwerknemers: zes (6)",
    "Begindatum: 1 maart 2017",
    "Einddatum: onbepaalde duur",
    "Opgemaakt te Gent op 15/02/2017 in twee exemplaren.",
)


def contract_pdf(
    lines: tuple[str, ...] | list[str] = DEFAULT_LINES,
    *,
    title: str = "Ondernemingscontract",
    user_password: str | None = None,
    owner_password: str | None = None,
) -> bytes:
    """Render `lines` as a one-page A4 PDF; give a password to encrypt it (RC4/AES by reportlab)."""
    buf = io.BytesIO()
    encrypt: StandardEncryption | None = None
    if user_password is not None or owner_password is not None:
        encrypt = StandardEncryption(
            user_password or "",
            ownerPassword=owner_password or user_password or "",
            canPrint=1,
            canModify=0,
            canCopy=0,
        )
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=True, encrypt=encrypt)
    pdf.setTitle(title)
    pdf.setAuthor("De Ploeg vzw")
    pdf.setFont("Helvetica", 11)
    y = A4[1] - 72
    for line in lines:
        pdf.drawString(72, y, line)
        y -= 16
    pdf.showPage()
    pdf.save()
    return buf.getvalue()
