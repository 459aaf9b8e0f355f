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

Workers start with the models loaded, and are replaced before they grow (:class:`WorkerPool`):

* they are forked from a *fork server* (``multiprocessing``'s ``forkserver``): one process,
  started when the pool first needs a worker, that loads spaCy, the actor dictionary and the
  coder once and then only forks. Every worker inherits the models ready and shares their
  pages with the server (copy-on-write; the weights are read, never written). The command's
  own process never loads them, and never forks while DuckDB's threads run;
* a worker process runs at most :data:`RECYCLE_AFTER` batches, then the pool starts fresh
  workers from the server and lets the old ones finish what they hold and exit. What a worker
  accumulates while it works (spaCy's string store and vocabulary grow with every new word;
  the allocator keeps freed arenas) is returned to the system with the process, so memory
  does not follow the size of the corpus (issue 17: peak memory flat from 1k to 100k pages).
  The standard library's ``max_tasks_per_child`` does the same but can hang on Python
  3.11-3.13 (CPython issue 115634), so the replacement is done here, between batches.

Where there is no fork server (Windows), workers are spawned and each loads its models.

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
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import Any, ParamSpec, TypeVar

T = TypeVar("T")
P = ParamSpec("P")

BATCHES_PER_WORKER = 4  # batches each worker gets of a corpus of known size
FIRST_BATCH = 2  # the first size when the corpus size is unknown
# batches one worker process runs before it is replaced: at the cap of 64 pages a batch, about
# 2,000 pages (4-5 minutes of work), against well under a second to fork a warm replacement
RECYCLE_AFTER = 32
WARM_ENV = "NONALIGNED_WARM"  # what the fork server loads: "annotate", "code" or both


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


def worker_pool(
    workers: int,
    *,
    annotate: bool = True,
    code: bool = False,
    recycle_after: int = RECYCLE_AFTER,
) -> WorkerPool:
    """A pool of ``workers`` processes with what their batches need loaded (``annotate``: spaCy
    and the actor dictionary; ``code``: the event coder and its model), replaced every
    ``recycle_after`` batches, that exit when the process that started them dies."""
    return WorkerPool(workers, annotate=annotate, code=code, recycle_after=recycle_after)


class WorkerPool(Executor):
    """A process pool whose worker processes are forked warm and replaced every
    ``recycle_after`` batches each (see the module docstring)."""

    def __init__(
        self, workers: int, *, annotate: bool, code: bool, recycle_after: int = RECYCLE_AFTER
    ) -> None:
        self.workers = max(1, workers)
        self.annotate, self.code = annotate, code
        self.recycle_after = max(1, recycle_after)
        self.generations = 0  # how many sets of worker processes have been started
        self._context = _warm_context(annotate=annotate, code=code)
        self._retired: list[ProcessPoolExecutor] = []
        self._submitted = 0
        self._executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        self.generations += 1
        self._submitted = 0
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=self._context,
            initializer=_worker_init,
            initargs=(self.annotate, self.code),
        )

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        if self._submitted >= self.workers * self.recycle_after:
            # The old processes finish the batches they hold (their futures complete as
            # usual), then exit; the next batches go to fresh processes.
            old, self._executor = self._executor, self._start()
            old.shutdown(wait=False)
            self._retired.append(old)
        self._submitted += 1
        return self._executor.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        for executor in [*self._retired, self._executor]:
            executor.shutdown(wait=wait, cancel_futures=cancel_futures)
        self._retired = []


def _warm_context(*, annotate: bool, code: bool) -> Any:
    """The multiprocessing context the pool's processes come from: the fork server, which
    imports :mod:`nonaligned.engine.warm_server` (loading the models) before it forks anything;
    or, where there is none, ``spawn``.

    The fork server is one per process and lives until the process exits: what it loads is
    decided by the first pool (``WARM_ENV``, read by the server as it starts); a later pool
    that needs more has its workers load the rest as they start (:func:`_worker_init`)."""
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    wanted = [name for name, on in (("annotate", annotate), ("code", code)) if on]
    os.environ[WARM_ENV] = ",".join(wanted)
    ctx.set_forkserver_preload(["nonaligned.engine.warm_server"])
    try:  # start the server now: it loads the models while this process opens the store, reads
        from multiprocessing import forkserver

        forkserver.ensure_running()
    except (OSError, ValueError):
        pass  # started by the first worker instead
    return ctx


def _worker_init(annotate: bool = False, code: bool = False) -> None:
    """Make a pool worker exit when the command's process dies, even by ``kill -9`` (the
    pool's own shutdown never runs then, and the workers would live on holding their memory);
    then load what the fork server did not, so the first batch does not wait for it.

    A worker's parent is the fork server, which stays alive as long as any process it forked
    does: so the worker watches the process that asked for it (``parent_process()``, whose
    sentinel becomes readable when that process is gone) and exits then. On Linux the kernel
    also sends it SIGKILL if the fork server dies first (``PR_SET_PDEATHSIG``)."""
    import multiprocessing
    import multiprocessing.connection

    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            pr_set_pdeathsig = 1
            libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    owner = multiprocessing.parent_process()
    if owner is not None:

        def watch() -> None:
            multiprocessing.connection.wait([owner.sentinel])
            os._exit(1)

    else:  # not started by multiprocessing: fall back to the parent's pid
        parent = os.getppid()

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(1.0)
            os._exit(1)

    # (a process already gone wakes the watch at once)
    threading.Thread(target=watch, name="nonaligned-parent-watch", daemon=True).start()
    warm(annotate=annotate, code=code)


def warm(*, annotate: bool, code: bool) -> None:
    """Load the per-process models now. A missing model is not an error here: the batch that
    needs it reports it as it would without warming. (The fork server also runs a short text
    through each stage: :mod:`nonaligned.engine.warm_server`.)"""
    try:
        if annotate or code:
            from ..text.actors import default_recognizer

            default_recognizer()
        if code:
            from ..text.events import code_batch

            code_batch([])  # loads the coder's pipeline, dictionaries and model
    except Exception:  # reported by the first batch that needs the model, naming its file
        pass


__all__ = [
    "BATCHES_PER_WORKER",
    "RECYCLE_AFTER",
    "WorkerPool",
    "batch_sizes",
    "batched",
    "chunked",
    "warm",
    "worker_pool",
]
