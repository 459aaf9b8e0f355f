"""Shape of the claims gold set (evaluation/claims/claims_gold.jsonl): valid rows, spans on whole
sentences inside the text, only the allowed types and verdicts, enough claims and states, unique
ids, and the file equal to what its builder writes. It checks the form, never the verdicts: those
come from the public record, see evaluation/claims/SOURCE.md.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "evaluation" / "claims"
GOLD = GOLD_DIR / "claims_gold.jsonl"
BUILDER = GOLD_DIR / "build_claims_gold.py"

TYPES = {"membership", "count", "vote", "alliance", "relations", "alignment", "quantity", "opinion"}
VERDICTS = {"supported", "contradicted", "mixed", "not checkable"}
UNCHECKED = {"quantity", "opinion"}  # always "not checkable"
BLOCS = {
    "NAM",
    "NATO",
    "PfP",
    "CSTO",
    "CIS",
    "EAEU",
    "EU",
    "CoE",
    "OSCE",
    "OIC",
    "OTS",
    "SCO",
    "BRICS",
    "GUAM",
    "UN",
}
ISO3 = re.compile(r"^[A-Z]{3}$")
REFERS = re.compile(r"^\d{4}(-\d{2}-\d{2})?$")
ENDS = (".", "!", "?", '"', "\u201d")
SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"\u201c])")


def rows() -> list[dict[str, Any]]:
    with GOLD.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def claims() -> list[dict[str, Any]]:
    return [c for r in rows() for c in r["claims"]]


def test_rows_have_the_fields_and_unique_ids() -> None:
    seen = set()
    for r in rows():
        assert set(r) == {"id", "text", "on", "lang", "claims"}, r.get("id")
        assert re.fullmatch(r"cl-\d{4}", r["id"]), r["id"]
        assert r["id"] not in seen, f"duplicate id {r['id']}"
        seen.add(r["id"])
        dt.date.fromisoformat(r["on"])
        assert r["lang"] == "en"
        assert r["text"] == r["text"].strip() and r["text"]
        assert 2 <= len(SENTENCE_SPLIT.split(r["text"])) <= 6, r["id"]


def test_spans_are_whole_sentences_inside_the_text() -> None:
    for r in rows():
        text = r["text"]
        for c in r["claims"]:
            start, end = c["start"], c["end"]
            assert 0 <= start < end <= len(text), (r["id"], start, end)
            assert start == 0 or (text[start - 1] == " " and text[start - 2] in ENDS), (
                r["id"],
                start,
            )
            assert end == len(text) or text[end] == " ", (r["id"], end)
            assert text[end - 1] in ENDS, (r["id"], text[start:end])
            assert text[start].isupper() or text[start] in '"\u201c', (r["id"], text[start:end])


def test_types_verdicts_states_and_dates() -> None:
    for r in rows():
        for c in r["claims"]:
            where = (r["id"], r["text"][c["start"] : c["end"]])
            assert set(c) == {"start", "end", "type", "states", "refers_to", "verdict", "why"}, (
                where
            )
            assert c["type"] in TYPES, where
            assert c["verdict"] in VERDICTS, where
            if c["type"] in UNCHECKED:
                assert c["verdict"] == "not checkable", where
            assert c["states"] and all(s in BLOCS or ISO3.match(s) for s in c["states"]), where
            assert REFERS.match(c["refers_to"]), where
            if len(c["refers_to"]) == 10:
                dt.date.fromisoformat(c["refers_to"])
            assert c["why"].strip(), where
            if c["type"] == "vote":
                assert "A/RES/" in c["why"], where  # a recorded vote, named by its symbol


def test_size_spread_and_mix() -> None:
    cs = claims()
    assert len(cs) >= 150
    states = {s for c in cs for s in c["states"] if s not in BLOCS}
    assert len(states) >= 20
    assert Counter(s for c in cs for s in c["states"])["AZE"] < len(cs) / 4  # not only Azerbaijan
    verdicts = Counter(c["verdict"] for c in cs)
    assert verdicts["contradicted"] >= 0.15 * len(cs)
    assert verdicts["mixed"] > 0 and verdicts["not checkable"] > 0
    assert set(Counter(c["type"] for c in cs)) == TYPES
    no_claim = 0
    for r in rows():
        starts = {c["start"] for c in r["claims"]}
        pos = 0
        for sentence in SENTENCE_SPLIT.split(r["text"]):
            pos = r["text"].index(sentence, pos)
            no_claim += pos not in starts
            pos += len(sentence)
    assert no_claim >= 30  # sentences that assert nothing checkable


@pytest.mark.skipif(not BUILDER.exists(), reason="no builder next to the gold file")
def test_file_is_what_the_builder_writes() -> None:
    spec = importlib.util.spec_from_file_location("build_claims_gold", BUILDER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == rows()
