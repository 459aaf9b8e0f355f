"""Rendering DataFrames for people (a rich table) and for programs (JSON, JSON Lines, CSV).

Machine formats carry every column with ISO dates and nulls as null; the table view is for reading
and may shorten long text.
"""

from __future__ import annotations

import io
import json
import math
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

import pandas as pd
from rich.console import Console
from rich.table import Table

FORMATS = ("table", "json", "jsonl", "csv")


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


def _cell(value: Any, width: int = 60) -> str:
    v = _plain(value)
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:.3f}"
    text = str(v)
    return text if len(text) <= width else text[: width - 1] + "…"


def table(df: pd.DataFrame, title: str | None = None, max_rows: int | None = None) -> Table:
    t = Table(title=title, title_justify="left", show_lines=False, header_style="bold")
    for col in df.columns:
        t.add_column(str(col), overflow="fold")
    shown = df if max_rows is None else df.head(max_rows)
    for row in shown.itertuples(index=False):
        t.add_row(*(_cell(v) for v in row))
    if max_rows is not None and len(df) > max_rows:
        t.caption = f"{len(df) - max_rows} more rows not shown (use --format csv for all)"
    return t


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
            Console(file=buf, width=200).print(table(df, title, max_rows=None))
            Path(out).write_text(buf.getvalue(), encoding="utf-8")
        else:
            console().print(table(df, title, max_rows))
        return
    if fmt == "json":
        text = json.dumps(records(df), ensure_ascii=False, indent=1) + "\n"
    elif fmt == "jsonl":
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records(df))
    elif fmt == "csv":
        text = df.to_csv(index=False, date_format="%Y-%m-%d")
    else:
        raise ValueError(f"unknown format {fmt!r}")
    if out:
        Path(out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
