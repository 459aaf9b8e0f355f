"""The actor-recognition evaluation: reader, matching and scoring on hand-made sets with exact
numbers, the pipeline with a stand-in recogniser, and one shape check on the real re3d folder."""

from __future__ import annotations

import argparse
import json
import math
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from nonaligned.errors import NonalignedError
from nonaligned.evaluate.actors import (
    ALL,
    COLUMNS,
    GOLD_TYPES,
    KIND_TYPES,
    MATCHINGS,
    SCORED_TYPES,
    GoldDoc,
    GoldEntity,
    Span,
    cmd_evaluate_actors,
    counts,
    error_listing,
    evaluate,
    match,
    read_re3d,
    score,
)
from nonaligned.text.actors import KINDS, MODEL_KINDS, Mention

RE3D = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "external" / "re3d"


def row(df: pd.DataFrame, system: str, kind: str, matching: str) -> pd.Series[Any]:
    hit = df[(df.system == system) & (df.type == kind) & (df.matching == matching)]
    assert len(hit) == 1
    return hit.iloc[0]


def one_doc_score(gold: list[Span], pred: list[Span], replicates: int = 20) -> pd.DataFrame:
    per_doc = [{m: counts(gold, pred, m) for m in MATCHINGS}]
    return score({"s": per_doc}, replicates=replicates)


# --- type mapping -------------------------------------------------------------------------------


def test_every_recogniser_kind_and_named_gold_type_is_mapped() -> None:
    assert set(KIND_TYPES) == set(KINDS) | set(MODEL_KINDS.values())
    assert GOLD_TYPES == {
        "Location": "places",
        "Organisation": "organisations",
        "Person": "persons",
        "Nationality": "nationalities",
    }


# --- matching and counts ------------------------------------------------------------------------

GOLD = [
    Span(0, 5, "places", "Location"),
    Span(10, 20, "organisations", "Organisation"),
    Span(30, 40, "persons", "Person"),
]
PRED = [
    Span(0, 5, "places", "state"),  # exact
    Span(10, 15, "organisations", "igo"),  # overlaps only
    Span(50, 55, "persons", "unknown_person"),  # invented
    Span(60, 65, "places", "capital"),  # invented
]


def test_strict_counts_and_rates_are_exact() -> None:
    df = one_doc_score(GOLD, PRED)
    assert len(df) == (len(SCORED_TYPES) + 1) * len(MATCHINGS)
    assert list(df.columns) == COLUMNS
    places = row(df, "s", "places", "strict")
    assert (places.tp, places.fp, places.fn) == (1, 1, 0)
    assert (places.p, places.r, places.f1) == (0.5, 1.0, pytest.approx(2 / 3))
    orgs = row(df, "s", "organisations", "strict")
    assert (orgs.tp, orgs.fp, orgs.fn, orgs.f1) == (0, 1, 1, 0.0)
    total = row(df, "s", ALL, "strict")
    assert (total.tp, total.fp, total.fn) == (1, 3, 2)
    assert total.p == 0.25
    assert total.r == pytest.approx(1 / 3)
    assert total.f1 == pytest.approx(2 / 7)


def test_lenient_counts_overlap_of_the_same_type() -> None:
    df = one_doc_score(GOLD, PRED)
    orgs = row(df, "s", "organisations", "lenient")
    assert (orgs.tp, orgs.fp, orgs.fn, orgs.f1) == (1, 0, 0, 1.0)
    total = row(df, "s", ALL, "lenient")
    assert (total.tp, total.fp, total.fn) == (2, 2, 1)
    assert total.f1 == pytest.approx(4 / 7)


def test_undefined_rates_are_nan_not_zero() -> None:
    df = one_doc_score(GOLD, PRED)
    nat = row(df, "s", "nationalities", "strict")
    assert (nat.tp, nat.fp, nat.fn) == (0, 0, 0)
    assert math.isnan(nat.p) and math.isnan(nat.r) and math.isnan(nat.f1)
    assert math.isnan(nat.p_lo) and math.isnan(nat.f1_hi)
    persons = row(df, "s", "persons", "strict")  # one invented, one missed: all rates 0
    assert (persons.p, persons.r, persons.f1) == (0.0, 0.0, 0.0)


def test_same_span_with_another_type_is_an_error_under_both_matchings() -> None:
    gold = [Span(0, 13, "organisations", "Organisation")]
    pred = [Span(0, 13, "places", "state")]
    for matching in MATCHINGS:
        assert match(gold, pred, matching) == []
        c = counts(gold, pred, matching)
        assert c["organisations"] == [0, 0, 1]
        assert c["places"] == [0, 1, 0]


def test_nested_gold_is_matched_one_to_one() -> None:
    # "The Members of the Security Council" and "Security Council", both Organisation
    gold = [Span(0, 35, "organisations", "O"), Span(19, 35, "organisations", "O")]
    pred = [Span(19, 35, "organisations", "igo")]
    assert counts(gold, pred, "strict")["organisations"] == [1, 0, 1]
    assert counts(gold, pred, "lenient")["organisations"] == [1, 0, 1]


def test_lenient_matching_is_maximal_not_greedy() -> None:
    # a greedy pass pairs the first prediction with the first gold span and leaves one unpaired
    gold = [Span(0, 10, "places", "L"), Span(8, 20, "places", "L")]
    pred = [Span(5, 9, "places", "state"), Span(0, 3, "places", "state")]
    assert match(gold, pred, "lenient") == [(0, 1), (1, 0)]
    assert counts(gold, pred, "lenient")["places"] == [2, 0, 0]


def test_adjacent_spans_do_not_overlap() -> None:
    gold = [Span(0, 5, "places", "L")]
    assert match(gold, [Span(5, 10, "places", "state")], "lenient") == []
    assert match(gold, [Span(4, 10, "places", "state")], "lenient") == [(0, 0)]


def test_unknown_matching_is_refused() -> None:
    with pytest.raises(ValueError, match="matching"):
        match(GOLD, PRED, "partial")


# --- bootstrap ----------------------------------------------------------------------------------


def two_doc_counts(a: list[int], b: list[int]) -> list[dict[str, dict[str, list[int]]]]:
    empty = [0, 0, 0]
    docs = []
    for c in (a, b):
        per_type = {t: (c if t in ("places", ALL) else empty) for t in (*SCORED_TYPES, ALL)}
        docs.append(dict.fromkeys(MATCHINGS, per_type))
    return docs


def test_bootstrap_resamples_documents_with_a_fixed_seed() -> None:
    per_doc = two_doc_counts([1, 0, 0], [0, 1, 1])  # a right doc and a wrong one
    df = score({"s": per_doc})
    places = row(df, "s", "places", "strict")
    assert places.p == 0.5
    # a quarter of the resamples draw the right doc twice (p=1), a quarter the wrong one (p=0)
    assert (places.p_lo, places.p_hi) == (0.0, 1.0)
    pd.testing.assert_frame_equal(df, score({"s": per_doc}))


def test_bootstrap_seed_fixes_the_intervals() -> None:
    per_doc = [
        {m: {t: [i % 4, (i * 7) % 5, (i * 3) % 4] for t in (*SCORED_TYPES, ALL)} for m in MATCHINGS}
        for i in range(30)
    ]
    first = score({"s": per_doc}, seed=1)
    pd.testing.assert_frame_equal(first, score({"s": per_doc}, seed=1))
    other = score({"s": per_doc}, seed=2)
    assert (first.f1 == other.f1).all()
    assert not (first.f1_lo == other.f1_lo).all()


def test_bootstrap_interval_of_a_single_document_is_its_point() -> None:
    df = one_doc_score(GOLD, PRED, replicates=50)
    total = row(df, "s", ALL, "lenient")
    assert total.f1_lo == total.f1 == total.f1_hi


def test_bootstrap_leaves_out_replicates_where_a_rate_is_undefined() -> None:
    per_doc = two_doc_counts([1, 0, 0], [0, 0, 0])  # the second doc has nothing to score
    places = row(score({"s": per_doc}), "s", "places", "strict")
    assert (places.p_lo, places.p, places.p_hi) == (1.0, 1.0, 1.0)


def test_systems_share_their_resamples() -> None:
    per_doc = two_doc_counts([3, 1, 0], [0, 2, 5])
    df = score({"a": per_doc, "b": per_doc}, replicates=200, seed=7)
    a = df[df.system == "a"].drop(columns="system").reset_index(drop=True)
    b = df[df.system == "b"].drop(columns="system").reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)


def test_systems_must_cover_the_same_documents() -> None:
    per_doc = two_doc_counts([1, 0, 0], [0, 1, 1])
    with pytest.raises(ValueError, match="same documents"):
        score({"a": per_doc, "b": per_doc[:1]})


# --- reader -------------------------------------------------------------------------------------

TEXT_A = "Iraq and Turkey met the UN."
TEXT_B = "Kurdish forces near Mosul."


def write_lines(path: Path, objs: list[dict[str, Any]], bom: bool = False) -> None:
    text = "".join(json.dumps(o) + "\n" for o in objs)
    path.write_text(("\ufeff" if bom else "") + text, encoding="utf-8")


def write_gold(root: Path) -> Path:
    a = root / "alpha"
    a.mkdir(parents=True)
    write_lines(a / "documents.json", [{"_id": "A1", "title": "t", "text": TEXT_A}], bom=True)
    write_lines(
        a / "entities.json",
        [
            {"documentId": "A1", "begin": 0, "end": 4, "type": "Location", "value": "Iraq"},
            {"documentId": "A1", "begin": 9, "end": 15, "type": "Location", "confidence": 0},
            {"documentId": "A1", "begin": 20, "end": 26, "type": "Organisation"},
            {"documentId": "A1", "begin": 20, "end": 26, "type": "Organisation"},  # duplicate
        ],
        bom=True,
    )
    b = root / "beta"
    b.mkdir()
    write_lines(b / "documents.json", [{"_id": "B1", "text": TEXT_B}])
    write_lines(
        b / "entities.json",
        [
            {"documentId": "B1", "begin": 0, "end": 7, "type": "Nationality"},
            {"documentId": "B1", "begin": 0, "end": 14, "type": "Organisation"},
        ],
    )
    with (b / "entities.json").open("a", encoding="utf-8") as fh:  # as if two files were cat'ed
        fh.write(
            "\ufeff" + json.dumps({"documentId": "B1", "begin": 20, "end": 25, "type": "Location"})
        )
        fh.write("\n" + json.dumps({"documentId": "B1", "begin": 8, "end": 14, "type": "Weapon"}))
    (root / "notes").mkdir()  # a folder that is not a corpus is passed over
    return root


def test_reader_handles_bom_and_folders_of_corpora(tmp_path: Path) -> None:
    docs = read_re3d(write_gold(tmp_path / "re3d"))
    assert [(d.corpus, d.doc_id, d.title) for d in docs] == [
        ("alpha", "A1", "t"),
        ("beta", "B1", ""),
    ]
    a = docs[0]
    assert a.text == TEXT_A
    assert a.entities[0] == GoldEntity(0, 4, "Location", "Iraq", 1.0)
    assert a.entities[1].value == "Turkey" and a.entities[1].confidence == 0.0
    assert len(a.entities) == 4  # the reader keeps what the file says; scoring deduplicates
    (beta,) = read_re3d(tmp_path / "re3d" / "beta")
    assert [e.type for e in beta.entities] == ["Nationality", "Organisation", "Weapon", "Location"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        (
            '{"documentId": "A1", "begin": "0", "end": 4, "type": "Location"}',
            "'begin' must be an integer",
        ),
        ('{"documentId": "A1", "begin": 0, "end": 99, "type": "Location"}', "outside"),
        ('{"documentId": "ZZ", "begin": 0, "end": 4, "type": "Location"}', "ZZ is not in"),
    ],
)
def test_reader_names_the_file_and_line_of_a_bad_entity(
    tmp_path: Path, line: str, message: str
) -> None:
    root = write_gold(tmp_path / "re3d")
    path = root / "alpha" / "entities.json"
    with path.open("a", encoding="utf-8") as fh:
        fh.write("\n" + line + "\n")  # after 4 entities and a blank line: line 6
    with pytest.raises(NonalignedError, match=message) as err:
        read_re3d(root)
    assert f"{path} line 6" in str(err.value)


def test_reader_names_a_missing_file_or_folder(tmp_path: Path) -> None:
    root = write_gold(tmp_path / "re3d")
    (root / "beta" / "entities.json").unlink()
    with pytest.raises(NonalignedError, match=r"beta.entities\.json: missing"):
        read_re3d(root)
    with pytest.raises(NonalignedError, match="gold folder not found"):
        read_re3d(tmp_path / "absent")
    with pytest.raises(NonalignedError, match="no re3d corpus"):
        read_re3d(root / "notes")


def test_reader_refuses_a_document_listed_twice(tmp_path: Path) -> None:
    root = write_gold(tmp_path / "re3d")
    write_lines(root / "beta" / "documents.json", [{"_id": "B1", "text": "x"}] * 2)
    with pytest.raises(NonalignedError, match=r"documents\.json line 2: document B1"):
        read_re3d(root)


# --- the pipeline with a stand-in recogniser ----------------------------------------------------


class Stub:
    """Tags fixed strings with fixed kinds, as the recogniser would."""

    TAGS = (("Iraq", "state"), ("Turkey", "capital"), ("UN", "igo"), ("Kurdish", "nationality"))

    def annotate(
        self, text: str, on: date | None = None
    ) -> tuple[list[tuple[int, int, str]], list[Mention]]:
        assert on is None, "re3d has no reliable dates"
        found = []
        for needle, kind in self.TAGS:
            at = text.find(needle)
            if at >= 0:
                end = at + len(needle)
                found.append(Mention(at, end, needle, kind, None, None, None, "dictionary", 1.0))
        return [], found


def test_evaluate_runs_a_recogniser_over_the_gold(tmp_path: Path) -> None:
    df = evaluate(write_gold(tmp_path / "re3d"), recognizer=Stub(), baseline=False, replicates=100)
    assert len(df) == 10 and set(df.system) == {"system"}
    places = row(df, "system", "places", "strict")
    assert (places.tp, places.fp, places.fn) == (2, 0, 1)  # Iraq, Turkey; Mosul missed
    orgs = row(df, "system", "organisations", "strict")  # "UN" vs gold "the UN"
    assert (orgs.tp, orgs.fp, orgs.fn) == (0, 1, 2)
    assert row(df, "system", "organisations", "lenient").tp == 1
    nat = row(df, "system", "nationalities", "strict")
    assert (nat.tp, nat.fp, nat.fn) == (1, 0, 0)


def test_error_listing_shows_misses_inventions_and_what_overlaps_them() -> None:
    doc = GoldDoc(
        "c",
        "d",
        "",
        TEXT_A,
        (GoldEntity(0, 4, "Location", "Iraq", 1), GoldEntity(20, 26, "Organisation", "x", 1)),
    )
    pred = [Span(0, 4, "places", "state"), Span(24, 26, "organisations", "igo")]
    strict = error_listing([doc], [pred], "strict")
    assert list(strict.error) == ["fn", "fp"]
    assert list(strict.start) == [20, 24]
    assert strict.near[0] == "[UN] organisations/igo"
    assert strict.near[1] == "[the UN] organisations/Organisation"
    assert strict.text[1] == "Iraq and Turkey met the [UN]."
    assert error_listing([doc], [pred], "lenient").empty


def test_cli_command_writes_every_column_in_machine_formats(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import nonaligned.evaluate.actors as module
    from nonaligned.text import actors

    monkeypatch.setattr(actors, "default_recognizer", Stub)
    monkeypatch.setattr(module, "baseline_recognizer", lambda nlp=None: Stub())
    out = tmp_path / "scores.csv"
    args = argparse.Namespace(gold=write_gold(tmp_path / "re3d"), format="csv", out=str(out))
    assert cmd_evaluate_actors(args) == 0
    df = pd.read_csv(out)
    assert list(df.columns) == COLUMNS
    assert len(df) == 20 and set(df.system) == {"system", "baseline"}
    table = tmp_path / "scores.txt"
    args.format, args.out = "table", str(table)
    assert cmd_evaluate_actors(args) == 0
    shown = " ".join(table.read_text(encoding="utf-8").split())
    assert "2 documents (alpha, beta)" in shown and "precision" in shown


# --- spaCy and the real gold ----------------------------------------------------------------------


def test_baseline_is_the_model_without_the_dictionary() -> None:
    pytest.importorskip("spacy", reason="the text extra (spaCy) is not installed")
    from nonaligned.evaluate.actors import baseline_recognizer

    base = baseline_recognizer()
    assert base.dictionary.entries == []
    _, mentions = base.annotate("Angela Merkel met the French President in Paris.", None)
    assert mentions, "the model finds names on its own"
    assert {m.origin for m in mentions} == {"model"}
    assert {m.kind for m in mentions} <= set(MODEL_KINDS.values())


@pytest.mark.slow
@pytest.mark.skipif(not RE3D.is_dir(), reason=f"the re3d gold ({RE3D}) is not on this machine")
def test_real_re3d_gives_a_complete_table_of_rates() -> None:
    pytest.importorskip("spacy", reason="the text extra (spaCy) is not installed")
    df = evaluate(RE3D)
    assert list(df.columns) == COLUMNS
    assert len(df) == 2 * (len(SCORED_TYPES) + 1) * len(MATCHINGS)
    assert set(df.system) == {"system", "baseline"}
    for col in ("f1", "f1_lo", "f1_hi"):
        assert df[col].between(0, 1).all(), col
    assert (df.f1_lo <= df.f1).all() and (df.f1 <= df.f1_hi).all()
    # both systems are scored against the same gold
    gold = df.assign(n=df.tp + df.fn).pivot_table(index=["type", "matching"], columns="system")
    assert (gold["n"]["system"] == gold["n"]["baseline"]).all()
