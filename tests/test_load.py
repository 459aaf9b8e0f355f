"""Loading bundled records: validated first, atomic, idempotent, nothing lost on failure."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import write_tiny_dataset

from nonaligned.errors import DataError
from nonaligned.records.load import load_records
from nonaligned.store import Store


def rows(db: Path) -> list[tuple[object, ...]]:
    with Store.open(db) as store:
        return store.con.execute("SELECT * FROM things ORDER BY cow").fetchall()


def test_load_creates_tables_with_types(tiny_data: Path, db_path: Path) -> None:
    with Store.open(db_path) as store:
        report = load_records(store, tiny_data)
        assert report.tables == {"things": 3, "labels": 2}
        types = dict(
            store.con.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'labels'"
            ).fetchall()
        )
        assert types["cow"] == "BIGINT" and types["start"] == "DATE" and types["label"] == "VARCHAR"
        assert store.con.execute('SELECT count(*) FROM labels WHERE "end" IS NULL').fetchone() == (
            1,
        )
        ds = store.query("SELECT * FROM datasets")
        assert ds.loc[0, "name"] == "things" and ds.loc[0, "rows"] == 5


def test_second_load_is_a_noop_and_force_gives_same_rows(tiny_data: Path, db_path: Path) -> None:
    with Store.open(db_path) as store:
        load_records(store, tiny_data)
        first = store.con.execute("SELECT * FROM things ORDER BY cow").fetchall()
        assert load_records(store, tiny_data).up_to_date
        assert not load_records(store, tiny_data, force=True).up_to_date
        assert store.con.execute("SELECT * FROM things ORDER BY cow").fetchall() == first


def test_changed_data_is_reloaded(tiny_data: Path, db_path: Path) -> None:
    with Store.open(db_path) as store:
        load_records(store, tiny_data)
    write_tiny_dataset(tiny_data, version="v2", n=5)
    with Store.open(db_path) as store:
        assert not load_records(store, tiny_data).up_to_date
    assert len(rows(db_path)) == 5


def test_failure_midway_rolls_back(tiny_data: Path, db_path: Path) -> None:
    with Store.open(db_path) as store:
        load_records(store, tiny_data)
    before = rows(db_path)
    write_tiny_dataset(tiny_data, version="v2", n=5)

    def boom(name: str, n: int) -> None:
        raise RuntimeError("interrupted")

    with Store.open(db_path) as store, pytest.raises(RuntimeError):
        load_records(store, tiny_data, on_table=boom)
    assert rows(db_path) == before


def test_kill_9_midway_leaves_previous_state(tiny_data: Path, db_path: Path) -> None:
    with Store.open(db_path) as store:
        load_records(store, tiny_data)
    before = rows(db_path)
    write_tiny_dataset(tiny_data, version="v2", n=5)
    flag = db_path.parent / "inside"
    script = textwrap.dedent(
        f"""
        import time, pathlib
        from nonaligned.store import Store
        from nonaligned.records.load import load_records
        def pause(name, n):
            pathlib.Path({str(flag)!r}).write_text(name)
            time.sleep(60)
        with Store.open({str(db_path)!r}) as s:
            load_records(s, pathlib.Path({str(tiny_data)!r}), on_table=pause)
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 30
        while not flag.exists():
            assert proc.poll() is None, "loader exited before reaching the pause"
            assert time.monotonic() < deadline, "loader never reached the pause"
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert rows(db_path) == before


def test_corrupted_parquet_is_named_and_store_kept(tiny_data: Path, db_path: Path) -> None:
    with Store.open(db_path) as store:
        load_records(store, tiny_data)
    before = rows(db_path)
    target = tiny_data / "things.parquet"
    target.write_bytes(target.read_bytes()[: len(target.read_bytes()) // 2])
    with (
        Store.open(db_path) as store,
        pytest.raises(DataError, match=r"things\.parquet: corrupted"),
    ):
        load_records(store, tiny_data)
    assert rows(db_path) == before


@pytest.mark.parametrize(
    ("csv", "message"),
    [
        (
            "cow,start,end,label\nx1,2000-01-01,,a\n",
            r"line 2: column 'cow': 'x1' is not a whole number",
        ),
        ("cow,start,end,label\n1,2000-01-01,,a\n2,01/02/2000,,b\n", r"line 3: column 'start'"),
        ("cow,start,end,label\n1,2000-01-01,,a\n", r"has 1 rows but its SOURCE note declares 2"),
    ],
)
def test_malformed_csv_is_named(tiny_data: Path, db_path: Path, csv: str, message: str) -> None:
    (tiny_data / "labels.csv").write_text(csv, encoding="utf-8")
    with Store.open(db_path) as store, pytest.raises(DataError, match=message):
        load_records(store, tiny_data)


def test_bad_source_note_is_named(tiny_data: Path, db_path: Path) -> None:
    (tiny_data / "things.SOURCE.md").write_text("no front matter\n", encoding="utf-8")
    with (
        Store.open(db_path) as store,
        pytest.raises(DataError, match=r"things\.SOURCE\.md: SOURCE note must start"),
    ):
        load_records(store, tiny_data)


def test_missing_file_is_named(tiny_data: Path, db_path: Path) -> None:
    (tiny_data / "labels.csv").unlink()
    with Store.open(db_path) as store, pytest.raises(DataError, match=r"labels\.csv"):
        load_records(store, tiny_data)


def test_reload_over_a_store_with_derived_tables(db_path: Path) -> None:
    """A forced reload of a store that already holds the derived state_codes table works (and a
    store from before it was a table, where it was a view, is upgraded)."""
    from nonaligned.records.load import load_records as load

    with Store.open(db_path) as store:
        load(store)
        load(store, force=True)
        store.con.execute("DROP TABLE state_codes")
        store.con.execute("CREATE VIEW state_codes AS SELECT 'AZE' AS iso3, 373 AS cow")
        load(store, force=True)
        kinds = store.con.execute(
            "SELECT table_type FROM information_schema.tables WHERE table_name = 'state_codes'"
        ).fetchall()
    assert kinds == [("BASE TABLE",)]
