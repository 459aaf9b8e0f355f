"""Claims checked against the record: find what a text asserts about states, blocs and their
relations, and say what the records and the coded news show (docs/claims.md).

    from nonaligned.claims import check
    for c in check("Azerbaijan has chaired the Non-Aligned Movement since 2019.", on="2020-05-05"):
        print(c.verdict, c.reason)

Modules, one job each: :mod:`.finder` (sentences to candidate claims), :mod:`.membership`,
:mod:`.counts`, :mod:`.votes`, :mod:`.alliances`, :mod:`.relations`, :mod:`.alignment` (one
checker per claim type), :mod:`.verdict` (the explicit rules), :mod:`.api` (entry points),
:mod:`.command` (the ``nonaligned check`` command's parser and handler).
"""

from __future__ import annotations

from .api import check, check_documents, check_inputs, explain_empty
from .model import CLAIM_TYPES, VERDICTS, Claim, Evidence

__all__ = [
    "CLAIM_TYPES",
    "VERDICTS",
    "Claim",
    "Evidence",
    "check",
    "check_documents",
    "check_inputs",
    "explain_empty",
]
