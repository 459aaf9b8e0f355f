"""Issue 16: a reciprocal action coded once per direction is listed once, marked mutual.

The coder codes "Azerbaijan and Russia signed a declaration" as AZE→RUS and RUS→AZE (same
document, sentence, trigger offset, CAMEO code and status). The store and the dyadic aggregates
keep both; the report's top events, ``nonaligned events`` and the web's /api/events and /events
list the pair once, as the actor < recipient row with ``mutual`` true ("AZE ↔ RUS"). The store
here is built by code: documents and events written directly, so every case is known.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from nonaligned.cli import main
from nonaligned.engine.coding import query_events, refresh_aggregates
from nonaligned.store import Store

DAY = "2022-02-22"
TEXT1 = (
    "Azerbaijan and Russia signed a declaration in Moscow. "
    "Russia criticised Armenia. "
    "Azerbaijan and Russia are expected to meet again."
)
TEXT2 = "Armenia and Azerbaijan agreed to talks. Azerbaijan thanked Turkey."
D1, D2 = "d1" + "0" * 30, "d2" + "0" * 30  # hex, as document ids are
# (event_id, doc, sent, trigger, cameo, actor, recipient, status, quad_class); the trigger's
# offset is found in the document's text. Ids are chosen so the kept (actor < recipient) side
# of a pair is not always the first by id.
EVENTS: list[tuple[str, str, int, str, str, str | None, str | None, str, int]] = [
    ("e01", "d1", 0, "signed", "057", "AZE", "RUS", "asserted", 1),  # twin of e02
    ("e02", "d1", 0, "signed", "057", "RUS", "AZE", "asserted", 1),
    ("e03", "d1", 1, "criticised", "111", "RUS", "ARM", "asserted", 3),  # one direction only
    ("e04", "d1", 2, "meet", "036", "AZE", "RUS", "intended", 1),  # swapped, but another
    ("e05", "d1", 2, "meet", "036", "RUS", "AZE", "asserted", 1),  # status: not twins
    ("e06", "d2", 0, "agreed", "030", "ARM", "AZE", "asserted", 1),  # twin of e00, kept: ARM < AZE
    ("e00", "d2", 0, "agreed", "030", "AZE", "ARM", "asserted", 1),
    ("e07", "d2", 1, "thanked", "051", "AZE", "TUR", "asserted", 1),  # one direction only
    ("e08", "d2", 1, "thanked", "051", "AZE", None, "asserted", 1),  # one side missing
]
TWINS = {("AZE", "RUS", "057"), ("ARM", "AZE", "030")}  # kept row: (actor, recipient, cameo)
HIDDEN = {"e02", "e00"}  # the actor > recipient side of each pair


def _sentences(text: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for part in text.split(". "):
        piece = part if part.endswith(".") else part + "."
        start = text.index(piece, pos)
        out.append((start, start + len(piece), piece))
        pos = start + len(piece)
    return out


def write_events(store: Store) -> None:
    """Two documents, their sentences and EVENTS, then the dyad-month aggregate."""
    now = datetime.now(UTC).replace(tzinfo=None)
    con = store.con
    texts = {D1: TEXT1, D2: TEXT2}
    for doc_id, text in texts.items():
        con.execute(
            "INSERT INTO documents (doc_id, url, title, text, published_date, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [doc_id, f"https://example.org/{doc_id}", f"Title {doc_id}", text, DAY, now],
        )
        for i, (a, b, s) in enumerate(_sentences(text)):
            con.execute(
                'INSERT INTO sentences (doc_id, sent, "start", "end", text) VALUES (?, ?, ?, ?, ?)',
                [doc_id, i, a, b, s],
            )
    for event_id, doc, sent, trigger, cameo, actor, recipient, status, quad in EVENTS:
        doc_id = {"d1": D1, "d2": D2}[doc]
        a, _b, sentence = _sentences(texts[doc_id])[sent]
        start = texts[doc_id].index(trigger, a)
        con.execute(
            """INSERT INTO events (event_id, doc_id, sent, "start", "end", sentence, actor,
                   recipient, event, cameo, goldstein, quad_class, date, status, confidence, coder)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                event_id,
                doc_id,
                sent,
                start,
                start + len(trigger),
                sentence,
                actor,
                recipient,
                "AGREE" if cameo.startswith("03") else "SUPPORT",
                cameo,
                8.0 if quad == 1 else -2.0,
                quad,
                DAY,
                status,
                0.9,
                "test",
            ],
        )
    refresh_aggregates(store)


@pytest.fixture(scope="module")
def db(built_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("directions") / "directions.duckdb"
    shutil.copyfile(built_db, path)
    with Store.open(path) as store:
        write_events(store)
    return path


@pytest.fixture(scope="module")
def store(db: Path) -> Iterator[Store]:
    s = Store.open(db, read_only=True)
    yield s
    s.close()


@pytest.fixture(scope="module")
def client(db: Path, store: Store) -> Iterator[Any]:
    pytest.importorskip("fastapi")
    from web_fixtures import import_testclient

    from nonaligned.web.app import create_app

    TestClient = import_testclient()
    with TestClient(create_app(db)) as c:
        yield c


def _side(code: Any) -> str:
    return code if isinstance(code, str) else "—"


def _pairs(rows: list[Any]) -> list[tuple[str, str, str, bool]]:
    return sorted(
        (_side(r["actor"]), _side(r["recipient"]), str(r["cameo"]), bool(r["mutual"])) for r in rows
    )


# every asserted event once, a twin pair as its actor < recipient row marked mutual
ASSERTED = sorted(
    (_side(a), _side(r), c, (a, r, c) in TWINS)
    for i, _d, _s, _t, c, a, r, st, _q in EVENTS
    if st == "asserted" and i not in HIDDEN
)


# -- the store and the aggregates keep both directions ---------------------------------------------
def test_the_store_and_the_aggregates_keep_both_directions(store: Store) -> None:
    stored = store.con.execute("SELECT count(*) FROM events").fetchone()
    assert stored is not None and stored[0] == len(EVENTS)
    both = query_events(store, status="all")  # the default: as stored
    assert len(both) == len(EVENTS) and "mutual" not in both
    month = store.query(
        "SELECT actor, recipient, events FROM dyad_month WHERE list_contains(?, actor) "
        "ORDER BY actor, recipient",
        [["AZE", "RUS", "ARM"]],
    )
    got = {
        (a, r): int(n)
        for a, r, n in zip(month["actor"], month["recipient"], month["events"], strict=True)
    }
    # the signing in both directions, plus RUS→AZE "meet" (asserted; its swap is intended)
    assert got[("AZE", "RUS")] == 1 and got[("RUS", "AZE")] == 2
    assert got[("ARM", "AZE")] == 1 and got[("AZE", "ARM")] == 1


def test_partner_months_count_both_directions(store: Store) -> None:
    from nonaligned.measures.event_series import partner_months
    from nonaligned.records import Records
    from nonaligned.records.countries import load_states

    df = partner_months(Records(store), load_states().resolve("AZE"))
    events = dict(zip(df["partner"], df["events"], strict=True))
    assert events == {"RUS": 3, "ARM": 2, "TUR": 1}


# -- 1. the report's top events ----------------------------------------------------------------------
def test_top_events_list_a_pair_once_as_mutual(store: Store) -> None:
    from nonaligned.measures.event_series import TOP_COLUMNS, top_events
    from nonaligned.records import Records
    from nonaligned.records.countries import load_states

    rec, states = Records(store), load_states()
    df = top_events(rec, states.resolve("AZE"), limit=50)
    assert list(df.columns) == TOP_COLUMNS and df["mutual"].dtype == bool
    mine = [a for a in ASSERTED if "AZE" in (a[0], a[1])]
    assert _pairs(df.to_dict(orient="records")) == mine
    # found from either side: Russia's and Armenia's top events hold the same merged rows
    rus = top_events(rec, states.resolve("RUS"), limit=50)
    assert ("AZE", "RUS", "057", True) in _pairs(rus.to_dict(orient="records"))
    assert not (
        (rus["actor"] == "RUS") & (rus["recipient"] == "AZE") & (rus["cameo"] == "057")
    ).any()
    arm = top_events(rec, states.resolve("ARM"), limit=50)
    assert ("ARM", "AZE", "030", True) in _pairs(arm.to_dict(orient="records"))


def test_the_report_shows_a_mutual_row_with_a_double_arrow(store: Store) -> None:
    from nonaligned.measures.event_series import top_events
    from nonaligned.output import records
    from nonaligned.records import Records
    from nonaligned.records.countries import load_states
    from nonaligned.report.html import _top_events

    df = top_events(Records(store), load_states().resolve("AZE"), limit=50)
    rows = records(df)
    html = _top_events({"top_events": rows, "state": {"iso3": "AZE"}}, "none")
    assert "AZE ↔ RUS" in html and "ARM ↔ AZE" in html
    assert "AZE → TUR" in html and "RUS ↔ AZE" not in html and "RUS → AZE" in html


# -- 2. the CLI ------------------------------------------------------------------------------------
def test_query_events_folds_pairs_when_asked(store: Store) -> None:
    folded = query_events(store, fold_mutual=True)
    assert _pairs(folded.to_dict(orient="records")) == ASSERTED
    assert not folded["event_id"].isin(HIDDEN).any()
    # either side finds the merged row, as actor or as the --with partner
    for country, other in (("RUS", None), ("AZE", "RUS"), ("RUS", "AZE"), ("ARM", "AZE")):
        df = query_events(store, country=country, other=other, fold_mutual=True)
        assert df["mutual"].any(), (country, other)
        assert not df["event_id"].isin(HIDDEN).any()
    # merged across documents too: one row per pair, with its mutual flag
    merged = query_events(store, merged=True, fold_mutual=True)
    assert _pairs(merged.to_dict(orient="records")) == ASSERTED


def _cli(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> str:
    code = main(["--db", str(db), "-q", "events", *argv])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_cli_events_lists_a_pair_once(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = json.loads(_cli(capsys, db, "--format", "json"))
    assert _pairs(rows) == ASSERTED
    rows = json.loads(_cli(capsys, db, "Russia", "--with", "AZE", "--format", "json"))
    assert ("AZE", "RUS", "057", True) in _pairs(rows)
    assert all(r["event_id"] not in HIDDEN for r in rows)
    table = _cli(capsys, db, "AZE")
    assert "AZE ↔ RUS" in table and "ARM ↔ AZE" in table and "RUS → AZE" in table
    assert "RUS ↔ AZE" not in table and "AZE → —" in table


def test_cli_exports_keep_both_directions(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = _cli(capsys, db, "--format", "jsonl").splitlines()
    asserted = [e for e in EVENTS if e[7] == "asserted"]
    assert len(lines) == len(asserted)  # PLOVER JSON Lines: every coded direction
    gdelt = _cli(capsys, db, "--format", "gdelt").splitlines()
    assert len(gdelt) == len(asserted)


# -- 3. the web -----------------------------------------------------------------------------------
def test_api_events_lists_a_pair_once_and_counts_rows_as_listed(client: Any) -> None:
    body = client.get("/api/events", params={"limit": 1000}).json()
    assert _pairs(body["events"]) == ASSERTED
    assert body["total"] == len(ASSERTED) == len(body["events"])
    every = client.get("/api/events", params={"status": "all", "limit": 1000}).json()
    assert every["total"] == len(EVENTS) - len(HIDDEN) == len(every["events"])
    ids = {e["event_id"] for e in every["events"]}
    assert not ids & HIDDEN
    # paging stays consistent with the merged count: pages of 2 cover every row once
    pages = [
        client.get("/api/events", params={"limit": 2, "offset": o}).json()
        for o in range(0, len(ASSERTED) + 2, 2)
    ]
    assert {p["total"] for p in pages} == {len(ASSERTED)}
    paged = [e["event_id"] for p in pages for e in p["events"]]
    assert sorted(paged) == sorted(e["event_id"] for e in body["events"])


@pytest.mark.parametrize(
    ("actor", "partner"), [("RUS", None), ("AZE", "RUS"), ("RUS", "AZE"), ("Armenia", "AZE")]
)
def test_api_events_filters_find_a_merged_row_from_either_side(
    client: Any, actor: str, partner: str | None
) -> None:
    params = {"actor": actor, **({"partner": partner} if partner else {})}
    body = client.get("/api/events", params=params).json()
    mutual = [e for e in body["events"] if e["mutual"]]
    assert len(mutual) == 1 and mutual[0]["actor"] < mutual[0]["recipient"]
    assert body["total"] == len(body["events"])
    assert not {e["event_id"] for e in body["events"]} & HIDDEN


def test_events_page_and_document_show_a_pair_once(client: Any) -> None:
    page = client.get("/events", params={"actor": "AZE"}).text
    assert page.count('data-event="') == len([a for a in ASSERTED if "AZE" in a[:2]])
    assert 'data-event="e02"' not in page and 'data-event="e00"' not in page
    assert page.count(">↔</span>") == 2  # AZE ↔ RUS and ARM ↔ AZE
    doc = client.get(f"/api/documents/{D2}").json()
    assert sorted(e["event_id"] for e in doc["events"]) == ["e06", "e07", "e08"]
    assert [e["mutual"] for e in doc["events"] if e["event_id"] == "e06"] == [True]
