"""Opening the embedded DuckDB store safely.

Why a wrapper rather than bare ``duckdb.connect``: a user's store is precious (later it holds their
ingested corpus), so opening must never damage it. A file that is not a DuckDB database, a corrupted
one, one locked by another process, or one written by a newer schema is refused with a message that
names the file and says what to do — and nothing is written to it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pandas as pd

from ..config import resolve_db_path
from ..errors import StoreError, is_interrupt
from .schema import MIGRATIONS, SCHEMA_VERSION

# A DuckDB file carries the magic bytes "DUCK" at offset 8 of its first block.
_MAGIC_OFFSET = 8
_MAGIC = b"DUCK"


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            head = fh.read(_MAGIC_OFFSET + len(_MAGIC))
    except OSError as exc:
        raise StoreError(f"store {path}: cannot be read ({exc.strerror or exc})") from exc
    if len(head) == 0:
        return  # an empty file is treated as a new store
    if head[_MAGIC_OFFSET:] != _MAGIC:
        raise StoreError(
            f"store {path}: not a DuckDB database (wrong file header); it was left untouched. "
            "Pass another path with --db or NONALIGNED_DB, or move this file aside."
        )


class Store:
    """A connection to the store with its schema checked and migrated."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path, read_only: bool) -> None:
        self.con = con
        self.path = path
        self.read_only = read_only

    # -- opening -------------------------------------------------------------------------------
    @classmethod
    def open(cls, db: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> Store:
        """Open (creating if needed, unless ``read_only``) and migrate the store at ``db``."""
        path = resolve_db_path(db)
        if path.exists():
            if path.is_dir():
                raise StoreError(f"store {path}: is a directory, expected a database file")
            _check_header(path)
        elif read_only:
            raise StoreError(f"no store at {path}: build it first with `nonaligned build`")
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"store {path}: cannot create its folder ({exc})") from exc
        try:
            con = duckdb.connect(str(path), read_only=read_only)
        except duckdb.Error as exc:
            text = str(exc)
            if "lock" in text.lower():
                reason = (
                    "it is in use by another nonaligned process; wait for it or use another --db"
                )
            else:
                reason = f"it cannot be opened as a DuckDB database ({text.splitlines()[0]})"
            raise StoreError(f"store {path}: {reason}. It was left untouched.") from exc
        store = cls(con, path, read_only)
        try:
            store._migrate()
        except BaseException:
            con.close()
            raise
        return store

    def _migrate(self) -> None:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"store {self.path}: written by a newer nonaligned (schema version {version}; "
                f"this version reads up to {SCHEMA_VERSION}). Upgrade nonaligned, or use another "
                "--db. The store was left untouched."
            )
        if version == SCHEMA_VERSION:
            return
        if self.read_only:
            raise StoreError(
                f"store {self.path}: schema version {version} needs upgrading to {SCHEMA_VERSION}; "
                "run `nonaligned build` once (it migrates in place, keeping your data)"
            )
        with self.transaction():
            for step in range(version + 1, SCHEMA_VERSION + 1):
                for ddl in MIGRATIONS[step]:
                    self.con.execute(ddl)
            self.con.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
            )

    def schema_version(self) -> int:
        """0 for a new, empty store."""
        has_meta = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
        ).fetchone()
        if not has_meta or not has_meta[0]:
            return 0
        row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None:
            return 0
        try:
            return int(row[0])
        except ValueError as exc:
            raise StoreError(f"store {self.path}: corrupted schema version {row[0]!r}") from exc

    # -- use -----------------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All or nothing: an exception (or a killed process) leaves the previous state."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
            self.con.execute("COMMIT")
        except BaseException as exc:
            # the failed statement (an interrupted COMMIT, say) may have ended it already
            with suppress(duckdb.Error, RuntimeError):
                self.con.execute("ROLLBACK")
            if is_interrupt(exc) and not isinstance(exc, KeyboardInterrupt):
                raise KeyboardInterrupt from exc  # Ctrl-C, whatever DuckDB made of it
            raise

    def query(self, sql: str, params: Sequence[Any] | None = None) -> pd.DataFrame:
        """Run a parametrised query and return a DataFrame (never build SQL from user text)."""
        return self.con.execute(sql, list(params) if params is not None else None).df()

    def has_table(self, name: str) -> bool:
        row = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
        ).fetchone()
        return bool(row and row[0])

    def meta(self, key: str) -> str | None:
        row = self.con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return None if row is None else str(row[0])

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
