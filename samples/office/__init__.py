"""An office-written training corpus of enclave contracts (and look-alikes that are not).

The documents imitate how Flemish workplaces, client companies, lawyers and public bodies
write enclave contracts in a word processor: styled DOCX with letterheads, numbered
articles, tables, two-column pages and landscape annexes, converted to PDF, DOC or RTF by
LibreOffice, plus e-mails with the facts in the body or a DOCX attached. Every document comes
with its truth in the format `bench.blind.load_blind` reads. Run
`python -m samples.office OUTDIR [--n 150] [--seed 7]`.
"""
