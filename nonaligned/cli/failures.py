"""Unexpected failures as one line: a damaged or full store explained, other errors with the traceback saved."""

from __future__ import annotations

import argparse
import os
import sys

from .. import __version__
from .common import (
    _error,
)

_FULL = ("no space left", "disk is full", "disk full")


_DAMAGE = ("corrupt", "checksum", "failed to read", "could not read", "invalid database")


def _is_duckdb(exc: BaseException) -> bool:
    return type(exc).__module__.split(".")[0] in ("duckdb", "_duckdb")


def explain(exc: BaseException, store: object) -> str | None:
    """A one-line explanation, with what to do, of a failure of the store or the file system;
    None for anything else (a bug). ``store`` is the store's path, named in the message."""
    import errno

    first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    text = str(exc).lower()
    kind = type(exc).__name__
    if (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or any(f in text for f in _FULL):
        where = getattr(exc, "filename", None) or store
        return (
            f"the disk is full (writing {where}): {first}. Free some space and run the same "
            "command again; what was committed before is kept, the unfinished step is not"
        )
    if _is_duckdb(exc):
        if kind == "CatalogException":
            return (
                f"store {store}: part of its schema is missing ({first}). It was built by another "
                "version or damaged: rebuild it with `nonaligned build --force`, or use another "
                "--db"
            )
        if kind in ("IOException", "SerializationException", "FatalException") or any(
            d in text for d in _DAMAGE
        ):
            return (
                f"store {store}: the file is damaged or unreadable ({first}). Move it aside and "
                "rebuild with `nonaligned build` (then ingest the news again), or restore a copy; "
                "this command changed nothing"
            )
        return None
    if isinstance(exc, OSError):
        where = f" {exc.filename}" if exc.filename else ""
        return f"cannot use{where}: {exc.strerror or first}"
    if isinstance(exc, MemoryError):
        return "out of memory: ask for less (a shorter period, fewer replicates) or free memory"
    return None


def _save_traceback(exc: BaseException) -> str | None:
    """Write the traceback of ``exc`` to a file in the temporary folder; its path, or None."""
    import tempfile
    import time
    import traceback

    try:
        fd, path = tempfile.mkstemp(
            prefix=f"nonaligned-error-{time.strftime('%Y%m%d-%H%M%S')}-", suffix=".txt"
        )
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(f"nonaligned {__version__}, argv {sys.argv!r}\n")
            fh.write("".join(traceback.format_exception(exc)))
    except OSError:
        return None
    return path


def _unexpected(exc: BaseException, args: argparse.Namespace) -> int:
    """The last resort: one line, never a traceback on the terminal (``--debug`` shows it)."""
    from ..config import resolve_db_path

    try:
        store: object = resolve_db_path(getattr(args, "db", None)).absolute()
    except Exception:
        store = "(the store)"
    known = explain(exc, store)
    if known is not None:
        _error(known)
        return 1
    saved = _save_traceback(exc)
    first = (str(exc).strip().splitlines() or [""])[0]
    _error(
        f"unexpected {type(exc).__name__}"
        + (f" ({first})" if first else "")
        + "; this is a bug in nonaligned. "
        + (f"The traceback is saved in {saved}; " if saved else "")
        + "rerun with --debug to see it"
    )
    return 1
