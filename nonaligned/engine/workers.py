"""The process pool of the local engine: batch sizes that keep every worker busy, workers that
load their models once when they start and die with their parent.

Why a module of its own: ``ingest`` and ``code`` both fan batches out to worker processes, and
``ingest --code`` runs one after the other; one pool for both means each worker loads spaCy,
the actor dictionary and the event coder once (about 2 s each), not once per step.

Batch sizes (issue 17). A fixed 64-page batch put a 48-page corpus in one batch, so a second
worker had nothing to do (2 workers ran at 0.86x one). Here, with ``workers`` > 1:

* when the number of inputs is known (the CLI estimates it), every batch holds
  ``total / (workers * BATCHES_PER_WORKER)`` inputs, at least 1 and at most the cap: each worker
  gets several batches and the last ones finish close together;
* when it is not known, sizes grow 2, 4, 8, ... up to the cap: a small corpus is spread over
  the workers, a large one soon runs at full batch size.

Workers start with the models loaded: forked from a process that loaded them once
(:func:`worker_pool`).

With one worker the cap is used as given (no pool, nothing to balance).
"""

from __future__ import annotations

import itertools
import math
import os
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")

BATCHES_PER_WORKER = 4  # batches each worker gets of a corpus of known size
FIRST_BATCH = 2  # the first size when the corpus size is unknown


def batch_sizes(total: int | None, workers: int, cap: int) -> Iterator[int]:
    """The size of each successive batch (an endless iterator); see the module docstring."""
    cap = max(1, cap)
    if workers <= 1:
        while True:
            yield cap
    if total is not None and total > 0:
        size = max(1, min(cap, math.ceil(total / (workers * BATCHES_PER_WORKER))))
        while True:
            yield size
    size = min(cap, FIRST_BATCH)
    while True:
        yield size
        size = min(cap, size * 2)


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last may be shorter)."""
    return batched(items, itertools.repeat(max(1, size)))


def batched(items: Iterable[T], sizes: Iterator[int]) -> Iterator[list[T]]:
    """``items`` cut into lists of the successive ``sizes``."""
    want = next(sizes)
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= want:
            yield batch
            batch = []
            want = next(sizes)
    if batch:
        yield batch


def worker_pool(workers: int, *, annotate: bool = True, code: bool = False) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes with what their batches need loaded (``annotate``: spaCy
    and the actor dictionary; ``code``: the event coder and its model), that exit when the
    process that started them dies.

    Where processes are forked (Linux), the models are loaded here, once, before the pool
    starts: every worker inherits them ready (copy-on-write: the weights are read, never
    written, so the pages stay shared), instead of each spending seconds loading its own —
    which is what made two workers slower than one on a small corpus. Elsewhere each worker
    loads them as it starts."""
    import gc
    import multiprocessing

    if multiprocessing.get_start_method(allow_none=False) == "fork":
        warm(annotate=annotate, code=code)
        # Everything loaded so far lives as long as the process: move it out of the cyclic
        # collector's reach, so that a forked worker's collections do not walk (and, by
        # updating object headers, copy) the inherited heap page by page.
        gc.collect()
        gc.freeze()
    return ProcessPoolExecutor(
        max_workers=workers, initializer=_worker_init, initargs=(os.getpid(), annotate, code)
    )


def _worker_init(parent: int, annotate: bool = False, code: bool = False) -> None:
    """Make a pool worker exit when the process that started it dies, even by ``kill -9`` (the
    pool's own shutdown never runs then, and the workers would live on holding their memory);
    then load the models, so the first batch does not wait for them.

    On Linux the kernel sends the worker SIGKILL when its parent dies (``PR_SET_PDEATHSIG``);
    elsewhere a daemon thread polls the parent's pid every second."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            pr_set_pdeathsig = 1
            libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the line above ran
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="nonaligned-parent-watch", daemon=True).start()
    warm(annotate=annotate, code=code)


def warm(*, annotate: bool, code: bool) -> None:
    """Load the per-process models now. A missing model is not an error here: the batch that
    needs it reports it as it would without warming."""
    try:
        if annotate or code:
            from ..text.actors import default_recognizer

            default_recognizer()
        if code:
            from ..text.events import code_batch

            code_batch([])  # loads the coder's pipeline, dictionaries and model
    except Exception:  # reported by the first batch that needs the model, naming its file
        pass


__all__ = ["BATCHES_PER_WORKER", "batch_sizes", "batched", "chunked", "warm", "worker_pool"]
