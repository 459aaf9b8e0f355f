"""The event-coding evaluation: readers on files written here, and every scorer on tiny hand-made
gold and predictions whose numbers are worked out by hand in the comments. No test needs the
coder (``nonaligned.text.events``) or the real gold: predictions are built from PredictedEvent."""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import nonaligned.evaluate.events as events_module
from nonaligned.errors import NonalignedError
from nonaligned.evaluate.events import (
    GOLD_CODE_FIXES,
    PLOVER_EVENTS,
    PLOVER_MAPPING,
    PRF_COLUMNS,
    SUMMARY_COLUMNS,
    SUMMARY_METRICS,
    ActorSpan,
    ConflibertSentence,
    EventLike,
    GoldEvent,
    PloverSentence,
    PredictedEvent,
    bio_spans,
    class_baseline,
    cmd_evaluate_events,
    compatible,
    evaluate,
    evaluate_gold,
    event_spans,
    plover_baseline,
    plover_counts,
    predict_classes,
    read_conflibert,
    read_plover,
    resample_weights,
    score_classes,
    score_plover,
    score_spans,
    sentence_class,
    span_counts,
)


def ev(
    event: str | None,
    actor: str | None = None,
    recipient: str | None = None,
    *,
    id: str = "e",
    penta: int = 0,
    status: str = "asserted",
    confidence: float = 1.0,
    actor_text: str | None = None,
    recipient_text: str | None = None,
    start: int = 0,
) -> PredictedEvent:
    return PredictedEvent(
        id, event, actor, recipient, actor_text, recipient_text, penta, status, confidence, start
    )


def gold_event(
    id: str,
    event: str,
    sources: Sequence[str] = (),
    targets: Sequence[str] = (),
    reciprocal: bool = False,
) -> GoldEvent:
    return GoldEvent(id, 1, event, event, tuple(sources), tuple(targets), reciprocal)


def summary_value(df: pd.DataFrame, system: str, metric: str) -> pd.Series[Any]:
    hit = df[(df.system == system) & (df.metric == metric)]
    assert len(hit) == 1, (system, metric)
    return hit.iloc[0]


def prf_row(df: pd.DataFrame, system: str, label: str) -> pd.Series[Any]:
    hit = df[(df.system == system) & (df["class"] == label)]
    assert len(hit) == 1, (system, label)
    return hit.iloc[0]


# --- PLOVER reader ------------------------------------------------------------------------------

DOCUMENT = {"id": "GSR-DOCUMENT-0001", "event": "DOCUMENT", "comment": "header"}


def record(
    id: str,
    event: str,
    text: str,
    source: Any = None,
    target: Any = None,
    markup: Any = "",
) -> dict[str, Any]:
    return {
        "id": id,
        "event": event,
        "text": text,
        "source": source,
        "target": target,
        "textInfo": {"markup": markup},
    }


def write_plover(
    path: Path,
    records: list[Any],
    *,
    bom: bool = False,
    crlf: bool = False,
    compact: bool = False,
) -> Path:
    """The records as a JSON array: indented as upstream, or one record per line (record k on
    line k + 2) where a test needs to know the lines."""
    if compact:
        text = "[\n" + ",\n".join(json.dumps(r) for r in records) + "\n]\n"
    else:
        text = json.dumps(records, indent=1)
    if crlf:
        text = text.replace("\n", "\r\n")
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


def actors(*codes: str) -> list[dict[str, str]]:
    return [{"actorText": c.title(), "code": c} for c in codes]


def test_plover_reader_maps_categories_fixes_codes_and_groups_sentences(tmp_path: Path) -> None:
    path = write_plover(
        tmp_path / "gold.json",
        [
            DOCUMENT,
            record(
                "A-1", "AGREE", "Atlantis and Borduria agreed.", actors("ATL", "BOR"), "",
                "(SRC/TAR: Atlantis) and (SRC/TAR: Borduria) (EVT: agreed).",
            ),
            record("D-1", "DEMAND", "Ruritania asked Japan for aid.", actors("RUR"), actors("JAP")),
            record("D-2", "DISAPPROVE", "Ruritania asked Japan for aid.", actors("RUR"), actors("JAP")),
            record("F-1", "FIGHT", "Troops clashed.", None, "diplomatic"),
            record("D-1", "INVESTIGATE", "Italy probed it.", actors("ITL"), []),
        ],
        bom=True,
        crlf=True,
    )  # fmt: skip
    sentences = read_plover(path)
    assert [s.text for s in sentences] == [
        "Atlantis and Borduria agreed.",
        "Ruritania asked Japan for aid.",  # two records, one sentence
        "Troops clashed.",
        "Italy probed it.",
    ]
    agree = sentences[0].events[0]
    assert agree.reciprocal and agree.sources == ("ATL", "BOR") and agree.targets == ()
    assert agree.source_set == agree.target_set == frozenset({"ATL", "BOR"})
    ask, accuse = sentences[1].events
    assert (ask.event, ask.original, accuse.event) == ("REQUEST", "DEMAND", "ACCUSE")
    assert ask.targets == ("JPN",) and not ask.reciprocal  # JAP is a typo for JPN
    fight = sentences[2].events[0]
    assert (fight.event, fight.sources, fight.targets) == ("ASSAULT", (), ())  # string target
    probe = sentences[3].events[0]
    assert (probe.event, probe.sources) == ("ACCUSE", ("ITA",))
    assert probe.id == "D-1#2"  # a repeated id stays listable
    lines = path.read_text(encoding="utf-8-sig").split("\n")
    opening = next(i for i, line in enumerate(lines) if '"id": "D-1"' in line)  # 0-based
    assert sentences[1].events[0].line == opening  # the line of the record's "{"


def test_plover_mapping_targets_only_current_categories() -> None:
    assert set(PLOVER_MAPPING) == {"DEMAND", "DISAPPROVE", "INVESTIGATE", "FIGHT"}
    assert set(PLOVER_MAPPING.values()) <= set(PLOVER_EVENTS)
    assert not set(PLOVER_MAPPING) & set(PLOVER_EVENTS)
    assert set(GOLD_CODE_FIXES.values()) == {"JPN", "ITA", "VNM"}


def test_plover_text_info_may_be_the_markup_string(tmp_path: Path) -> None:
    rec = record("X-1", "AGREE", "A and B agreed.", actors("AAA", "BBB"))
    rec["textInfo"] = "(SRC/TAR: A) and (SRC/TAR: B) agreed"
    (sentence,) = read_plover(write_plover(tmp_path / "g.json", [rec]))
    assert sentence.events[0].reciprocal


@pytest.mark.parametrize(
    ("records", "line", "words"),
    [
        ([DOCUMENT, {"id": "X", "text": "t"}], 3, "'event'"),
        ([DOCUMENT, record("X", "GREET", "t")], 3, "unknown PLOVER category 'GREET'"),
        ([record("X", "AGREE", "")], 2, "'text'"),
        ([record("X", "AGREE", "t", source={"code": "USA"})], 2, "'source' must be a list"),
        ([record("X", "AGREE", "t", target=[{"actorText": "x"}])], 2, "target[0] has no actor code"),
        ([record("X", "AGREE", "t"), ["not", "a", "record"]], 3, "expected a JSON object"),
        ([{**record("X", "AGREE", "t"), "id": 7}], 2, "'id'"),
    ],
)  # fmt: skip
def test_malformed_plover_names_file_and_line(
    tmp_path: Path, records: list[Any], line: int, words: str
) -> None:
    path = write_plover(tmp_path / "bad.json", records, compact=True)
    with pytest.raises(NonalignedError) as err:
        read_plover(path)
    assert str(path) in str(err.value)
    assert f"line {line}:" in str(err.value)
    assert words in str(err.value)


def test_plover_syntax_errors_and_non_arrays_name_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "syntax.json"
    bad.write_text('[\n {"id": "X",\n  "event": "AGREE" "text": "t"}\n]\n', encoding="utf-8")
    with pytest.raises(NonalignedError, match=r"syntax\.json line 3: not valid JSON"):
        read_plover(bad)
    obj = tmp_path / "object.json"
    obj.write_text('\n{"records": []}', encoding="utf-8")
    with pytest.raises(NonalignedError, match=r"object\.json line 2: expected a JSON array"):
        read_plover(obj)
    trailing = tmp_path / "trailing.json"
    trailing.write_text('[\n{"id": "X", "event": "DOCUMENT"}\n]\n]', encoding="utf-8")
    with pytest.raises(NonalignedError, match=r"trailing\.json line 4: text after the end"):
        read_plover(trailing)
    header_only = write_plover(tmp_path / "header.json", [DOCUMENT])
    with pytest.raises(NonalignedError, match="no PLOVER records"):
        read_plover(header_only)
    with pytest.raises(NonalignedError, match="not found"):
        read_plover(tmp_path / "missing.json")
    latin = tmp_path / "latin.json"
    latin.write_bytes('[{"text": "Bogotá"}]'.encode("latin-1"))
    with pytest.raises(NonalignedError, match="UTF-8"):
        read_plover(latin)


def test_plover_folder_reads_every_json_file(tmp_path: Path) -> None:
    folder = tmp_path / "gsr"
    folder.mkdir()
    write_plover(folder / "a.json", [record("A-1", "AGREE", "One.", actors("AAA"))])
    write_plover(folder / "b.json", [record("B-1", "REJECT", "Two.", actors("BBB"))])
    (folder / "notes.txt").write_text("not gold", encoding="utf-8")
    assert [s.events[0].id for s in read_plover(folder)] == ["A-1", "B-1"]
    with pytest.raises(NonalignedError, match="no PLOVER gold file"):
        read_plover(tmp_path)


# --- ConfliBERT reader --------------------------------------------------------------------------

CLASS_LINES = [("Iran's army shelled Iraq.", 4), ("Chad and Niger met.", 1)]
NER_SENTENCES = [
    [("Iran", "B-S"), ("'s", "I-S"), ("army", "I-S"), ("shelled", "O"), ("Iraq", "B-T"), (".", "O")],
    [("Chad", "B-R"), ("and", "O"), ("Niger", "B-R"), ("met", "O"), (".", "O")],
]  # fmt: skip


def write_class(path: Path, lines: list[tuple[str, Any]], *, bom: bool = True) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(f"{s}\t{label}\r\n" for s, label in lines)  # CRLF, as upstream
    path.write_bytes(("\ufeff" if bom else "").encode() + body.encode("utf-8"))
    return path


def write_ner(path: Path, sentences: list[list[tuple[str, str]]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "".join("".join(f"{t} {g}\n" for t, g in s) + "\n" for s in sentences), encoding="utf-8"
    )
    return path


def conflibert_folder(root: Path) -> Path:
    write_class(root / "cameo_class" / "test.tsv", CLASS_LINES)
    write_ner(root / "cameo_ner" / "test.txt", NER_SENTENCES)
    return root


def test_conflibert_reader_aligns_classes_tokens_and_offsets(tmp_path: Path) -> None:
    sentences = read_conflibert(conflibert_folder(tmp_path / "gold"))
    assert [(s.text, s.label) for s in sentences] == CLASS_LINES  # BOM and CR gone
    first = sentences[0]
    assert first.tokens == ("Iran", "'s", "army", "shelled", "Iraq", ".")
    assert first.offsets == ((0, 4), (4, 6), (7, 11), (12, 19), (20, 24), (24, 25))
    assert sentences[1].tags == ("B-R", "O", "B-R", "O", "O")
    assert sentences[1].where == "test.tsv line 2 / test.txt line 8"


def test_conflibert_accepts_the_two_files_or_the_tsv(tmp_path: Path) -> None:
    flat = tmp_path / "flat"
    write_class(flat / "dev.tsv", CLASS_LINES)
    write_ner(flat / "dev.txt", NER_SENTENCES)
    assert [s.label for s in read_conflibert(flat)] == [4, 1]
    assert [s.label for s in read_conflibert(flat / "dev.tsv")] == [4, 1]
    nested = conflibert_folder(tmp_path / "nested")
    assert len(read_conflibert(nested / "cameo_class" / "test.tsv")) == 2


def test_conflibert_flat_folder_pairs_files_by_stem(tmp_path: Path) -> None:
    flat = tmp_path / "flat"
    write_class(flat / "dev.tsv", CLASS_LINES)
    write_ner(flat / "dev.txt", NER_SENTENCES)
    write_class(flat / "other.tsv", CLASS_LINES[:1])  # no CoNLL partner: not read
    (flat / "README.txt").write_text("notes", encoding="utf-8")
    assert [s.label for s in read_conflibert(flat)] == [4, 1]


def test_misaligned_conflibert_files_name_both_files(tmp_path: Path) -> None:
    root = tmp_path / "short"
    tsv = write_class(root / "cameo_class" / "test.tsv", CLASS_LINES)
    txt = write_ner(root / "cameo_ner" / "test.txt", NER_SENTENCES[:1])
    with pytest.raises(NonalignedError) as err:
        read_conflibert(root)
    assert str(tsv) in str(err.value) and str(txt) in str(err.value)
    assert "2 sentences" in str(err.value) and "1" in str(err.value)

    swapped = tmp_path / "swapped"
    tsv = write_class(swapped / "cameo_class" / "test.tsv", CLASS_LINES)
    txt = write_ner(swapped / "cameo_ner" / "test.txt", NER_SENTENCES[::-1])
    with pytest.raises(NonalignedError) as err:
        read_conflibert(swapped)
    message = str(err.value)
    assert f"{tsv} line 1 and {txt} line 1: misaligned" in message
    assert "'Chad'" in message

    longer = tmp_path / "longer"
    write_class(longer / "cameo_class" / "test.tsv", [("Chad and Niger met. Today.", 1)])
    write_ner(longer / "cameo_ner" / "test.txt", NER_SENTENCES[1:])
    with pytest.raises(NonalignedError, match="goes on after the last token"):
        read_conflibert(longer)


@pytest.mark.parametrize(
    ("which", "content", "words"),
    [
        ("tsv", "Iran's army shelled Iraq.\t5\r\n", "line 1: label must be 0-4"),
        ("tsv", "\r\nIran's army shelled Iraq. 4\r\n", "line 2: expected 'sentence<TAB>label'"),
        ("txt", "Iran B-S\n's X-S\n", "line 2: unknown tag 'X-S'"),
        ("txt", "Iran B-S\nIraq\n", "line 2: expected 'token TAG'"),
    ],
)
def test_malformed_conflibert_names_file_and_line(
    tmp_path: Path, which: str, content: str, words: str
) -> None:
    root = conflibert_folder(tmp_path / "gold")
    bad = root / ("cameo_class/test.tsv" if which == "tsv" else "cameo_ner/test.txt")
    bad.write_bytes(content.encode("utf-8"))
    with pytest.raises(NonalignedError) as err:
        read_conflibert(root)
    assert f"{bad} {words}" in str(err.value)


def test_conflibert_folder_problems_are_clear(tmp_path: Path) -> None:
    (tmp_path / "half" / "cameo_class").mkdir(parents=True)
    with pytest.raises(NonalignedError, match="cameo_ner: missing"):
        read_conflibert(tmp_path / "half")
    root = tmp_path / "unpaired"
    write_class(root / "cameo_class" / "train.tsv", CLASS_LINES)
    write_ner(root / "cameo_ner" / "test.txt", NER_SENTENCES)
    with pytest.raises(NonalignedError, match="same-named"):
        read_conflibert(root)
    with pytest.raises(NonalignedError, match="not found"):
        read_conflibert(tmp_path / "nowhere")
    lone = write_class(tmp_path / "lone" / "x.tsv", CLASS_LINES)
    with pytest.raises(NonalignedError, match="no CoNLL file"):
        read_conflibert(lone)


# --- PLOVER: one sentence at a time -------------------------------------------------------------

RECIPROCAL = gold_event("G-AGREE", "AGREE", ("HUN", "ROU"), reciprocal=True)


def test_reciprocal_gold_matches_either_direction_but_not_a_self_pair() -> None:
    assert compatible(RECIPROCAL, ev("AGREE", "HUN", "ROU"))
    assert compatible(RECIPROCAL, ev("AGREE", "ROU", "HUN"))
    assert not compatible(RECIPROCAL, ev("AGREE", "HUN", "HUN"))
    assert not compatible(RECIPROCAL, ev("CONSULT", "HUN", "ROU"))
    directed = gold_event("G-REQ", "REQUEST", ("USA",), ("IRQ",))
    assert compatible(directed, ev("REQUEST", "USA", "IRQ"))
    assert not compatible(directed, ev("REQUEST", "IRQ", "USA"))  # not reciprocal: one way


def test_gold_igo_class_takes_any_igo_code_and_empty_sides_need_empty() -> None:
    accuse = gold_event("G", "ACCUSE", ("IGO",), ("SRB",))
    assert not compatible(accuse, ev("ACCUSE", "UN", "SRB"))
    assert compatible(accuse, ev("ACCUSE", "UN", "SRB"), frozenset({"UN"}))
    assert compatible(accuse, ev("ACCUSE", "IGO", "SRB"))
    mobilize = gold_event("G", "MOBILIZE", ("RUS",))
    assert compatible(mobilize, ev("MOBILIZE", "RUS"))
    assert not compatible(mobilize, ev("MOBILIZE", "RUS", "UKR"))
    several = gold_event("G", "PROTEST", ("TLS", "TLS2"), ("IDN",))
    assert compatible(several, ev("PROTEST", "TLS2", "IDN"))  # any code of the side


def test_plover_counts_absorb_the_second_direction_and_list_extras() -> None:
    sentence = PloverSentence("s", (RECIPROCAL,))
    preds = [
        ev("AGREE", "HUN", "ROU", id="a"),
        ev("AGREE", "ROU", "HUN", id="b"),  # the same reciprocal event, other direction
        ev("AGREE", "HUN", "HUN", id="c"),  # wrong: extra
        ev("AGREE", "ROU", "HUN", id="d", status="negated"),  # not counted
        ev(None, "HUN", id="e"),  # a pure statement: outside PLOVER
    ]
    c = plover_counts(sentence, preds)
    assert c.triples.tolist() == [1, 1, 0]
    assert c.absorbed == 1
    assert [e.event_id for e in c.extra] == ["c"]
    assert c.missed == []
    assert c.types[PLOVER_EVENTS.index("AGREE")].tolist() == [1, 0, 0]
    assert c.types.sum() == 1


def test_gold_events_without_a_side_are_left_out_of_its_accuracy() -> None:
    # MOBILIZE names no target: it counts for source accuracy only
    sentence = PloverSentence("s", (gold_event("G", "MOBILIZE", ("RUS",)),))
    c = plover_counts(sentence, [ev("MOBILIZE", "RUS")])
    # [source ok, n, target ok, n, matched source ok, n, matched target ok, n]
    assert c.actors.tolist() == [1, 1, 0, 0, 1, 1, 0, 0]
    assert c.triples.tolist() == [1, 0, 0]


def test_plover_counts_pair_one_to_one() -> None:
    # two gold SANCTIONs with the same actors (two different measures in one sentence)
    g1 = gold_event("S1", "SANCTION", ("USA",), ("ALB",))
    g2 = gold_event("S2", "SANCTION", ("USA",), ("ALB",))
    one = plover_counts(PloverSentence("s", (g1, g2)), [ev("SANCTION", "USA", "ALB")])
    assert one.triples.tolist() == [1, 0, 1]
    assert [g.id for g in one.missed] == ["S2"]
    two = plover_counts(
        PloverSentence("s", (g1, g2)),
        [ev("SANCTION", "USA", "ALB", id="x"), ev("SANCTION", "USA", "ALB", id="y")],
    )
    assert two.triples.tolist() == [2, 0, 0]
    assert two.types[PLOVER_EVENTS.index("SANCTION")].tolist() == [1, 0, 0]  # per sentence


def test_extra_event_types_get_their_own_rows() -> None:
    sentence = PloverSentence("s", (gold_event("G", "AGREE", ("AAA",)),))
    c = plover_counts(sentence, [ev("GREET", "AAA")], classes=[*PLOVER_EVENTS, "GREET"])
    assert c.types[-1].tolist() == [0, 1, 0]
    df = score_plover([sentence], {"system": [[ev("GREET", "AAA")]]}, replicates=5)
    assert df["plover_events"]["class"].tolist()[-3:] == ["GREET", "micro", "macro"]


# --- PLOVER: a tiny gold set scored whole -------------------------------------------------------

TINY = [
    PloverSentence("Hungary and Romania agreed.", (RECIPROCAL,)),
    PloverSentence(
        "The US demanded and accused Iraq.",
        (
            gold_event("G-REQ", "REQUEST", ("USA",), ("IRQ",)),
            gold_event("G-ACC", "ACCUSE", ("USA",), ("IRQ",)),
        ),
    ),
    PloverSentence(
        "Israel shelled Lebanon.", (gold_event("G-ASL", "ASSAULT", ("ISR",), ("LBN",)),)
    ),
]
SYSTEM: list[list[EventLike]] = [
    [ev("AGREE", "HUN", "ROU", id="s1a"), ev("AGREE", "ROU", "HUN", id="s1b")],
    [ev("REQUEST", "USA", "IRQ", id="s2a"), ev("REJECT", "USA", "IRQ", id="s2b")],
    [ev("ASSAULT", "ISR", "SYR", id="s3a")],
]


def scored_tiny(replicates: int = 200) -> dict[str, pd.DataFrame]:
    return score_plover(
        TINY, {"system": SYSTEM, "baseline": plover_baseline(TINY)}, replicates=replicates
    )


def test_plover_event_types_per_class_micro_and_macro() -> None:
    df = scored_tiny()["plover_events"]
    assert list(df.columns) == PRF_COLUMNS
    agree = prf_row(df, "system", "AGREE")
    assert (agree.tp, agree.fp, agree.fn, agree.f1) == (1, 0, 0, 1.0)
    accuse = prf_row(df, "system", "ACCUSE")  # gold in sentence 2, never predicted
    assert (accuse.tp, accuse.fp, accuse.fn, accuse.support) == (0, 0, 1, 1)
    assert math.isnan(accuse.p) and accuse.r == 0.0
    reject = prf_row(df, "system", "REJECT")  # predicted, not gold
    assert (reject.tp, reject.fp, reject.fn, reject.p) == (0, 1, 0, 0.0)
    absent = prf_row(df, "system", "COERCE")
    assert (absent.tp, absent.fp, absent.fn) == (0, 0, 0) and math.isnan(absent.f1)
    # micro: AGREE, REQUEST, ASSAULT found; ACCUSE missed; REJECT invented -> 3/4 each
    micro = prf_row(df, "system", "micro")
    assert (micro.tp, micro.fp, micro.fn) == (3, 1, 1)
    assert micro.p == micro.r == micro.f1 == 0.75
    # macro over the 5 present types: F1 1, 1, 1 (AGREE, REQUEST, ASSAULT), 0, 0 -> 3/5;
    # P and R likewise, an undefined one (ACCUSE's P, REJECT's R) counting 0
    macro = prf_row(df, "system", "macro")
    assert macro.f1 == pytest.approx(0.6)
    assert macro.p == pytest.approx(0.6) and macro.r == pytest.approx(0.6)
    assert pd.isna(macro.tp)


def test_plover_summary_actor_accuracy_and_triples() -> None:
    summary = scored_tiny()["summary"]
    assert list(summary.columns) == SUMMARY_COLUMNS
    assert set(summary.metric) == set(SUMMARY_METRICS["plover"])

    def value(metric: str, system: str = "system") -> float:
        return float(summary_value(summary, system, metric).value)

    assert value("event_micro_f1") == 0.75
    assert value("event_macro_f1") == pytest.approx(0.6)
    # sources: HUN/ROU, USA, USA, ISR all among the system's sources of their sentence
    assert value("source_accuracy") == 1.0
    # targets: HUN/ROU yes, IRQ yes twice, LBN no (SYR) -> 3/4
    assert value("target_accuracy") == 0.75
    assert summary_value(summary, "system", "target_accuracy").detail == "3/4 gold events"
    # matched: only the 3 gold events whose type was found (not ACCUSE)
    assert value("source_accuracy_matched") == 1.0
    assert value("target_accuracy_matched") == pytest.approx(2 / 3)
    # triples: AGREE (+1 absorbed) and REQUEST paired; REJECT and ASSAULT->SYR extra;
    # ACCUSE and ASSAULT->LBN missed: tp 2, fp 2, fn 2
    assert value("triple_precision") == value("triple_recall") == value("triple_f1") == 0.5
    assert summary_value(summary, "system", "triple_f1").detail == ("tp=2 fp=2 fn=2 absorbed=1")


def test_plover_majority_baseline_by_hand() -> None:
    # gold types AGREE, REQUEST, ACCUSE, ASSAULT once each: the tie goes to ACCUSE; USA is the
    # most frequent source (2), IRQ the most frequent target (2)
    baseline = plover_baseline(TINY)
    assert len(baseline) == 3
    assert {(e.event, e.actor, e.recipient) for s in baseline for e in s} == {
        ("ACCUSE", "USA", "IRQ")
    }
    summary = scored_tiny()["summary"]

    def value(metric: str) -> float:
        return float(summary_value(summary, "baseline", metric).value)

    # one triple right (sentence 2's ACCUSE) out of 3 predicted and 4 gold
    assert value("triple_precision") == pytest.approx(1 / 3)
    assert value("triple_recall") == 0.25
    assert value("triple_f1") == pytest.approx(2 / 7)
    assert value("event_micro_f1") == pytest.approx(2 / 7)  # tp 1, fp 2, fn 3
    assert value("source_accuracy") == 0.5  # USA right in sentence 2 only


def test_plover_errors_list_missed_and_extra_by_id() -> None:
    errors = scored_tiny()["plover_errors"]
    listed = sorted(zip(errors.kind, errors.id, strict=True))
    assert listed == [("extra", "s2b"), ("extra", "s3a"), ("missed", "G-ACC"), ("missed", "G-ASL")]
    extra = errors[errors.id == "s3a"].iloc[0]
    assert (extra.sentence_id, extra.event, extra.source, extra.target) == (
        "G-ASL",
        "ASSAULT",
        "ISR",
        "SYR",
    )


def test_bootstrap_intervals_contain_the_point_estimates() -> None:
    tables = scored_tiny(replicates=300)
    summary = tables["summary"].dropna(subset=["value"])
    assert (summary.value_lo <= summary.value + 1e-12).all()
    assert (summary.value <= summary.value_hi + 1e-12).all()
    events = tables["plover_events"].dropna(subset=["f1"])
    assert ((events.f1_lo <= events.f1 + 1e-12) & (events.f1 <= events.f1_hi + 1e-12)).all()
    # and the interval says something: resampling 3 sentences moves the micro F1
    micro = summary_value(tables["summary"], "system", "event_micro_f1")
    assert micro.value_lo < micro.value_hi


def test_bootstrap_is_fixed_by_the_seed() -> None:
    weights = resample_weights(7, replicates=50, seed=1)
    assert weights.shape == (50, 7)
    assert (weights.sum(axis=1) == 7).all()
    assert np.array_equal(weights, resample_weights(7, replicates=50, seed=1))
    assert not np.array_equal(weights, resample_weights(7, replicates=50, seed=2))
    a = scored_tiny()["summary"]
    b = scored_tiny()["summary"]
    pd.testing.assert_frame_equal(a, b)


def test_score_plover_needs_one_prediction_list_per_sentence() -> None:
    with pytest.raises(ValueError, match="2 predictions for 3 sentences"):
        score_plover(TINY, {"system": SYSTEM[:2]})


# --- ConfliBERT: classes ------------------------------------------------------------------------

GOLD_CLASSES = [0, 1, 1, 3, 4, 3]
CLASS_EVENTS: list[list[EventLike]] = [
    [],  # nothing: falls back to 0
    [ev("CONSULT", penta=1, confidence=0.9), ev("ACCUSE", penta=3, confidence=0.5)],  # -> 1
    [ev("ACCUSE", penta=3, confidence=0.8, status="negated"), ev("AID", penta=2, confidence=0.4)],
    [ev("ACCUSE", penta=3, confidence=0.7), ev("ASSAULT", penta=4, confidence=0.7)],  # tie -> 3
    [ev("ASSAULT", penta=4)],
    [ev("CONSULT", penta=1, confidence=0.6)],
]  # fmt: skip


def test_sentence_class_takes_the_most_confident_counted_event() -> None:
    classes, fell = predict_classes(CLASS_EVENTS)
    assert classes == [0, 1, 2, 3, 4, 1]
    assert fell == [True, False, False, False, False, False]
    assert sentence_class([ev("X", status="intended", penta=2)]) is None
    assert sentence_class([ev("X", status="intended", penta=2)], ("asserted", "intended")) == 2
    assert predict_classes([[]], default=3) == ([3], [True])


def test_class_scores_by_hand() -> None:
    predicted, fell = predict_classes(CLASS_EVENTS)
    tables = score_classes(
        GOLD_CLASSES,
        {"system": predicted, "baseline": [class_baseline(GOLD_CLASSES)] * 6},
        {"system": fell},
        replicates=200,
    )
    df = tables["conflibert_classes"]
    one = prf_row(df, "system", "1 verbal cooperation")  # tp s1, fp s5, fn s2
    assert (one.tp, one.fp, one.fn, one.p, one.r, one.f1) == (1, 1, 1, 0.5, 0.5, 0.5)
    two = prf_row(df, "system", "2 material cooperation")  # fp s2 only
    assert (two.p, two.f1) == (0.0, 0.0) and math.isnan(two.r)
    three = prf_row(df, "system", "3 verbal conflict")  # tp s3, fn s5
    assert (three.p, three.r, three.f1) == (1.0, 0.5, pytest.approx(2 / 3))
    # macro over the five: F1 (1 + 1/2 + 0 + 2/3 + 1) / 5 = 19/30; P (1+.5+0+1+1)/5; R (1+.5+0+.5+1)/5
    macro = prf_row(df, "system", "macro")
    assert macro.f1 == pytest.approx(19 / 30)
    assert macro.p == pytest.approx(0.7) and macro.r == pytest.approx(0.6)

    summary = tables["summary"]
    assert summary_value(summary, "system", "class_accuracy").value == pytest.approx(4 / 6)
    assert summary_value(summary, "system", "class_macro_f1").value == pytest.approx(19 / 30)
    fallback = summary_value(summary, "system", "class_fallback")
    assert fallback.value == pytest.approx(1 / 6)
    assert fallback.detail.startswith("1/6 sentences had no counted event")
    assert not ((summary.system == "baseline") & (summary.metric == "class_fallback")).any()
    ok = summary.dropna(subset=["value"])
    assert ((ok.value_lo <= ok.value + 1e-12) & (ok.value <= ok.value_hi + 1e-12)).all()

    confusion = tables["conflibert_confusion"]
    row = confusion[(confusion.system == "system") & (confusion.gold == "1 verbal cooperation")]
    assert row[[f"pred_{k}" for k in range(5)]].iloc[0].tolist() == [0, 1, 1, 0, 0]
    system = confusion[confusion.system == "system"]
    assert int(system[[f"pred_{k}" for k in range(5)]].to_numpy().sum()) == 6


def test_class_majority_baseline_by_hand() -> None:
    # 1 and 3 both occur twice: the lower label wins the tie
    assert class_baseline(GOLD_CLASSES) == 1
    tables = score_classes(GOLD_CLASSES, {"baseline": [1] * 6}, replicates=50)
    one = prf_row(tables["conflibert_classes"], "baseline", "1 verbal cooperation")
    assert (one.p, one.r, one.f1) == (pytest.approx(1 / 3), 1.0, 0.5)
    # present classes: 0, 1, 3, 4 (2 is neither gold nor predicted): macro F1 = 0.5 / 4
    macro = prf_row(tables["conflibert_classes"], "baseline", "macro")
    assert macro.f1 == pytest.approx(0.125)
    accuracy = summary_value(tables["summary"], "baseline", "class_accuracy")
    assert accuracy.value == pytest.approx(1 / 3)


# --- ConfliBERT: spans --------------------------------------------------------------------------


def conll_sentence(text: str, pairs: list[tuple[str, str]]) -> ConflibertSentence:
    offsets, cursor = [], 0
    for token, _ in pairs:
        at = text.index(token, cursor)
        offsets.append((at, at + len(token)))
        cursor = at + len(token)
    return ConflibertSentence(
        text,
        4,
        tuple(t for t, _ in pairs),
        tuple(g for _, g in pairs),
        tuple(offsets),
        "test",
    )


SHELLING = conll_sentence(
    "Iran's army shelled Iraq and Syria.",
    [("Iran", "B-S"), ("'s", "I-S"), ("army", "I-S"), ("shelled", "O"), ("Iraq", "B-T"),
     ("and", "O"), ("Syria", "B-T"), (".", "O")],
)  # fmt: skip
SHELLING_SPANS = [
    ActorSpan(0, 4, "S"),  # "Iran": inside the gold source "Iran 's army"
    ActorSpan(20, 24, "T"),  # "Iraq": exact
    ActorSpan(29, 34, "S"),  # "Syria" as a source: the gold says target
]
MEETING = conll_sentence(
    "Chad and Niger met.",
    [("Chad", "B-R"), ("and", "O"), ("Niger", "B-R"), ("met", "O"), (".", "O")],
)


def test_bio_spans_follow_conlleval() -> None:
    assert bio_spans(SHELLING.tags) == [(0, 3, "S"), (4, 5, "T"), (6, 7, "T")]
    assert bio_spans(["I-S", "I-S", "B-S", "I-T", "O", "B-R"]) == [
        (0, 2, "S"),
        (2, 3, "S"),
        (3, 4, "T"),
        (5, 6, "R"),
    ]


def test_span_counts_by_hand() -> None:
    c = span_counts(SHELLING, SHELLING_SPANS)  # (level, role S/T/R, [tp, fp, fn])
    # tokens: Iran tp S; 's and army fn S; Iraq tp T; Syria gold T, predicted S: fp S + fn T
    assert c[0].tolist() == [[1, 1, 2], [1, 0, 1], [0, 0, 0]]
    # exact: Iraq only; "Iran" is not the whole gold span; Syria has the wrong role
    assert c[1].tolist() == [[0, 2, 1], [1, 0, 1], [0, 0, 0]]
    # overlap: "Iran" now matches the gold source span
    assert c[2].tolist() == [[1, 1, 0], [1, 0, 1], [0, 0, 0]]


def test_reciprocal_gold_matches_either_role() -> None:
    one_way = [ActorSpan(0, 4, "S"), ActorSpan(9, 14, "T")]  # Chad -> Niger
    assert span_counts(MEETING, one_way)[1].tolist() == [[0, 0, 0], [0, 0, 0], [2, 0, 0]]
    both_ways = [*one_way, ActorSpan(0, 4, "T"), ActorSpan(9, 14, "S")]  # and Niger -> Chad
    assert span_counts(MEETING, both_ways)[0].tolist() == [[0, 0, 0], [0, 0, 0], [2, 0, 0]]
    # a span given both roles is reciprocal, and a reciprocal prediction matches a gold source
    assert span_counts(SHELLING, [ActorSpan(0, 11, "S"), ActorSpan(0, 11, "T")])[1].tolist() == [
        [1, 0, 0],
        [0, 0, 2],
        [0, 0, 0],
    ]


def test_span_table_and_summary_by_hand() -> None:
    tables = score_spans(
        [SHELLING, MEETING],
        {"system": [SHELLING_SPANS, []], "baseline": [[], []]},
        replicates=100,
    )
    df = tables["conflibert_spans"]
    assert list(df.columns[:3]) == ["system", "level", "role"]
    token_all = df[(df.system == "system") & (df.level == "token") & (df.role == "all")].iloc[0]
    # tokens: tp 2, fp 1, fn 3 + the two missed Chad/Niger tokens = 5 -> F1 4 / (4 + 1 + 5)
    assert (token_all.tp, token_all.fp, token_all.fn) == (2, 1, 5)
    assert token_all.f1 == pytest.approx(0.4)
    summary = tables["summary"]
    # exact spans: tp 1, fp 2, fn 2 + 2 = 4 -> F1 2/8; overlap: tp 2, fp 1, fn 1 + 2 -> 4/8
    assert summary_value(summary, "system", "span_exact_f1").value == pytest.approx(0.25)
    assert summary_value(summary, "system", "span_overlap_f1").value == pytest.approx(0.5)
    # the majority tag is O: the baseline predicts no span, so recall 0 and no precision
    base = df[(df.system == "baseline") & (df.role == "all")]
    assert (base.r == 0).all() and base.p.isna().all() and (base.fn > 0).all()


def test_event_spans_locate_actor_texts_near_the_trigger() -> None:
    text = "Israel told Lebanon that Israel would withdraw."
    trigger = text.index("withdraw")
    spans = event_spans(
        text,
        [
            ev("RETREAT", actor_text="Israel", start=trigger),
            ev("CONSULT", actor_text="Israel", recipient_text="lebanon", start=7),
            ev("THREATEN", actor_text="Syria", start=0),  # not in the sentence: skipped
            ev("AID", recipient_text="Lebanon", status="intended"),  # not counted
        ],
    )
    assert spans == [
        ActorSpan(0, 6, "S"),  # the first Israel is nearer the trigger at 7
        ActorSpan(12, 19, "T"),  # found ignoring case
        ActorSpan(25, 31, "S"),  # the second Israel, nearer "withdraw"
    ]


# --- the whole pipeline with a stand-in coder ---------------------------------------------------


def stub_coder(text: str) -> list[EventLike]:
    """Knows two sentences, as a coder might: fixed events, no model."""
    if text.startswith("Iran"):
        return [
            ev("ASSAULT", "IRN", "IRQ", id="x1", penta=4, actor_text="Iran", recipient_text="Iraq")
        ]
    if text.startswith("Chad"):
        return [
            ev("CONSULT", "TCD", "NER", id="x2", penta=1, actor_text="Chad", recipient_text="Niger")
        ]
    return []


def small_plover(tmp_path: Path) -> Path:
    return write_plover(
        tmp_path / "gsr.json",
        [
            DOCUMENT,
            record("F-1", "FIGHT", "Iran's army shelled Iraq.", actors("IRN"), actors("IRQ")),
            record("C-1", "CONSULT", "Chad and Niger met.", actors("TCD", "NER"), "",
                   "(SRC/TAR: Chad) and (SRC/TAR: Niger) met"),
            record("D-1", "DEMAND", "Mali asked for help.", actors("MLI")),
        ],
    )  # fmt: skip


def test_evaluate_runs_both_gold_sets_with_a_given_coder(tmp_path: Path) -> None:
    tables = evaluate(
        small_plover(tmp_path), conflibert_folder(tmp_path / "cb"), stub_coder, replicates=50
    )
    assert list(tables) == [
        "summary",
        "plover_events",
        "plover_errors",
        "conflibert_classes",
        "conflibert_confusion",
        "conflibert_spans",
    ]
    summary = tables["summary"]
    assert summary[["gold", "system"]].drop_duplicates().values.tolist() == [
        ["plover", "system"],
        ["plover", "baseline"],
        ["conflibert", "system"],
        ["conflibert", "baseline"],
    ]
    # FIGHT is ASSAULT now, so the stub's ASSAULT counts; the reciprocal CONSULT matches too
    assert summary_value(summary, "system", "triple_recall").value == pytest.approx(2 / 3)
    assert summary_value(summary, "system", "triple_precision").value == 1.0
    # both ConfliBERT sentences right (4 and 1), and every actor token found
    assert summary_value(summary, "system", "class_accuracy").value == 1.0
    cb = summary[summary.gold == "conflibert"]
    assert summary_value(cb, "system", "token_f1").value == pytest.approx(2 * 4 / (2 * 4 + 2))
    only_plover = evaluate_gold(
        read_plover(small_plover(tmp_path)), None, stub_coder, igo=frozenset()
    )
    assert set(only_plover) == {"summary", "plover_events", "plover_errors"}
    with pytest.raises(NonalignedError, match="nothing to evaluate"):
        evaluate(None, None, stub_coder)


def test_gold_is_checked_before_the_coder_is_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_coder() -> None:
        raise AssertionError("the coder must not load for bad gold")

    monkeypatch.setattr(events_module, "default_coder", no_coder)
    bad = write_plover(tmp_path / "bad.json", [record("X", "GREET", "t")])
    with pytest.raises(NonalignedError, match="GREET"):
        evaluate(bad, None)


def cli_args(tmp_path: Path, fmt: str, out: str | None = None) -> argparse.Namespace:
    return argparse.Namespace(
        plover=str(small_plover(tmp_path)),
        conflibert=str(conflibert_folder(tmp_path / "cb")),
        format=fmt,
        out=out,
    )


@pytest.fixture
def stubbed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(events_module, "default_coder", lambda: stub_coder)


def test_cli_json_is_one_document_naming_each_table(
    tmp_path: Path, stubbed: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cmd_evaluate_events(cli_args(tmp_path, "json")) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["table"] for r in rows} == {
        "summary",
        "plover_events",
        "plover_errors",
        "conflibert_classes",
        "conflibert_confusion",
        "conflibert_spans",
    }
    macro = [r for r in rows if r["table"] == "summary" and r["metric"] == "class_macro_f1"]
    assert len(macro) == 2


def test_cli_table_and_out_files(
    tmp_path: Path, stubbed: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cmd_evaluate_events(cli_args(tmp_path, "table")) == 0
    shown = capsys.readouterr().out
    assert "PLOVER GSR 3 sentences / 3 events" in shown
    assert "ConfliBERT CAMEO: confusion" in shown
    out = tmp_path / "res" / "eval.csv"
    out.parent.mkdir()
    assert cmd_evaluate_events(cli_args(tmp_path, "csv", str(out))) == 0
    written = sorted(p.name for p in out.parent.iterdir())
    assert "eval.summary.csv" in written and "eval.conflibert_spans.csv" in written
    summary = pd.read_csv(out.parent / "eval.summary.csv")
    assert list(summary.columns) == SUMMARY_COLUMNS
