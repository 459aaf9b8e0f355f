"""Shape test and pinned facts for the event ontology and dictionaries (nonaligned/text/data).

Files: cameo_plover.csv (rebuilt by rebuild/cameo_plover.py), event_verbs.csv and
event_nouns.csv (project-written), described in events.SOURCE.md. The CSVs are read with pandas,
all columns as strings and empty cells as "". The rebuild test needs the public sources under
../shared/data/external and is skipped without them. These tests never open the evaluation data
(the PLOVER gold records, conflibert-cameo, the codebook's example column).
"""

from __future__ import annotations

import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from nonaligned.records.catalog import read_front_matter

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "nonaligned" / "text" / "data"
NOTE = DATA / "events.SOURCE.md"
EXTERNAL = ROOT.parent / "shared" / "data" / "external"
SOURCES = [
    EXTERNAL / "cameo-codebook" / "cameo-codes.csv",
    EXTERNAL / "plover-gsr" / "CAMEO2PLOVER-2021.txt",
]

FILES = ["cameo_plover.csv", "event_verbs.csv", "event_nouns.csv", "event_agents.csv"]
CAMEO_COLS = [
    "cameo",
    "name",
    "goldstein",
    "quad_class",
    "penta_class",
    "plover_event",
    "plover_mode",
    "plover_context",
    "mapping_source",
    "note",
]
VERB_COLS = ["lemma", "particle", "prep", "object", "cameo", "note"]
NOUN_COLS = ["lemma", "cameo", "requires", "note"]
AGENT_COLS = ["lemma", "sector", "number", "note"]
SECTORS = {
    "GOV",
    "MIL",
    "COP",
    "REB",
    "OPP",
    "CVL",
    "EDU",
    "LAB",
    "AGR",
    "LEG",
    "JUD",
    "REF",
    "MED",
}
PLOVER = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
}
REQUIRES = {"", "possessive", "of", "between", "with", "to"}
WORD = re.compile(r"[a-z]+")
ROOTS = [f"{i:02d}" for i in range(1, 21)]


@cache
def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False, encoding="utf-8")


def cameo() -> pd.DataFrame:
    return _csv("cameo_plover.csv")


def verbs() -> pd.DataFrame:
    return _csv("event_verbs.csv")


def nouns() -> pd.DataFrame:
    return _csv("event_nouns.csv")


def agents() -> pd.DataFrame:
    return _csv("event_agents.csv")


@cache
def front_matter() -> dict[str, object]:
    return read_front_matter(NOTE)


def _quad(root: int) -> int:
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def _norm(word: str) -> str:
    """The coder's lemma folding (-ise -> -ize), to find rows it would see as the same."""
    if word.endswith("ise") and len(word) > 5:
        return word[:-3] + "ize"
    if word.endswith("yse"):
        return word[:-3] + "yze"
    return word


# ---------------------------------------------------------------- the note


def test_source_note_front_matter():
    fm = front_matter()
    assert fm["name"] == "events"
    assert fm["files"] == FILES
    for key in ("title", "version", "licence", "origin", "citation"):
        assert str(fm[key]).strip(), key
    assert "CC BY-SA 4.0" in str(fm["licence"])
    for cite in ("gerner2002cameo", "goldstein1992scale", "halterman2023bagoftricks"):
        assert cite in str(fm["citation"])


def test_row_counts_match_source_note():
    rows = front_matter()["rows"]
    assert isinstance(rows, dict)
    assert set(rows) == set(FILES)
    for name in FILES:
        assert len(_csv(name)) == rows[name], name


def test_columns():
    assert list(cameo().columns) == CAMEO_COLS
    assert list(verbs().columns) == VERB_COLS
    assert list(nouns().columns) == NOUN_COLS
    assert list(agents().columns) == AGENT_COLS


def test_agents_shape():
    a = agents()
    assert a.lemma.str.fullmatch(r"[a-z][a-z-]*").all()
    assert a.lemma.map(_norm).is_unique
    assert set(a.sector) <= SECTORS
    assert set(a.number) <= {"", "plural"}
    # the plural-only lemmas say why in their note
    assert (a[a.number == "plural"].note != "").all()
    assert {"police", "rebel", "protester", "troop", "government"} <= set(a.lemma)
    # no agent is also a trigger noun: a word is either who acts or what happens
    assert not set(a.lemma) & set(nouns().lemma)


def test_note_documents_hygiene_rule():
    text = NOTE.read_text(encoding="utf-8")
    assert "Evaluation hygiene" in text
    assert "PLOVER_GSR_CAMEO.json" in text and "conflibert-cameo" in text


# ---------------------------------------------------------------- cameo_plover.csv


def test_cameo_keys():
    c = cameo()
    assert c.cameo.str.fullmatch(r"\d{2,4}").all()
    assert c.cameo.is_unique
    assert list(c.cameo) == sorted(c.cameo)
    assert set(c.cameo.str[:2]) == set(ROOTS)
    assert set(ROOTS) <= set(c.cameo)  # the 20 roots are rows of their own
    # every child has its parent
    codes = set(c.cameo)
    assert all(code[:-1] in codes for code in c.cameo if len(code) > 2)


def test_goldstein_in_range():
    g = cameo().goldstein.astype(float)
    assert g.between(-10, 10).all()


def test_classes_follow_the_root():
    c = cameo()
    root = c.cameo.str[:2].astype(int)
    assert (c.quad_class.astype(int) == root.map(_quad)).all()
    penta = root.map(lambda r: 0 if r == 1 else _quad(r))
    assert (c.penta_class.astype(int) == penta).all()


def test_plover_values():
    c = cameo()
    assert set(c.plover_event) <= PLOVER | {""}
    # only the statements (root 01) have no PLOVER event
    empty = c[c.plover_event == ""]
    assert (empty.cameo.str[:2] == "01").all()
    assert (c[c.cameo.str[:2] == "01"].plover_event == "").all()
    assert (empty.plover_mode == "").all() and (empty.plover_context == "").all()
    for col in ("plover_mode", "plover_context"):
        vals = {v for s in c[col] for v in s.split("|") if v}
        assert all(re.fullmatch(r"[a-z_-]+", v) for v in vals), (col, vals)
    assert set(c.mapping_source) == {"CAMEO2PLOVER-2021", "project"}
    assert (c[c.mapping_source == "project"].note != "").all()


def test_cameo_pinned_facts():
    c = cameo().set_index("cameo")
    assert len(c) == 312
    assert (c.mapping_source == "project").sum() == 51
    assert c.loc["042", ["goldstein", "plover_event", "plover_mode"]].tolist() == [
        "1.9",
        "CONSULT",
        "visit",
    ]
    assert c.loc["043", "plover_mode"] == "visit"
    assert c.loc["044", "plover_mode"] == "third-party"
    assert c.loc["041", "plover_mode"] == "phone"
    assert c.loc["057", ["goldstein", "plover_event"]].tolist() == ["8.0", "SUPPORT"]
    assert c.loc["054", "plover_event"] == "SUPPORT"
    assert c.loc["111", "plover_mode"] == "disapprove"
    assert c.loc["112", "plover_mode"] == "allege"
    assert c.loc["163", ["plover_event", "mapping_source"]].tolist() == ["SANCTION", "project"]
    assert c.loc["172", ["plover_event", "mapping_source"]].tolist() == [
        "COERCE",
        "CAMEO2PLOVER-2021",
    ]
    assert c.loc["191", "plover_event"] == "COERCE"
    assert c.loc["1712", "plover_event"] == "ASSAULT"
    assert c.loc["175", ["plover_mode", "plover_context"]].tolist() == [
        "",
        "pro_autocracy|military",
    ]
    assert c.loc["091", "plover_context"] == "crime|corruption"
    assert c.loc["0253", ["plover_event", "plover_mode"]].tolist() == ["REQUEST", "yield"]
    assert c.loc["010", ["quad_class", "penta_class", "plover_event"]].tolist() == ["1", "0", ""]
    assert c.loc["08", "plover_event"] == "CONCEDE"
    assert c.loc["084", "plover_event"] == "RETREAT"
    assert c.loc["0813", "plover_event"] == "CONCEDE"
    assert c.loc["2042", "goldstein"] == "-10.0"
    assert "1214" not in c.index  # in the PLOVER table, not a CAMEO 1.1b3 code


# ---------------------------------------------------------------- event_verbs.csv


def test_verb_codes_exist():
    codes = set(cameo().cameo)
    assert set(verbs().cameo) <= codes
    assert set(nouns().cameo) <= codes


def test_verb_words():
    v = verbs()
    assert v.lemma.str.fullmatch(WORD).all()
    for col in ("particle", "prep"):
        assert v[col].map(lambda s: s == "" or WORD.fullmatch(s) is not None).all(), col
    for s in v.object:
        items = s.split("|") if s else []
        assert len(items) == len(set(items)), s
        assert all(WORD.fullmatch(i) for i in items), s


def test_verb_rows_unique():
    v = verbs()
    key = ["lemma", "particle", "prep", "object"]
    assert not v.duplicated(key).any()
    assert list(v[key].itertuples(index=False)) == sorted(v[key].itertuples(index=False))


def test_verb_rows_agree_after_spelling_fold():
    """-ise/-ize variants fold to one key in the coder: they must carry the same code."""
    seen: dict[tuple[str, ...], str] = {}
    for r in verbs().itertuples(index=False):
        objs = "|".join(sorted(_norm(o) for o in r.object.split("|") if o))
        key = (_norm(r.lemma), r.particle, r.prep, objs)
        assert seen.setdefault(key, r.cameo) == r.cameo, key


def test_object_words_not_split_between_codes():
    """Within one lemma/particle/prep an object word names one code, so no tie decides."""
    where: dict[tuple[str, str, str, str], str] = {}
    for r in verbs().itertuples(index=False):
        for o in filter(None, r.object.split("|")):
            k = (r.lemma, r.particle, r.prep, o)
            assert where.setdefault(k, r.cameo) == r.cameo, k


def test_every_root_has_verbs():
    counts = verbs().cameo.str[:2].value_counts()
    for root in ROOTS:
        assert counts.get(root, 0) >= 5, root
    assert len(verbs()) >= 350


def test_verb_pinned_senses():
    v = verbs()

    def code(lemma: str, particle: str = "", prep: str = "", obj: str | None = None) -> set[str]:
        rows = v[(v.lemma == lemma) & (v.particle == particle) & (v.prep == prep)]
        if obj is None:
            rows = rows[rows.object == ""]
        else:
            rows = rows[rows.object.str.split("|").map(lambda xs: obj in xs)]
        return set(rows.cameo)

    assert code("say") == {"010"}
    assert code("sign", obj="agreement") == {"057"}
    assert code("sign", obj="memorandum") == {"057"}
    assert code("recognise", obj="independence") == {"054"}
    assert code("recognize", obj="republic") == {"054"}
    assert code("impose", obj="sanction") == {"163"}
    assert code("impose", obj="curfew") == {"1723"}
    assert code("break", obj="relation") == {"161"}
    assert code("call", prep="for") == {"020"}
    assert code("call", prep="on") == {"020"}
    assert code("call", particle="off") == {"160"}
    assert code("call", particle="off", obj="talk") == {"164"}
    assert code("visit") == {"042"}
    assert code("host") == {"043"}
    assert code("mediate") == {"045"}
    assert code("negotiate") == {"046"}
    assert code("strike") == {"190"}
    assert code("strike", obj="deal") == {"057"}
    assert code("expel", obj="diplomat") == {"161"}
    assert code("condemn") == {"111"}
    assert code("accuse") == {"112"}
    assert code("veto") == {"129"}
    assert code("threaten") == {"130"}
    assert code("shell") == {"194"}
    assert code("decline", obj="comment") == {"011"}


# ---------------------------------------------------------------- event_nouns.csv


def test_noun_rows():
    n = nouns()
    assert n.lemma.str.fullmatch(WORD).all()
    assert set(n.requires) <= REQUIRES
    assert not n.duplicated(["lemma", "requires"]).any()
    assert list(n[["lemma", "requires"]].itertuples(index=False)) == sorted(
        n[["lemma", "requires"]].itertuples(index=False)
    )
    # several rows for one noun only with different codes (else one event would come twice)
    for _, g in n.groupby("lemma"):
        assert g.cameo.is_unique, g.lemma.iloc[0]


def test_noun_pinned():
    n = nouns().set_index(["lemma", "requires"]).cameo
    want = {
        ("visit", ""): "042",
        ("talk", ""): "046",
        ("negotiation", ""): "046",
        ("summit", ""): "040",
        ("meeting", ""): "040",
        ("agreement", "between"): "057",
        ("treaty", "between"): "057",
        ("sanction", ""): "163",
        ("embargo", ""): "163",
        ("aid", "to"): "070",
        ("loan", "to"): "071",
        ("attack", ""): "190",
        ("recognition", "possessive"): "054",
        ("condemnation", "possessive"): "111",
        ("accusation", "possessive"): "112",
        ("threat", "possessive"): "130",
        ("ultimatum", ""): "139",
        ("ceasefire", "between"): "0871",
        ("mediation", ""): "045",
        ("protest", "possessive"): "114",
    }
    for key, code in want.items():
        assert n.loc[key] == code, key
    assert {"declaration", "memorandum", "strike"} <= set(nouns().lemma)


def test_coder_accepts_the_dictionaries():
    events = pytest.importorskip("nonaligned.text.events")
    d = events.load_dictionary(DATA)
    assert len(d.codes) == len(cameo())
    assert sum(map(len, d.verbs.values())) == len(verbs())
    assert sum(map(len, d.nouns.values())) == len(nouns())


# ---------------------------------------------------------------- rebuild


@pytest.mark.skipif(
    not all(p.exists() for p in SOURCES),
    reason="CAMEO codebook / CAMEO2PLOVER table not present (../shared/data/external)",
)
def test_rebuild_is_deterministic_and_matches(tmp_path: Path):
    outs = []
    for i in (1, 2):
        out = tmp_path / f"cameo_plover_{i}.csv"
        res = subprocess.run(
            [sys.executable, str(ROOT / "rebuild" / "cameo_plover.py"), "--out", str(out)],
            capture_output=True,
            text=True,
            check=True,
        )
        assert f"rows written: {len(cameo())}" in res.stdout
        assert "table code not in the codebook (not written): 1214" in res.stdout
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    assert outs[0] == (DATA / "cameo_plover.csv").read_bytes()


def test_verbs_cover_plover_categories():
    """Every PLOVER category is reachable from some verb row."""
    plover = cameo().set_index("cameo").plover_event
    reached = {plover[code] for code in verbs().cameo}
    assert reached >= PLOVER
