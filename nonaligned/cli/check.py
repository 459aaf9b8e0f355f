"""The check command: claims against the records (its parser and handler live in nonaligned/claims/command.py)."""

from __future__ import annotations

from typing import Any


def add_parsers(sub: Any) -> None:
    from ..claims.command import add_check_parser

    add_check_parser(sub)
