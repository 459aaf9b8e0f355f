"""Opening the embedded DuckDB store safely.

Why a wrapper rather than bare ``duckdb.connect``: a user's store is precious (later it holds their
ingested corpus), so opening must never damage it. A file that is not a DuckDB database, a corrupted
one, one locked by another process, or one written by a newer schema is refused with a message that
names the file and says what to do — and nothing is written to it.
"""

from __future__ import annotations

import os
import re
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


_DISK_FULL = ("no space left", "disk quota", "file too large", "disk full")
_DAMAGED = (
    "corrupt",
    "checksum",
    "could not read enough bytes",
    "not a valid duckdb database",
    "invalid block",
    "serialization error",
    "failed to read",
)
_OWNED_TABLES = tuple(
    dict.fromkeys(
        m.group(1)
        for steps in MIGRATIONS.values()
        for ddl in steps
        for m in re.finditer(r"CREATE TABLE IF NOT EXISTS (\w+)", ddl)
    )
)
"""The tables the migrations create: a store at the current version without one is damaged."""


_PID = re.compile(r"\(PID (\d+)\)")
_OPTIONS_WITH_VALUE = frozenset({"--db"})


def lock_holder(message: str) -> str | None:
    """Who holds the store, from DuckDB's lock message: "`nonaligned ingest` (pid 123)" when the
    process's command line can be read (Linux /proc), else "pid 123"; None without a pid."""
    m = _PID.search(message)
    if not m:
        return None
    pid = m.group(1)
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return f"pid {pid}"
    words = [a.decode("utf-8", "replace") for a in argv if a]
    command = None
    for i, word in enumerate(words):
        if Path(word).name == "nonaligned" or word in ("nonaligned.cli", "nonaligned"):
            rest = words[i + 1 :]
            j = 0
            while j < len(rest) and rest[j].startswith("-"):
                j += 2 if rest[j] in _OPTIONS_WITH_VALUE else 1
            command = rest[j] if j < len(rest) else None
            break
    return f"`nonaligned {command}` (pid {pid})" if command else f"pid {pid}"


class StoreNeedsMigration(StoreError):
    """A read-only open of a store whose schema is older than this version's: a write open
    (``nonaligned build`` or any writing command) migrates it in place."""


def store_error(
    exc: BaseException, path: str | os.PathLike[str], *, read_only: bool = False
) -> StoreError | None:
    """A :class:`StoreError` naming ``path`` for a DuckDB error that is about the store file
    (the disk is full, the file is damaged, a table is missing, another process holds it), or
    None for any other error (a bug: let it show).

    The CLI turns an uncaught ``duckdb.Error`` into a clear message through this."""
    if isinstance(exc, StoreError):
        return exc
    text = str(exc)
    first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    low = text.lower()
    kind = type(exc).__name__
    if any(k in low for k in _DISK_FULL) or (isinstance(exc, OSError) and exc.errno == 28):
        return StoreError(
            f"store {path}: the disk is full ({first}). What was being written was rolled back "
            "and everything committed before is kept; free some space and run the same command "
            "again to resume."
        )
    if "conflicting lock" in low or "could not set lock" in low:
        holder = lock_holder(text)
        if read_only:
            return StoreError(
                f"store {path}: being written by {holder or 'another nonaligned process'}; "
                "a store being written cannot be read (DuckDB gives a writer the file to "
                "itself); try again when it finishes. It was left untouched."
            )
        return StoreError(
            f"store {path}: it is in use by {holder or 'another nonaligned process'}"
            "; a writing command (build, ingest, code, load-events, data update) needs the "
            "store to itself, so wait for it or stop it (readers such as `serve` included), or "
            "use another --db. It was left untouched."
        )
    if kind == "CatalogException" and "does not exist" in low:
        return StoreError(
            f"store {path}: damaged or incomplete, a table is missing ({first}). Nothing was "
            "changed. Restore it from a backup, or move it aside and run `nonaligned build` "
            "(then ingest again) to make a new one."
        )
    if kind in ("IOException", "InternalException", "SerializationException") or any(
        k in low for k in _DAMAGED
    ):
        return StoreError(
            f"store {path}: the file is damaged ({first}). Nothing was changed. Restore it from "
            "a backup, or move it aside and run `nonaligned build` (then ingest again) to make "
            "a new one."
        )
    return None


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
            known = store_error(exc, path, read_only=read_only)
            if known is not None:
                raise known from exc
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise StoreError(
                f"store {path}: it cannot be opened as a DuckDB database ({first}). "
                "It was left untouched."
            ) from exc
        store = cls(con, path, read_only)
        try:
            store._migrate()
            store._check_tables()
        except duckdb.Error as exc:
            con.close()
            raise (store_error(exc, path) or exc) from exc
        except BaseException:
            con.close()
            raise
        return store

    def _check_tables(self) -> None:
        """Refuse a store at the current version that lacks one of its own tables."""
        present = {
            str(r[0])
            for r in self.con.execute("SELECT table_name FROM information_schema.tables").fetchall()
        }
        missing = [t for t in _OWNED_TABLES if t not in present]
        if missing:
            raise StoreError(
                f"store {self.path}: damaged or incomplete, table {', '.join(missing)} "
                f"{'is' if len(missing) == 1 else 'are'} missing. Nothing was changed. Restore "
                "it from a backup, or move it aside and run `nonaligned build` (then ingest "
                "again) to make a new one."
            )

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
            raise StoreNeedsMigration(
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
            if isinstance(exc, duckdb.Error | OSError):
                known = store_error(exc, self.path)
                if known is not None:  # disk full, a damaged file: said as such
                    raise known from exc
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
