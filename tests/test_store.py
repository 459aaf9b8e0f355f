"""The store: creation, migrations, refusal of newer or corrupted files, nothing lost."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest

from nonaligned.config import default_db_path, resolve_db_path
from nonaligned.errors import StoreError
from nonaligned.store import SCHEMA_VERSION, Store
from nonaligned.store.schema import MIGRATIONS


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_store_is_migrated_to_current_version(db_path: Path) -> None:
    with Store.open(db_path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.has_table("datasets")
    assert db_path.exists()


def test_db_path_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NONALIGNED_DB", str(tmp_path / "env.duckdb"))
    assert default_db_path() == tmp_path / "env.duckdb"
    assert resolve_db_path(tmp_path / "flag.duckdb") == tmp_path / "flag.duckdb"
    monkeypatch.delenv("NONALIGNED_DB")
    assert default_db_path().name == "nonaligned.duckdb"


def test_reopening_keeps_data(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.con.execute("INSERT INTO meta VALUES ('probe', 'kept')")
    with Store.open(db_path) as store:
        assert store.meta("probe") == "kept"


def test_newer_schema_is_refused_and_left_untouched(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
        store.con.execute("CHECKPOINT")
    before = digest(db_path)
    with pytest.raises(StoreError, match=r"newer nonaligned \(schema version 99"):
        Store.open(db_path)
    assert digest(db_path) == before


def test_older_schema_is_migrated_forward(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store.open(db_path) as store:
        store.con.execute("INSERT INTO meta VALUES ('probe', 'kept')")
    # pretend the code gained a version 2 that adds a table
    monkeypatch.setitem(MIGRATIONS, SCHEMA_VERSION + 1, ["CREATE TABLE extra (x INTEGER)"])
    monkeypatch.setattr("nonaligned.store.connection.SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with Store.open(db_path) as store:
        assert store.schema_version() == SCHEMA_VERSION + 1
        assert store.has_table("extra")
        assert store.meta("probe") == "kept"


def test_read_only_open_of_missing_store_says_how_to_build(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="nonaligned build"):
        Store.open(tmp_path / "absent.duckdb", read_only=True)


@pytest.mark.parametrize(
    "content",
    [b"this is a text file, not a database\n" * 10, bytes(range(256)) * 64],
    ids=["text", "binary-garbage"],
)
def test_not_a_database_is_refused_and_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.duckdb"
    path.write_bytes(content)
    with pytest.raises(StoreError, match="not a DuckDB database"):
        Store.open(path)
    assert path.read_bytes() == content


def test_corrupted_database_body_is_refused_and_untouched(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.con.execute("CREATE TABLE t AS SELECT range AS x FROM range(100000)")
        store.con.execute("CHECKPOINT")
    raw = bytearray(db_path.read_bytes())
    # keep the header's magic, wreck the database headers and the first blocks after it
    for i in range(16, min(len(raw), 300_000)):
        raw[i] = (raw[i] * 7 + 13) % 256
    db_path.write_bytes(bytes(raw))
    before = digest(db_path)
    with pytest.raises(StoreError, match=str(db_path.name)):
        Store.open(db_path)
    assert digest(db_path) == before


def test_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory"):
        Store.open(tmp_path)


def test_locked_store_gives_clear_message(db_path: Path) -> None:
    Store.open(db_path).close()
    # DuckDB locks across processes, not within one; emulate the other process's error text
    err = duckdb.IOException('Could not set lock on file "x": Conflicting lock is held')
    import nonaligned.store.connection as conn

    def refuse(*_a: object, **_k: object) -> None:
        raise err

    orig = conn.duckdb.connect
    conn.duckdb.connect = refuse  # type: ignore[assignment]
    try:
        with pytest.raises(StoreError, match="in use by another nonaligned process"):
            Store.open(db_path)
    finally:
        conn.duckdb.connect = orig


@pytest.mark.parametrize(
    "error",
    [
        RuntimeError("Query interrupted"),
        duckdb.InterruptException("INTERRUPT Error: Interrupted!"),
        duckdb.Error("Traceback (most recent call last):\n  ...\nKeyboardInterrupt: "),
    ],
)
def test_ctrl_c_inside_a_statement_rolls_back_and_is_a_keyboard_interrupt(
    db_path: Path, error: Exception
) -> None:
    """DuckDB turns a Ctrl-C during a statement into an error of its own; the store rolls the
    batch back and re-raises it as the KeyboardInterrupt the commands handle (exit 130)."""
    with Store.open(db_path) as store:
        store.con.execute("CREATE TABLE t (x INTEGER)")
        with pytest.raises(KeyboardInterrupt), store.transaction() as con:
            con.execute("INSERT INTO t VALUES (1)")
            raise error
        assert store.con.execute("SELECT count(*) FROM t").fetchone() == (0,)
        # other errors stay what they are
        with pytest.raises(RuntimeError, match="something else"), store.transaction() as con:
            con.execute("INSERT INTO t VALUES (2)")
            raise RuntimeError("something else")
        assert store.con.execute("SELECT count(*) FROM t").fetchone() == (0,)


def _keys(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    rows = con.execute(
        "SELECT constraint_type FROM duckdb_constraints() WHERE table_name = ? "
        "AND constraint_type IN ('PRIMARY KEY', 'UNIQUE')",
        [table],
    ).fetchall()
    return [str(r[0]) for r in rows]


def test_schema_7_drops_the_text_tables_keys_and_keeps_their_rows(tmp_path: Path) -> None:
    """Issue 17: a primary key's index stays whole in DuckDB's memory, so the ingest's process
    grew with the store. A store at schema 6 with sentences and mentions keeps every row."""
    path = tmp_path / "v6.duckdb"
    con = duckdb.connect(str(path))
    for step in range(1, 7):
        for ddl in MIGRATIONS[step]:
            con.execute(ddl)
    con.execute("INSERT INTO meta VALUES ('schema_version', '6')")
    con.execute(
        "INSERT INTO sentences VALUES ('d1', 0, 0, 9, 'One. Two.'), ('d1', 1, 10, 14, 'Two')"
    )
    con.execute(
        "INSERT INTO mentions VALUES ('d1', 0, 0, 3, 'One', 'state', 'AZE', NULL, NULL, "
        "'dictionary', 0.9)"
    )
    assert _keys(con, "sentences") == _keys(con, "mentions") == ["PRIMARY KEY"]
    con.close()
    with Store.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION >= 7
        assert _keys(store.con, "sentences") == _keys(store.con, "mentions") == []
        assert store.con.execute("SELECT count(*) FROM sentences").fetchone() == (2,)
        got = store.con.execute("SELECT * FROM mentions").fetchall()
        assert got == [("d1", 0, 0, 3, "One", "state", "AZE", None, None, "dictionary", 0.9)]


def test_an_ingest_still_stores_each_sentence_and_mention_once(tmp_path: Path) -> None:
    """Without the keys, uniqueness rests on the ingest writing a document's rows once: an
    ingest, a repeated ingest and a resumed one leave no span twice."""
    from nonaligned.engine.ingest import ingest

    sample = Path(__file__).resolve().parents[1] / "nonaligned" / "text" / "sample"
    pages = sorted(p for p in sample.iterdir() if p.suffix in (".txt", ".html"))[:6]
    with Store.open(tmp_path / "s.duckdb") as store:
        first = ingest(store, [str(p) for p in pages[:4]])
        ingest(store, [str(p) for p in pages])  # four again, two new
        assert first.stored == 4
        for table, key in (("sentences", "doc_id, sent"), ("mentions", 'doc_id, "start", "end"')):
            total, distinct = store.con.execute(
                f"SELECT count(*), count(DISTINCT ({key})) FROM {table}"
            ).fetchone() or (0, 0)
            assert total == distinct > 0, table
