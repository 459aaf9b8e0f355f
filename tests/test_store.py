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
