"""Loading the bundled public records into the store: validated first, then one transaction.

Why this order: every file is read and checked *before* the store is touched, so a corrupted or
malformed bundled file is reported by name and the store keeps its previous contents. The swap of
all record tables happens inside one DuckDB transaction, so an interrupted load (exception, Ctrl-C,
kill -9, power loss) leaves the previous state. A fingerprint of the bundled files makes a repeated
load a no-op, and loading twice gives the same rows.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..config import bundled_data_dir
from ..errors import DataError
from ..store import Store
from .catalog import Dataset, datasets

# Column-name rules for human-edited CSV tables, whose cells are all text on disk.
_INT_COLUMNS = re.compile(r"^(cow|cow1|cow2|gw|isonum|year|first_year|last_year|atop_id|.*_cow)$")
_DATE_COLUMNS = re.compile(r"^(start|end|date|.*_date)$")
_TABLE_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass
class LoadReport:
    """What a load did, for the CLI summary."""

    up_to_date: bool = False
    tables: dict[str, int] = field(default_factory=dict)
    fingerprint: str = ""


def table_name(filename: str) -> str:
    """``bloc_memberships.csv`` -> ``bloc_memberships``; names are checked, never user text."""
    stem = filename.split(".", 1)[0]
    if not _TABLE_NAME.match(stem):
        raise DataError(f"bundled file {filename!r} does not give a valid table name")
    return stem


def file_digests(data_dir: Path, sets: list[Dataset]) -> dict[str, str]:
    """sha256 of every bundled file and note, read once per load."""
    out: dict[str, str] = {}
    for ds in sets:
        for p in [*(data_dir / f for f in ds.files), *([ds.note] if ds.note else [])]:
            try:
                out[p.name] = hashlib.sha256(p.read_bytes()).hexdigest()
            except OSError as exc:
                raise DataError(f"bundled file {p} is missing or unreadable ({exc})") from exc
    return out


def fingerprint(digests: dict[str, str]) -> str:
    """One hash over every bundled file and note: the store is rebuilt only when it changes."""
    h = hashlib.sha256()
    for name in sorted(digests):
        h.update(f"{name}:{digests[name]}\n".encode())
    return h.hexdigest()


def _typed_csv(path: Path) -> pd.DataFrame:
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataError(f"{path}: cannot be read as a UTF-8 CSV table ({exc})") from exc
    out: dict[str, pd.Series] = {}
    for col in raw.columns:
        values = raw[col].str.strip()
        if _INT_COLUMNS.match(col):
            nums = pd.to_numeric(values.replace("", None), errors="coerce")
            bad = nums.isna() & (values != "")
            if bad.any() or (nums.dropna() % 1 != 0).any():
                i = int(str(bad.idxmax())) if bad.any() else int(str((nums % 1 != 0).idxmax()))
                raise DataError(
                    f"{path} line {i + 2}: column {col!r}: {values[i]!r} is not a whole number"
                )
            out[col] = nums.astype("Int64")
        elif _DATE_COLUMNS.match(col):
            dates = pd.to_datetime(values.replace("", None), format="%Y-%m-%d", errors="coerce")
            bad = dates.isna() & (values != "")
            if bad.any():
                i = int(str(bad.idxmax()))
                raise DataError(
                    f"{path} line {i + 2}: column {col!r}: {values[i]!r} is not a YYYY-MM-DD date"
                )
            out[col] = dates.dt.date
        else:
            out[col] = values.replace("", None)
    return pd.DataFrame(out, columns=raw.columns)


def read_bundled(path: Path) -> pa.Table:
    """Read one bundled file as Arrow, turning any corruption into a DataError naming it."""
    if not path.exists():
        raise DataError(f"bundled file {path} is missing: reinstall nonaligned")
    if path.suffix == ".csv":
        return pa.Table.from_pandas(_typed_csv(path), preserve_index=False)
    if path.suffix == ".parquet":
        try:
            return pq.read_table(path)
        except (pa.ArrowException, OSError) as exc:
            raise DataError(
                f"{path}: corrupted or not a Parquet file ({exc}); reinstall nonaligned or "
                f"rebuild it with rebuild/{path.stem}.py"
            ) from exc
    raise DataError(f"{path}: unsupported bundled file type {path.suffix!r}")


def _create_derived(con: duckdb.DuckDBPyConnection, tables: set[str]) -> None:
    """Derived tables the query layer relies on (materialised once per load, not per query).

    ``state_codes`` maps every ISO3 code a state has carried to its COW code over the dates it
    carried it, so that a curated row keyed by a historical code (SUN for the USSR, YUG, SCG) joins
    the same state as the current code (RUS, SRB): COW codes, not ISO codes, carry a state's
    continuity. ISO codes were also reused by different states (DEU: West Germany, then united
    Germany; YEM: North Yemen, then Yemen; VNM: South Vietnam, then Vietnam), so each (iso3, cow)
    pair has a validity window; gaps between holders go to the next holder and the first and last
    windows are open-ended, so every date maps an ISO3 code to exactly one COW code.
    """
    if {"states", "states_iso_periods"} <= tables:
        # stores built before 0.1 kept this as a view; a view is not replaced by a table
        is_view = con.execute(
            "SELECT count(*) FROM information_schema.tables "
            "WHERE table_name = 'state_codes' AND table_type = 'VIEW'"
        ).fetchone()
        if is_view and is_view[0]:
            con.execute("DROP VIEW state_codes")
        con.execute(
            """CREATE OR REPLACE TABLE state_codes AS
               WITH raw AS (
                   SELECT iso3, cow, start, "end" FROM states_iso_periods WHERE iso3 IS NOT NULL
                   UNION ALL
                   SELECT s.iso3, s.cow, s.start, s."end" FROM states s
                   WHERE s.iso3 IS NOT NULL AND NOT EXISTS (
                       SELECT 1 FROM states_iso_periods p WHERE p.cow = s.cow AND p.iso3 = s.iso3)),
               ordered AS (
                   SELECT *, lag("end") OVER w AS prev_end, lead(start) OVER w AS next_start
                   FROM raw WINDOW w AS (PARTITION BY iso3 ORDER BY start NULLS FIRST, cow))
               SELECT iso3, cow,
                      CASE WHEN prev_end IS NULL THEN DATE '0001-01-01'
                           ELSE CAST(prev_end + INTERVAL 1 DAY AS DATE) END AS valid_from,
                      CASE WHEN next_start IS NULL THEN DATE '9999-12-31'
                           ELSE least(coalesce("end", next_start - 1), next_start - 1) END AS valid_to
               FROM ordered"""
        )


def load_records(
    store: Store,
    data_dir: Path | None = None,
    *,
    force: bool = False,
    on_table: Callable[[str, int], None] | None = None,
) -> LoadReport:
    """Load (or refresh) every bundled dataset into ``store`` atomically."""
    folder = data_dir or bundled_data_dir()
    sets = datasets(folder)
    if not sets:
        raise DataError(f"no bundled datasets (no *.SOURCE.md) in {folder}: reinstall nonaligned")
    digests = file_digests(folder, sets)
    fp = fingerprint(digests)
    report = LoadReport(fingerprint=fp)
    if not force and store.meta("records_fingerprint") == fp:
        report.up_to_date = True
        return report

    # 1. read and check everything first: nothing is written if any file is bad.
    tables: dict[str, pa.Table] = {}
    for ds in sets:
        for f in ds.files:
            tbl = read_bundled(folder / f)
            declared = ds.rows.get(f)
            if declared is not None and declared != tbl.num_rows:
                raise DataError(
                    f"{folder / f}: has {tbl.num_rows} rows but its SOURCE note declares "
                    f"{declared}; the file is truncated or the note is stale"
                )
            tables[table_name(f)] = tbl

    # 2. swap all record tables in one transaction.
    now = datetime.now(UTC).replace(tzinfo=None)
    with store.transaction() as con:
        for name, tbl in tables.items():
            con.register("_incoming", tbl)
            con.execute(f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM _incoming')
            con.unregister("_incoming")
            report.tables[name] = tbl.num_rows
            if on_table:
                on_table(name, tbl.num_rows)
        _create_derived(con, set(tables))
        if {"rollcalls", "votes"} <= set(tables):
            from .update import reapply

            reapply(con)  # roll calls merged by `data update` that this bundle lacks
        con.execute("DELETE FROM datasets")
        for ds in sets:
            digest = hashlib.sha256("".join(digests[f] for f in ds.files).encode())
            con.execute(
                "INSERT INTO datasets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    ds.name,
                    ds.title,
                    ds.version,
                    ds.licence,
                    ds.origin,
                    ", ".join(ds.files),
                    sum(tables[table_name(f)].num_rows for f in ds.files),
                    digest.hexdigest(),
                    ds.citation,
                    now,
                ],
            )
        con.execute("INSERT OR REPLACE INTO meta VALUES ('records_fingerprint', ?)", [fp])
        con.execute(
            "INSERT OR REPLACE INTO meta VALUES ('records_loaded_at', ?)", [now.isoformat()]
        )
    return report
