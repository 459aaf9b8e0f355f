"""CI quality gate for event coding: the gold files are the pinned ones, and no headline metric
falls below its floor in tests/golden/eval_floors.toml.

A gate rather than a report so that a change to the coder, its dictionaries or the pipeline
that makes coding worse fails CI instead of passing unnoticed. The floors are read from a file,
not written here, so that moving one is a visible, deliberate edit with its own reason. The gold
is pinned by hash because a floor means nothing against different gold: a changed file is
re-measured and re-pinned on purpose, never silently.
"""

from __future__ import annotations

import hashlib
import importlib.util
import math
import tomllib
from pathlib import Path
from typing import Any

import pytest
from conftest import SHARED, needs_shared

from nonaligned.evaluate.events import SUMMARY_METRICS, evaluate

FLOORS_FILE = Path(__file__).resolve().parent / "golden" / "eval_floors.toml"
EXTERNAL = SHARED / "data" / "external"
PLOVER = EXTERNAL / "plover-gsr" / "PLOVER_GSR_CAMEO.json"
CONFLIBERT = EXTERNAL / "conflibert-cameo"
GATED = {  # the metrics the lead asked to gate; the floors file must name exactly these
    ("plover", "event_macro_f1"),
    ("plover", "triple_f1"),
    ("plover", "source_accuracy"),
    ("plover", "target_accuracy"),
    ("conflibert", "class_macro_f1"),
}


def load_pins() -> dict[str, Any]:
    with FLOORS_FILE.open("rb") as fh:
        return tomllib.load(fh)


PINS = load_pins()
FLOORS: list[tuple[str, str, float]] = [
    (gold, metric, float(floor))
    for gold, metrics in PINS.get("floors", {}).items()
    for metric, floor in metrics.items()
]
GOLD_FILES: dict[str, str] = dict(PINS.get("gold", {}))


def test_floors_file_names_the_gated_metrics_and_every_gold_file() -> None:
    assert {(g, m) for g, m, _ in FLOORS} == GATED
    for gold, metric, floor in FLOORS:
        assert metric in SUMMARY_METRICS[gold], f"{gold}.{metric} is not a summary metric"
        assert 0.0 <= floor <= 1.0
    assert set(GOLD_FILES) == {
        "plover-gsr/PLOVER_GSR_CAMEO.json",
        "conflibert-cameo/cameo_class/test.tsv",
        "conflibert-cameo/cameo_ner/test.txt",
    }
    for digest in GOLD_FILES.values():
        assert len(digest) == 64 and set(digest) <= set("0123456789abcdef")


@needs_shared
@pytest.mark.parametrize("name", sorted(GOLD_FILES))
def test_gold_file_is_the_pinned_one(name: str) -> None:
    path = EXTERNAL / name
    assert path.is_file(), f"{path}: pinned gold file is missing"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert digest == GOLD_FILES[name], (
        f"gold changed: re-measure and re-pin deliberately ({name}: sha256 {digest}, "
        f"pinned {GOLD_FILES[name]} in {FLOORS_FILE.name})"
    )


@pytest.fixture(scope="module")
def measured() -> dict[tuple[str, str], dict[str, Any]]:
    """The system's summary rows on the real gold by (gold, metric), computed once for all."""
    if importlib.util.find_spec("nonaligned.text.events") is None:
        pytest.skip("the event coder (nonaligned.text.events) is not in this tree yet")
    pytest.importorskip("spacy", reason="the text extra (spaCy) is not installed")
    summary = evaluate(PLOVER, CONFLIBERT)["summary"]
    rows = summary[summary.system == "system"].to_dict(orient="records")
    return {(str(r["gold"]), str(r["metric"])): {str(k): v for k, v in r.items()} for r in rows}


@needs_shared
@pytest.mark.parametrize(
    ("gold", "metric", "floor"), FLOORS, ids=[f"{g}.{m}" for g, m, _ in FLOORS]
)
def test_metric_is_not_below_its_floor(
    measured: dict[tuple[str, str], dict[str, Any]], gold: str, metric: str, floor: float
) -> None:
    row = measured[(gold, metric)]
    value = float(row["value"])
    # undefined (e.g. no predictions at all) fails any real floor; an unpinned 0.0 lets it pass
    if math.isnan(value):
        assert floor == 0.0, f"{gold}.{metric} is undefined ({row['detail']}), floor {floor}"
        return
    assert value >= floor, (
        f"{gold}.{metric} = {value:.3f} (95% CI {row['value_lo']:.3f}–{row['value_hi']:.3f}; "
        f"{row['detail']}) is below its floor {floor} in {FLOORS_FILE.name}"
    )
