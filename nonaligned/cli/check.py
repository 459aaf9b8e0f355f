"""The check command: claims against the records (its parser and handler live in nonaligned/claims/command.py)."""

from __future__ import annotations

from typing import Any


def add_parsers(sub: Any) -> None:
    from ..claims.command import add_check_parser
    from .common import _records

    # check only reads: the CLI's read-only opener lets it run beside serve and other readers
    add_check_parser(sub).set_defaults(open_records=_records)
