"""The project's training corpus for a learned event coder (nonaligned/text/training/events_corpus.jsonl).

Shape, exact offsets, known codes, coverage (every CAMEO root, all four statuses), the dev split,
determinism of the generator (rebuild/event_corpus.py) and the evaluation-hygiene rule: no passage
shares an 8-word run with the CAMEO codebook's example sentences (read here only to check absence).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "nonaligned" / "text" / "training" / "events_corpus.jsonl"
TEXT_DATA = ROOT / "nonaligned" / "text" / "data"
CODEBOOK = ROOT.parent / "shared" / "data" / "external" / "cameo-codebook" / "cameo-codes.csv"
GENERATOR = ROOT / "rebuild" / "event_corpus.py"

STATUSES = {"asserted", "negated", "intended", "hypothetical"}
FIELDS = {"id": str, "text": str, "article_date": str, "family": str, "split": str, "events": list}
EVENT_FIELDS = [
    "cameo",
    "plover",
    "sentence",
    "source_text",
    "source_start",
    "source_end",
    "source_code",
    "target_text",
    "target_start",
    "target_end",
    "target_code",
    "status",
    "date_text",
    "date",
]


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    with CORPUS.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@pytest.fixture(scope="module")
def tables() -> dict:
    cameo = {r["cameo"]: r for r in _csv(TEXT_DATA / "cameo_plover.csv")}
    states = {r["iso3"] for r in _csv(ROOT / "nonaligned" / "records" / "data" / "states.csv")}
    igos = {r["code"] for r in _csv(TEXT_DATA / "igo_actors.csv")}
    sectors = {r["sector"] for r in _csv(TEXT_DATA / "event_agents.csv")}
    return {"cameo": cameo, "states": states, "igos": igos, "sectors": sectors}


def _known_actor(code: str, t: dict) -> bool:
    if code in t["states"] or code in t["igos"]:
        return True
    return len(code) == 6 and code[:3] in t["states"] and code[3:] in t["sectors"]


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    # passages are written as sentences joined by one space; each ends with . ? ! or a closing quote
    spans, start = [], 0
    for m in re.finditer(
        r'(?<!\b[A-Z])[.!?]"? (?=[A-Z"])', text
    ):  # not after an initial ("S. Jaishankar")
        spans.append((start, m.end() - 1))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def test_shape_fields_and_types(rows):
    assert len(rows) >= 6000
    ids = set()
    for r in rows:
        assert set(r) == set(FIELDS), r["id"]
        for k, typ in FIELDS.items():
            assert isinstance(r[k], typ), (r["id"], k)
        assert r["id"] not in ids
        ids.add(r["id"])
        dt.date.fromisoformat(r["article_date"])
        assert r["split"] in ("train", "dev")
        for e in r["events"]:
            assert list(e) == EVENT_FIELDS, r["id"]
            assert isinstance(e["sentence"], int) and e["sentence"] >= 0
            assert e["status"] in STATUSES
            if e["date"] is not None:
                assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", e["date"]), e["date"]
                assert e["date_text"]
            if e["date_text"] is not None:
                assert e["date_text"] in r["text"]


def test_offsets_exact(rows):
    for r in rows:
        text = r["text"]
        sents = _sentence_spans(text)
        for e in r["events"]:
            s0, s1 = e["source_start"], e["source_end"]
            assert 0 <= s0 < s1 <= len(text)
            assert text[s0:s1] == e["source_text"], r["id"]
            a, b = sents[e["sentence"]]
            assert a <= s0 and s1 <= b, (r["id"], e["sentence"])
            if e["target_code"] is None:
                assert e["target_text"] is e["target_start"] is e["target_end"] is None
            else:
                t0, t1 = e["target_start"], e["target_end"]
                assert text[t0:t1] == e["target_text"], r["id"]
                assert a <= t0 and t1 <= b, r["id"]


def test_codes_known(rows, tables):
    for r in rows:
        for e in r["events"]:
            row = tables["cameo"].get(e["cameo"])
            assert row is not None, e["cameo"]
            assert 3 <= len(e["cameo"]) <= 4
            assert e["plover"] == (row["plover_event"] or None)
            assert _known_actor(e["source_code"], tables), e["source_code"]
            if e["target_code"] is not None:
                assert _known_actor(e["target_code"], tables), e["target_code"]
                assert e["target_code"] != e["source_code"] or e["target_text"] != e["source_text"]


def test_coverage_roots_statuses_negatives(rows):
    per_root = Counter()
    statuses = Counter()
    for r in rows:
        for root in {e["cameo"][:2] for e in r["events"]}:
            per_root[root] += 1
        statuses.update(e["status"] for e in r["events"])
    for i in range(1, 21):
        assert per_root[f"{i:02d}"] >= 150, (i, per_root[f"{i:02d}"])
    assert set(statuses) == STATUSES
    for s in STATUSES:
        assert statuses[s] >= 150, statuses
    none = sum(1 for r in rows if not r["events"])
    assert 0.10 <= none / len(rows) <= 0.22
    multi = sum(
        1
        for r in rows
        if len({e["sentence"] for e in r["events"]} | {0}) > 1 or r["text"].count(". ") >= 1
    )
    assert multi >= 300  # multi-sentence passages (pronouns, past events in context)


def test_dev_split(rows):
    dev = sum(1 for r in rows if r["split"] == "dev")
    assert 0.10 <= dev / len(rows) <= 0.20
    by_key: dict[tuple[str, str], set[str]] = {}
    for r in rows:
        by_key.setdefault((r["family"], r["text"]), set()).add(r["split"])
    assert all(len(v) == 1 for v in by_key.values())
    texts = Counter(r["text"] for r in rows)
    assert max(texts.values()) == 1


def test_generator_deterministic(tmp_path):
    outs = []
    for name in ("a", "b"):
        out = tmp_path / name
        subprocess.run(
            [sys.executable, str(GENERATOR), "--out", str(out), "--n", "300", "--seed", "5"],
            check=True,
            capture_output=True,
        )
        outs.append((out / "events_corpus.jsonl").read_bytes())
    assert outs[0] == outs[1]
    assert len(outs[0].splitlines()) == 300
    other = tmp_path / "c"
    subprocess.run(
        [sys.executable, str(GENERATOR), "--out", str(other), "--n", "300", "--seed", "6"],
        check=True,
        capture_output=True,
    )
    assert (other / "events_corpus.jsonl").read_bytes() != outs[0]


def _words(s: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", s.lower())


@pytest.mark.skipif(not CODEBOOK.is_file(), reason="../shared (CAMEO codebook) is not present")
def test_hygiene_no_codebook_example_runs(rows):
    # The example column is evaluation data: read here only to check that the corpus shares nothing with it.
    with CODEBOOK.open(newline="", encoding="latin-1") as fh:
        examples = [r.get("example") or "" for r in csv.DictReader(fh)]
    grams = set()
    for ex in examples:
        w = _words(ex)
        grams.update(tuple(w[i : i + 8]) for i in range(len(w) - 7))
    assert grams, "no example text found"
    for r in rows:
        w = _words(r["text"])
        for i in range(len(w) - 7):
            assert tuple(w[i : i + 8]) not in grams, r["id"]
