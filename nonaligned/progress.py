"""One progress display for the long-running commands (``ingest``, ``code``).

Why one helper: both commands stream work in batches and report each committed batch through a
``progress(n)`` callback; the display (count, rate, ETA) and the rule for when to show it should
not drift apart between them. The bar goes to standard error and only when standard error is a
terminal and ``--quiet`` was not given, so logs and pipes never fill with carriage-return
animation. The one-line summary (count, seconds, rate) always goes to standard output, because
it is the result a script or a log wants to keep.

The ETA needs a total. ``code`` knows it exactly (the number of pending documents); ``ingest``
only has a cheap up-front estimate (see :func:`nonaligned.engine.ingest.estimate_inputs`), and without
one the bar shows count and rate but no ETA rather than a made-up one.
"""

from __future__ import annotations

import os
import sys
import time
from types import TracebackType
from typing import Any

__all__ = ["ProgressReport", "show_progress"]


def show_progress(quiet: bool) -> bool:
    """A bar only for a person watching: stderr is a terminal, not ``--quiet``, not CI."""
    return not quiet and sys.stderr.isatty() and os.environ.get("CI", "") == ""


class ProgressReport:
    """Counts units as batches complete; draws a rich bar when ``show``; summarises at the end.

    Use as a context manager and pass :meth:`advance` as the ``progress`` callback::

        with ProgressReport("coding", "documents", total=n, show=show_progress(quiet)) as p:
            code_store(store, progress=p.advance)
        print(p.summary())
    """

    def __init__(self, label: str, unit: str, *, total: int | None, show: bool) -> None:
        self.label = label
        self.unit = unit
        self.total = total
        self.show = show
        self.done = 0
        self._t0 = time.perf_counter()
        self._t1: float | None = None
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> ProgressReport:
        self._t0 = time.perf_counter()
        if self.show:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            columns: list[Any] = [SpinnerColumn(), TextColumn(self.label)]
            if self.total is not None:
                columns.append(BarColumn())
            columns += [
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
            ]
            if self.total is not None:
                columns += [TextColumn("ETA"), TimeRemainingColumn()]
            self._bar = Progress(*columns, console=Console(stderr=True), transient=True)
            self._bar.__enter__()
            self._task = self._bar.add_task(self.label, total=self.total, rate="")
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._t1 = time.perf_counter()
        if self._bar is not None:
            self._bar.__exit__(exc_type, exc, tb)
            self._bar = None

    @property
    def seconds(self) -> float:
        end = self._t1 if self._t1 is not None else time.perf_counter()
        return end - self._t0

    @property
    def rate(self) -> float:
        """Units per second since the start (the whole run, so one slow batch does not swing
        it the way a windowed rate would)."""
        return self.done / max(self.seconds, 1e-9)

    def advance(self, n: int) -> None:
        """The ``progress`` callback: ``n`` more units are committed."""
        self.done += n
        if self._bar is not None:
            self._bar.update(self._task, advance=n, rate=f"{self.rate:,.1f} {self.unit}/s")

    def summary(self) -> str:
        """``coding: 200 documents in 12.3 s (16.3 documents/s)``."""
        return (
            f"{self.label}: {self.done:,} {self.unit} in {self.seconds:,.1f} s "
            f"({self.rate:,.1f} {self.unit}/s)"
        )
