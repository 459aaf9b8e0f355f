"""Coding the store end to end: events with provenance, idempotent re-coding, portable aggregates,
merged queries, the CLI exports (PLOVER JSON Lines, GDELT 2.0 columns) and event lean.

Why one store for the module: ingesting and coding the sample corpus parses it with spaCy, which
is the slow part; every test here only reads it (re-coding replaces events with the same ones).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from nonaligned.cli import main
from nonaligned.engine.coding import code_store, dyad_month_sql, query_events
from nonaligned.engine.ingest import ingest
from nonaligned.export import GDELT_COLUMNS, PLOVER_FIELDS
from nonaligned.store import Store

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "nonaligned" / "text" / "sample"
CAMEO_CSV = ROOT / "nonaligned" / "text" / "data" / "cameo_plover.csv"
STATUSES = {"asserted", "negated", "intended", "hypothetical"}
MERGE_KEY = ["date", "actor", "recipient", "event", "mode", "cameo", "status"]
# A filing dateline ("MOSCOW — ") the coder cuts off a sentence before parsing it.
DATELINE = re.compile(r"^[A-Z][A-Z .'-]{1,40}(?:,[^—–\n]{0,40})?\s+[—–-]{1,2}\s+$")

pytest.importorskip("spacy", reason="the text extra (spaCy) is not installed")


@pytest.fixture(scope="module")
def coded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus ingested and coded, with the bundled records (event lean needs them)."""
    from nonaligned.records.load import load_records

    db = tmp_path_factory.mktemp("coding") / "coded.duckdb"
    with Store.open(db) as store:
        load_records(store)
        ingest(store, [str(SAMPLE)], batch_size=8)
        summary = code_store(store)
    assert summary.documents > 0 and summary.events > 0
    return db


@pytest.fixture
def store(coded_db: Path) -> Iterator[Store]:
    with Store.open(coded_db) as s:
        yield s


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- provenance ----------------------------------------------------------------------------------
def test_every_event_traces_back_to_its_sentence(store: Store) -> None:
    rows = store.query(
        """SELECT e.doc_id, e.sent, e."start", e."end", e.sentence, e.coder, e.status,
                  d.text AS doc_text, st."start" AS s_start, st."end" AS s_end, st.text AS s_text
           FROM events e LEFT JOIN documents d USING (doc_id)
           LEFT JOIN sentences st ON st.doc_id = e.doc_id AND st.sent = e.sent"""
    )
    assert len(rows) > 0
    for r in rows.to_dict(orient="records"):
        assert isinstance(r["doc_text"], str), f"event of unknown document {r['doc_id']}"
        assert isinstance(r["s_text"], str), f"event of unknown sentence {r['doc_id']}:{r['sent']}"
        # The stored sentence, or that sentence minus the dateline the coder cuts off first.
        prefix = r["s_text"][: len(r["s_text"]) - len(r["sentence"])]
        assert r["s_text"].endswith(r["sentence"]) and (prefix == "" or DATELINE.match(prefix)), (
            r["sentence"],
            r["s_text"],
        )
        assert r["s_start"] <= r["start"] < r["end"] <= r["s_end"]
        trigger = r["doc_text"][r["start"] : r["end"]]
        assert trigger.strip() and trigger in r["sentence"]
        assert r["coder"]
        assert r["status"] in STATUSES


def test_cameo_codes_and_their_classes_come_from_the_dictionary(store: Store) -> None:
    with CAMEO_CSV.open(encoding="utf-8", newline="") as f:
        table = {r["cameo"]: r for r in csv.DictReader(f)}
    rows = store.query("SELECT DISTINCT cameo, quad_class, goldstein FROM events")
    assert len(rows) > 0
    for cameo, quad, goldstein in rows.itertuples(index=False):
        assert cameo in table, f"CAMEO {cameo} is not in cameo_plover.csv"
        assert int(quad) == int(table[cameo]["quad_class"]), cameo
        assert float(goldstein) == pytest.approx(float(table[cameo]["goldstein"])), cameo


# -- idempotence ---------------------------------------------------------------------------------
def test_recoding_is_incremental_and_never_duplicates(store: Store) -> None:
    def counts() -> tuple[int, int]:
        n = store.con.execute("SELECT count(*), count(DISTINCT event_id) FROM events").fetchone()
        assert n is not None
        return int(n[0]), int(n[1])

    before, distinct = counts()
    assert before == distinct > 0
    n_docs = store.con.execute("SELECT count(*) FROM documents").fetchone()
    assert n_docs is not None
    again = code_store(store)
    assert again.documents == 0 and again.events == 0
    assert counts() == (before, distinct)
    redo = code_store(store, recode=True)
    assert redo.documents == n_docs[0]
    assert redo.events == before
    assert counts() == (before, distinct)


# -- aggregates ----------------------------------------------------------------------------------
def test_dyad_month_matches_a_direct_count(store: Store) -> None:
    assert store.has_table("dyad_month")
    ev = store.query("SELECT actor, recipient, date, status, quad_class FROM events")
    dyadic = ev[
        (ev["status"] == "asserted")
        & ev["actor"].notna()
        & ev["recipient"].notna()
        & (ev["actor"] != ev["recipient"])
        & ev["date"].notna()
    ]
    assert len(dyadic) > 0
    dm = store.query("SELECT * FROM dyad_month")
    assert int(dm["events"].sum()) == len(dyadic)
    quads = ["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"]
    assert (dm[quads].sum(axis=1) == dm["events"]).all()
    month = pd.to_datetime(dyadic["date"]).dt.to_period("M").dt.to_timestamp()
    direct = dyadic.assign(month=month).groupby(["actor", "recipient", "month"]).size()
    stored = dm.assign(month=pd.to_datetime(dm["month"])).set_index(
        ["actor", "recipient", "month"]
    )["events"]
    assert direct.sort_index().tolist() == stored.sort_index().astype(int).tolist()
    assert list(direct.sort_index().index) == list(stored.sort_index().index)


def test_dyad_month_sql_is_portable() -> None:
    sql = dyad_month_sql()
    body = "\n".join(line.split("--", 1)[0] for line in sql.splitlines())
    assert "SELECT" in body.upper()
    for duckdb_only in (
        r"\bFILTER\s*\(",
        r"::",
        r"\bQUALIFY\b",
        r"\bEXCLUDE\b",
        r"\blist_\w+\s*\(",
        r"\barg_(?:max|min)\s*\(",
        r"\bstrftime\s*\(",
        r"\bCOLUMNS\s*\(",
    ):
        assert not re.search(duckdb_only, body, re.IGNORECASE), duckdb_only


# -- queries -------------------------------------------------------------------------------------
def test_merged_events_count_their_reports(store: Store) -> None:
    merged = query_events(store, country="AZE", merged=True)
    plain = query_events(store, country="AZE")
    assert len(merged) > 0 and "mentions" in merged
    assert (merged["mentions"] >= 1).all()
    assert not merged.duplicated(MERGE_KEY).any()
    assert ((merged["actor"] == "AZE") | (merged["recipient"] == "AZE")).all()
    docs = plain.groupby(MERGE_KEY, dropna=False)["doc_id"].nunique()
    assert len(merged) == len(docs)
    got = merged.set_index(MERGE_KEY)["mentions"]
    for key, n in docs.items():
        assert int(got.loc[key]) == n, key  # type: ignore[call-overload]


def test_sides_split_dyadic_from_one_sided_events(store: Store) -> None:
    every = query_events(store, status="all")
    both = query_events(store, status="all", sides="both")
    one = query_events(store, status="all", sides="one")
    assert len(both) > 0 and len(one) > 0  # the sample codes both kinds
    assert len(both) + len(one) == len(every)
    assert both["actor"].notna().all() and both["recipient"].notna().all()
    assert (one["actor"].isna() | one["recipient"].isna()).all()
    # the dyad-month aggregate counts only two-sided events
    asserted = both[(both["status"] == "asserted") & (both["actor"] != both["recipient"])]
    total = store.con.execute("SELECT sum(events) FROM dyad_month").fetchone()
    assert total is not None and int(total[0]) == int(asserted["date"].notna().sum())
    with pytest.raises(ValueError, match="sides"):
        query_events(store, sides="half")


# -- command line --------------------------------------------------------------------------------
def test_events_jsonl_has_plover_fields(coded_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(coded_db), "events", "AZE", "--format", "jsonl")
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert lines
    needed = {"id", "date", "actor", "recipient", "event", "mode", "context", "text"}
    needed |= {"cameo", "goldstein", "quad_class"}
    for rec in lines:
        assert needed <= rec.keys()
        assert list(rec) == PLOVER_FIELDS
        assert "AZE" in (rec["actor"], rec["recipient"])
        assert rec["text"]


def test_events_gdelt_columns(coded_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "--db", str(coded_db), "events", "AZE", "--format", "gdelt", "--header"
    )
    assert code == 0
    lines = out.rstrip("\n").split("\n")
    header = lines[0].split("\t")
    assert len(header) == 61 == len(GDELT_COLUMNS)
    assert header[:2] == ["GLOBALEVENTID", "SQLDATE"]
    assert header[-2:] == ["DATEADDED", "SOURCEURL"]
    assert header == GDELT_COLUMNS
    assert len(lines) > 1
    for line in lines[1:]:
        fields = line.split("\t")
        assert len(fields) == 61
        assert fields[0].isdigit()
        assert fields[1] == "" or re.fullmatch(r"\d{8}", fields[1])
        assert fields[-1], "SOURCEURL: the page's URL or at least the document id"


def test_events_parquet_needs_out(coded_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", str(coded_db), "events", "AZE", "--format", "parquet")
    assert code == 2
    assert out == ""
    assert "--out" in err and "parquet" in err and "Traceback" not in err


def test_events_unknown_country(coded_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", str(coded_db), "events", "Atlantis")
    assert code == 2
    assert "unknown country" in err and "Traceback" not in err


def test_ingest_with_code_reports_both(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "fresh.duckdb"
    code, out, _ = run(capsys, "--db", str(db), "ingest", str(SAMPLE), "--code")
    assert code == 0
    stored = re.search(r"stored (\d+) new documents", out)
    coded = re.search(r"^coded (\d+) documents", out, re.MULTILINE)
    assert stored and coded, out
    assert int(coded.group(1)) == int(stored.group(1)) > 0


# -- event lean ----------------------------------------------------------------------------------
def test_event_lean_for_azerbaijan(store: Store) -> None:
    from nonaligned.measures.event_lean import event_lean
    from nonaligned.measures.poles import resolve_poles
    from nonaligned.records import Records

    rec = Records(store)
    aze = rec.country("Azerbaijan")
    table, balance = event_lean(rec, aze, replicates=50)
    poles = {p.code for p in resolve_poles(rec, None) if p.cow != aze.cow}
    assert sorted(table["pole"]) == sorted(poles)
    assert (table["events"] >= 0).all()
    assert table["events"].sum() > 0, "the sample corpus has events between Azerbaijan and poles"
    for r in table[table["events"] > 0].itertuples(index=False):
        assert 0.0 <= r.cooperation_share <= 1.0
        assert 0.0 <= r.share_lo <= r.cooperation_share <= r.share_hi <= 1.0
    rus = table.set_index("pole").loc["RUS", "events"]
    direct = store.con.execute(
        """SELECT count(*) FROM events WHERE status = 'asserted'
           AND ((actor = 'AZE' AND recipient = 'RUS') OR (actor = 'RUS' AND recipient = 'AZE'))"""
    ).fetchone()
    assert direct is not None and int(rus) == direct[0] > 0
    assert set(balance) >= {"value", "lo", "hi", "poles"}


def test_profile_json_has_event_lean(coded_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "--db",
        str(coded_db),
        "profile",
        "Azerbaijan",
        "--format",
        "json",
        "--replicates",
        "50",
    )
    assert code == 0
    prof = json.loads(out)
    records = prof["event_lean"]
    assert records and all({"pole", "events", "cooperation_share"} <= r.keys() for r in records)
    assert sum(r["events"] for r in records) > 0


def test_process_pool_codes_the_same_events(coded_db: Path, tmp_path: Path) -> None:
    """The pure coding step gives the same events in worker processes as in this one."""
    import shutil

    from nonaligned.engine.coding import code_store
    from nonaligned.store import Store

    copy = tmp_path / "pool.duckdb"
    shutil.copyfile(coded_db, copy)
    with Store.open(coded_db) as s:
        before = s.con.execute("SELECT event_id FROM events ORDER BY event_id").fetchall()
    with Store.open(copy) as s:
        summary = code_store(s, recode=True, workers=2, batch_size=4)
        after = s.con.execute("SELECT event_id FROM events ORDER BY event_id").fetchall()
    assert summary.documents > 0
    assert after == before
