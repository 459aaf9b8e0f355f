"""The claims checker's eval gate: accuracy on the held-out claims set may only rise.

Runs the checker on every passage of ``evaluation/claims/claims_gold.jsonl`` against the test
store (the bundled records) and compares the headline figures with
``tests/golden/claims_floors.toml``. The set is evaluation data: a failure here is fixed in the
finder or the checkers from their own development data, never by reading the set.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from nonaligned.evaluate.claims import evaluate_claims
from nonaligned.records import Records
from nonaligned.store import Store

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "evaluation" / "claims" / "claims_gold.jsonl"
FLOORS = tomllib.loads((ROOT / "tests" / "golden" / "claims_floors.toml").read_text("utf-8"))

pytestmark = pytest.mark.slow


def test_gold_is_the_pinned_one() -> None:
    assert hashlib.sha256(GOLD.read_bytes()).hexdigest() == FLOORS["gold"]["sha256"]


@pytest.fixture(scope="module")
def figures(built_db: Path) -> Iterator[dict[str, float]]:
    store = Store.open(built_db, read_only=True)
    try:
        tables = evaluate_claims(GOLD, records=Records(store), replicates=20)
    finally:
        store.close()
    finding = tables["finding"]
    system = finding[finding["system"] == "system"].set_index("class")
    verdicts = tables["verdicts"].set_index("system")
    yield {
        "finding_f1_any_type": float(system.loc["any type", "f1"]),
        "finding_f1_same_type": float(system.loc["same type", "f1"]),
        "verdict_accuracy": float(verdicts.loc["system", "value"]),
    }


@pytest.mark.parametrize("metric", sorted(FLOORS["floors"]))
def test_figure_is_not_below_its_floor(figures: dict[str, Any], metric: str) -> None:
    floor = FLOORS["floors"][metric]
    assert figures[metric] >= floor, f"{metric} {figures[metric]:.3f} fell below its floor {floor}"
