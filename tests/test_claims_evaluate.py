"""``evaluate claims``: matching by span overlap, the tables, intervals and a bad gold file.

The gold here is a tiny set written for this test; the project's evaluation set
(evaluation/claims/) is never read by the tests of the finder.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nonaligned.errors import NonalignedError
from nonaligned.evaluate.claims import (
    GoldDoc,
    Span,
    doc_counts,
    evaluate_claims,
    read_gold,
)

TEXT = "Georgia is not a member of NATO. The weather was mild. Armenia is a member of the CSTO."


def _gold(tmp_path: Path) -> Path:
    a, b = TEXT.index("Georgia"), TEXT.index(". The")
    c = TEXT.index("Armenia")
    docs = [
        {
            "id": "g1",
            "text": TEXT,
            "on": "2023-01-01",
            "lang": "en",
            "claims": [
                {"start": a, "end": b + 1, "type": "membership", "states": ["GEO"],
                 "refers_to": "2023-01-01", "verdict": "supported", "why": "not a member"},
                {"start": c, "end": len(TEXT), "type": "membership", "states": ["ARM"],
                 "refers_to": "2023-01-01", "verdict": "supported", "why": "member"},
            ],
        },
        {"id": "g2", "text": "Nothing to see.", "on": "2023-01-01", "lang": "en", "claims": []},
    ]  # fmt: skip
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


def test_doc_counts_overlap_and_types() -> None:
    gold = [Span(0, 10, "membership", "supported"), Span(20, 30, "vote", "mixed")]
    pred = [
        Span(5, 12, "membership", "supported"),
        Span(21, 25, "count", "mixed"),
        Span(40, 50, "vote", "mixed"),
    ]
    c = doc_counts(gold, pred)
    assert c["finding"].tolist() == [[2, 1, 0], [1, 2, 1]]
    assert c["verdicts"].tolist() == [2, 2]


def test_evaluate_with_stub_systems(tmp_path: Path) -> None:
    path = _gold(tmp_path)
    gold = read_gold(path)

    def perfect(doc: GoldDoc) -> list[Span]:
        return list(doc.claims)

    def nothing(doc: GoldDoc) -> list[Span]:
        return []

    tables = evaluate_claims(path, systems={"perfect": perfect, "nothing": nothing}, replicates=50)
    f = tables["finding"].set_index(["system", "class"])
    assert f.loc[("perfect", "same type"), "f1"] == 1.0
    assert f.loc[("nothing", "any type"), "r"] == 0.0
    v = tables["verdicts"].set_index("system")
    assert v.loc["perfect", "value"] == 1.0 and v.loc["perfect", "matched"] == 2
    assert set(tables) == {"finding", "types", "verdicts", "confusion"}
    assert len(gold) == 2


def test_evaluate_the_checker_and_baseline(tmp_path: Path, built_db: Path) -> None:
    from nonaligned.records import Records
    from nonaligned.store import Store

    with Store.open(built_db, read_only=True) as store:
        tables = evaluate_claims(_gold(tmp_path), records=Records(store), replicates=50)
    f = tables["finding"].set_index(["system", "class"])
    assert f.loc[("system", "same type"), "r"] == 1.0
    assert f.loc[("system", "same type"), "p"] == 1.0
    assert f.loc[("baseline", "any type"), "tp"] == 2
    assert tables["verdicts"].set_index("system").loc["system", "value"] == 1.0


def test_bad_gold_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": 1, "text": "x", "claims": []}\n{not json\n', encoding="utf-8")
    with pytest.raises(NonalignedError, match=r"bad.jsonl:2"):
        read_gold(path)
    with pytest.raises(NonalignedError, match="not found"):
        read_gold(tmp_path / "missing.jsonl")
