"""Field extraction: turn a read `Document` into contracts and mail bodies into terminations.

Public entry points: `extract_contracts(doc)` and `find_terminations(text)`; the normalisers
(dates, enterprise numbers, counts, durations) are usable on their own.
"""

from parsers.fields.extract import extract_contracts
from parsers.fields.termination import find_terminations

__all__ = ["extract_contracts", "find_terminations"]
