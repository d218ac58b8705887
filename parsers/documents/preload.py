"""Imports every document reader at once.

A process that will read many documents (the reader processes' forkserver) imports this
module ahead of time, so that each worker forked from it starts with the libraries in place
and shares their pages instead of loading its own copy.
"""

from __future__ import annotations

import importlib

from parsers.documents.read import READER_MODULES

for _module in READER_MODULES:
    importlib.import_module(_module)
