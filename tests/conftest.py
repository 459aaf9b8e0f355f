"""Shared fixtures: tiny bundled-data folders built by code, and isolated stores."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = ROOT / "nonaligned" / "records" / "data"

needs_shared = pytest.mark.skipif(
    not (SHARED / "data" / "external").is_dir(),
    reason="../shared/data/external (public source datasets) is not present on this machine",
)


def write_tiny_dataset(folder: Path, version: str = "v1", n: int = 3) -> None:
    """A two-file dataset with a SOURCE note, in the bundled-data layout."""
    folder.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(
        {"cow": list(range(1, n + 1)), "x": [f"{version}-{i}" for i in range(n)]}
    ).to_parquet(folder / "things.parquet", index=False)
    (folder / "labels.csv").write_text(
        "cow,start,end,label\n1,2000-01-01,,first\n2,1999-05-02,2001-12-31,second\n",
        encoding="utf-8",
    )
    (folder / "things.SOURCE.md").write_text(
        textwrap.dedent(
            f"""\
            +++
            name = "things"
            title = "Tiny test dataset"
            files = ["things.parquet", "labels.csv"]
            version = "{version}"
            licence = "CC0"
            origin = "tests/conftest.py"
            rows = {{ "things.parquet" = {n}, "labels.csv" = 2 }}
            citation = \"\"\"@misc{{things, title = {{Things}}}}\"\"\"
            +++
            ## Columns
            """
        ),
        encoding="utf-8",
    )


@pytest.fixture
def tiny_data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    write_tiny_dataset(folder)
    return folder


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A store path of its own, also exported as NONALIGNED_DB so nothing touches the user's."""
    path = tmp_path / "store" / "test.duckdb"
    monkeypatch.setenv("NONALIGNED_DB", str(path))
    yield path


@pytest.fixture(scope="session")
def built_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built once per test session from the real bundled records, ideal points included."""
    from nonaligned.measures.api import Measures
    from nonaligned.records import Records
    from nonaligned.records.load import load_records
    from nonaligned.store import Store

    path = tmp_path_factory.mktemp("built") / "records.duckdb"
    with Store.open(path) as store:
        load_records(store)
        Measures(Records(store)).idealpoints()  # cached once, as `nonaligned build` does
    return path


@pytest.fixture(scope="session")
def rec(built_db: Path) -> Iterator[object]:
    """Records over the built store, opened read-only as the web layer will."""
    # DuckDB will not open one file read-write in a process that holds it read-only, and the
    # CLI tests open built_db read-write: the read-only fixture gets its own copy.
    import shutil

    from nonaligned.records import Records
    from nonaligned.store import Store

    copy = built_db.with_name("records-readonly.duckdb")
    shutil.copyfile(built_db, copy)
    store = Store.open(copy, read_only=True)
    yield Records(store)
    store.close()
