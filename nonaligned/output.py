"""Rendering DataFrames for people (a rich table) and for programs (JSON, JSON Lines, CSV).

Machine formats carry every column with ISO dates and nulls as null; the table view is for reading:
short columns are shown whole, long text wraps at word boundaries to fit the terminal, a table
whose columns cannot fit without splitting words becomes a record view (one field per line), and
a cell longer than ``TABLE_CELL_MAX`` characters is shortened.
"""

from __future__ import annotations

import io
import json
import math
import re
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

import pandas as pd
from rich.console import Console, Group
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

FORMATS = ("table", "json", "jsonl", "csv", "parquet")
# The format an --out file's extension asks for when --format is not given.
EXTENSION_FORMATS = {
    ".csv": "csv",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".txt": "table",
}


class DefaultFormat(str):
    """The --format a command falls back to: a ``str`` that remembers it was not given, so that
    :func:`check_args` can follow the --out file's extension instead (``--out x.csv`` writes CSV
    unless --format says otherwise)."""

    choices: tuple[str, ...] = FORMATS

    def __new__(cls, value: str, choices: Sequence[str] = FORMATS) -> DefaultFormat:
        made = super().__new__(cls, value)
        made.choices = tuple(choices)
        return made


def format_for_out(out: str | Path | None) -> str | None:
    """The format named by ``out``'s extension (``x.csv`` -> csv), or None for another one."""
    if not out:
        return None
    return EXTENSION_FORMATS.get(Path(str(out)).suffix.lower())


def _plain(value: Any) -> Any:
    """A JSON-safe scalar: ISO dates, None for NA/NaN, Python numbers."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, datetime):  # includes pandas Timestamps
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalar
        return _plain(value.item())
    return value


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): _plain(v) for k, v in row.items()} for row in df.to_dict(orient="records")]


# Line breaks and tabs (with the spaces around them) become one space; every other control
# character goes: C0 and DEL, C1 (which includes the 8-bit CSI), and the bidirectional overrides
# and isolates that can make a terminal show text in an order other than the bytes'.
_BREAKS = re.compile(r"\s*[\t\n\v\f\r\x85\u2028\u2029]+\s*")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")  # undecodable bytes of a file name or argument


def printable(text: str) -> str:
    """``text`` safe to show on a terminal: no escape sequences, no control characters.

    Why: titles, names and sentences come from ingested pages, and an ESC in one could move
    the cursor, retitle the window or hide what follows. An escape sequence loses its ESC and
    so shows as inert text (``[31m``); line breaks and tabs read as one space; a lone surrogate
    (an undecodable byte of a file name) shows as U+FFFD, which any terminal can print.
    """
    return _SURROGATES.sub("\ufffd", _CONTROLS.sub("", _BREAKS.sub(" ", text)))


# OWASP's list: a cell starting with one of these is a formula to a spreadsheet
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def csv_safe_text(value: Any) -> Any:
    """A text cell a spreadsheet will not run: one starting with = + - @ tab or CR gets a
    leading apostrophe (OWASP's advice); numbers, and text that is a plain number, pass."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_safe(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with :func:`csv_safe_text` applied to its text (object and string) columns."""
    cols = [c for c in df.columns if df[c].dtype == object or pd.api.types.is_string_dtype(df[c])]
    if not cols:
        return df
    out = df.copy()
    for c in cols:
        out[c] = out[c].map(csv_safe_text)
    return out


TABLE_CELL_MAX = 400
"""Characters of one cell shown on a terminal (a page's sentence fits; a whole body does not)."""
_SHORT = 14  # a column whose longest cell is this wide or less is never wrapped
_PROSE = 40  # a column with a cell longer than this holds prose
_TEXT_MIN = 16  # prose narrower than this makes the record view
_WORD_MAX = 24  # a longer "word" (a URL, a hash) may be folded; shorter ones never split
_FRAME = 3  # per column: a space of padding each side and one border


def _cell(value: Any, width: int = TABLE_CELL_MAX) -> Text:
    v = _plain(value)
    if v is None:
        return Text("—")
    if isinstance(v, float):
        return Text(f"{v:.3f}")
    text = printable(str(v))
    # a Text, not a str: rich would read "[bold]" or "[link=...]" in a title as markup
    return Text(text if len(text) <= width else text[: width - 1] + "…")


def _longest_word(texts: list[Text]) -> int:
    return max((len(w) for t in texts for w in t.plain.split()), default=1)


def _layout(df: pd.DataFrame, cells: list[list[Text]]) -> list[dict[str, Any]]:
    """Per column: never wrap a short column (codes, numbers, dates, 'CIS Charter'), and let a
    long text column wrap at spaces but never narrower than its longest word."""
    specs = []
    for i, col in enumerate(df.columns):
        header = Text(printable(str(col)))
        column = [row[i] for row in cells]
        longest = max((len(t.plain) for t in column), default=1)
        natural = max(longest, len(header.plain))
        if longest <= _SHORT or pd.api.types.is_numeric_dtype(df[col]):
            width = max(longest, _longest_word([header]))
            specs.append({"header": header, "no_wrap": True, "min": width, "max": natural})
        else:
            # never narrower than its longest word, and prose (a sentence, a treaty's name) not
            # narrower than _TEXT_MIN: ten characters a line is not readable; the record view is
            word = min(_longest_word([*column, header]), _WORD_MAX)
            # a short cell ("ATOP 5.1", "CIS Charter") is not broken over lines either
            word = max([word, *(len(t.plain) for t in column if len(t.plain) <= _SHORT)])
            if natural > _PROSE:
                word = max(word, _TEXT_MIN)
            specs.append({"header": header, "no_wrap": False, "min": word, "max": natural})
    return specs


def _widths(specs: list[dict[str, Any]], width: int) -> list[int] | None:
    """Column widths that fit ``width``: every column at least its minimum (a short column
    whole, a text column its longest word), the room left shared among the columns in
    proportion to what more they could use. None when even the minimums do not fit."""
    room = width - 1 - _FRAME * len(specs)
    widths = [int(s["min"]) for s in specs]
    if sum(widths) > room:
        return None
    wants = [max(int(s["max"]) - w, 0) for s, w in zip(specs, widths, strict=True)]
    spare = room - sum(widths)
    if sum(wants) <= spare:
        return [w + extra for w, extra in zip(widths, wants, strict=True)]
    total = sum(wants)
    given = [spare * want // total for want in wants]
    for i in sorted(range(len(wants)), key=lambda i: -wants[i])[: spare - sum(given)]:
        given[i] += 1
    return [w + g for w, g in zip(widths, given, strict=True)]


def table(
    df: pd.DataFrame,
    title: str | None = None,
    max_rows: int | None = None,
    *,
    width: int | None = None,
) -> Table:
    """``df`` as a rich table: short columns whole, long text wrapped at word boundaries to fit
    ``width`` (when given; the column widths are then set here, not by rich's shrinking)."""
    shown = df if max_rows is None else df.head(max_rows)
    cells = [[_cell(v) for v in row] for row in shown.itertuples(index=False)]
    specs = _layout(shown, cells)
    widths = _widths(specs, width) if width is not None else None
    t = Table(
        title=Text(printable(title)) if title is not None else None,
        title_justify="left",
        show_lines=False,
        header_style="bold",
    )
    for i, spec in enumerate(specs):
        t.add_column(
            spec["header"],
            no_wrap=spec["no_wrap"],
            min_width=spec["min"],
            width=widths[i] if widths else None,
            overflow="fold",
        )
    for row in cells:
        t.add_row(*row)
    if max_rows is not None and len(df) > max_rows:
        t.caption = f"{len(df) - max_rows} more rows not shown (use --format csv for all)"
    return t


def records_view(df: pd.DataFrame, title: str | None = None, max_rows: int | None = None) -> Group:
    """``df`` one field per line, a record after another: for tables too wide for the terminal."""
    shown = df if max_rows is None else df.head(max_rows)
    parts: list[Any] = []
    if title is not None:
        parts.append(Text(printable(title), style="italic"))
    names = [Text(printable(str(c)), style="bold") for c in df.columns]
    for n, row in enumerate(shown.itertuples(index=False), start=1):
        parts.append(Rule(Text(f"{n} of {len(df)}"), align="left", characters="─"))
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for name, value in zip(names, row, strict=True):
            grid.add_row(name, _cell(value))
        parts.append(grid)
    if max_rows is not None and len(df) > max_rows:
        parts.append(Text(f"{len(df) - max_rows} more rows not shown (use --format csv for all)"))
    return Group(*parts)


def render(
    df: pd.DataFrame, title: str | None = None, max_rows: int | None = None, *, width: int = 120
) -> Table | Group:
    """The table when its columns fit ``width`` without splitting a word, else the record view."""
    shown = df if max_rows is None else df.head(max_rows)
    cells = [[_cell(v) for v in row] for row in shown.itertuples(index=False)]
    if len(df.columns) > 1 and _widths(_layout(shown, cells), width) is None:
        return records_view(df, title, max_rows)
    return table(df, title, max_rows, width=width)


def console(file: TextIO | None = None) -> Console:
    """A console for tables; when output is not a terminal (a pipe, a file, CI), 120 columns
    rather than rich's 80, so that tables stay readable in logs."""
    target = file or sys.stdout
    width = None if target.isatty() else 120
    return Console(file=target, soft_wrap=False, width=width)


def emit(
    df: pd.DataFrame,
    fmt: str = "table",
    *,
    title: str | None = None,
    out: str | Path | None = None,
    max_rows: int | None = 200,
) -> None:
    """Write ``df`` in ``fmt`` to ``out`` (a file path) or to standard output."""
    if fmt == "table":
        if out:
            buf = io.StringIO()
            Console(file=buf, width=200).print(render(df, title, None, width=200))
            Path(out).write_text(buf.getvalue(), encoding="utf-8")
        else:
            con = console()
            con.print(render(df, title, max_rows, width=con.width))
        return
    if fmt == "parquet":
        if not out:
            from .errors import NonalignedError

            raise NonalignedError("--format parquet is written to a file: give --out FILE.parquet")
        df.to_parquet(out, index=False)
        return
    if fmt == "json":
        text = json.dumps(records(df), ensure_ascii=False, indent=1) + "\n"
    elif fmt == "jsonl":
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records(df))
    elif fmt == "csv":
        text = csv_safe(df).to_csv(index=False, date_format="%Y-%m-%d")
    else:
        raise ValueError(f"unknown format {fmt!r}")
    if out:
        Path(out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
