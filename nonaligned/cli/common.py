"""Helpers shared by the command modules: argument types with ranges, checks made before any work, the store opener, format options and one-line errors."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from ..errors import NonalignedError
from ..output import FORMATS, DefaultFormat, printable

Handler = Callable[[argparse.Namespace], int]


def bounded_int(lo: int, hi: int) -> Callable[[str], int]:
    """An argparse type: a whole number from ``lo`` to ``hi``, else argparse's one-line error.

    Why bounds on every count: a typo such as ``--replicates 1000000000`` would otherwise ask
    for terabytes, and a negative one fails deep inside numpy or DuckDB.
    """

    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not lo <= value <= hi:
            raise argparse.ArgumentTypeError(f"{value} is out of range: give {lo} to {hi:,}")
        return value

    parse.__name__ = "whole number"  # argparse names the type in its messages
    return parse


def bounded_float(lo: float, hi: float) -> Callable[[str], float]:
    """An argparse type: a number greater than ``lo`` and at most ``hi``."""

    def parse(text: str) -> float:
        try:
            value = float(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if not lo < value <= hi:  # also refuses nan
            raise argparse.ArgumentTypeError(
                f"{text.strip()} is out of range: give more than {lo:g} and at most {hi:g}"
            )
        return value

    parse.__name__ = "number"
    return parse


MAX_REPLICATES = 5_000  # roll-call bootstrap of the lean and balance (replicates x roll calls)


MAX_IP_BOOTSTRAP = 1_000  # each one a full ideal-point estimation


MAX_WORKERS = 256


MAX_BATCH = 100_000


MAX_ROWS = 1_000_000_000


def _status(args: argparse.Namespace, text: str) -> None:
    if not getattr(args, "quiet", False):
        print(text, file=sys.stderr)


def open_read(args: argparse.Namespace) -> Any:
    """The store opened read-only, as every read command opens it.

    Why read-only: DuckDB lets any number of read-only opens of one file share it (the CLI,
    ``serve``, a report, other readers), but a read-write open has the file to itself. A store
    that does not exist yet (or is empty, or has an older schema) is first created or migrated
    by a short write open, then reopened read-only; the write open fails clearly when it cannot
    be done (a read-only folder, a writer at work)."""
    from ..config import resolve_db_path
    from ..store import Store
    from ..store.connection import StoreNeedsMigration

    path = resolve_db_path(args.db)
    if not path.exists() or (path.is_file() and path.stat().st_size == 0):
        Store.open(path).close()
    try:
        return Store.open(path, read_only=True)
    except StoreNeedsMigration:
        _status(args, f"upgrading the store at {path} to this version's schema…")
        Store.open(path).close()
        return Store.open(path, read_only=True)


def _records_fingerprint() -> str:
    from ..config import bundled_data_dir
    from ..records.catalog import datasets
    from ..records.load import file_digests, fingerprint

    folder = bundled_data_dir()
    return fingerprint(file_digests(folder, datasets(folder)))


def _prepare(args: argparse.Namespace, store: Any) -> None:
    """Load the bundled records and cache the ideal points, as ``nonaligned build`` does."""
    from ..measures.api import Measures
    from ..records import Records
    from ..records.load import load_records

    first = store.meta("records_fingerprint") is None
    if first:
        _status(args, f"building the store at {store.path} from the bundled records (first run)…")
    report = load_records(store)
    if not report.up_to_date and report.tables and not first:
        _status(
            args,
            f"store refreshed: {sum(report.tables.values()):,} rows in {len(report.tables)} tables",
        )
    if store.meta("idealpoints_fingerprint") is None or not report.up_to_date:
        _status(args, "estimating the ideal points once (cached in the store)…")
        Measures(Records(store)).idealpoints()


def _records(args: argparse.Namespace, *, write: bool = False) -> Any:
    """The bundled records over the store: read-only unless ``write`` (``data update``).

    A store that is missing, unbuilt or built from other bundled records is built or refreshed
    first by a short write open (the first run of any command does what ``nonaligned build``
    does), then reopened read-only. When that write cannot happen (the store is being read by
    ``serve``, or its folder is read-only) a built store is read as it is, with a warning."""
    from ..errors import StoreError
    from ..records import Records
    from ..store import Store

    if write:
        store = Store.open(args.db)
        try:
            _prepare(args, store)
        except BaseException:
            store.close()
            raise
        return Records(store)
    store = open_read(args)
    try:
        built = store.meta("records_fingerprint")
        ready = built == _records_fingerprint() and store.meta("idealpoints_fingerprint")
    except BaseException:
        store.close()
        raise
    if ready:
        return Records(store)
    path = store.path
    store.close()
    try:
        with Store.open(path) as writable:
            _prepare(args, writable)
    except StoreError as exc:
        if built is None:
            raise
        print(
            f"nonaligned: warning: the store at {path} was built from other bundled records and "
            f"cannot be refreshed now ({exc}); reading it as it is. Run `nonaligned build` "
            "when nothing else uses it.",
            file=sys.stderr,
        )
    return Records(open_read(args))


def _check_names(rec: Any, args: argparse.Namespace) -> None:
    """Resolve the state, its peers and the poles before any measure is computed, so that a
    typo in the last peer fails at once rather than after the first state's bootstrap."""
    from ..dates import parse_date
    from ..measures.poles import validate_poles

    day = parse_date(args.until, end=True, what="--until date")
    state = rec.country(args.country, on=day)
    for name in args.peers or []:
        rec.country(name, on=day)
    validate_poles(rec, state, args.poles, args.balance_poles, strict=True)


def missing_inputs(paths: Sequence[str]) -> list[str]:
    """The entries of ``paths`` that name nothing: no file, folder or device, and, for a glob,
    no match. Checked before an ingest starts, so a typo is not a run that 'read 0'."""
    import glob
    from pathlib import Path

    out = []
    for given in paths:
        try:
            expanded = str(Path(given).expanduser())
            # glob.glob, as the readers do: the pattern may hold wildcards in any folder level
            if given.strip() and (
                os.path.lexists(expanded)
                or (glob.has_magic(expanded) and glob.glob(expanded, recursive=True))  # noqa: PTH207
            ):
                continue
        except (OSError, ValueError):  # a NUL byte, a name too long for the system
            pass
        out.append(given)
    return out


def _interrupted(command: str, done: int, unit: str) -> str:
    return (
        f"nonaligned: interrupted after {done:,} {unit}; every committed batch is kept and "
        f"nothing half-written is; run the same `nonaligned {command}` again to resume"
    )


def _fmt(p: argparse.ArgumentParser, default: str = "table") -> None:
    """``--format``; its help names the --out extension rule only where the command has --out."""
    follows = (
        "; with --out and no --format, the file's extension decides: .csv, .json, .jsonl, "
        ".parquet, .txt for a table"
        if "--out" in p._option_string_actions
        else ""
    )
    p.add_argument(
        "--format",
        choices=FORMATS,
        default=DefaultFormat(default),
        help=f"output format (default {default}{follows}); e.g. --format json",
    )


def _rollcall_period(p: argparse.ArgumentParser) -> None:
    """``--since`` and ``--until`` for the commands that select roll calls."""
    p.add_argument(
        "--since",
        metavar="DATE",
        help="only roll calls on or after this date (YYYY[-MM[-DD]]), e.g. --since 2015",
    )
    p.add_argument(
        "--until",
        metavar="DATE",
        help="only roll calls on or before this date (YYYY[-MM[-DD]]), e.g. --until 2022-02-24",
    )


def _with_predecessor(p: argparse.ArgumentParser) -> None:
    """``--with-predecessor``: one wording for every command that reads a state's votes."""
    p.add_argument(
        "--with-predecessor",
        action="store_true",
        help="for a state whose code also covers a predecessor the UN did not treat as the "
        "same member (Serbia: Yugoslavia 1946-1992), add the predecessor's votes; by default "
        "only the state's own period (Serbia from 1992-04-27, the FRY; e.g. "
        "--with-predecessor)",
    )


MAX_MESSAGE = 600  # characters of an error message shown (it may quote a long argument)


def _one_line(text: str) -> str:
    """``text`` as one printable line of reasonable length (it may quote what the user typed)."""
    line = printable(text).strip()
    return line if len(line) <= MAX_MESSAGE else line[: MAX_MESSAGE - 1] + "…"


def _error(text: str) -> None:
    print(f"nonaligned: error: {_one_line(text)}", file=sys.stderr)


def check_output(value: str, option: str = "--out") -> None:
    """Refuse an output file that cannot be written, before any work starts.

    The check writes nothing: an existing file is opened for appending (which changes neither
    its content nor its date) and a new one is created and removed, so a read-only file or
    folder is caught whoever runs it (root passes ``os.access`` checks). Devices and pipes
    (``/dev/stdout``) are accepted as they are.
    """
    from pathlib import Path

    if not value.strip():
        raise NonalignedError(f"{option} needs a file name")
    target = Path(value).expanduser()
    try:
        if target.is_dir():
            raise NonalignedError(f"{option} {target}: it is a folder; name a file in it")
        folder = target.parent
        if not folder.is_dir():
            raise NonalignedError(f"{option} {target}: folder {folder} does not exist")
        if len(os.fsencode(target.name)) > 255:
            raise NonalignedError(
                f"{option}: the file name is too long ({len(target.name)} characters)"
            )
        existed = target.exists()
        if existed and not target.is_file():
            return  # a device or a pipe
        with target.open("a", encoding="utf-8"):
            pass
        if not existed:
            target.unlink(missing_ok=True)
    except OSError as exc:
        raise NonalignedError(
            f"{option} {target}: cannot be written ({exc.strerror or exc})"
        ) from exc
    except ValueError as exc:  # a NUL byte in the name
        raise NonalignedError(f"{option} {value!r}: not a usable file name ({exc})") from exc


_PATH_DESTS = ("db", "paths", "path", "out", "output", "input", "gold", "plover", "conflibert",
               "rollcalls", "source")  # fmt: skip


_INPUT_DESTS = ("gold", "plover", "conflibert", "rollcalls", "path", "input")


def _flag(dest: str) -> str:
    return "--" + dest.rstrip("_").replace("_", "-")


def check_args(args: argparse.Namespace) -> None:
    """Checks every command shares, run before the command: arguments are text (no NUL, no
    undecodable bytes outside file names), input files exist, the period is in order and the
    output file can be written."""
    from pathlib import Path

    from ..dates import parse_date

    for dest, value in vars(args).items():
        values = value if isinstance(value, list) else [value]
        for v in values:
            if not isinstance(v, str):
                continue
            if "\x00" in v:
                raise NonalignedError(f"{_flag(dest)} {v!r}: contains a NUL character")
            if dest not in _PATH_DESTS and any("\ud800" <= c <= "\udfff" for c in v):
                raise NonalignedError(
                    f"{_flag(dest)} {v!r}: not valid UTF-8 text (undecodable bytes)"
                )
    if getattr(args, "engine", None) == "spark" and not (
        getattr(args, "input", None) and getattr(args, "output", None)
    ):
        # say what is missing before checking the one that was given
        raise NonalignedError("--engine spark needs --input PATH and --output PATH")
    for dest in _INPUT_DESTS:
        value = getattr(args, dest, None)
        if not isinstance(value, str) or not value:
            continue  # '' is documented as "skip it" where a default is given
        try:
            exists = Path(value).expanduser().exists()
        except (OSError, ValueError):
            exists = False
        if not exists:
            what = "the folder" if dest == "path" else _flag(dest)
            raise NonalignedError(f"{what} {value!r}: no such file or folder")

    s_day = parse_date(getattr(args, "since", None), what="--since date")
    u_day = parse_date(getattr(args, "until", None), end=True, what="--until date")
    parse_date(getattr(args, "on", None), what="--on date")
    if s_day and u_day and s_day > u_day:
        raise NonalignedError(f"--since {s_day} is after --until {u_day}: the period is empty")
    out = getattr(args, "out", None)
    if out is not None:
        check_output(out)
    fmt = getattr(args, "format", None)
    if isinstance(fmt, DefaultFormat) and out:
        from ..output import format_for_out

        wanted = format_for_out(out)
        if wanted is not None and wanted in fmt.choices:
            args.format = wanted
