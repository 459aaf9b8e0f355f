from __future__ import annotations

from pathlib import Path

from nonaligned.clidoc import reference

DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def test_cli_reference_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == reference(), (
        "docs/cli.md is stale: run `python -m nonaligned.clidoc docs/cli.md`"
    )
